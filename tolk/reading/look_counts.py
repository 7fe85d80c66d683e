"""How many sentences of each article need a look (QA flags or low confidence), as of the
last time the reader translated it: for the sidebar's marks and its "only flagged" filter.

Kept in the cache database: it is derived from the file, the model and the checks, so losing
it loses nothing but the marks until the articles are translated again. A row remembers the
file's size and modification time, and a count for a file that has changed since is not given.
It remembers too what judged it (`judging`: the checks tolk has, `[qa]`, `[keyword_translations]`
and the glossary file as it was), and a count judged otherwise is not given either: after the
settings or the glossary change, an article shows a count again once it has been judged anew
(opened and translated). What judging does not cover: the model, the translation memory and
the user's corrections, which change the English a count is of.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Container, Iterator
from pathlib import Path

from tolk.config import Config, load_config
from tolk.database.cache_database import open_cache_database
from tolk.database.integrity import fingerprint
from tolk.paths import glossary_database
from tolk.qa.checks import FLAG_CODES

__all__ = ["LookCounts", "judging"]

_SCHEMA_VERSION = 2  # 2: what judged each count
_SCHEMA = """
CREATE TABLE IF NOT EXISTS look_counts (
    path TEXT PRIMARY KEY,       -- absolute
    mtime_ns INTEGER NOT NULL,   -- the file as counted
    size INTEGER NOT NULL,
    flagged INTEGER NOT NULL,    -- sentences that need a look
    judged TEXT NOT NULL         -- what judged them (`judging`)
);
"""
_TABLES = ("look_counts",)
_CHUNK_ROWS = 500


def judging(config: Config | None = None) -> str:
    """What judges a count now, as a short fingerprint: the checks this tolk has, `config`'s
    (by default config.toml's) `[qa]` and `[keyword_translations]`, and the glossary file
    (its identity, size and times: any import or removal changes them)."""
    config = config or load_config().config
    what = {
        "checks": sorted(FLAG_CODES),
        "qa": [sorted(config.qa.ignore), sorted(config.qa.accept), config.qa.low_confidence],
        "keyword_translations": sorted(config.keyword_translations.items()),
        "glossary": fingerprint(glossary_database()),
    }
    text = json.dumps(what, sort_keys=True, ensure_ascii=False, default=list)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class LookCounts:
    """Per-article counts of sentences that need a look, judged as `judged` says (by default
    as `judging()` says now). Thread-safe; raises sqlite3.Error (and OSError for an unusable
    cache dir) like the other cache components."""

    def __init__(self, db_path: Path, judged: str | None = None) -> None:
        self._connection, self.warning = open_cache_database(
            db_path, "look_counts", _SCHEMA_VERSION, _SCHEMA, _TABLES
        )
        self._lock = threading.Lock()
        self.judged = judged or judging()

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def record(self, path: Path, flagged: int) -> None:
        """Remember how many sentences of the file at `path` (absolute) need a look."""
        stat = path.stat()
        with self._lock, self._connection:
            self._connection.execute(
                "INSERT OR REPLACE INTO look_counts VALUES (?, ?, ?, ?, ?)",
                (str(path), stat.st_mtime_ns, stat.st_size, flagged, self.judged),
            )

    def current(
        self, listed: Container[str], *, cancelled: Callable[[], bool] = lambda: False
    ) -> Iterator[tuple[Path, int]]:
        """Each file of `listed` (absolute paths, as text: a listing need not make 100,000
        `Path`s for this) with a non-zero count, as long as it is unchanged since it was counted
        and the count was judged as counts are now. Walks the counts kept (the translated
        articles, not the library), a chunk at a time."""
        with self._lock:
            cursor = self._connection.execute(
                "SELECT path, mtime_ns, size, flagged FROM look_counts "
                "WHERE flagged > 0 AND judged = ?",
                (self.judged,),
            )
        try:
            while not cancelled():
                with self._lock:  # not held while the caller works on what was yielded
                    rows = cursor.fetchmany(_CHUNK_ROWS)
                if not rows:
                    return
                for name, mtime_ns, size, flagged in rows:
                    if name not in listed:
                        continue
                    path = Path(name)
                    try:
                        stat = path.stat()
                    except OSError:
                        continue
                    if (stat.st_mtime_ns, stat.st_size) == (mtime_ns, size):
                        yield path, flagged
        finally:
            with self._lock:
                cursor.close()
