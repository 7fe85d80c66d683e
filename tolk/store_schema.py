"""The user store's schema: its tables, the migrations that create them, and the
transaction discipline every change to the database follows, including how opening waits out
a peer that holds the database.

The schema is versioned with `PRAGMA user_version`: `MIGRATIONS` is applied in order, and a
later issue adds tables by appending a migration (never by editing one).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
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
    """The database was written by a newer tolk; the message says what to do."""


Migration = Callable[[sqlite3.Connection], None]


def _create_bookmarks(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY,
            article_key TEXT NOT NULL,
            article_path TEXT NOT NULL,
            article_date TEXT,
            article_title TEXT NOT NULL,
            paragraph_index INTEGER NOT NULL,
            paragraph_text TEXT NOT NULL,
            note TEXT,
            created TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX bookmarks_by_key ON bookmarks (article_key)")
    db.execute("CREATE INDEX bookmarks_by_path ON bookmarks (article_path)")


def _create_reading_state(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE TABLE read_articles (path TEXT PRIMARY KEY, article_key TEXT NOT NULL, "
        "opened TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TABLE reading_position (only_row INTEGER PRIMARY KEY CHECK (only_row = 1), "
        "path TEXT NOT NULL, article_key TEXT NOT NULL, paragraph INTEGER NOT NULL, "
        "updated TEXT NOT NULL)"
    )


def _create_reviews(db: sqlite3.Connection) -> None:
    # The reviewer's work on translations (`tolk.review`). A row names its sentence by the
    # article's content key, the sentence's text and which occurrence of that text it is, never
    # by model: corrections outlive the translation cache and a change of model.
    db.execute(
        """CREATE TABLE sentence_reviews (
            id INTEGER PRIMARY KEY,
            article_key TEXT NOT NULL,
            article_path TEXT NOT NULL,
            sentence TEXT NOT NULL,
            occurrence INTEGER NOT NULL,
            paragraph_index INTEGER NOT NULL,
            correction TEXT,
            reviewed INTEGER NOT NULL DEFAULT 0,
            note TEXT,
            updated TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX sentence_reviews_by_key ON sentence_reviews (article_key)")
    db.execute("CREATE INDEX sentence_reviews_by_path ON sentence_reviews (article_path)")
    db.execute(
        "CREATE TABLE review_totals (path TEXT PRIMARY KEY, article_key TEXT NOT NULL, "
        "total INTEGER NOT NULL, updated TEXT NOT NULL)"
    )


# Schema version N is the first N migrations applied. Append only: released ones never change.
MIGRATIONS: tuple[Migration, ...] = (_create_bookmarks, _create_reading_state, _create_reviews)
SCHEMA_VERSION = len(MIGRATIONS)


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
        raise NewerSchemaError(
            f"Bookmarks are off: the database was written by a newer tolk (schema version "
            f"{version}, this tolk knows up to {known}). It was left untouched; update tolk."
        )
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
