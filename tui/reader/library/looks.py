"""The sidebar's count of each article's sentences that need a look (`5⚑`).

Counts come from two places, and the order in which they arrive must not change what the
sidebar shows:

- the counts stored in the cache (`tolk.reading.look_counts`), as of the last time each article was
  translated, read once the library is listed;
- the counts this session makes: the open article's, once its English is settled
  (`OpenArticle.settled`: the memory's matches in, and every sentence with English — the
  model's translation of every paragraph, or, with or without a model, corrections and the
  memory covering every sentence), and again whenever a correction changes it. So the count is
  of the English that counts (not of the model's English the memory is about to replace),
  judged as `tolk check` judges it; and an article with a sentence left without English (no
  model) gets no count, as `tolk check` does not call it checked: a count of part of it would
  read as the whole article's.

A count made in this session is newer than any stored one, so it wins over the stored counts
whenever those arrive. Counts are written to the cache in worker threads that may finish in
any order; each write is numbered when its count is made, and a write older than one already
written for the same article is dropped, so the cache keeps the newest count.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tolk.paths import cache_database
from tolk.userdata.bookmarks import absolute_path
from tui.reader.jobs import POST_EVERY_SECONDS, Cancelled, Job, Post, every
from tui.reader.library.messages import StoredLookCounts

# tolk.reading.open_article loads when the first article opens: the first frame does not wait.
if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tui.views.article_rows import ArticleRow


class LookCountFeature:
    """Per article, how many sentences need a look: stored, and counted in this session."""

    def __init__(self) -> None:
        self._stored: dict[Path, int] = {}
        self._counted: dict[Path, int] = {}  # this session's, by absolute path
        self._made = 0  # counts made so far; numbers their writes
        self._lock = threading.Lock()  # one write at a time, and `_written` with it
        self._written: dict[Path, int] = {}  # path -> number of the newest count written

    @property
    def shown(self) -> dict[Path, int]:
        """What the sidebar shows: this session's count where it has one, else the stored
        count; articles with none left out."""
        return {path: n for path, n in {**self._stored, **self._counted}.items() if n}

    def add_stored(self, counts: dict[Path, int]) -> dict[Path, int]:
        """Some of the cache's counts arrived (a chunk); those the sidebar should take: the
        ones this session has not counted since."""
        self._stored.update(counts)
        return {path: n for path, n in counts.items() if path not in self._counted}

    def count(self, opened: OpenArticle) -> tuple[Path, int, Job] | None:
        """Count `opened` if its English is settled and the count changed: its absolute path,
        the count and the job that stores it; None when there is nothing new (then `shown` is
        unchanged)."""
        if not opened.settled:
            return None
        path = absolute_path(opened.path)
        flagged = opened.look_count()
        if self._counted.get(path) == flagged:
            return None
        self._counted[path] = flagged
        self._made += 1
        return path, flagged, self._store(path, flagged, self._made)

    def _store(self, path: Path, flagged: int, number: int) -> Job:
        def job(post: Post, cancelled: Cancelled) -> None:
            with self._lock:
                if self._written.get(path, 0) > number:
                    return  # a newer count of this article is in the cache already
                from tolk.reading.look_counts import LookCounts

                try:
                    counts = LookCounts(cache_database())
                except (OSError, sqlite3.Error):
                    return  # without a cache dir the counts are not kept; the reader goes on
                try:
                    counts.record(path, flagged)
                except (OSError, sqlite3.Error):
                    return
                finally:
                    counts.close()
                self._written[path] = number

        return job

    @staticmethod
    def load(rows: Sequence[ArticleRow]) -> Job:
        """Job: the stored counts of the listed articles (`rows`, a snapshot of the list),
        posted in chunks as they are found."""

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.reading.look_counts import LookCounts

            listed = {row.absolute_text for row in rows if row.error is None}
            try:
                counts = LookCounts(cache_database())
            except (OSError, sqlite3.Error):
                return
            found: dict[Path, int] = {}
            due = every(POST_EVERY_SECONDS)
            try:
                for path, flagged in counts.current(listed, cancelled=cancelled):
                    found[path] = flagged
                    if due():
                        post(StoredLookCounts(found))
                        found = {}
            except (OSError, sqlite3.Error):
                pass  # a locked or damaged cache: the counts found so far are still right
            finally:
                counts.close()
            if found and not cancelled():
                post(StoredLookCounts(found))

        return job
