"""Full-text search across the library, kept in SQLite FTS5 and updated incrementally.

The index holds Snowball stems of every paragraph (Norwegian in one column, English
translations, where the reader has them, in another) beside the paragraphs' original text:
`tolk.search.building` writes it, `tolk.search.results` reads it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from tolk.database.cache_database import open_cache_database
from tolk.search.building import IndexBuilder, IndexProgress, IndexUpdate, Progress, not_utf8
from tolk.search.results import SearchResult, find_paragraphs
from tolk.search.schema import SCHEMA, SCHEMA_VERSION, TABLES

__all__ = ["IndexProgress", "IndexUpdate", "SearchError", "SearchIndex", "SearchResult"]


class SearchError(Exception):
    """The search index could not be read or written; the message says why."""


class SearchIndex:
    """The library's full-text index in the cache database at `db_path`.

    Thread-safe: writes (update, index_translation) take turns on one connection, and
    searches read through their own pooled connections, so with WAL a search never waits for
    an update. A damaged database file is moved aside; `warning` then says so, for the user.
    """

    def __init__(self, db_path: Path) -> None:
        self.path = db_path
        self._writer, self.warning = open_cache_database(
            db_path, "search", SCHEMA_VERSION, SCHEMA, TABLES
        )
        self._write_lock = threading.Lock()
        self._builder = IndexBuilder(self._writer, self._write_lock)
        # Idle read connections. UI workers each run on a fresh thread, so connections are
        # pooled rather than kept per thread: there are only ever as many as concurrent searches.
        self._idle_readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()

    def close(self) -> None:
        """Close every connection this index opened."""
        with self._write_lock:
            self._writer.close()
        with self._readers_lock:
            for connection in self._idle_readers:
                connection.close()
            self._idle_readers.clear()

    def update(
        self,
        roots: Iterable[Path],
        *,
        cancelled: Callable[[], bool] = lambda: False,
        progress: Progress | None = None,
        processes: int | None = None,
    ) -> IndexUpdate:
        """Make the index match the articles under `roots` (files or folders).

        A walk finds the files whose (mtime, size) differ from the index's (only those are
        read); they are parsed and written in batches, one transaction each; files that are
        gone, or outside `roots`, are removed at the end. `progress` hears how far the walk is,
        then how many of the files to read are indexed, after each batch. `processes`: how many
        worker processes parse (0: none, here; None: one per core for a big update).
        """
        try:
            return self._builder.update(roots, cancelled, progress, processes)
        except sqlite3.Error as error:
            raise SearchError(f"cannot update the search index: {error}") from error

    def index_translation(self, path: Path, paragraph_targets: Sequence[str | None]) -> None:
        """Add or replace the English translation of the article at `path`, one entry per
        paragraph (None where a paragraph is not translated). An article not yet indexed is
        indexed first; one that cannot be read, or whose name is not UTF-8, is left out."""
        if not_utf8(str(path)):
            return
        try:
            self._builder.index_translation(path, paragraph_targets)
        except OSError:
            return  # the file is gone; the next update removes it from the index
        except sqlite3.Error as error:
            raise SearchError(f"cannot index the translation: {error}") from error

    def search(self, query: str, limit: int = 50) -> list[SearchResult]:
        """Paragraphs holding every word of `query` (inflected forms too; "quoted words" as
        that exact phrase), in Norwegian or in an indexed translation: newest article first
        (undated last), then in reading order; at most `limit`."""
        reader = self._take_reader()
        try:
            return find_paragraphs(reader, query, limit)
        except sqlite3.Error as error:
            raise SearchError(f"cannot search: {error}") from error
        finally:
            with self._readers_lock:
                self._idle_readers.append(reader)

    def _take_reader(self) -> sqlite3.Connection:
        with self._readers_lock:
            if self._idle_readers:
                return self._idle_readers.pop()
        connection = sqlite3.connect(self.path, check_same_thread=False, timeout=10.0)
        connection.execute("PRAGMA query_only=1")
        return connection
