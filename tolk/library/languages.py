"""The language of every article in the library, told from the head of its file and kept per
file in the cache database, so that each file is told once (until it changes).

The list marks Nynorsk and other languages and can hide them; telling 100,000 articles takes
a minute or two of a worker (`tolk.library.language`: about 1 ms each, plus the head's read),
so it is never part of the scan. A second start reads no file: a cached language stands while
the file's size and modification time do.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from tolk.database.cache_database import open_cache_database
from tolk.library.articles import SUMMARY_HEAD_BYTES, ArticleError, parse_article
from tolk.library.file_heads import read_head, special_file
from tolk.library.language import UNDETERMINED, language_sample, tell_language

__all__ = ["LanguageCache"]

_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS article_languages (
    path TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    language TEXT NOT NULL      -- tolk.library.language's code: nb, nn, another, und
) WITHOUT ROWID;
"""
_TABLES = ("article_languages",)
_CHUNK_FILES = 500  # cached rows looked up at once (under SQLite's limit on parameters)
_BATCH_ROWS = 200  # rows written at once


class LanguageCache:
    """Tells the language of articles, caching it in the database at `db_path`. Thread-safe;
    a damaged database is moved aside and a new one started (`warning` says so)."""

    def __init__(self, db_path: Path) -> None:
        self._connection, self.warning = open_cache_database(
            db_path, "article_languages", _SCHEMA_VERSION, _SCHEMA, _TABLES
        )
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def languages(
        self, paths: Iterable[Path], *, cancelled: Callable[[], bool] = lambda: False
    ) -> Iterator[tuple[Path, str]]:
        """Each of `paths` (absolute) with its language, in order; only new or changed files
        are read. A file that cannot be read is `und` and is not cached (tried again next
        time)."""
        pending: list[tuple[str, int, int, str]] = []
        try:
            for chunk in _chunks(paths, _CHUNK_FILES):
                keys = [str(path) for path in chunk]
                cached = self._cached(keys)
                for path, key in zip(chunk, keys, strict=True):
                    if cancelled():
                        return
                    language, row = _language(path, key, cached.get(key))
                    if row is not None:
                        pending.append(row)
                    yield path, language
                if len(pending) >= _BATCH_ROWS:
                    self._store(pending)
                    pending.clear()
        finally:
            self._store(pending)

    def _cached(self, keys: Sequence[str]) -> dict[str, tuple[int, int, str]]:
        marks = ", ".join("?" * len(keys))
        with self._lock:
            rows = self._connection.execute(
                "SELECT path, mtime_ns, size, language FROM article_languages "
                f"WHERE path IN ({marks})",
                keys,
            ).fetchall()
        return {path: (mtime_ns, size, language) for path, mtime_ns, size, language in rows}

    def _store(self, rows: Sequence[tuple[str, int, int, str]]) -> None:
        if not rows:
            return
        with self._lock, self._connection:
            self._connection.executemany(
                "INSERT OR REPLACE INTO article_languages VALUES (?, ?, ?, ?)", rows
            )


def _language(
    path: Path, key: str, cached: tuple[int, int, str] | None
) -> tuple[str, tuple[str, int, int, str] | None]:
    """The file's language, and the row to cache when it had to be told."""
    try:
        info = path.stat()
        if special_file(info.st_mode) is not None:
            return UNDETERMINED, None
        if cached is not None and cached[:2] == (info.st_mtime_ns, info.st_size):
            return cached[2], None
        head, complete = read_head(path, SUMMARY_HEAD_BYTES, info.st_size)
    except OSError:
        return UNDETERMINED, None
    try:
        article = parse_article(path, head, complete=complete)
    except ArticleError:
        language = UNDETERMINED  # not an article: nothing to tell, and it is no use asking again
    else:
        language = tell_language(language_sample(p.text for p in article.paragraphs))
    return language, (key, info.st_mtime_ns, info.st_size, language)


def _chunks(items: Iterable[Path], size: int) -> Iterator[list[Path]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
