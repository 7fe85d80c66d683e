"""What the article list holds and what it shows: every row in order, the rows the filters let
through, and the marks beside them.

Kept up to date change by change, each costing what it touches and not the list: a batch of k
rows, a keystroke that adds a letter (only the rows shown are looked at), marks for a chunk of
articles (only their rows are looked at). Only a filter that widens what is shown, or marks
replaced whole while a mark filter is on, go over every row. No widget here: the list widget
(article_list.py) draws this.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from enum import Enum
from operator import attrgetter
from pathlib import Path
from typing import Any

from tui.views.article_rows import ArticleRow, SortedRows
from tui.widgets.article_row_text import ArticleMarks, fully_reviewed

_path_of = attrgetter("path_text")


class OnlyWith(Enum):
    """The list's filters by mark: with one on, only the articles that pass it are shown. The
    value is the `ArticleMarks` field it reads (a change to it may show or hide rows)."""

    HITS = "hits"  # keyword hits
    UNREVIEWED = "reviewed"  # a sentence not reviewed yet
    FLAGGED = "looks"  # a sentence that needs a look
    UNREAD = "read"  # not read yet (the open article stays)
    BOKMAL = "languages"  # not told Nynorsk or another language


class ListedArticles:
    """The rows of the article list (see the module's docstring). Paths as the scan named them
    find rows (`row`); marks are keyed by absolute path, as the store and the caches name
    files."""

    def __init__(self) -> None:
        self._rows = SortedRows()
        # By the path they were listed as, as text (rows listed from the library index have
        # no `Path` yet).
        self._by_path: dict[str, ArticleRow] = {}
        # Rows whose absolute path is not the path they were listed by (a relative root),
        # so that marks, which name files by absolute path, find them too.
        self._by_absolute: dict[str, ArticleRow] = {}
        # What is shown: every row (None) or the rows that pass the filters.
        self._visible: SortedRows | None = None
        self._visible_needle = ""
        self._error_rows: set[ArticleRow] = set()  # unreadable files: few, counted apart
        self._visible_errors = 0
        self.filter = ""  # case-folded
        self.marks = ArticleMarks()
        self.only: set[OnlyWith] = set()  # the filters by mark that are on
        # Show only articles opened whose share of new words is at most this (percent).
        self.new_words_at_most: int | None = None
        # The article the reader has open (absolute path): it stays listed under the unread
        # filter when opening it marks it read, so the list does not jump from under the user.
        self.open_article: Path | None = None

    # Reading ---------------------------------------------------------------------------------

    @property
    def shown(self) -> SortedRows:
        """The rows that pass the filters, in order."""
        return self._rows if self._visible is None else self._visible

    @property
    def total(self) -> int:
        return len(self._rows)

    @property
    def errors(self) -> int:
        """How many rows are unreadable files."""
        return len(self._error_rows)

    @property
    def shown_errors(self) -> int:
        """How many of the rows shown are unreadable files."""
        return len(self._error_rows) if self._visible is None else self._visible_errors

    def row(self, path: Path) -> ArticleRow | None:
        """The row listed as `path`, if any."""
        return self._by_path.get(os.fspath(path))

    def find(self, path: Path) -> ArticleRow | None:
        """The row of the file at `path`, named as the scan named it or by its absolute path."""
        text = os.fspath(path)
        return self._by_path.get(text) or self._by_absolute.get(text)

    def snapshot(self) -> list[ArticleRow]:
        """Every row, in order, as a list of its own (copied in C: a few ms for 100,000), for a
        worker to walk while the list goes on changing."""
        return list(itertools.chain.from_iterable(self._rows.chunks()))

    # Rows ------------------------------------------------------------------------------------

    def add(self, rows: list[ArticleRow]) -> None:
        """Add rows (a row for a path already listed replaces it)."""
        fresh = dict(zip(map(_path_of, rows), rows, strict=True))
        by_path = self._by_path
        self._remove_texts([path for path in fresh if path in by_path])
        by_path.update(fresh)
        added = list(fresh.values()) if len(fresh) < len(rows) else rows
        self._by_absolute.update(
            (r.absolute_text, r) for r in added if r.absolute_text is not r.path_text
        )
        self._rows.add_many(added)
        self._error_rows.update(row for row in added if row.is_error)
        if self._visible is not None:
            passing = [row for row in added if self._passes(row)]
            self._visible.add_many(passing)
            self._visible_errors += sum(row.is_error for row in passing)

    def remove(self, paths: Iterable[Path]) -> None:
        """Take the rows listed as `paths` out (paths not listed are ignored)."""
        self._remove_texts(map(os.fspath, paths))

    def _remove_texts(self, paths: Iterable[str]) -> None:
        for path in paths:
            row = self._by_path.pop(path, None)
            if row is None:
                continue
            self._by_absolute.pop(row.absolute_text, None)
            self._rows.remove(row)
            self._error_rows.discard(row)
            if self._visible is not None and self._visible.remove(row):
                self._visible_errors -= row.is_error

    # Filters and marks -----------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Show only rows whose title contains `text` (case-insensitive)."""
        needle = text.casefold().strip()
        # Typing one more letter can only hide rows: filter what is shown, not the whole list.
        narrower = self._visible is not None and self._visible_needle in needle
        self.filter = needle
        self.refilter(narrower=narrower)

    def replace_marks(self, **changes: object) -> None:
        """Replace the marks named (`ArticleMarks` fields) and keep the others."""
        # Copies: `merge_marks` changes these dicts in place, never a caller's.
        owned = {name: dict(v) if isinstance(v, dict) else v for name, v in changes.items()}
        self.marks = replace(self.marks, **owned)  # type: ignore[arg-type]
        if any(kind.value in changes for kind in self.only) or (
            self.new_words_at_most is not None and "new_words" in changes
        ):
            self.refilter(narrower=False)

    def merge_marks(
        self,
        *,
        hits: Mapping[Path, int] | None = None,
        looks: Mapping[Path, int] | None = None,
        languages: Mapping[Path, str | None] | None = None,
        new_words: Mapping[Path, int | None] | None = None,
    ) -> None:
        """Set the hits, looks, languages or shares of new words of the articles named (0 or
        None: none; a share of 0 is kept), keeping every other article's: what shows and passes
        the filters is worked out for those rows only."""
        changed = {**(hits or {}), **(looks or {}), **(languages or {}), **(new_words or {})}
        rows = [row for path in changed if (row := self._find_absolute(path)) is not None]
        before = {row: self._passes(row) for row in rows} if self._visible is not None else {}
        marked: tuple[tuple[dict[Path, Any], Mapping[Path, Any] | None], ...] = (
            (self.marks.hits, hits),
            (self.marks.looks, looks),
            (self.marks.languages, languages),
        )
        for kept, given in marked:
            for path, value in (given or {}).items():
                if value:
                    kept[path] = value
                else:
                    kept.pop(path, None)
        for path, share in (new_words or {}).items():
            if share is None:
                self.marks.new_words.pop(path, None)
            else:
                self.marks.new_words[path] = share  # 0% new is a share to show
        for row, passed in before.items():
            passes = self._passes(row)
            if passes == passed:
                continue
            assert self._visible is not None
            if passes:
                self._visible.add_many([row])
            else:
                self._visible.remove(row)
            self._visible_errors += row.is_error if passes else -row.is_error

    def _find_absolute(self, path: Path) -> ArticleRow | None:
        text = os.fspath(path)
        row = self._by_path.get(text)
        if row is not None and row.absolute_text == text:
            return row
        return self._by_absolute.get(text)

    def _passes(self, row: ArticleRow) -> bool:
        marks = self.marks
        for kind in self.only:
            if not self._has(kind, row):
                return False
        if self.new_words_at_most is not None:
            share = marks.new_words.get(row.absolute)
            if share is None or share > self.new_words_at_most:
                return False
        return not self.filter or self.filter in row.folded_title

    def _has(self, kind: OnlyWith, row: ArticleRow) -> bool:
        """Whether `row` passes the filter by mark `kind`."""
        marks, path = self.marks, row.absolute
        if kind is OnlyWith.HITS:
            return marks.hits.get(path, 0) > 0
        if kind is OnlyWith.UNREVIEWED:
            return not fully_reviewed(marks.reviewed.get(path))
        if kind is OnlyWith.FLAGGED:
            return marks.looks.get(path, 0) > 0
        if kind is OnlyWith.UNREAD:
            return not self.is_read(row) or path == self.open_article
        return path not in marks.languages  # BOKMAL

    def is_read(self, row: ArticleRow) -> bool:
        """Whether the article was read (False while reading state is not kept)."""
        read = self.marks.read
        return read is not None and row.absolute in read

    def refilter(self, *, narrower: bool) -> None:
        """Work out the shown rows again after a filter changed (`narrower`: it can only have
        hidden rows, so only the rows shown now need a look)."""
        flags = bool(self.only) or self.new_words_at_most is not None
        if not (self.filter or flags):
            self._visible = None
        else:
            source = self._visible if narrower and self._visible is not None else self._rows
            passes, needle = self._passes, self.filter
            if flags:
                kept = [row for row in source if passes(row)]
            else:  # the common case, a keystroke in the filter: no call per row
                kept = [row for row in source if needle in row.folded_title]
            self._visible = SortedRows.from_sorted(kept)
            self._visible_errors = sum(1 for row in self._error_rows if passes(row))
        self._visible_needle = self.filter
