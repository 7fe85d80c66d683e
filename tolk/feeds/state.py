"""What `tolk fetch` remembers between runs, in `feeds.sqlite` in the data dir: each feed's
validators (ETag, Last-Modified) and every item it saved or gave up on, by GUID and by URL,
so that nothing is fetched twice."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from tolk import paths
from translation.damaged_database import move_aside

__all__ = ["FeedState", "NewerFeedStateError", "open_feed_state"]

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


class NewerFeedStateError(Exception):
    """The feed database was written by a newer tolk; it is left as it is."""


class FeedState:
    """The feed database. One connection, used from one thread at a time."""

    def __init__(self, db: sqlite3.Connection, warning: str | None = None) -> None:
        self._db = db
        # Set when a damaged file was moved aside, for the user.
        self.warning = warning

    def close(self) -> None:
        self._db.close()

    def validators(self, feed_url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified the feed last answered with."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM feeds WHERE url = ?", (feed_url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def checked(
        self, feed_url: str, title: str | None, etag: str | None, last_modified: str | None
    ) -> None:
        """Every item of the feed is now saved or given up on: keep its validators."""
        with self._db:
            self._db.execute(
                "INSERT INTO feeds (url, etag, last_modified, title, checked) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, title = excluded.title, "
                "checked = excluded.checked",
                (feed_url, etag, last_modified, title, _now()),
            )

    def knows(self, feed_url: str, key: str, url: str) -> bool:
        """Whether the item (by its GUID in this feed, or its page URL in any) was done."""
        row = self._db.execute(
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
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?)",
                (feed_url, key, url, path, reason, _now()),
            )


def open_feed_state(path: Path | None = None) -> FeedState:
    """Open (or create) the feed database; a damaged file is moved aside and a new one begun
    (the articles already saved are still recognised by their file names)."""
    path = path or paths.feed_state_database()
    try:
        return FeedState(_connect(path))
    except sqlite3.DatabaseError as error:
        damage = error
    aside = move_aside(path)
    warning = f"The feed database {path} was damaged ({damage}); it was moved to {aside}."
    return FeedState(_connect(path), warning)


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=10.0, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > _SCHEMA_VERSION:
            raise NewerFeedStateError(
                f"{path} was written by a newer tolk (schema {version}); upgrade tolk to fetch"
            )
        with db:
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
        db.execute("SELECT count(*) FROM items").fetchone()
    except (sqlite3.DatabaseError, NewerFeedStateError):
        db.close()
        raise
    return db


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
