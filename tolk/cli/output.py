"""A command's output on stdout, and what happens when its reader stops reading early
(`tolk translate … | head`): the command ends quietly, as `cat` or `grep` do, with the status a
shell reports for a command ended by SIGPIPE.

Python ignores SIGPIPE, so a write to a pipe nobody reads raises BrokenPipeError (a traceback,
unless caught), or, for one write larger than the pipe holds, comes back short without any
error: CPython's buffered writer reports the partial count and the text layer drops it, so the
rest of the output would be lost with the command's normal exit status. `write_output` writes in
pieces through the buffer so that a closed pipe always raises, and `tolk.cli.main` turns that
into `OUTPUT_CLOSED`.
"""

from __future__ import annotations

import io
import os
import sys

__all__ = ["OUTPUT_CLOSED", "output_closed", "silence_output", "write_output"]

# 128 + SIGPIPE (13): what a shell reports for `cat` or `grep` when `head` has stopped reading.
# Not 0, which would say every line was delivered; `set -o pipefail` scripts can tell the two
# apart. None of tolk's own statuses (0, 1, 2, 130) is this.
OUTPUT_CLOSED = 141

_PIECE = io.DEFAULT_BUFFER_SIZE


def write_output(text: str) -> None:
    """Write `text` to stdout; raises BrokenPipeError if its reader has gone, however large
    `text` is."""
    for start in range(0, len(text), _PIECE):
        sys.stdout.write(text[start : start + _PIECE])


def output_closed() -> bool:
    """Whether stdout or stderr is a pipe whose reader has gone (so a BrokenPipeError came
    from the command's own output, not from something else it wrote to)."""
    try:
        import select

        poll = select.poll()
    except (ImportError, AttributeError):  # no poll(): a broken pipe can only be the output
        return True
    for stream in (sys.__stdout__, sys.__stderr__):
        try:
            fd = stream.fileno() if stream is not None else -1
        except (OSError, ValueError):
            continue
        if fd >= 0:
            poll.register(fd, select.POLLOUT)
    return any(events & (select.POLLERR | select.POLLHUP) for _, events in poll.poll(0))


def silence_output() -> None:
    """Point stdout and stderr at the null device, so that nothing written after the reader
    has gone (the interpreter flushes stdout as it exits) raises again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        for stream in (sys.__stdout__, sys.__stderr__):
            try:
                if stream is not None:
                    os.dup2(devnull, stream.fileno())
            except (OSError, ValueError):
                continue
    finally:
        os.close(devnull)
