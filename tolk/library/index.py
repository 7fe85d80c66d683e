"""The library index: per article file its size, modification time and summary (title, date or
the reason it cannot be read), in the cache dir, so that a second start lists the library at
once and re-reads only the files that changed or appeared.

It is a cache (`cache_dir()/library.sqlite`, its own file so that a 100,000-file scan never
waits on the search index's writes): a damaged file is moved aside and the index rebuilt from
the files, never trusted. Rows are written as the scan goes, one transaction per batch, so a
reader killed mid-scan keeps what it had indexed. Files are keyed by absolute path: two
identical copies in two folders are two rows.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from tolk.database.cache_database import open_cache_database
from tolk.library.articles import READ_FAILURE, ArticleSummary
from tolk.library.dates import ArticleDate, Precision
from translation.damaged_database import move_aside

__all__ = ["IndexedFile", "LibraryIndex", "Stamp", "file_key"]

# 2: titles are cut by the reader's sentence splitter ("J.J. Abrams" no longer ends one).
_SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS library_file (
    path BLOB PRIMARY KEY,      -- absolute, as os.fsencode gives it (any file name fits)
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    date_key INTEGER NOT NULL,  -- yyyymmdd, -1 undated: the list's order, newest first
    title BLOB NOT NULL,        -- UTF-8 with surrogates passed (titles from odd file names)
    year INTEGER, month INTEGER, day INTEGER, precision INTEGER,
    error BLOB
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS library_file_order ON library_file (date_key DESC, path);
"""
_TABLES = ("library_file",)
_SELECT = (
    "SELECT path, size, mtime_ns, title, year, month, day, precision, error FROM library_file "
    "ORDER BY date_key DESC, path"
)
_FS_ENCODING = sys.getfilesystemencoding()
_FS_ERRORS = sys.getfilesystemencodeerrors()
# Rows fetched (and listed) at a time.
_CHUNK = 1000

# (size, st_mtime_ns): a file whose stamp matches its row is not read again.
Stamp = tuple[int, int]


def file_key(path: Path) -> bytes:
    """How the index names a file: its absolute path, as bytes."""
    return os.fsencode(os.path.abspath(path))


class IndexedFile(NamedTuple):
    """A file as the index last saw it, as listed: no `Path` and no `ArticleSummary` is made
    for it (100,000 of each cost a warm start a second); `summary()` makes them when asked."""

    key: bytes
    stamp: Stamp
    path: str  # named as the scan would name it: under the first root that holds it
    title: str
    date: ArticleDate | None
    error: str | None
    # The absolute path as text (what `key` encodes): the same string as `path` when the root
    # was given absolute.
    absolute: str

    def summary(self) -> ArticleSummary:
        return ArticleSummary(Path(self.path), self.title, self.date, self.error)


class LibraryIndex:
    """The index in the database at `db_path`. Thread-safe; raises sqlite3.Error (OSError for an
    unusable cache dir). `warning` says when a damaged file was moved aside."""

    def __init__(self, db_path: Path) -> None:
        self.path = db_path
        self._connection, self.warning = open_cache_database(
            db_path, "library_index", _SCHEMA_VERSION, _SCHEMA, _TABLES
        )
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def start_over(self, damage: sqlite3.Error) -> str:
        """The file turned out damaged after it opened (`damage`): move it aside and start an
        empty one in its place. Returns what to tell the user."""
        with self._lock:
            self._connection.close()
            aside = move_aside(self.path)
            self._connection, _ = open_cache_database(
                self.path, "library_index", _SCHEMA_VERSION, _SCHEMA, _TABLES
            )
        return (
            f"The library index {self.path} was damaged ({damage}); "
            f"it was moved to {aside} and is being rebuilt."
        )

    def listed(self, roots: Sequence[Path]) -> Iterator[list[IndexedFile]]:
        """Every indexed file under `roots` (folders, or files given themselves), newest first,
        each once (the first root holding it names it), in chunks. Rows stream from the order
        index, so the first chunk comes before the rest are read."""
        prefixes = [(os.path.abspath(root), str(root)) for root in roots]
        dates: dict[tuple[int, int, int, int], ArticleDate] = {}  # one object per distinct date
        with self._lock:
            cursor = self._connection.execute(_SELECT)
        try:
            while True:
                with self._lock:  # not held while the caller works on what was yielded
                    rows = cursor.fetchmany(_CHUNK)
                if not rows:
                    return
                chunk = []
                for row in rows:
                    # The file system's own decoding (os.fsdecode's, without its call: this
                    # runs for every row of a warm start).
                    absolute = row[0].decode(_FS_ENCODING, _FS_ERRORS)
                    found = _under(absolute, prefixes)
                    if found is not None:
                        chunk.append(_indexed(row, found, absolute, dates))
                yield chunk
        finally:
            with self._lock:
                cursor.close()

    def record(self, files: Iterable[tuple[bytes, Stamp, ArticleSummary | IndexedFile]]) -> None:
        """Add or replace files, in one transaction. A file that could not be read at all (not
        one that could not be parsed) is left out, so the next scan tries it again."""
        rows = [
            _row(key, stamp, summary)
            for key, stamp, summary in files
            if summary.error is None or not summary.error.startswith(READ_FAILURE)
        ]
        if not rows:
            return
        with self._lock, self._connection:
            self._connection.executemany(
                "INSERT OR REPLACE INTO library_file VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )

    def forget(self, keys: Iterable[bytes]) -> None:
        """Drop the rows of files that are gone, in one transaction."""
        gone = [(key,) for key in keys]
        if not gone:
            return
        with self._lock, self._connection:
            self._connection.executemany("DELETE FROM library_file WHERE path = ?", gone)


def _under(absolute: str, prefixes: list[tuple[str, str]]) -> str | None:
    """The path the scan gives the file at `absolute` (as `str(root / relative)` would give it)
    under the first root holding it (each given as its absolute path and as given), or None.
    Under a root given absolute, that is `absolute` itself (the same string)."""
    for prefix, root in prefixes:
        if absolute == prefix:
            return root
        if absolute.startswith(prefix) and absolute[len(prefix) : len(prefix) + 1] == os.sep:
            if root == prefix:
                return absolute
            relative = absolute[len(prefix) + 1 :]
            return relative if root == "." else root + os.sep + relative
        if prefix == os.sep and absolute.startswith(prefix):  # the root is `/` itself
            return absolute if root == prefix else root + absolute[1:]
    return None


def _indexed(
    row: tuple[
        bytes, int, int, bytes, int | None, int | None, int | None, int | None, bytes | None
    ],
    path: str,
    absolute: str,
    dates: dict[tuple[int, int, int, int], ArticleDate],
) -> IndexedFile:
    key, size, mtime_ns, title, year, month, day, precision, error = row
    date = None
    if year is not None and month is not None and day is not None and precision is not None:
        parts = (year, month, day, precision)
        date = dates.get(parts)
        if date is None:
            date = dates[parts] = ArticleDate(year, month, day, Precision(precision))
    return IndexedFile(
        key,
        (size, mtime_ns),
        path,
        title.decode("utf-8", "surrogatepass"),
        date,
        error.decode("utf-8", "surrogatepass") if error is not None else None,
        absolute,
    )


def _row(key: bytes, stamp: Stamp, summary: ArticleSummary | IndexedFile) -> tuple[object, ...]:
    date = summary.date
    error = summary.error
    return (
        key,
        *stamp,
        date.year * 10_000 + date.month * 100 + date.day if date else -1,
        summary.title.encode("utf-8", "surrogatepass"),
        date.year if date else None,
        date.month if date else None,
        date.day if date else None,
        int(date.precision) if date else None,
        error.encode("utf-8", "surrogatepass") if error is not None else None,
    )
