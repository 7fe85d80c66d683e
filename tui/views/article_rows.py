"""The article list's rows, and the sorted sequence that holds them.

A row's sort key, folded title and absolute path are computed once, when the row is made (in the
scan's worker thread, not the UI's). `SortedRows` keeps rows in key order in chunks, so adding a
batch costs the chunks it falls into (each merged with its rows in C) — not the whole list, as
re-sorting it did — and the i-th row (what a screen line draws) is found in O(log n).
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator
from itertools import accumulate
from operator import attrgetter
from pathlib import Path

from tolk.library.articles import ArticleSummary
from tolk.library.dates import ArticleDate

# Newest first, undated (and unreadable) last, then by path: unique per file, so copies of one
# article in two folders are two rows. The date is one number (its negated yyyymmdd, and 1 for
# no date): two-item keys compare several times faster than the date's parts one by one, and
# sorting a first scan's rows into the list is mostly comparing keys.
SortKey = tuple[int, str]

# Rows per chunk; a chunk is split when it grows to twice this. A few hundred keeps both the
# list insert inside a chunk and the number of chunks small.
_CHUNK = 512
# A batch's rows that fall into one chunk: up to this many are inserted one at a time, more are
# merged with the chunk by one sort.
_INSORT_MOST = 64
_key_of = attrgetter("key")


class ArticleRow:
    """One article in the list: its summary, plus what sorting, filtering and marks need.

    A row listed from the library index (`listed`) makes no `Path` and no `ArticleSummary` until
    they are asked for (drawing it, opening it, reading its file): a warm start lists 100,000
    rows, and those objects were most of what listing them cost. Texts name the file until then.
    """

    __slots__ = (
        "_absolute",
        "_summary",
        "absolute_text",
        "date",
        "error",
        "folded_title",
        "key",
        "path_text",
        "title",
    )

    def __init__(self, summary: ArticleSummary) -> None:
        path = summary.path
        text = str(path)
        self._fill(text, os.path.abspath(text), summary.title, summary.date, summary.error)
        self._summary: ArticleSummary | None = summary

    @classmethod
    def listed(
        cls,
        path: str,
        absolute: str,
        title: str,
        date: ArticleDate | None,
        error: str | None,
    ) -> ArticleRow:
        """A row for the file at `path` (as the scan names it; `absolute`: the same file's
        absolute path) whose summary is made only when asked for."""
        row = cls.__new__(cls)
        row._fill(path, absolute, title, date, error)
        row._summary = None
        return row

    def _fill(
        self, path: str, absolute: str, title: str, date: ArticleDate | None, error: str | None
    ) -> None:
        self.path_text = path
        # How the store and the marks name the file; the same string when already absolute.
        self.absolute_text = path if absolute == path else absolute
        self.title = title
        self.date = date
        self.error = error
        self.key: SortKey = _sort_key(date, path)
        self.folded_title = title.casefold()
        self._absolute: Path | None = None

    @property
    def summary(self) -> ArticleSummary:
        summary = self._summary
        if summary is None:  # made once; a worker and the UI making it at once make equals
            summary = self._summary = ArticleSummary(
                Path(self.path_text), self.title, self.date, self.error
            )
        return summary

    @property
    def absolute(self) -> Path:
        """The file's absolute path (the summary's own path when that is absolute)."""
        absolute = self._absolute
        if absolute is None:
            if self.absolute_text is self.path_text:
                absolute = self.summary.path
            else:
                absolute = Path(self.absolute_text)
            self._absolute = absolute
        return absolute

    @property
    def is_error(self) -> bool:
        return self.error is not None


# After every date (a month and a day are below 100, so yyyymmdd keeps the parts' order).
_UNDATED = 1


def _sort_key(date: ArticleDate | None, text: str) -> SortKey:
    if date is None:
        return (_UNDATED, text)
    return (-(date.year * 10_000 + date.month * 100 + date.day), text)


class SortedRows:
    """Rows in key order (keys unique), stored in chunks."""

    def __init__(self, rows: Iterable[ArticleRow] = ()) -> None:
        self._build(sorted(rows, key=_key_of))

    @classmethod
    def from_sorted(cls, ordered: list[ArticleRow]) -> SortedRows:
        """Rows already in key order (no sort needed)."""
        rows = cls()
        rows._build(ordered)
        return rows

    def _build(self, ordered: list[ArticleRow]) -> None:
        self._chunks = [ordered[i : i + _CHUNK] for i in range(0, len(ordered), _CHUNK)]
        self._maxes = [chunk[-1].key for chunk in self._chunks]
        self._len = len(ordered)
        self._starts: list[int] | None = None

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[ArticleRow]:
        for chunk in self._chunks:
            yield from chunk

    def chunks(self) -> list[list[ArticleRow]]:
        """The rows in order, chunk by chunk (the lists themselves: read them at once, and do
        not change them)."""
        return self._chunks

    def __getitem__(self, index: int) -> ArticleRow:
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        starts = self._chunk_starts()
        chunk = bisect_right(starts, index) - 1
        return self._chunks[chunk][index - starts[chunk]]

    def index(self, key: SortKey) -> int | None:
        """The position of the row with `key`, or None."""
        chunk = bisect_left(self._maxes, key)
        if chunk == len(self._chunks):
            return None
        rows = self._chunks[chunk]
        at = bisect_left(rows, key, key=_key_of)
        if at == len(rows) or rows[at].key != key:
            return None
        return self._chunk_starts()[chunk] + at

    def add_many(self, rows: list[ArticleRow]) -> None:
        """Add `rows` (keys not yet present). A batch larger than the list is merged whole;
        a smaller one is inserted row by row, each touching one chunk."""
        if len(rows) > self._len:
            # Timsort finds the two sorted runs and merges them in linear time.
            self._build(sorted([*self, *rows], key=_key_of))
            return
        ordered = sorted(rows, key=_key_of)  # linear for a batch already in order
        if not ordered:
            return
        if self._chunks and ordered[0].key > self._maxes[-1]:
            self._append(ordered)  # the library index lists in order: every batch goes last
            return
        self._merge(ordered)

    def _merge(self, ordered: list[ArticleRow]) -> None:
        """Add rows in key order to a list that is not empty: each chunk takes the run of them
        that sorts into it, in C (an insort each for a few, else one sort of the chunk and the
        run: Timsort merges two sorted runs in linear time). A first scan's batches come in the
        folders' order, spread over the whole list: row by row in Python, 7,000 of them held
        the UI for 60-80 ms. The walk starts at the first row's chunk, so one row added (a
        fetched article) does not visit the chunks before it."""
        chunks, maxes = self._chunks, self._maxes
        last = len(chunks) - 1
        first = min(bisect_left(maxes, ordered[0].key), last)
        merged = chunks[:first]
        start = 0
        for number in range(first, len(chunks)):
            chunk = chunks[number]
            if start == len(ordered):
                merged += chunks[number:]
                break
            # The last chunk takes the rows that sort after every row here.
            end = (
                len(ordered)
                if number == last
                else bisect_right(ordered, maxes[number], lo=start, key=_key_of)
            )
            if end == start:
                merged.append(chunk)
                continue
            if end - start <= _INSORT_MOST:
                for row in ordered[start:end]:
                    insort(chunk, row, key=_key_of)
            else:
                chunk += ordered[start:end]
                chunk.sort(key=_key_of)
            start = end
            if len(chunk) < 2 * _CHUNK:
                merged.append(chunk)
            else:
                merged += [chunk[at : at + _CHUNK] for at in range(0, len(chunk), _CHUNK)]
        self._chunks = merged
        self._maxes = [chunk[-1].key for chunk in merged]
        self._len += len(ordered)
        self._starts = None

    def _append(self, ordered: list[ArticleRow]) -> None:
        """Add rows that all sort after every row here, a chunk at a time."""
        last = self._chunks[-1]
        room = max(0, _CHUNK - len(last))
        if room:
            last.extend(ordered[:room])
            self._maxes[-1] = last[-1].key
        for start in range(room, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            self._chunks.append(chunk)
            self._maxes.append(chunk[-1].key)
        self._len += len(ordered)
        self._starts = None

    def remove(self, row: ArticleRow) -> bool:
        """Take `row` out (found by its key); False when it is not here."""
        chunk = bisect_left(self._maxes, row.key)
        if chunk == len(self._chunks):
            return False
        rows = self._chunks[chunk]
        at = bisect_left(rows, row.key, key=_key_of)
        if at == len(rows) or rows[at].key != row.key:
            return False
        del rows[at]
        self._len -= 1
        self._starts = None
        if not rows:
            del self._chunks[chunk]
            del self._maxes[chunk]
        else:
            self._maxes[chunk] = rows[-1].key
        return True

    def _chunk_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *accumulate(len(chunk) for chunk in self._chunks)][:-1] or [0]
        return self._starts
