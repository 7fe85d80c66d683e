"""What a failing SQLite file means to the user: one line naming the file, what went wrong and
what to do about it.

SQLite's own words ("disk I/O error", "unable to open database file") name neither the file nor
a way out; its result code says which of a few things happened, and each has a remedy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

__all__ = ["failure_message"]

# SQLite's primary result codes (the low byte of an extended code).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _FULL, _CANTOPEN = 3, 5, 6, 8, 10, 13, 14

_REMEDIES = {
    _PERM: "Make it and its folder {folder} readable and writable by you.",
    _BUSY: "Another program (another tolk?) holds it: let it finish, or close it, and try again.",
    _LOCKED: "Another program (another tolk?) holds it: let it finish, or close it, and try again.",
    _READONLY: "It, its folder {folder} or the disk is read-only: make them writable by you "
    "(a read-only disk or mount cannot be written at all).",
    _IOERR: "The disk may be full, read-only or failing: check its free space (df -h {folder}) "
    "and that {folder} is writable by you.",
    _FULL: "The disk is full: free some space and try again (nothing was written).",
    _CANTOPEN: "Check that {folder} is a folder you can write to, on a disk that is mounted and "
    "not full.",
}


def failure_message(path: Path, error: sqlite3.Error) -> str:
    """`path: SQLite's message. What to do.` for an error SQLite gave about the file at `path`."""
    code = getattr(error, "sqlite_errorcode", None)
    remedy = _REMEDIES.get(code & 0xFF) if isinstance(code, int) else None
    said = f"{path}: {str(error).rstrip('.')}."
    return f"{said} {remedy.format(folder=path.parent)}" if remedy else said
