"""Whether the terminal the reader runs in is still there.

A dropped SSH connection or a closed terminal window hangs the terminal up, and the kernel
sends SIGHUP, which ends the reader. Where SIGHUP is ignored (`nohup tolk`, a shell's `trap ''
HUP`), nothing ends it: Textual's input thread reads end-of-file from the dead terminal in a
loop, and the reader went on at 40-80% of a core with no one to see it. The reader asks this
module once a second instead, and quits (saving what it holds) when the answer is yes.
"""

from __future__ import annotations

import select
import sys

# Hung up: the other end (the terminal emulator, sshd) closed the terminal.
_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def input_terminal() -> int | None:
    """The file descriptor of the terminal the reader reads keys from, or None when its input
    is not a terminal (tests, the browser view): then there is nothing to watch."""
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
    except (OSError, ValueError):
        return None
    try:
        return fd if fd >= 0 and sys.__stdin__ is not None and sys.__stdin__.isatty() else None
    except (OSError, ValueError):
        return None


def hung_up(fd: int) -> bool:
    """Whether the terminal at `fd` has been hung up (asks without waiting)."""
    poller = select.poll()
    poller.register(fd, 0)  # no events asked for: hang-up and errors are always reported
    return any(events & _GONE for _, events in poller.poll(0))
