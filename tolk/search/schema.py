"""The search index's tables in the cache database, and how a paragraph's row id is made.

A paragraph's row id carries its article's date in the high bits, so "newest first" is FTS5's
own rowid order and a query stops after `limit` rows even for a word in every article.
"""

from __future__ import annotations

from tolk.library.dates import ArticleDate, Precision

__all__ = [
    "SCHEMA",
    "SCHEMA_VERSION",
    "SEQUENCE_BITS",
    "TABLES",
    "article_date",
    "date_key",
    "date_key_of",
]

# 2: Norwegian stems undouble a final "mm" (tolk.keywords.matching): the stems in the index are
# made again.
SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS search_file (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    title TEXT NOT NULL,
    year INTEGER, month INTEGER, day INTEGER, precision INTEGER,
    error TEXT
);
CREATE TABLE IF NOT EXISTS search_paragraph (
    id INTEGER PRIMARY KEY,  -- also the row id in search_words: (date key << 32) | sequence
    file_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    language TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS search_paragraph_by_file ON search_paragraph (file_id);
CREATE VIRTUAL TABLE IF NOT EXISTS search_words
    USING fts5(nb, en, tokenize = 'unicode61 remove_diacritics 0');
"""
TABLES = ("search_file", "search_paragraph", "search_words")
SEQUENCE_BITS = 32


def date_key(date: ArticleDate | None) -> int:
    """Newer dates give bigger keys; undated is 0, so it sorts last."""
    if date is None:
        return 0
    return date.year * 10_000 + date.month * 100 + date.day


def date_key_of(year: int | None, month: int | None, day: int | None) -> int:
    """`date_key` of a date as the index stores it."""
    if year is None or month is None or day is None:
        return 0
    return year * 10_000 + month * 100 + day


def article_date(
    year: int | None, month: int | None, day: int | None, precision: int | None
) -> ArticleDate | None:
    """The date the index stores in columns, whole again."""
    if year is None or month is None or day is None or precision is None:
        return None
    return ArticleDate(year, month, day, Precision(precision))
