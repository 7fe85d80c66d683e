"""Keyword hit counts per article across the library, cached in SQLite, and hits per month.

Counting means parsing every article, so counts are kept per (path, mtime, size, keywords):
a second pass over an unchanged library reads no article at all (it only looks at each file's
size and modification time). Files are named by absolute path.
"""

from __future__ import annotations

import itertools
import json
import math
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tolk.database.cache_database import open_cache_database
from tolk.keywords.matching import KeywordMatcher
from tolk.library.articles import ArticleError, read_article
from tolk.library.dates import ArticleDate, Precision

# 2: files are named by absolute path (version 1 kept them as the scan named them).
_SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS keyword_hits (
    fingerprint TEXT NOT NULL,  -- KeywordMatcher.fingerprint: which keywords, in which order
    path TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    counts TEXT NOT NULL,       -- JSON list, indexed like the keywords
    year INTEGER, month INTEGER, day INTEGER, precision INTEGER,
    error TEXT,
    PRIMARY KEY (fingerprint, path)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS keyword_hits_use (
    fingerprint TEXT PRIMARY KEY,
    used_at REAL NOT NULL
);
"""
_TABLES = ("keyword_hits", "keyword_hits_use")
# Counts for this many keyword lists are kept, so switching back and forth costs nothing.
_KEPT_FINGERPRINTS = 4
_BATCH_ROWS = 200
# Files whose cached rows are looked up at once (well under SQLite's limit on parameters).
_CHUNK_FILES = 500
SPARK_LEVELS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)  # slots: one per article of a library of 100,000
class ArticleHits:
    """An article's hits per keyword (indexed like the keyword list) and its date.

    An unreadable article has no hits and `error` says why.
    """

    counts: tuple[int, ...]
    date: ArticleDate | None
    error: str | None = None

    @property
    def total(self) -> int:
        """Hits of all keywords together."""
        return sum(self.counts)


class HitCounter:
    """Counts keyword hits per article, caching them in the database at `db_path`.

    Thread-safe. A damaged database file is moved aside and a new one started; `warning` then
    says so, for the user.
    """

    def __init__(
        self, db_path: Path, keywords: Sequence[str], *, language: str = "norwegian"
    ) -> None:
        self.matcher = KeywordMatcher(keywords, language)
        self._fingerprint = self.matcher.fingerprint
        self._connection, self.warning = open_cache_database(
            db_path, "keyword_hits", _SCHEMA_VERSION, _SCHEMA, _TABLES
        )
        self._lock = threading.Lock()
        self._note_use()

    def close(self) -> None:
        """Close the database file."""
        with self._lock:
            self._connection.close()

    def counts(
        self, paths: Iterable[Path], *, cancelled: Callable[[], bool] = lambda: False
    ) -> Iterator[tuple[Path, ArticleHits]]:
        """Each path with its hits, in the order given; only new or changed files are read.

        Works through `paths` a chunk at a time (the cached rows of a chunk are looked up
        together), so results come from the start and memory does not grow with the library.
        After a complete pass, cached rows of files that no longer exist are dropped.
        """
        visited: set[str] = set()
        pending: list[tuple[object, ...]] = []
        complete = False
        try:
            for chunk in _chunks(paths, _CHUNK_FILES):
                if cancelled():
                    return
                keys = [str(path) for path in chunk]
                visited.update(keys)
                cached = self._cached(keys)
                for path, key in zip(chunk, keys, strict=True):
                    if cancelled():
                        return
                    hits, row = self._hits(path, key, cached.get(key))
                    if row is not None:
                        pending.append(row)
                    yield path, hits
                if len(pending) >= _BATCH_ROWS:
                    self._store(pending)
                    pending.clear()
            complete = True
        finally:
            self._store(pending)
            if complete:
                self._forget(visited)

    def _hits(
        self, path: Path, key: str, entry: tuple[tuple[int, int], ArticleHits] | None
    ) -> tuple[ArticleHits, tuple[object, ...] | None]:
        """The file's hits, and the row to cache when they had to be counted."""
        try:
            info = path.stat()
        except OSError as error:
            reason = error.strerror or type(error).__name__
            return self._empty(f"cannot read file: {reason}"), None
        stamp = (info.st_mtime_ns, info.st_size)
        if entry is not None and entry[0] == stamp:
            return entry[1], None
        hits = self._count_file(path)
        return hits, _row(self._fingerprint, key, stamp, hits)

    def _count_file(self, path: Path) -> ArticleHits:
        try:
            article = read_article(path)
        except ArticleError as error:
            return self._empty(str(error))
        totals = [0] * len(self.matcher.keywords)
        for paragraph in article.paragraphs:
            for hit in self.matcher.find(paragraph.text):
                totals[hit.keyword] += 1
        return ArticleHits(tuple(totals), article.date)

    def _empty(self, error: str) -> ArticleHits:
        return ArticleHits((0,) * len(self.matcher.keywords), None, error)

    def _cached(self, keys: Sequence[str]) -> dict[str, tuple[tuple[int, int], ArticleHits]]:
        """The cached rows of the files named `keys`."""
        marks = ", ".join("?" * len(keys))
        with self._lock:
            rows = self._connection.execute(
                "SELECT path, mtime_ns, size, counts, year, month, day, precision, error "
                f"FROM keyword_hits WHERE fingerprint = ? AND path IN ({marks})",
                (self._fingerprint, *keys),
            ).fetchall()
        cached = {}
        for path, mtime_ns, size, counts, year, month, day, precision, error in rows:
            date = None
            if year is not None:
                date = ArticleDate(year, month, day, Precision(precision))
            cached[path] = ((mtime_ns, size), ArticleHits(tuple(json.loads(counts)), date, error))
        return cached

    def cached_paths(self) -> set[str]:
        """Every file with cached counts for these keywords."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT path FROM keyword_hits WHERE fingerprint = ?", (self._fingerprint,)
            ).fetchall()
        return {path for (path,) in rows}

    def _store(self, rows: Sequence[tuple[object, ...]]) -> None:
        if not rows:
            return
        with self._lock, self._connection:
            self._connection.executemany(
                "INSERT OR REPLACE INTO keyword_hits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )

    def _forget(self, visited: set[str]) -> None:
        """Drop the rows of files that a complete pass did not visit and that are gone."""
        gone = [
            (self._fingerprint, path)
            for path in self.cached_paths() - visited
            if not Path(path).exists()
        ]
        if not gone:
            return
        with self._lock, self._connection:
            self._connection.executemany(
                "DELETE FROM keyword_hits WHERE fingerprint = ? AND path = ?", gone
            )

    def _note_use(self) -> None:
        with self._lock, self._connection:
            self._connection.execute(
                "INSERT OR REPLACE INTO keyword_hits_use VALUES (?, ?)",
                (self._fingerprint, time.time()),
            )
            stale = self._connection.execute(
                "SELECT fingerprint FROM keyword_hits_use ORDER BY used_at DESC LIMIT -1 OFFSET ?",
                (_KEPT_FINGERPRINTS,),
            ).fetchall()
            for (fingerprint,) in stale:
                self._connection.execute(
                    "DELETE FROM keyword_hits WHERE fingerprint = ?", (fingerprint,)
                )
                self._connection.execute(
                    "DELETE FROM keyword_hits_use WHERE fingerprint = ?", (fingerprint,)
                )


def _chunks(items: Iterable[Path], size: int) -> Iterator[list[Path]]:
    """`items` in lists of `size` (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _row(
    fingerprint: str, path: str, stamp: tuple[int, int], hits: ArticleHits
) -> tuple[object, ...]:
    date = hits.date
    return (
        fingerprint,
        path,
        *stamp,
        json.dumps(list(hits.counts)),
        date.year if date else None,
        date.month if date else None,
        date.day if date else None,
        int(date.precision) if date else None,
        hits.error,
    )


def monthly_hits(hits: Iterable[ArticleHits]) -> dict[int, list[tuple[int, int, int]]]:
    """Hits per month for each keyword index, as (year, month, count) for every month from the
    library's first dated month to its last (months without hits count 0), so all keywords
    share one time axis. Undated articles and those dated only by year are left out."""
    per_month: dict[tuple[int, int], list[int]] = {}
    keyword_count = 0
    for article in hits:
        keyword_count = max(keyword_count, len(article.counts))
        date = article.date
        if date is None or date.precision is Precision.YEAR:
            continue
        totals = per_month.setdefault((date.year, date.month), [])
        totals.extend([0] * (len(article.counts) - len(totals)))
        for index, count in enumerate(article.counts):
            totals[index] += count
    series: dict[int, list[tuple[int, int, int]]] = {i: [] for i in range(keyword_count)}
    if not per_month:
        return series
    for year, month in _months(min(per_month), max(per_month)):
        totals = per_month.get((year, month), [])
        for index in range(keyword_count):
            series[index].append((year, month, totals[index] if index < len(totals) else 0))
    return series


def _months(first: tuple[int, int], last: tuple[int, int]) -> Iterator[tuple[int, int]]:
    year, month = first
    while (year, month) <= last:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def sparkline(values: Sequence[int], width: int | None = None) -> str:
    """A one-line chart of `values` in ▁▂▃▄▅▆▇█, scaled to the largest; zero is a space, so a
    month with one hit still shows. With `width`, neighbouring values are summed into at most
    that many columns."""
    if width is not None and 0 < width < len(values):
        size = math.ceil(len(values) / width)
        values = [sum(values[i : i + size]) for i in range(0, len(values), size)]
    highest = max(values, default=0)
    if highest <= 0:
        return " " * len(values)
    top = len(SPARK_LEVELS)
    return "".join(
        " " if value <= 0 else SPARK_LEVELS[min(top, math.ceil(value * top / highest)) - 1]
        for value in values
    )
