"""Reading the first bytes of files: one read each, and many files asked of the disk at once;
and reading a whole file, refusing one that is not a regular file (a named pipe would wait for a
writer for ever).

A library scan reads the head of every new file. In the page cache a head costs three system
calls (open, read, close); on a cold disk it waits for the disk, file after file. Rather than
threads (which on a few cores spent more time handing the GIL around than reading), the disk is
told about a whole batch first (`posix_fadvise(WILLNEED)` starts the reads in the background
and returns at once), then the heads are read in order, by then mostly in memory.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path

__all__ = ["Head", "NotRegularFileError", "read_head", "read_heads", "read_whole", "special_file"]

# (the bytes, whether they are the whole file)
Head = tuple[bytes, bool]

# O_NONBLOCK: a named pipe with an article's name opens (and reads as empty) instead of
# hanging the scan until something writes to it; regular files ignore the flag.
_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
_WILLNEED = getattr(os, "POSIX_FADV_WILLNEED", None)


class NotRegularFileError(OSError):
    """A path names a named pipe, a device or a socket where a file of text was expected."""


def special_file(mode: int) -> str | None:
    """What a file of `st_mode` `mode` is when it is not a regular file or a folder ("a named
    pipe"); None for a regular file or a folder."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return None


def not_regular(kind: str) -> NotRegularFileError:
    """The error for a file that is `kind` (from `special_file`), for the user."""
    return NotRegularFileError(f"{kind}, not a regular file")


def read_whole(path: Path) -> bytes:
    """All the bytes of the file at `path`. Raises OSError, NotRegularFileError for a named
    pipe, a device or a socket: it is opened without waiting (O_NONBLOCK) and never read."""
    fd = os.open(path, _FLAGS)
    with os.fdopen(fd, "rb") as file:
        kind = special_file(os.fstat(fd).st_mode)
        if kind is not None:
            raise not_regular(kind)
        return file.read()


def read_head(path: Path, limit: int, size: int | None = None) -> Head:
    """The first `limit` bytes of the file at `path`; `size` is what a `stat` said its size
    was, if known (it saves a read that would only find the end). Raises OSError."""
    fd = os.open(path, _FLAGS)
    try:
        return _read_open(fd, limit, size)
    finally:
        os.close(fd)


def read_heads(files: Sequence[tuple[Path, int | None]], limit: int) -> list[Head | OSError]:
    """The head of each of `files` (path, size from `stat` or None), in order; a file that
    cannot be opened or read gives its OSError instead."""
    opened: list[int | OSError] = []
    try:
        for path, _size in files:
            try:
                fd = os.open(path, _FLAGS)
            except OSError as error:
                opened.append(error)
                continue
            opened.append(fd)
            if _WILLNEED is not None:
                with contextlib.suppress(OSError):  # only advice: reading works without it
                    os.posix_fadvise(fd, 0, limit + 1, _WILLNEED)
        heads: list[Head | OSError] = []
        for (_path, size), handle in zip(files, opened, strict=True):
            if isinstance(handle, OSError):
                heads.append(handle)
                continue
            try:
                heads.append(_read_open(handle, limit, size))
            except OSError as error:
                heads.append(error)
        return heads
    finally:
        for handle in opened:
            if isinstance(handle, int):
                os.close(handle)


def _read_open(fd: int, limit: int, size: int | None) -> Head:
    # One byte more than the head tells a whole file from a longer one without another read.
    want = limit + 1
    data = os.read(fd, want)
    # A regular file gives fewer bytes than asked only at its end, except on some network
    # file systems: read on while the file should have more (or its size is not known).
    while len(data) < want and (size is None or len(data) < size):
        more = os.read(fd, want - len(data))
        if not more:
            break
        data += more
    return data[:limit], len(data) <= limit
