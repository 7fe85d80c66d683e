"""The vocabulary database's schema: its tables and the migrations that create them
(`tolk.database.migrations` applies them, and says how every change is made).

Append only: a later version adds tables by appending a migration, never by editing one.
"""

from __future__ import annotations

import sqlite3

from tolk.database.migrations import Migration

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]


def _create_words(db: sqlite3.Connection) -> None:
    # One row per lemma: a word saved again in another form or sentence is the same card.
    # What the dictionary said of it (class, definition) is kept as it was when saved, so an
    # export needs no dictionary.
    db.execute(
        """CREATE TABLE words (
            id INTEGER PRIMARY KEY,
            lemma TEXT NOT NULL UNIQUE,
            word TEXT NOT NULL,
            word_class TEXT,
            definition TEXT,
            english TEXT,
            sentence TEXT NOT NULL,
            sentence_english TEXT,
            article_path TEXT,
            article_title TEXT,
            article_date TEXT,
            paragraph_index INTEGER,
            state TEXT NOT NULL CHECK (state IN ('learning', 'known')),
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX words_by_state ON words (state)")


def _create_article_shares(db: sqlite3.Connection) -> None:
    # The lemmas of each article opened, so that marking a lemma known changes the stored
    # share of every article that holds it (one UPDATE), and the list shows a stored number.
    db.execute(
        "CREATE TABLE article_lemmas (path TEXT NOT NULL, lemma TEXT NOT NULL, "
        "PRIMARY KEY (path, lemma)) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX article_lemmas_by_lemma ON article_lemmas (lemma)")
    db.execute(
        "CREATE TABLE article_shares (path TEXT PRIMARY KEY, lemmas INTEGER NOT NULL, "
        "unknown INTEGER NOT NULL, updated TEXT NOT NULL)"
    )


# Schema version N is the first N migrations applied. Append only: released ones never change.
MIGRATIONS: tuple[Migration, ...] = (_create_words, _create_article_shares)
SCHEMA_VERSION = len(MIGRATIONS)
