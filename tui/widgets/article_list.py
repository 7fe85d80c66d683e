"""The sidebar's article list: virtualised, so 10,000 articles cost only the rows on screen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tolk.articles import ArticleSummary
from tolk.text import printable
from tui.widgets.article_row_text import (
    ROW_HEIGHT,
    TITLE_LINES,
    ArticleMarks,
    fit,
    fully_reviewed,
    row_marks,
    title_line,
)
from tui.widgets.article_rows import ArticleRow, SortedRows
from tui.widgets.styles import css_beside


class ArticleList(ScrollView, can_focus=True):
    """Every article found, newest first, optionally narrowed by a title filter."""

    DEFAULT_CSS = css_beside(__file__)
    COMPONENT_CLASSES = {  # noqa: RUF012 - Textual reads this class attribute
        "article-list--date",
        "article-list--error",
        "article-list--highlight",
        "article-list--marker",
    }
    BINDINGS = [  # noqa: RUF012
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("enter", "open", "Open", tooltip="Open the highlighted article", id="list.open"),
    ]

    highlighted: reactive[int] = reactive(0)

    class Opened(Message):
        """The user chose an article to read."""

        def __init__(self, summary: ArticleSummary) -> None:
            super().__init__()
            self.summary = summary

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows = SortedRows()
        self._by_path: dict[Path, ArticleRow] = {}
        # What is shown: every row (None) or the rows that pass the filters, kept up to date as
        # rows come and go so that a batch never re-filters the whole list.
        self._visible: SortedRows | None = None
        self._visible_needle = ""
        self._error_rows: set[ArticleRow] = set()  # unreadable files: few, counted apart
        self._visible_errors = 0
        self._filter = ""
        self._user_moved = False
        self._marks = ArticleMarks()
        self._only_hits = False
        self._only_unreviewed = False
        self._only_flagged = False

    # Data ------------------------------------------------------------------------------------

    @property
    def _shown_rows(self) -> SortedRows:
        return self._rows if self._visible is None else self._visible

    @property
    def total_count(self) -> int:
        """How many articles the list holds, filtered or not."""
        return len(self._rows)

    @property
    def shown_count(self) -> int:
        """How many articles pass the filters."""
        return len(self._shown_rows)

    @property
    def shown_errors(self) -> int:
        """How many of the articles shown are unreadable files."""
        return len(self._error_rows) if self._visible is None else self._visible_errors

    @property
    def shown(self) -> list[ArticleSummary]:
        """The articles shown, in order."""
        return [row.summary for row in self._shown_rows]

    @property
    def highlighted_summary(self) -> ArticleSummary | None:
        """The article under the cursor, if any."""
        rows = self._shown_rows
        if 0 <= self.highlighted < len(rows):
            return rows[self.highlighted].summary
        return None

    @property
    def filter_text(self) -> str:
        """The (case-folded) text titles are filtered by."""
        return self._filter

    def add_summaries(self, summaries: list[ArticleSummary]) -> None:
        """Add (or replace, by path) articles found by the scan."""
        self.add_rows([ArticleRow(summary) for summary in summaries])

    def add_rows(self, rows: list[ArticleRow]) -> None:
        """Add rows (a row for a path already listed replaces it), keeping the list sorted and
        the cursor on its article. Costs in proportion to the batch, not the list."""
        # Until the user moves, the cursor stays on top (the newest article) as batches arrive;
        # afterwards it stays on the article the user chose.
        current = self.highlighted_summary if self._user_moved else None
        fresh: dict[Path, ArticleRow] = {}
        for row in rows:
            fresh[row.summary.path] = row
        self._take_out([path for path in fresh if path in self._by_path])
        self._by_path.update(fresh)
        added = list(fresh.values())
        self._rows.add_many(added)
        self._error_rows.update(row for row in added if row.is_error)
        if self._visible is not None:
            passing = [row for row in added if self._passes(row)]
            self._visible.add_many(passing)
            self._visible_errors += sum(row.is_error for row in passing)
        self._shown_changed(current)

    def remove_paths(self, paths: list[Path]) -> None:
        """Take the articles at `paths` (as the scan named them) off the list."""
        current = self.highlighted_summary if self._user_moved else None
        self._take_out(paths)
        self._shown_changed(current)

    def _take_out(self, paths: list[Path]) -> None:
        for path in paths:
            row = self._by_path.pop(path, None)
            if row is None:
                continue
            self._rows.remove(row)
            self._error_rows.discard(row)
            if self._visible is not None and self._visible.remove(row):
                self._visible_errors -= row.is_error

    @property
    def all_summaries(self) -> list[ArticleSummary]:
        """Every article found, whatever the filter."""
        return [row.summary for row in self._rows]

    @property
    def marks(self) -> ArticleMarks:
        """The markers shown now."""
        return self._marks

    def update_marks(
        self,
        *,
        bookmarked: frozenset[Path] | None = None,
        read: frozenset[Path] | None = None,
        hits: dict[Path, int] | None = None,
        reviewed: dict[Path, tuple[int, int]] | None = None,
        looks: dict[Path, int] | None = None,
    ) -> None:
        """Change the marks given (absolute paths) and keep the others: the one way marks
        change, so no feature's update can wipe another's."""
        changes: dict[str, object] = {
            name: value
            for name, value in (
                ("bookmarked", bookmarked),
                ("read", read),
                ("hits", hits),
                ("reviewed", reviewed),
                ("looks", looks),
            )
            if value is not None
        }
        self._marks = replace(self._marks, **changes)  # type: ignore[arg-type]
        narrowing = (
            (self._only_hits and hits is not None)
            or (self._only_unreviewed and reviewed is not None)
            or (self._only_flagged and looks is not None)
        )
        if narrowing:
            self._apply_filter(keep=self.highlighted_summary, narrower=False)
        self.refresh()

    @property
    def only_hits(self) -> bool:
        """Whether only articles with keyword hits are shown."""
        return self._only_hits

    def show_only_hits(self, only: bool) -> None:
        """Narrow the list to articles with keyword hits, or show all again."""
        self._only_hits = only
        self._apply_filter(keep=self.highlighted_summary, narrower=False)

    @property
    def only_unreviewed(self) -> bool:
        """Whether fully reviewed articles are hidden."""
        return self._only_unreviewed

    @property
    def only_flagged(self) -> bool:
        """Whether only articles with sentences that need a look are shown."""
        return self._only_flagged

    def show_only_flagged(self, only: bool) -> None:
        """Narrow the list to articles with sentences that need a look, or show all again."""
        self._only_flagged = only
        self._apply_filter(keep=self.highlighted_summary, narrower=False)

    def show_only_unreviewed(self, only: bool) -> None:
        """Hide articles whose every sentence is reviewed, or show all again."""
        self._only_unreviewed = only
        self._apply_filter(keep=self.highlighted_summary, narrower=False)

    def set_filter(self, text: str) -> None:
        """Show only articles whose title contains `text` (case-insensitive)."""
        needle = text.casefold().strip()
        # Typing one more letter can only hide rows: filter what is shown, not the whole list.
        narrower = self._visible is not None and self._visible_needle in needle
        self._filter = needle
        self._apply_filter(keep=self.highlighted_summary, narrower=narrower)

    def readable_after(self, path: Path) -> Path | None:
        """The readable article shown after the one at `path`, for reading ahead."""
        row = self._by_path.get(path)
        rows = self._shown_rows
        index = rows.index(row.key) if row is not None else None
        if index is None or index + 1 >= len(rows):
            return None
        following = rows[index + 1].summary
        return following.path if following.error is None else None

    def _passes(self, row: ArticleRow) -> bool:
        marks = self._marks
        if self._only_hits and marks.hits.get(row.absolute, 0) <= 0:
            return False
        if self._only_unreviewed and fully_reviewed(marks.reviewed.get(row.absolute)):
            return False
        if self._only_flagged and marks.looks.get(row.absolute, 0) <= 0:
            return False
        return not self._filter or self._filter in row.folded_title

    def _apply_filter(self, keep: ArticleSummary | None, *, narrower: bool) -> None:
        """Work out the shown rows again after a filter changed (`narrower`: it can only have
        hidden rows, so only the rows shown now need a look)."""
        flags = self._only_hits or self._only_unreviewed or self._only_flagged
        if not (self._filter or flags):
            self._visible = None
        else:
            source = self._visible if narrower and self._visible is not None else self._rows
            passes, needle = self._passes, self._filter
            if flags:
                kept = [row for row in source if passes(row)]
            else:  # the common case, a keystroke in the filter: no call per row
                kept = [row for row in source if needle in row.folded_title]
            self._visible = SortedRows.from_sorted(kept)
            self._visible_errors = sum(1 for row in self._error_rows if passes(row))
        self._visible_needle = self._filter
        self._shown_changed(keep)

    def _shown_changed(self, keep: ArticleSummary | None) -> None:
        """The shown rows changed: size the scroll area, put the cursor back on `keep`."""
        rows = self._shown_rows
        self.virtual_size = Size(self.size.width, len(rows) * ROW_HEIGHT)
        index = 0
        if keep is not None:
            row = self._by_path.get(keep.path)
            found = rows.index(row.key) if row is not None else None
            index = found if found is not None else 0
        self.highlighted = index
        self.refresh()

    # Cursor ----------------------------------------------------------------------------------

    def validate_highlighted(self, value: int) -> int:
        return max(0, min(value, len(self._shown_rows) - 1))

    def watch_highlighted(self) -> None:
        top = self.highlighted * ROW_HEIGHT
        self.scroll_to_region_if_needed(top)
        self.refresh()

    def scroll_to_region_if_needed(self, top: int) -> None:
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif top + ROW_HEIGHT > self.scroll_y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False)

    def action_cursor_down(self) -> None:
        self._user_moved = True
        self.highlighted += 1

    def action_cursor_up(self) -> None:
        self._user_moved = True
        self.highlighted -= 1

    def action_page_down(self) -> None:
        self._user_moved = True
        self.highlighted += max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def action_page_up(self) -> None:
        self._user_moved = True
        self.highlighted -= max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def action_first(self) -> None:
        self._user_moved = True
        self.highlighted = 0

    def action_last(self) -> None:
        self._user_moved = True
        self.highlighted = len(self._shown_rows) - 1

    def action_open(self) -> None:
        summary = self.highlighted_summary
        if summary is not None:
            self.post_message(self.Opened(summary))

    def on_click(self, event: events.Click) -> None:
        row = (event.y + int(self.scroll_y)) // ROW_HEIGHT
        if 0 <= row < len(self._shown_rows):
            self._user_moved = True
            self.highlighted = row
            self.action_open()

    # Rendering -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + int(self.scroll_y)
        row, part = divmod(line, ROW_HEIGHT)
        base = self.rich_style
        if row >= len(self._shown_rows):
            return Strip.blank(width, base)
        shown = self._shown_rows[row]
        summary = shown.summary
        style = base
        if row == self.highlighted:
            style = base + self.get_component_rich_style("article-list--highlight")
        if summary.error is not None:
            segments = self._error_segments(summary, part, style, width)
        elif part < TITLE_LINES:
            segments = self._title_segments(summary, part, style, width)
        else:
            segments = self._date_segments(shown, style, width)
        return Strip(segments).adjust_cell_length(width, style)

    def _title_segments(
        self, summary: ArticleSummary, line: int, style: Style, width: int
    ) -> list[Segment]:
        return [Segment(" ", style), Segment(title_line(summary.title, line, width - 2), style)]

    def _date_segments(self, entry: ArticleRow, style: Style, width: int) -> list[Segment]:
        """The date, then the markers (`row_marks`)."""
        summary = entry.summary
        muted = style + self.get_component_rich_style("article-list--date", partial=True)
        marker = style + self.get_component_rich_style("article-list--marker", partial=True)
        date = str(summary.date) if summary.date is not None else "undated"
        segments = [Segment(" ", style), Segment(date, muted)]
        segments += [Segment(mark, marker) for mark in row_marks(entry.absolute, self._marks)]
        return segments

    def _error_segments(
        self, summary: ArticleSummary, line: int, style: Style, width: int
    ) -> list[Segment]:
        """An unreadable file: its name, then the reason on the row's other lines."""
        error = style + self.get_component_rich_style("article-list--error", partial=True)
        if line == 0:
            return [
                Segment(" ⚠ ", error),
                Segment(fit(printable(summary.path.name), width - 3), style),
            ]
        text = title_line(summary.error or "", line - 1, width - 3)
        return [Segment("   ", style), Segment(text, error)]
