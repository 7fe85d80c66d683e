"""How many sentences of each article need a look (QA flags or low confidence), as of the
last time the reader translated it: for the sidebar's marks and its "only flagged" filter.

Kept in the cache database: it is derived from the file, the model and the checks, so losing
it loses nothing but the marks until the articles are translated again. A row remembers the
file's size and modification time, and a count for a file that has changed since is not given.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from tolk.cache_database import open_cache_database

__all__ = ["LookCounts"]

_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS look_counts (
    path TEXT PRIMARY KEY,       -- absolute
    mtime_ns INTEGER NOT NULL,   -- the file as counted
    size INTEGER NOT NULL,
    flagged INTEGER NOT NULL     -- sentences that need a look
);
"""
_TABLES = ("look_counts",)


class LookCounts:
    """Per-article counts of sentences that need a look. Thread-safe; raises sqlite3.Error
    (and OSError for an unusable cache dir) like the other cache components."""

    def __init__(self, db_path: Path) -> None:
        self._connection, self.warning = open_cache_database(
            db_path, "look_counts", _SCHEMA_VERSION, _SCHEMA, _TABLES
        )
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def record(self, path: Path, flagged: int) -> None:
        """Remember how many sentences of the file at `path` (absolute) need a look."""
        stat = path.stat()
        with self._lock, self._connection:
            self._connection.execute(
                "INSERT OR REPLACE INTO look_counts VALUES (?, ?, ?, ?)",
                (str(path), stat.st_mtime_ns, stat.st_size, flagged),
            )

    def counts(
        self, paths: Iterable[Path], *, cancelled: Callable[[], bool] = lambda: False
    ) -> dict[Path, int]:
        """The non-zero count of each of `paths` (absolute) unchanged since it was counted."""
        with self._lock:
            rows = self._connection.execute("SELECT path, mtime_ns, size, flagged FROM look_counts")
            known = {Path(p): (mtime, size, flagged) for p, mtime, size, flagged in rows if flagged}
        found: dict[Path, int] = {}
        for path in paths:
            if cancelled():
                break
            row = known.get(path)
            if row is None:
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            if (stat.st_mtime_ns, stat.st_size) == row[:2]:
                found[path] = row[2]
        return found
