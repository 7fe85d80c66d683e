"""What `tolk fetch` remembers between runs, in `feeds.sqlite` in the data dir: each feed's
validators (ETag, Last-Modified) and every item it saved or gave up on, by GUID and by URL,
so that nothing is fetched twice.

Only a file SQLite calls damaged is moved aside (and a new one begun), as for every database of
tolk's (`tolk.database.opening`). A file that is locked by another writer, read-only, on a full
disk or not permitted is sound: it stays where it is, with its WAL, and `FeedStateError` says
in one line which file and what to do.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from tolk import paths
from tolk.database.opening import NotMovedAside, open_or_start_afresh
from translation.damaged_database import failure_line

__all__ = [
    "BUSY_TIMEOUT_S",
    "FeedState",
    "FeedStateError",
    "NewerFeedStateError",
    "open_feed_state",
]

# How long a write waits for another writer (another `tolk fetch`, the reader's fetch) first.
BUSY_TIMEOUT_S = 10.0

_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    title TEXT,
    checked TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
    feed_url TEXT NOT NULL,
    key TEXT NOT NULL,
    url TEXT NOT NULL,
    path TEXT,              -- the saved article; NULL when tolk gave up on the item
    reason TEXT,            -- why it gave up
    fetched TEXT NOT NULL,
    PRIMARY KEY (feed_url, key)
);
CREATE INDEX IF NOT EXISTS items_by_url ON items (url);
"""


class FeedStateError(Exception):
    """The feed database cannot be used now; the message names the file and what to do. The
    file is left as it is."""


class NewerFeedStateError(FeedStateError):
    """The feed database was written by a newer tolk; it is left as it is."""


class FeedState:
    """The feed database. One connection, used from one thread at a time. Each method raises
    FeedStateError when the database cannot be read or written."""

    def __init__(self, db: sqlite3.Connection, path: Path, warning: str | None = None) -> None:
        self._db = db
        self.path = path
        # Set when a damaged file was moved aside, for the user.
        self.warning = warning

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _using(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._db
        except sqlite3.Error as error:
            raise FeedStateError(_cannot_use(self.path, error)) from error

    def validators(self, feed_url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified the feed last answered with."""
        with self._using() as db:
            row = db.execute(
                "SELECT etag, last_modified FROM feeds WHERE url = ?", (feed_url,)
            ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def checked(
        self, feed_url: str, title: str | None, etag: str | None, last_modified: str | None
    ) -> None:
        """Every item of the feed is now saved or given up on: keep its validators."""
        with self._using() as db, db:
            db.execute(
                "INSERT INTO feeds (url, etag, last_modified, title, checked) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, title = excluded.title, "
                "checked = excluded.checked",
                (feed_url, etag, last_modified, title, _now()),
            )

    def knows(self, feed_url: str, key: str, url: str) -> bool:
        """Whether the item (by its GUID in this feed, or its page URL in any) was done."""
        with self._using() as db:
            row = db.execute(
                "SELECT 1 FROM items WHERE (feed_url = ? AND key = ?) OR url = ? LIMIT 1",
                (feed_url, key, url),
            ).fetchone()
        return row is not None

    def saved(self, feed_url: str, key: str, url: str, path: Path) -> None:
        self._remember(feed_url, key, url, str(path), None)

    def gave_up(self, feed_url: str, key: str, url: str, reason: str) -> None:
        """A failure that asking again would not mend (404, an oversized page)."""
        self._remember(feed_url, key, url, None, reason)

    def _remember(
        self, feed_url: str, key: str, url: str, path: str | None, reason: str | None
    ) -> None:
        with self._using() as db, db:
            db.execute(
                "INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?)",
                (feed_url, key, url, path, reason, _now()),
            )


def open_feed_state(path: Path | None = None, *, timeout: float = BUSY_TIMEOUT_S) -> FeedState:
    """Open (or create) the feed database; raises FeedStateError when it cannot be used.

    A file SQLite calls damaged is moved aside and a new one begun (the articles already saved
    are still recognised by their file names); `warning` then says so. `timeout`: how long to
    wait for another writer."""
    path = path or paths.feed_state_database()
    try:
        db, damage = open_or_start_afresh(path, lambda path: _connect(path, timeout))
    except NotMovedAside as error:
        raise FeedStateError(
            f"the feed database {path} is damaged ({error.damage}) and could not be moved "
            f"aside ({error.reason}): move it away yourself and try again"
        ) from error
    except sqlite3.Error as error:
        raise FeedStateError(_cannot_use(path, error)) from error
    if damage is None:
        return FeedState(db, path)
    warning = (
        f"The feed database {path} was damaged ({damage.reason}); it was moved to {damage.aside}."
    )
    return FeedState(db, path, warning)


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FeedStateError(
            f"cannot create {path.parent} for the feed database ({error.strerror or error}): "
            "check that you may write there"
        ) from error
    db = sqlite3.connect(path, timeout=timeout, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > _SCHEMA_VERSION:
            raise NewerFeedStateError(
                f"{path} was written by a newer tolk (schema {version}); upgrade tolk to fetch"
            )
        # A write on every opening, not only a new file's: a database that cannot be written
        # (locked for long, read-only, a full disk) is found before anything is fetched.
        with db:
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
        db.execute("SELECT count(*) FROM items").fetchone()
    except BaseException:
        db.close()
        raise
    return db


def _cannot_use(path: Path, error: sqlite3.Error) -> str:
    return failure_line(f"cannot use the feed database {path}", error, path)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
