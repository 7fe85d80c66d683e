"""The main screen: sidebar | Norwegian | English. It composes the widgets, runs the slow work
in workers and routes their messages; the widgets themselves never touch disk."""

from __future__ import annotations

import time
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import get_current_worker

from tolk.articles import Article, ArticleError, ArticleSummary, read_article
from tolk.library import scan_library
from tui.widgets.article_list import ArticleList
from tui.widgets.column_titles import ColumnTitles
from tui.widgets.parallel_text import ParallelText
from tui.widgets.sidebar import Sidebar

# The scan reports in batches: soon enough that the first titles show at once, rarely enough
# that 10,000 files do not mean 10,000 messages.
_BATCH_SECONDS = 0.05
_FIRST_BATCH_SIZE = 1

PLACEHOLDER = "⋯ translation pending"


class MainScreen(Screen[None]):
    """The reader: browse the library on the left, read on the right."""

    CSS_PATH = "main.tcss"
    # Focus goes to the article list in on_mount; Textual's default would pick the hidden filter.
    AUTO_FOCUS = ""

    BINDINGS = [  # noqa: RUF012
        Binding("s", "toggle_sidebar", "Sidebar", tooltip="Show or hide the sidebar", id="sidebar"),
        Binding("slash", "filter", "Filter", tooltip="Filter article titles", id="filter"),
    ]

    class LibraryBatch(Message):
        """The scan found more articles."""

        def __init__(self, summaries: list[ArticleSummary], scanned: int) -> None:
            super().__init__()
            self.summaries = summaries
            self.scanned = scanned

    class ScanFinished(Message):
        """The scan has looked at every file."""

    class ArticleLoaded(Message):
        """An article the user opened has been read and parsed."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    class ArticleUnreadable(Message):
        """An article the user opened could not be read."""

        def __init__(self, path: Path, reason: str) -> None:
            super().__init__()
            self.path = path
            self.reason = reason

    def __init__(self, roots: list[Path]) -> None:
        super().__init__()
        self._roots = roots
        self.article: Article | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield Sidebar(id="sidebar")
            with Vertical(id="reader-pane"):
                yield ColumnTitles(id="column-titles")
                yield ParallelText(id="reader")
        yield Footer()

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def reader(self) -> ParallelText:
        return self.query_one(ParallelText)

    def on_mount(self) -> None:
        self.reader.set_placeholder(PLACEHOLDER)
        self.reader.show_message("Choose an article in the sidebar and press Enter.")
        # Start the scan once the first frame is drawn: a thread reading thousands of files
        # competes for the GIL, and the empty screen should not wait for it.
        self.call_after_refresh(self._scan, self._roots)
        self.sidebar.article_list.focus()

    # Library scan ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="scan")
    def _scan(self, roots: list[Path]) -> None:
        worker = get_current_worker()
        batch: list[ArticleSummary] = []
        scanned = 0
        last_post = time.monotonic()
        first = True
        for summary in scan_library(roots, cancelled=lambda: worker.is_cancelled):
            batch.append(summary)
            scanned += 1
            now = time.monotonic()
            if (first and len(batch) >= _FIRST_BATCH_SIZE) or now - last_post >= _BATCH_SECONDS:
                self.post_message(self.LibraryBatch(batch, scanned))
                batch, last_post, first = [], now, False
        self.post_message(self.LibraryBatch(batch, scanned))
        self.post_message(self.ScanFinished())

    @on(LibraryBatch)
    def _add_batch(self, message: LibraryBatch) -> None:
        self.sidebar.add_summaries(message.summaries, scanned=message.scanned)

    @on(ScanFinished)
    def _scan_done(self) -> None:
        self.sidebar.scan_finished()

    # Opening an article ----------------------------------------------------------------------

    @on(ArticleList.Opened)
    def _open_requested(self, message: ArticleList.Opened) -> None:
        summary = message.summary
        if summary.error is not None:
            self.reader.show_message(f"{summary.path}: {summary.error}")
            return
        self._load(summary.path)
        self.reader.focus()

    @work(thread=True, exclusive=True, group="open")
    def _load(self, path: Path) -> None:
        try:
            article = read_article(path)
        except ArticleError as error:
            self.post_message(self.ArticleUnreadable(path, str(error)))
            return
        self.post_message(self.ArticleLoaded(article))

    @on(ArticleLoaded)
    def _show_article(self, message: ArticleLoaded) -> None:
        article = message.article
        self.article = article
        self.reader.show_article(article)
        date = f"{article.date} · " if article.date is not None else ""
        self.sub_title = f"{date}{article.title}"

    @on(ArticleUnreadable)
    def _show_unreadable(self, message: ArticleUnreadable) -> None:
        self.reader.show_message(f"{message.path}: {message.reason}")

    # Actions ---------------------------------------------------------------------------------

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        sidebar.toggle_class("-hidden")
        if sidebar.has_class("-hidden") and sidebar.has_focus_within:
            self.reader.focus()

    def action_filter(self) -> None:
        self.sidebar.remove_class("-hidden")
        self.sidebar.open_filter()
