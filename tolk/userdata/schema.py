"""The user store's schema: its tables and the migrations that create them
(`tolk.database.migrations` applies them, and says how every change is made).

Append only: a later version adds tables by appending a migration, never by editing one.
"""

from __future__ import annotations

import sqlite3

from tolk.database.migrations import Migration

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]


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
    # The reviewer's work on translations (`tolk.userdata.review`). A row names its sentence by the
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


def _read_without_opening(db: sqlite3.Connection) -> None:
    # An article can be marked read from the list without being opened (mark all read): its
    # content was never read, so it has no content key. The table is made again with the key
    # nullable (SQLite cannot drop a NOT NULL), its rows kept.
    db.execute(
        "CREATE TABLE read_articles_new (path TEXT PRIMARY KEY, article_key TEXT, "
        "opened TEXT NOT NULL)"
    )
    db.execute(
        "INSERT INTO read_articles_new (path, article_key, opened) "
        "SELECT path, article_key, opened FROM read_articles"
    )
    db.execute("DROP TABLE read_articles")
    db.execute("ALTER TABLE read_articles_new RENAME TO read_articles")


# Schema version N is the first N migrations applied. Append only: released ones never change.
MIGRATIONS: tuple[Migration, ...] = (
    _create_bookmarks,
    _create_reading_state,
    _create_reviews,
    _read_without_opening,
)
SCHEMA_VERSION = len(MIGRATIONS)
