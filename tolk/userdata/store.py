"""The user's bookmarks and reading state, in one SQLite database (`data_dir()/tolk.sqlite`).

What a bookmark is and how it re-anchors lives in `tolk.userdata.bookmarks`; this module stores
them. The tables and their migrations are in `tolk.userdata.schema`.

Opened and shared between threads as the vocabulary is (`tolk.database.locked_store`): one
connection behind a lock, every operation one transaction on a WAL database with a busy timeout,
so two tolk instances writing at once queue on SQLite's lock and neither loses the other's
changes. Opening never raises: `open_store` returns an `OpenedStore` whose `store` is None when
bookmarks are off, and a `message` for the user either way. A damaged file is moved aside with
a timestamp (never deleted) and a fresh database started; a database from a newer tolk is
refused and left untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tolk.database.locked_store import LockedStore, open_locked_store
from tolk.database.migrations import NewerSchemaError, apply_migrations
from tolk.library.articles import Article
from tolk.paths import data_dir
from tolk.userdata.bookmarks import (
    Bookmark,
    ResolvedBookmark,
    absolute_path,
    article_key,
    resolve,
)
from tolk.userdata.schema import MIGRATIONS, SCHEMA_VERSION

# Re-exported: callers (and tests) know these as part of the store.
__all__ = [
    "DATABASE_NAME",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "NewerSchemaError",
    "OpenedStore",
    "ReadMarking",
    "ReadingPosition",
    "StoreError",
    "UserStore",
    "apply_migrations",
    "open_store",
]

DATABASE_NAME = "tolk.sqlite"


class StoreError(Exception):
    """A store operation failed (disk full, locked too long, closed); the message says why."""


@dataclass(frozen=True)
class ReadingPosition:
    """Where the user last was: the article (path and content key) and paragraph."""

    path: Path
    article_key: str
    paragraph: int


@dataclass(frozen=True)
class ReadMarking:
    """What one `mark_read` did: the articles it marked read (absolute paths; those that were
    read already are not among them) and the stamp it wrote on their rows, so that
    `undo_marking` takes back exactly these and nothing read since."""

    paths: frozenset[Path]
    stamp: str


@dataclass(frozen=True)
class OpenedStore:
    """The result of `open_store`: a store (None when bookmarks are off) and a user message."""

    store: UserStore | None
    message: str | None


def open_store(path: Path | None = None) -> OpenedStore:
    """Open (creating or upgrading) the database at `path` (default `data_dir()/tolk.sqlite`).

    Never raises: when bookmarks cannot work, `store` is None and `message` says why.
    """
    path = path or data_dir() / DATABASE_NAME
    store, message = open_locked_store(
        path, MIGRATIONS, UserStore, off="Bookmarks are off", what="bookmarks"
    )
    return OpenedStore(store, message)


# --- the store ------------------------------------------------------------------------------

_BOOKMARK_COLUMNS = (
    "id, article_key, article_path, article_title, article_date, paragraph_index, "
    "paragraph_text, note, created"
)


class UserStore(LockedStore):
    """Bookmarks and reading state. Every method is one transaction; failures raise StoreError."""

    failure = StoreError
    name = "user database"
    rename_to = "use it here"

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """The store's connection inside one write transaction, for tables kept in this
        database by other modules (`tolk.userdata.review`); sqlite3 errors become StoreError."""
        return self._access(write=True)

    # Bookmarks

    def toggle_bookmark(self, article: Article, index: int) -> Bookmark | None:
        """Bookmark paragraph `index`, or remove the bookmark(s) on it; None when removed."""
        if not 0 <= index < len(article.paragraphs):
            raise ValueError(f"no paragraph {index} in {article.path}")
        with self._access(write=True) as db:
            here = [found for found in _resolve_all(db, article) if found.index == index]
            if here:
                db.executemany(
                    "DELETE FROM bookmarks WHERE id = ?", [(f.bookmark.id,) for f in here]
                )
                return None
            created = _now()
            values = (
                article_key(article),
                str(absolute_path(article.path)),
                article.title,
                article.date.iso() if article.date else None,
                index,
                article.paragraphs[index].text,
                created,
            )
            cursor = db.execute(
                "INSERT INTO bookmarks (article_key, article_path, article_title, article_date, "
                "paragraph_index, paragraph_text, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            assert cursor.lastrowid is not None
            return _bookmark((cursor.lastrowid, *values[:6], None, created))

    def set_note(self, bookmark_id: int, note: str | None) -> bool:
        """Set (or, with an empty note, clear) a bookmark's note; False if it no longer exists."""
        cleaned = note.strip() if note else None
        with self._access(write=True) as db:
            cursor = db.execute(
                "UPDATE bookmarks SET note = ? WHERE id = ?", (cleaned or None, bookmark_id)
            )
            return cursor.rowcount > 0

    def remove_bookmark(self, bookmark_id: int) -> bool:
        """Delete a bookmark; False if it was already gone."""
        with self._access(write=True) as db:
            return db.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,)).rowcount > 0

    def bookmarks_for(self, article: Article) -> list[ResolvedBookmark]:
        """The article's bookmarks, re-anchored (and stored so) if it moved or changed; in
        paragraph order, orphans last."""
        with self._access(write=True) as db:
            found = _resolve_all(db, article)
        return sorted(found, key=lambda f: (f.index is None, f.index or 0, f.bookmark.id))

    def all_bookmarks(self) -> list[Bookmark]:
        """Every bookmark as stored, newest first."""
        with self._access(write=False) as db:
            rows = db.execute(
                f"SELECT {_BOOKMARK_COLUMNS} FROM bookmarks ORDER BY created DESC, id DESC"
            ).fetchall()
        return [_bookmark(row) for row in rows]

    def bookmarked_paths(self) -> set[Path]:
        """The (absolute) paths bookmarked articles were last seen at, for the sidebar marker."""
        with self._access(write=False) as db:
            rows = db.execute("SELECT DISTINCT article_path FROM bookmarks").fetchall()
        return {Path(row[0]) for row in rows}

    # Reading state

    def mark_opened(self, article: Article, paragraph: int = 0) -> None:
        """Mark the article read and remember it (at `paragraph`) as the last position."""
        key, path, now = article_key(article), str(absolute_path(article.path)), _now()
        with self._access(write=True) as db:
            db.execute(
                "INSERT INTO read_articles (path, article_key, opened) VALUES (?, ?, ?) "
                "ON CONFLICT (path) DO UPDATE SET article_key = excluded.article_key, "
                "opened = excluded.opened",
                (path, key, now),
            )
            _save_position(db, path, key, paragraph, now)

    def set_position(self, article: Article, paragraph: int) -> None:
        """Remember `paragraph` of `article` as where to reopen."""
        key, path = article_key(article), str(absolute_path(article.path))
        with self._access(write=True) as db:
            _save_position(db, path, key, paragraph, _now())

    def last_position(self) -> ReadingPosition | None:
        """Where the app should reopen, or None before anything was read."""
        with self._access(write=False) as db:
            row = db.execute("SELECT path, article_key, paragraph FROM reading_position").fetchone()
        return None if row is None else ReadingPosition(Path(row[0]), row[1], row[2])

    def mark_read(self, paths: Iterable[Path]) -> ReadMarking:
        """Mark the articles at `paths` read without opening them (the list's "mark all read";
        no position, no content key); those read already keep their rows as they are."""
        wanted = {str(absolute_path(path)) for path in paths}
        # Microseconds: a marking's rows are told from any other's by their stamp.
        stamp = datetime.now(UTC).isoformat(timespec="microseconds")
        with self._access(write=True) as db:
            read = {row[0] for row in db.execute("SELECT path FROM read_articles")}
            fresh = sorted(wanted - read)
            db.executemany(
                "INSERT INTO read_articles (path, article_key, opened) VALUES (?, NULL, ?)",
                [(path, stamp) for path in fresh],
            )
        return ReadMarking(frozenset(Path(path) for path in fresh), stamp)

    def mark_unread(self, paths: Iterable[Path]) -> int:
        """Mark the articles at `paths` unread (the reading position stays); how many were
        read."""
        gone = [(str(absolute_path(path)),) for path in paths]
        with self._access(write=True) as db:
            before = db.total_changes
            db.executemany("DELETE FROM read_articles WHERE path = ?", gone)
            return db.total_changes - before

    def undo_marking(self, marking: ReadMarking) -> int:
        """Take back `marking`: its articles are unread again, as they were before it, except
        those opened since (opening wrote their rows anew). How many became unread."""
        rows = [(str(path), marking.stamp) for path in marking.paths]
        with self._access(write=True) as db:
            before = db.total_changes
            db.executemany(
                "DELETE FROM read_articles WHERE path = ? AND article_key IS NULL AND opened = ?",
                rows,
            )
            return db.total_changes - before

    def read_paths(self) -> set[Path]:
        """The (absolute) paths of articles opened at least once."""
        with self._access(write=False) as db:
            return {Path(row[0]) for row in db.execute("SELECT path FROM read_articles")}

    def read_keys(self) -> set[str]:
        """The content keys of articles opened at least once (as they were then); articles
        marked read without being opened have none."""
        with self._access(write=False) as db:
            rows = db.execute("SELECT article_key FROM read_articles WHERE article_key NOT NULL")
            return {row[0] for row in rows}


def _resolve_all(db: sqlite3.Connection, article: Article) -> list[ResolvedBookmark]:
    """Find the article's bookmarks — by content key or last path, else by (date, title) — and
    store what re-anchoring found, so the next lookup is direct."""
    key, path = article_key(article), str(absolute_path(article.path))
    select = f"SELECT {_BOOKMARK_COLUMNS} FROM bookmarks WHERE "
    # Key or path together, not one then the other: an orphan keeps its old key but is found by
    # path even after its article-mates were re-anchored to the new key.
    rows = db.execute(select + "article_key = ? OR article_path = ?", (key, path)).fetchall()
    if not rows:
        date = article.date.iso() if article.date else None
        rows = db.execute(
            select + "article_title = ? AND article_date IS ?", (article.title, date)
        ).fetchall()
    resolved = []
    for row in rows:
        stored = _bookmark(row)
        found = resolve(stored, article, key)
        if found.bookmark != stored:
            new = found.bookmark
            db.execute(
                "UPDATE bookmarks SET article_key = ?, article_path = ?, article_title = ?, "
                "article_date = ?, paragraph_index = ?, paragraph_text = ? WHERE id = ?",
                (
                    new.article_key,
                    str(new.path),
                    new.title,
                    new.date,
                    new.paragraph_index,
                    new.paragraph_text,
                    new.id,
                ),
            )
        resolved.append(found)
    return resolved


def _save_position(db: sqlite3.Connection, path: str, key: str, paragraph: int, now: str) -> None:
    db.execute(
        "INSERT INTO reading_position (only_row, path, article_key, paragraph, updated) "
        "VALUES (1, ?, ?, ?, ?) ON CONFLICT (only_row) DO UPDATE SET path = excluded.path, "
        "article_key = excluded.article_key, paragraph = excluded.paragraph, "
        "updated = excluded.updated",
        (path, key, paragraph, now),
    )


def _bookmark(row: tuple[Any, ...]) -> Bookmark:
    bookmark_id, key, path, title, date, index, text, note, created = row
    return Bookmark(bookmark_id, key, Path(path), title, date, index, text, note, created)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
