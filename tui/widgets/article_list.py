"""The sidebar's article list: virtualised, so 10,000 articles cost only the rows on screen."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tolk.library.articles import ArticleSummary
from tui.views.article_rows import ArticleRow, SortedRows
from tui.widgets.article_row_lines import LineStyles, row_line
from tui.widgets.article_row_text import ROW_HEIGHT, ArticleMarks
from tui.widgets.listed_articles import ListedArticles, OnlyWith
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

    class FirstRowsDrawn(Message):
        """Articles are on screen for the first time, or a filter hides every one listed
        before any was drawn: what the reader's start waits for."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._listed = ListedArticles()
        self._user_moved = False
        self._rows_drawn = False
        # Styles for the lines of one render pass (computed once per pass, not per line).
        self._line_styles: LineStyles | None = None

    # Data ------------------------------------------------------------------------------------

    @property
    def _shown_rows(self) -> SortedRows:
        return self._listed.shown

    @property
    def rows_to_draw(self) -> bool:
        """Whether articles pass the filters and none has been drawn yet (FirstRowsDrawn will
        come once one is)."""
        return bool(self._shown_rows) and not self._rows_drawn

    @property
    def total_count(self) -> int:
        """How many articles the list holds, filtered or not."""
        return self._listed.total

    @property
    def shown_count(self) -> int:
        """How many articles pass the filters."""
        return len(self._shown_rows)

    @property
    def total_errors(self) -> int:
        """How many of the list's rows, filtered or not, are unreadable files."""
        return self._listed.errors

    @property
    def shown_errors(self) -> int:
        """How many of the articles shown are unreadable files."""
        return self._listed.shown_errors

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
        return self._listed.filter

    def add_summaries(self, summaries: list[ArticleSummary]) -> None:
        """Add (or replace, by path) articles found by the scan."""
        self.add_rows([ArticleRow(summary) for summary in summaries])

    def add_rows(self, rows: list[ArticleRow]) -> None:
        """Add rows (a row for a path already listed replaces it), keeping the list sorted and
        the cursor on its article. Costs in proportion to the batch, not the list."""
        # Until the user moves, the cursor stays on top (the newest article) as batches arrive;
        # afterwards it stays on the article the user chose.
        current = self.highlighted_summary if self._user_moved else None
        self._listed.add(rows)
        self._shown_changed(current)

    def remove_paths(self, paths: list[Path]) -> None:
        """Take the articles at `paths` (as the scan named them) off the list."""
        current = self.highlighted_summary if self._user_moved else None
        self._listed.remove(paths)
        self._shown_changed(current)

    def highlight(self, path: Path) -> None:
        """Put the cursor on the article at `path` (as listed, or absolute), if it is shown:
        the article the reader opened another way (reopened, a search or a bookmark) is the
        one `enter` would open."""
        row = self._listed.find(path)
        index = self._shown_rows.index(row.key) if row is not None else None
        if index is not None:
            self._user_moved = True
            self.highlighted = index

    def hold_open(self, path: Path) -> None:
        """The reader opened the article at `path` (absolute): it stays listed under the
        unread filter though opening marks it read (until another opens)."""
        if self._listed.open_article == path:
            return
        self._listed.open_article = path
        if OnlyWith.UNREAD in self._listed.only:
            self._apply_filter()

    def shown_readable(self) -> list[Path]:
        """The absolute paths of the readable articles shown now (what "mark all read"
        marks), in order."""
        return [row.absolute for row in self._shown_rows if not row.is_error]

    @property
    def highlighted_row(self) -> ArticleRow | None:
        """The row under the cursor, if any."""
        rows = self._shown_rows
        return rows[self.highlighted] if 0 <= self.highlighted < len(rows) else None

    def is_read(self, row: ArticleRow) -> bool | None:
        """Whether the article of `row` was read; None while reading state is not kept."""
        return None if self._listed.marks.read is None else self._listed.is_read(row)

    def lists(self, path: Path) -> bool:
        """Whether the article at `path` (as the scan names it) is in the list."""
        return self._listed.row(path) is not None

    def rows_snapshot(self) -> list[ArticleRow]:
        """Every row, in order, in a list of its own: for a job to walk in its thread."""
        return self._listed.snapshot()

    @property
    def marks(self) -> ArticleMarks:
        """The markers shown now."""
        return self._listed.marks

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
        changes = {
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
        keep = self.highlighted_summary
        shown = self._listed.shown
        self._listed.replace_marks(**changes)
        if self._listed.shown is not shown:
            self._shown_changed(keep)
        self.refresh()

    def merge_marks(
        self,
        *,
        hits: dict[Path, int] | None = None,
        looks: dict[Path, int] | None = None,
        languages: dict[Path, str | None] | None = None,
        new_words: dict[Path, int | None] | None = None,
    ) -> None:
        """Set the hit or look counts, the languages or the shares of new words of some
        articles (absolute paths; 0 or None for none, but a share of 0% is one), keeping the
        others': what a job going over the library in chunks posts, chunk by chunk."""
        keep = self.highlighted_summary
        listed = self._listed
        listed.merge_marks(hits=hits, looks=looks, languages=languages, new_words=new_words)
        at_most = self.new_words_at_most is not None
        filtered = self._listed.only & {OnlyWith.HITS, OnlyWith.FLAGGED, OnlyWith.BOKMAL}
        if filtered or at_most:  # rows may have come or gone
            self._shown_changed(keep)
        self.refresh()

    def showing_only(self, kind: OnlyWith) -> bool:
        """Whether the filter by mark `kind` is on."""
        return kind in self._listed.only

    def show_only(self, kind: OnlyWith, on: bool) -> None:
        """Narrow the list to the articles that pass the filter by mark `kind`, or (not `on`)
        take that filter off."""
        only = self._listed.only
        if on:
            only.add(kind)
        else:
            only.discard(kind)
        self._apply_filter()

    @property
    def new_words_at_most(self) -> int | None:
        """The share of new words (percent) the articles shown have at most; None: no such
        filter."""
        return self._listed.new_words_at_most

    def show_new_words_at_most(self, percent: int | None) -> None:
        """Narrow the list to articles opened whose share of new words is at most `percent`,
        or (None) show all again."""
        self._listed.new_words_at_most = percent
        self._apply_filter()

    def set_filter(self, text: str) -> None:
        """Show only articles whose title contains `text` (case-insensitive)."""
        keep = self.highlighted_summary
        self._listed.set_filter(text)
        self._shown_changed(keep)

    def readable_after(self, path: Path) -> Path | None:
        """The readable article shown after the one at `path`, for reading ahead."""
        row = self._listed.row(path)
        rows = self._shown_rows
        index = rows.index(row.key) if row is not None else None
        if index is None or index + 1 >= len(rows):
            return None
        following = rows[index + 1].summary
        return following.path if following.error is None else None

    def _apply_filter(self) -> None:
        keep = self.highlighted_summary
        self._listed.refilter(narrower=False)
        self._shown_changed(keep)

    def _shown_changed(self, keep: ArticleSummary | None) -> None:
        """The shown rows changed: size the scroll area, put the cursor back on `keep`."""
        rows = self._shown_rows
        self.virtual_size = Size(self.size.width, len(rows) * ROW_HEIGHT)
        index = 0
        if keep is not None:
            row = self._listed.row(keep.path)
            found = rows.index(row.key) if row is not None else None
            index = found if found is not None else 0
        self.highlighted = index
        self.refresh()
        if not rows and self.total_count and not self._rows_drawn:
            self._rows_drawn = True  # nothing to draw: the reader's start need not wait
            self.post_message(self.FirstRowsDrawn())

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

    def render_lines(self, crop: Region) -> list[Strip]:
        # One pass draws every line on screen: look the styles up once for all of them (each
        # lookup walks the widget's ancestors; per line it was a third of the list's frame).
        self._line_styles = self._styles_now()
        try:
            return super().render_lines(crop)
        finally:
            self._line_styles = None

    def _styles_now(self) -> LineStyles:
        component = self.get_component_rich_style
        return LineStyles(
            self.scrollable_content_region.width,
            self.rich_style,
            component("article-list--highlight"),
            component("article-list--date", partial=True),
            component("article-list--marker", partial=True),
            component("article-list--error", partial=True),
        )

    def render_line(self, y: int) -> Strip:
        styles = self._line_styles or self._styles_now()
        width = styles.width
        line = y + int(self.scroll_y)
        row, part = divmod(line, ROW_HEIGHT)
        base = styles.base
        if row >= len(self._shown_rows):
            return Strip.blank(width, base)
        shown = self._shown_rows[row]
        if not self._rows_drawn:
            self._rows_drawn = True
            self.post_message(self.FirstRowsDrawn())
        style = base + styles.highlight if row == self.highlighted else base
        segments = row_line(shown, part, style, styles, self.marks)
        return Strip(segments).adjust_cell_length(width, style)
