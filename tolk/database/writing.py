"""Writing to a database the user fills by importing files (the translation memory, the
glossary: `tolk.database.imports_database`): one write transaction at a time, waiting its turn
behind another tolk's, and failures told as what happened and what the user can do.

An import of a big file holds the write lock for minutes. A second `tolk memory import` (or
`remove`) does not fail after SQLite's busy timeout: after a short, silent wait it says that it
is waiting, and waits up to `WAIT_FOR_TURN_S`, trying for the lock in short steps so that
ctrl+c stops it at once. `store` names the database in what is said ("translation memory"),
`error` is the exception raised.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tolk.database.migrations import is_busy
from tolk.database.opening import BUSY_TIMEOUT_S

__all__ = [
    "FIRST_WAIT_S",
    "WAIT_FOR_TURN_S",
    "Announce",
    "write_failure",
    "write_transaction",
]

FIRST_WAIT_S = 2.0  # a peer's short write (a removal, a migration) passes unannounced
WAIT_FOR_TURN_S = 600.0  # another import: waited for, said so, up to 10 minutes
_STEP_S = 0.5  # one try at the lock; KeyboardInterrupt is raised between tries

# SQLite's primary result codes for what a user can do something about.
_READONLY, _IOERR, _FULL, _CANTOPEN, _PERM = 8, 10, 13, 14, 3


Announce = Callable[[str], None]


@contextmanager
def write_transaction(
    db: sqlite3.Connection,
    path: Path,
    doing: str,
    outcome: str,
    on_wait: Announce | None,
    wait_s: float,
    *,
    store: str,
    error: type[Exception],
) -> Iterator[None]:
    """One write transaction on `db` (opened with isolation_level=None), taken in its turn:
    committed when the block ends, rolled back when it raises. `on_wait` is told when waiting
    for another connection's transaction starts. Raises `error`, saying what failed in the
    `store` while `doing` ("importing x.tmx"), the `outcome` ("nothing was imported") and what
    to do, when the write fails or another connection keeps the lock past `wait_s`."""
    failure = error
    try:
        _take_lock(db, path, on_wait, wait_s, store)
    except sqlite3.Error as failed:
        raise failure(write_failure(path, failed, doing, outcome, store)) from failed
    except _StillBusy as busy:
        raise failure(
            f"{store} {path}: another tolk kept it busy for over {busy} while "
            f"{doing}; {outcome}. Try again when it has finished."
        ) from None
    try:
        yield
        db.execute("COMMIT")
    except BaseException as raised:
        if db.in_transaction:  # also after a failed COMMIT, or the next BEGIN would fail
            # A rollback that fails too (the disk is gone) must not hide why: closing the
            # connection rolls back all the same.
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        if isinstance(raised, sqlite3.Error):
            raise failure(write_failure(path, raised, doing, outcome, store)) from raised
        raise


class _StillBusy(Exception):
    """Another connection held the write lock for the whole wait (the message: how long)."""


def _take_lock(
    db: sqlite3.Connection, path: Path, on_wait: Announce | None, wait_s: float, store: str
) -> None:
    if _begin(db, FIRST_WAIT_S):
        return
    if on_wait is not None:
        on_wait(
            f"another tolk is writing to the {store} {path} (an import?); "
            f"waiting for it to finish (up to {_duration(wait_s)}; ctrl+c stops waiting)"
        )
    deadline = time.monotonic() + wait_s
    while not _begin(db, max(0.0, min(_STEP_S, deadline - time.monotonic()))):
        if time.monotonic() >= deadline:
            raise _StillBusy(_duration(FIRST_WAIT_S + wait_s))


def _begin(db: sqlite3.Connection, timeout_s: float) -> bool:
    """BEGIN IMMEDIATE, waiting up to `timeout_s` for the lock; False if it stayed busy."""
    db.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if is_busy(error):
            return False
        raise
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return True


def _duration(seconds: float) -> str:
    if seconds >= 120:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds:.0f} s" if seconds >= 1 else f"{seconds:.1f} s"


def write_failure(path: Path, error: sqlite3.Error, doing: str, outcome: str, store: str) -> str:
    """One line for a write that failed while `doing` (e.g. "importing x.tmx"): the database,
    what happened, the `outcome` ("nothing was imported"), and what the user can do."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code == _FULL:
        what, remedy = "the disk is full", "free some space, then try again"
    elif code == _IOERR:
        what, remedy = (
            f"it could not be written ({error})",
            "check that its disk has room and is not read-only, then try again",
        )
    elif code in (_READONLY, _PERM, _CANTOPEN):
        what, remedy = (
            f"it cannot be written ({error})",
            f"make {path.parent} and the files in it writable, then try again",
        )
    elif isinstance(error, sqlite3.OperationalError) and is_busy(error):
        what, remedy = "another tolk is writing to it", "try again when it has finished"
    else:
        what, remedy = str(error), "try again; if it persists, report it"
    remedy = remedy[0].upper() + remedy[1:]
    return f"{store} {path}: {what} while {doing}; {outcome}. {remedy}."
