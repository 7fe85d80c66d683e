"""The reader screen's shared state and layout, the library scan and opening articles.

MainScreen (main.py) adds the features, one class each: translation, keywords and search,
bookmarks and reading state. They share this class's state; each feature's code sits in its own
module so none grows past a screenful of concerns.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header
from textual.worker import get_current_worker

from tolk.articles import Article, ArticleError, ArticleSummary, read_article
from tolk.config import Config
from tolk.hits import ArticleHits
from tolk.keywords import KeywordHit
from tolk.library import scan_library
from tolk.review import ReviewBook, SentenceKey, SentenceReview
from tolk.search import SearchIndex
from tolk.store import UserStore
from tolk.text import printable
from tolk.translating import (
    AlignedSentence,
)
from translation.engine import ArticleTranslator, TranslatedParagraph
from tui import messages
from tui.highlighting import KeywordHighlighter
from tui.widgets.article_list import ArticleList
from tui.widgets.column_titles import ColumnTitles
from tui.widgets.parallel_text import ParallelText
from tui.widgets.sidebar import Sidebar

# The scan reports in batches: soon enough that the first titles show at once, rarely enough
# that 10,000 files do not mean 10,000 messages.
_BATCH_SECONDS = 0.05
_FIRST_BATCH_SIZE = 1

# What the English column shows while a paragraph has no translation.
PENDING = "⋯ translating"
LOADING = "⋯ loading the translation model"
UNAVAILABLE = "—"


class ReaderScreen(Screen[None]):
    """Sidebar | Norwegian | English, with the state every feature reads."""

    def __init__(self, roots: list[Path], config: Config) -> None:
        super().__init__()
        self._roots = roots
        self._config = config
        self.article: Article | None = None
        self.translator: ArticleTranslator | None = None
        self.store: UserStore | None = None
        self._reopen = True  # reopen the last article once, when the store says where
        self._installing = False
        self._library_index: SearchIndex | None = None
        self._hits: dict[Path, int] = {}
        self._article_hits: dict[Path, ArticleHits] = {}
        self.highlighter: KeywordHighlighter | None = None  # made on mount (needs no_color)
        self._source_hits: dict[int, list[KeywordHit]] = {}
        self._aligned: dict[int, tuple[str, list[AlignedSentence]]] = {}
        # The machine's translation of each paragraph, and the reviewer's work on it.
        self._machine: dict[int, TranslatedParagraph] = {}
        self._reviews: dict[SentenceKey, SentenceReview] = {}
        self.review_book: ReviewBook | None = None
        self._sentence_total: int | None = None  # in the open article, counted off the UI thread
        # Saving the reading position waits until the cursor rests: one write, not one a key.
        self._position_timer: Timer | None = None

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

    @property
    def column_titles(self) -> ColumnTitles:
        return self.query_one(ColumnTitles)

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
                self.post_message(messages.LibraryBatch(batch, scanned))
                batch, last_post, first = [], now, False
        self.post_message(messages.LibraryBatch(batch, scanned))
        self.post_message(messages.ScanFinished())

    @on(messages.LibraryBatch)
    def _add_batch(self, message: messages.LibraryBatch) -> None:
        self.sidebar.add_summaries(message.summaries, scanned=message.scanned)

    @on(messages.ScanFinished)
    def _scan_done(self) -> None:
        self.sidebar.scan_finished()
        self._count_hits()

    # Opening an article ----------------------------------------------------------------------

    @on(ArticleList.Opened)
    def _open_requested(self, message: ArticleList.Opened) -> None:
        summary = message.summary
        if summary.error is not None:
            self._close_article()
            self.reader.show_message(f"{printable(str(summary.path))}: {summary.error}")
            return
        self._load(summary.path)
        self.reader.focus()

    @work(thread=True, exclusive=True, group="open")
    def _load(self, path: Path, paragraph: int = 0) -> None:
        worker = get_current_worker()
        try:
            article = read_article(path)
        except ArticleError as error:
            if not worker.is_cancelled:
                self.post_message(messages.ArticleUnreadable(path, str(error)))
            return
        # A later open replaced this one while the file was read: its article wins.
        if not worker.is_cancelled:
            self.post_message(messages.ArticleLoaded(article, paragraph))

    @on(messages.ArticleLoaded)
    def _show_article(self, message: messages.ArticleLoaded) -> None:
        article = message.article
        self.article = article
        self._reopen = False
        self.reader.show_article(article)
        self._source_hits, self._aligned = {}, {}
        self._machine, self._reviews = {}, {}
        self._sentence_total = None
        self._highlight_article()
        self.reader.cursor = message.paragraph
        date = f"{article.date} · " if article.date is not None else ""
        self.sub_title = f"{date}{article.title}"
        self._translate_current()
        self._record_opened(article, message.paragraph)
        self._load_reviews()

    @on(messages.ArticleUnreadable)
    def _show_unreadable(self, message: messages.ArticleUnreadable) -> None:
        self._close_article()
        self.reader.show_message(f"{printable(str(message.path))}: {message.reason}")

    def _close_article(self) -> None:
        """Nothing is open any more: keys that act on an article must not act on the last one."""
        self.article = None
        self._reopen = False
        self.workers.cancel_group(self, "translate")
        self._source_hits, self._aligned = {}, {}
        self._machine, self._reviews = {}, {}
        self._sentence_total = None
        self.sub_title = ""

    # Actions ---------------------------------------------------------------------------------

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        sidebar.toggle_class("-hidden")
        if sidebar.has_class("-hidden") and sidebar.has_focus_within:
            self.reader.focus()

    def action_filter(self) -> None:
        self.sidebar.remove_class("-hidden")
        self.sidebar.open_filter()

    # Hooks the feature classes implement (see MainScreen) -----------------------------------

    def _translate_current(self) -> object:
        """Translate the open article (TranslationFeatures)."""
        return None

    def _record_opened(self, article: Article, paragraph: int) -> object:
        """Remember that `article` was opened (BookmarkFeatures)."""
        return None

    def _highlight_article(self) -> None:
        """Highlight keywords in the open article (KeywordFeatures)."""

    def _highlight_paragraph(self, index: int) -> None:
        """Highlight keywords in one paragraph (KeywordFeatures)."""

    def _count_hits(self) -> object:
        """Count keyword hits across the library (KeywordFeatures)."""
        return None

    def _translate_keywords(self) -> object:
        """Translate the keywords, for their English counterparts (KeywordFeatures)."""
        return None

    def _index_translation(self, path: Path, targets: list[str | None]) -> None:
        """Make a finished translation searchable (KeywordFeatures)."""

    def _show_paragraph(self, index: int) -> None:
        """Show a translated paragraph with its review (ReviewFeatures)."""

    def _load_reviews(self) -> object:
        """Load the open article's review (ReviewFeatures)."""
        return None

    def workers_busy(self, group: str) -> bool:
        """Whether any worker of `group` is still running."""
        return any(w.group == group and w.is_running for w in self.workers)
