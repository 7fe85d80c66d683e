"""Keeping a damaged SQLite database for the user instead of deleting it.

Every SQLite file tolk owns (the translation cache, the shared cache database, the user store)
moves a file it cannot use aside through `move_aside`, so all of them behave the same: the
database goes with its `-wal` and `-shm` files (the WAL may hold the newest committed pages),
and an earlier damaged copy is never overwritten, not even one made in the same second.

Only SQLite's own word that a file is damaged counts (`is_damage`): a file that is locked by
another program, read-only, on a full disk or not permitted is sound, and moving it would take
the other writer's WAL and the user's data with it. `remedy` says what the user can do then.

It lives in `translation/`, the lowest layer, so that the translation cache can use it too.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

__all__ = [
    "COMPANION_SUFFIXES",
    "failure_line",
    "failure_message",
    "is_damage",
    "move_aside",
    "remedy",
]

# The files SQLite keeps beside a WAL-mode database; they belong to it.
COMPANION_SUFFIXES = ("-wal", "-shm")


# SQLite's primary result codes for "database disk image is malformed" and "file is not a
# database": the only ones that say the file itself is damaged.
_DAMAGE_CODES = frozenset({11, 26})
# What to do about the others, by primary result code: one sentence, `{folder}` the file's.
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _FULL, _CANTOPEN, _AUTH = 3, 5, 6, 8, 10, 13, 14, 23
_HELD = "another program (another tolk?) holds it: let it finish, or close it, and try again"
_REMEDIES = {
    _PERM: "make it and its folder {folder} readable and writable by you",
    _AUTH: "make it and its folder {folder} readable and writable by you",
    _BUSY: _HELD,
    _LOCKED: _HELD,
    _READONLY: "it, its folder {folder} or the disk is read-only: make them writable by you "
    "(a read-only disk or mount cannot be written at all)",
    _IOERR: "the disk may be full, read-only or failing: check its free space "
    "(df -h {folder}) and that {folder} is writable by you",
    _FULL: "the disk is full: free some space and try again",
    _CANTOPEN: "check that {folder} is a folder you can write to, on a disk that is mounted "
    "and not full",
}


def is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite says the file itself is damaged ("file is not a database", "database
    disk image is malformed"), rather than locked, read-only, full or not permitted."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGE_CODES


def remedy(error: sqlite3.Error, path: Path) -> str | None:
    """What the user can do about a failure of the file at `path` that is not damage ("the
    disk is full: free some space…"); None when there is nothing to add to SQLite's words."""
    code = getattr(error, "sqlite_errorcode", None)
    advice = _REMEDIES.get(code & 0xFF) if isinstance(code, int) else None
    return advice.format(folder=path.parent) if advice else None


def failure_line(what: str, error: sqlite3.Error, path: Path) -> str:
    """One line for a database that cannot be used: `what` (naming the file at `path`),
    SQLite's message, and the remedy when there is one."""
    advice = remedy(error, path)
    return f"{what} ({error}){f': {advice}' if advice else ''}"


def failure_message(path: Path, error: sqlite3.Error) -> str:
    """`path: SQLite's message. What to do.` for an error SQLite gave about the file at `path`
    (SQLite's own words name neither the file nor a way out)."""
    said = f"{path}: {str(error).rstrip('.')}."
    advice = remedy(error, path)
    return f"{said} {advice[0].upper()}{advice[1:]}." if advice else said


def move_aside(path: Path) -> Path:
    """Rename the database at `path`, with its -wal and -shm files, to
    `<name>.damaged-<UTC time>` (`…-2`, `…-3` when that is taken) and return the new path.

    Raises FileNotFoundError when `path` is gone (someone else moved it first) and OSError when
    it cannot be renamed; the companions are then put back, so the database stays whole.
    """
    stamp = _utc_now().strftime("%Y%m%dT%H%M%SZ")
    number = 1
    aside = _reserve(path, stamp, number)
    while aside is None:
        number += 1
        aside = _reserve(path, stamp, number)
    moved: list[str] = []
    try:
        # Companions first: a fresh database opened at `path` in the meantime must not find the
        # damaged one's WAL there, or SQLite would replay its pages into the new file.
        for suffix in COMPANION_SUFFIXES:
            with suppress(FileNotFoundError):
                os.replace(f"{path}{suffix}", f"{aside}{suffix}")
                moved.append(suffix)
        os.replace(path, aside)
    except OSError:
        for suffix in moved:
            with suppress(OSError):
                os.replace(f"{aside}{suffix}", f"{path}{suffix}")
        aside.unlink(missing_ok=True)
        raise
    return aside


def _reserve(path: Path, stamp: str, number: int) -> Path | None:
    """Claim the aside name for `number` by creating it empty (O_EXCL: two processes never
    claim the same one); None when it, or one of its companions, already exists."""
    suffix = "" if number == 1 else f"-{number}"
    aside = path.with_name(f"{path.name}.damaged-{stamp}{suffix}")
    if any(Path(f"{aside}{companion}").exists() for companion in COMPANION_SUFFIXES):
        return None
    try:
        os.close(os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return None
    return aside


def _utc_now() -> datetime:
    # A function of its own so that a test can hold the clock at one second.
    return datetime.now(UTC)
