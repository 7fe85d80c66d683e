"""The sidebar: a title filter, the article list and the scan's progress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from tolk.text import count
from tui.views.article_rows import ArticleRow
from tui.widgets.article_list import ArticleList
from tui.widgets.listed_articles import OnlyWith
from tui.widgets.styles import css_beside

# What the status line says of each filter by mark that is on (and the key that takes it off).
_ONLY_SAID = {
    OnlyWith.HITS: " · with hits (H: all)",
    OnlyWith.UNREVIEWED: " · to review (U: all)",
    OnlyWith.FLAGGED: " · flagged (!: all)",
    OnlyWith.UNREAD: " · unread (O: all)",
    OnlyWith.BOKMAL: " · Bokmål (L: all)",
}


class Sidebar(Vertical):
    """Lists the library; `/` filters titles as you type."""

    DEFAULT_CSS = css_beside(__file__)
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "close_filter", "Clear filter", show=False, id="sidebar.clear_filter"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._scanned = 0
        self._scanning = False
        self._activity: str | None = None

    def compose(self) -> ComposeResult:
        # The filter box is hidden until `/`: it is mounted after the first frame (`add_filter`),
        # whose start its styles and parts slowed by 5 ms.
        yield ArticleList(id="articles")
        yield Static("", id="scan-status", markup=False)

    def add_filter(self) -> Input:
        """The filter box (hidden until `/`), mounted above the list if it is not yet."""
        for found in self.query("#filter").results(Input):
            return found
        # The filter takes the focus only from `/` (tab passes it by: a box whose text one
        # keystroke would replace is no place to land); opened again, typing adds to its text.
        filter_box = Input(placeholder="Filter titles…", id="filter", select_on_focus=False)
        filter_box.can_focus = False
        self.mount(filter_box, before=self.article_list)
        return filter_box

    @property
    def article_list(self) -> ArticleList:
        """The list of articles."""
        return self.query_one(ArticleList)

    def add_rows(self, rows: list[ArticleRow], *, scanned: int) -> None:
        """Add a batch from the scan; `scanned` is how many files it has looked at so far."""
        self._scanned = scanned
        self._scanning = True
        if rows:
            self.article_list.add_rows(rows)
        self.refresh_status()

    def remove_paths(self, paths: list[Path]) -> None:
        """Take articles whose files are gone off the list."""
        self.article_list.remove_paths(paths)
        self.refresh_status()

    def update_marks(self, **changes: Any) -> None:
        """Change some of the list's marks (see ArticleList.update_marks) and the status line."""
        self.article_list.update_marks(**changes)
        self.refresh_status()

    def merge_marks(self, **changes: Any) -> None:
        """Change some articles' marks (see ArticleList.merge_marks) and the status line."""
        self.article_list.merge_marks(**changes)
        self.refresh_status()

    def scan_finished(self) -> None:
        """The scan is over: show the totals."""
        self._scanning = False
        self.refresh_status()

    def set_activity(self, text: str | None) -> None:
        """Show what a job is doing (a fetch) before the counts; None clears it."""
        self._activity = text
        self.refresh_status()

    def refresh_status(self) -> None:
        """Show the scan's progress, or how many articles are listed."""
        articles = self.article_list
        errors = articles.shown_errors
        # Unreadable files are rows of the list but not articles: counted apart.
        shown = articles.shown_count - errors
        total = articles.total_count - articles.total_errors
        text = count(total, "article")
        if shown != total:
            text = f"{shown} of {text}"
        if errors:
            unreadable = count(errors, "unreadable file")
            text = f"{text} · {unreadable}" if total else unreadable
        for kind, said in _ONLY_SAID.items():
            if articles.showing_only(kind):
                text += said
        if articles.new_words_at_most is not None:
            text += f" · ≤{articles.new_words_at_most}% new words (%: all)"
        if self._scanning:
            text = f"Scanning… {count(self._scanned, 'file')} · " + text
        if self._activity:
            text = f"{self._activity} · {text}"
        # One line whatever it says (its height is fixed): no layout of the screen for it,
        # which the scan would otherwise ask for with every batch.
        self.query_one("#scan-status", Static).update(text, layout=False)

    def open_filter(self) -> None:
        """Show the filter box and put the cursor in it."""
        self.add_class("-filtering")
        filter_box = self.add_filter()  # `/` may come before the first titles
        filter_box.can_focus = True
        filter_box.focus()

    def action_close_filter(self) -> None:
        for filter_input in self.query("#filter").results(Input):
            filter_input.value = ""
        self.remove_class("-filtering")
        self.article_list.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.article_list.set_filter(event.value)
        self.refresh_status()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.article_list.focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "filter":
            event.widget.can_focus = False
