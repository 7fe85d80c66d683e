"""The discipline every change to tolk's SQLite databases follows (the user store, the
vocabulary, the translation memory, the glossary): versioned migrations, one write transaction
at a time, and opening that waits out a peer holding the database.

A schema is versioned with `PRAGMA user_version`: its migrations are applied in order, and a later
version adds tables by appending a migration (never by editing one).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = [
    "Migration",
    "NewerSchemaError",
    "apply_migrations",
    "is_busy",
    "transaction",
    "user_version",
    "wait_for_peers",
]

# SQLITE_BUSY and SQLITE_LOCKED: another connection holds the database for now.
_BUSY_CODES = frozenset({5, 6})
# Opening backs off between these pauses while a peer holds the database.
_FIRST_PAUSE_S = 0.002
_LAST_PAUSE_S = 0.1


class NewerSchemaError(Exception):
    """The database was written by a newer tolk: its schema `version` is past the `known` one
    (the message: "written by a newer tolk (schema version …)", for the caller's sentence)."""

    def __init__(self, version: int, known: int) -> None:
        super().__init__(
            f"written by a newer tolk (schema version {version}, this tolk knows up to {known})"
        )
        self.version = version
        self.known = known


Migration = Callable[[sqlite3.Connection], None]


def apply_migrations(db: sqlite3.Connection, migrations: tuple[Migration, ...]) -> None:
    """Bring `db` up to `len(migrations)` in one transaction; raises NewerSchemaError if newer."""
    if user_version(db, len(migrations)) == len(migrations):
        return
    with transaction(db):
        # Read again under the write lock: another instance may have migrated meanwhile.
        version = user_version(db, len(migrations))
        for migration in migrations[version:]:
            migration(db)
        db.execute(f"PRAGMA user_version = {len(migrations)}")


def user_version(db: sqlite3.Connection, known: int) -> int:
    """The database's schema version; raises NewerSchemaError if it is newer than `known`."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > known:
        raise NewerSchemaError(version, known)
    return version


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction on `db` (opened with isolation_level=None): committed when the
    block ends, rolled back when it raises."""
    # IMMEDIATE takes the write lock up front, so a busy database waits (busy timeout) instead
    # of failing when a read transaction tries to become a write one.
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:  # also after a failed COMMIT, or the next BEGIN would fail
            db.execute("ROLLBACK")
        raise


def wait_for_peers(step: Callable[[], None], timeout: float) -> None:
    """Run `step`, again while another connection holds the database, for up to `timeout`.

    SQLite's busy timeout does not cover every step of opening: changing the journal mode, and
    reading while a peer creates the file or switches it to WAL, report "database is locked"
    at once instead of calling the busy handler. Two readers started together on a new data
    dir hit exactly that, so opening retries those errors itself, within the same budget.
    """
    deadline = time.monotonic() + timeout
    pause = _FIRST_PAUSE_S
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)  # back off: the peer holds the lock for milliseconds
        pause = min(pause * 2, _LAST_PAUSE_S)


def is_busy(error: sqlite3.OperationalError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _BUSY_CODES
