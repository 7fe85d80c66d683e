"""Scanning the library with its index: list what the index knows at once, then walk the folders
and read only the files that changed or appeared, and say which vanished.

A plain generator of steps, with no UI: the reader's scan job batches them into messages.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from tolk.library.articles import ArticleSummary, read_summaries
from tolk.library.dates import ArticleDate, Precision
from tolk.library.files import find_article_entries
from tolk.library.index import IndexedFile, LibraryIndex, Stamp, file_key
from translation.damaged_database import failure_line, is_damage

__all__ = ["Checked", "Found", "FoundMany", "Gone", "Listed", "ListingDone", "scan_with_index"]

# Files read between two index writes (one transaction each): what a reader killed mid-scan
# loses at most.
_RECORD_EVERY = 500
# Files whose heads are asked of the disk at once (`read_heads`): on a cold disk the reads of
# a batch overlap.
_READ_TOGETHER = 128
_key_of = attrgetter("key")
# Files read in the walk's own thread as it goes (the first screenfuls and more); the rest
# wait for the walk's end, then worker processes read them if they are at least _POOL_FILES.
_READ_HERE = 1_000
_POOL_FILES = 1_000
# How often the walk reports how far it has got, in files looked at.
_CHECKED_EVERY = 100

# The steps are named tuples: they are made at import on the way to the first title, where
# six frozen dataclasses cost 4-5 ms (a named tuple a fifth of that).


class Listed(NamedTuple):
    """Articles as the index knows them (listed before anything is read), a chunk at a time."""

    files: list[IndexedFile]


class ListingDone(NamedTuple):
    """Everything the index knows has been listed; the walk begins."""


class Found(NamedTuple):
    """An article read from its file: new, changed since it was indexed, or an error row."""

    summary: ArticleSummary


class FoundMany(NamedTuple):
    """Articles read from their files (new or changed) by worker processes, named by text as
    listed ones are (a first scan of a big library: no `Path` or summary made for them)."""

    files: list[IndexedFile]


class Checked(NamedTuple):
    """The walk has looked at `files` files so far."""

    files: int


class Gone(NamedTuple):
    """Listed articles whose files no longer exist (named as they were listed)."""

    paths: tuple[Path, ...]


ScanStep = Listed | ListingDone | Found | FoundMany | Checked | Gone


def scan_with_index(
    roots: Sequence[Path],
    index: LibraryIndex | None,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    warn: Callable[[str], None] = lambda _text: None,
) -> Iterator[ScanStep]:
    """The library under `roots`, as steps. Without an index every file is read (`Found`).

    The index is brought up to date as the walk goes (rows of read files in batches; vanished
    files once the walk is complete, never after a cancelled one). If the index turns out to
    be damaged it is moved aside and rebuilt (`warn` says so), and nothing listed from it is
    trusted: every file is read again. If it cannot be written, scanning goes on without it.
    """
    listed: dict[bytes, IndexedFile] = {}
    trusted = listed
    if index is not None:
        try:
            for chunk in index.listed(roots):
                listed.update(zip(map(_key_of, chunk), chunk, strict=True))
                yield Listed(chunk)
                if cancelled():
                    return
        except sqlite3.DatabaseError as error:
            # Rows listed so far stay listed until the walk has replaced them or found them
            # gone, but none of them is taken as up to date.
            trusted = {}
            if not is_damage(error):  # locked, unreadable disk: the file stays as it is
                warn(
                    failure_line(
                        f"The library index {index.path} cannot be read", error, index.path
                    )
                )
                index = None
            else:
                try:
                    warn(index.start_over(error))
                except (OSError, sqlite3.Error) as failure:
                    warn(f"The library index {index.path} is damaged ({error}): {failure}")
                    index = None
    yield ListingDone()
    yield from _walk(roots, index, listed, trusted, cancelled)


def _walk(
    roots: Sequence[Path],
    index: LibraryIndex | None,
    listed: dict[bytes, IndexedFile],
    trusted: dict[bytes, IndexedFile],
    cancelled: Callable[[], bool],
) -> Iterator[ScanStep]:
    errors: list[ArticleSummary] = []
    seen: set[bytes] = set()
    pending: list[tuple[bytes, Stamp, ArticleSummary | IndexedFile]] = []
    to_read: list[tuple[Path, bytes, Stamp]] = []
    # Past the first _READ_HERE files read, the rest are left for after the walk, when worker
    # processes read them if there are enough (a first scan of a big library).
    later: list[tuple[str, str, bytes, Stamp]] = []
    read_here = 0
    looked_at = 0

    def read_all() -> Iterator[ScanStep]:
        nonlocal index, read_here
        read_here += len(to_read)
        summaries = read_summaries([(path, stamp[0]) for path, _key, stamp in to_read])
        for (_path, key, stamp), summary in zip(to_read, summaries, strict=True):
            pending.append((key, stamp, summary))
            yield Found(summary)
        to_read.clear()
        if len(pending) >= _RECORD_EVERY:
            index = _record(index, pending)

    for text, info in find_article_entries(roots, on_error=errors.append):
        for row in errors:
            seen.add(file_key(row.path))
            yield Found(row)
        errors.clear()
        if cancelled():
            yield from read_all()
            index = _record(index, pending)
            return
        looked_at += 1
        if looked_at % _CHECKED_EVERY == 0:
            yield Checked(looked_at)
        absolute = os.path.abspath(text)
        key = os.fsencode(absolute)  # file_key, from the text
        seen.add(key)
        stamp = (info.st_size, info.st_mtime_ns)
        known = trusted.get(key)
        if known is not None and known.stamp == stamp:
            continue
        if read_here >= _READ_HERE:
            later.append((text, absolute, key, stamp))
            continue
        to_read.append((Path(text), key, stamp))
        # The first file alone, so the first title shows at once; then in batches.
        if len(to_read) >= (_READ_TOGETHER if looked_at > 1 else 1):
            yield from read_all()
    yield from read_all()
    for row in errors:
        seen.add(file_key(row.path))
        yield Found(row)
    index = _record(index, pending)
    for found in _read_later(later, cancelled):
        pending.extend((file.key, file.stamp, file) for file in found)
        yield FoundMany(found)
        if len(pending) >= _RECORD_EVERY:
            index = _record(index, pending)
    index = _record(index, pending)
    if cancelled():
        return
    yield Checked(looked_at)
    vanished = [known for key, known in listed.items() if key not in seen]
    if vanished:
        yield Gone(tuple(Path(known.path) for known in vanished))
    if index is not None:
        with contextlib.suppress(sqlite3.Error):  # the next scan finds them gone again
            index.forget(known.key for known in vanished)


def _read_later(
    later: list[tuple[str, str, bytes, Stamp]], cancelled: Callable[[], bool]
) -> Iterator[list[IndexedFile]]:
    """The files left for after the walk, read in batches: by worker processes, one per core,
    where there are enough of them and more than one core (the parsing is Python: in this
    process it would take turns with the reader's own thread), else here."""
    if not later:
        return
    from tolk.workers import parsed_batches, usable_cores

    cores = usable_cores()
    processes = cores if cores > 1 and len(later) >= _POOL_FILES else 0
    batches = [
        later[start : start + _READ_TOGETHER] for start in range(0, len(later), _READ_TOGETHER)
    ]
    asked = [[(text, stamp[0]) for text, _absolute, _key, stamp in batch] for batch in batches]
    dates: dict[tuple[int, int, int, int], ArticleDate] = {}
    answers = parsed_batches(asked, processes, "library")
    try:
        for batch, (answer, _in_worker) in zip(batches, answers, strict=False):
            yield [
                IndexedFile(key, stamp, text, title, _date(parts, dates), error, absolute)
                for (text, absolute, key, stamp), (title, parts, error) in zip(
                    batch, answer, strict=True
                )
            ]
            if cancelled():
                return
    finally:
        answers.close()  # stops the workers


def _date(
    parts: tuple[int, int, int, int] | None, dates: dict[tuple[int, int, int, int], ArticleDate]
) -> ArticleDate | None:
    if parts is None:
        return None
    date = dates.get(parts)
    if date is None:
        year, month, day, precision = parts
        date = dates[parts] = ArticleDate(year, month, day, Precision(precision))
    return date


def _record(
    index: LibraryIndex | None,
    pending: list[tuple[bytes, Stamp, ArticleSummary | IndexedFile]],
) -> LibraryIndex | None:
    """Write `pending` to the index (and empty it); None from now on if the index cannot be
    written (a full disk, a locked or damaged file): the scan goes on without it."""
    if index is not None and pending:
        try:
            index.record(pending)
        except sqlite3.Error:
            index = None
    pending.clear()
    return index
