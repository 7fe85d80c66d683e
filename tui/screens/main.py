"""The main screen: sidebar | Norwegian | English. It composes the widgets, runs the slow work
in workers and routes their messages; the widgets themselves never touch disk."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header
from textual.worker import get_current_worker

from tolk.articles import Article, ArticleError, ArticleSummary, read_article
from tolk.bookmarks import absolute_path, check_against_file
from tolk.config import Config, save_setting
from tolk.hits import ArticleHits, HitCounter
from tolk.keywords import KeywordHit
from tolk.library import scan_library
from tolk.paths import cache_database
from tolk.search import SearchError, SearchIndex
from tolk.store import StoreError, UserStore, open_store
from tolk.text import printable
from tolk.translating import (
    AlignedSentence,
    NoModelError,
    align_sentences,
    load_translator,
    paragraph_sources,
)
from translation.engine import ArticleTranslator, ParagraphSource
from translation.sentences import split_sentences
from tui import messages
from tui.highlighting import KeywordHighlighter
from tui.screens.bookmarks import BookmarkEntry, BookmarkJump, BookmarksScreen
from tui.screens.keywords import KeywordChoice, KeywordScreen, keyword_entries
from tui.screens.note import NoteScreen
from tui.screens.search import SearchJump, SearchScreen
from tui.widgets.article_list import ArticleList, ArticleMarks
from tui.widgets.column_titles import ColumnTitles
from tui.widgets.parallel_text import ParallelText
from tui.widgets.sidebar import Sidebar

# The scan reports in batches: soon enough that the first titles show at once, rarely enough
# that 10,000 files do not mean 10,000 messages.
_BATCH_SECONDS = 0.05
_FIRST_BATCH_SIZE = 1

PENDING = "⋯ translating"
LOADING = "⋯ loading the translation model"
UNAVAILABLE = "—"


class MainScreen(Screen[None]):
    """The reader: browse the library on the left, read on the right."""

    CSS_PATH = "main.tcss"
    # Focus goes to the article list in on_mount; Textual's default would pick the hidden filter.
    AUTO_FOCUS = ""

    BINDINGS = [  # noqa: RUF012
        Binding("s", "toggle_sidebar", "Sidebar", tooltip="Show or hide the sidebar", id="sidebar"),
        Binding("slash", "filter", "Filter", tooltip="Filter article titles", id="filter"),
        Binding(
            "b", "toggle_bookmark", "Bookmark", tooltip="Bookmark this paragraph", id="bookmark"
        ),
        Binding(
            "B",
            "edit_note",
            "Note",
            show=False,
            tooltip="Add or edit this bookmark's note",
            id="note",
        ),
        Binding(
            "m", "bookmarks", "Bookmarks", show=False, tooltip="Every bookmark", id="bookmarks"
        ),
        Binding("n", "next_hit", "Next hit", tooltip="Next keyword hit", id="next_hit"),
        Binding(
            "N",
            "previous_hit",
            "Prev hit",
            show=False,
            tooltip="Previous keyword hit",
            id="prev_hit",
        ),
        Binding(
            "H",
            "only_hits",
            "Only hits",
            show=False,
            tooltip="Show only articles with keyword hits (again: all)",
            id="only_hits",
        ),
        Binding("K", "keywords", "Keywords", show=False, tooltip="Manage keywords", id="keywords"),
        Binding("f", "search", "Search", tooltip="Search the library", id="search"),
        Binding(
            "i",
            "install_model",
            "Install model",
            tooltip="Download and install the Norwegian→English model",
            id="install_model",
        ),
    ]

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

    def on_mount(self) -> None:
        self._make_highlighter()
        self.reader.set_placeholder(LOADING)
        self.reader.show_message("Choose an article in the sidebar and press Enter.")
        self.sidebar.article_list.focus()
        # Start the slow work once the first frame is drawn: a thread reading thousands of
        # files competes for the GIL, and the empty screen should not wait for it.
        self.call_after_refresh(self._scan, self._roots)
        self.call_after_refresh(self._load_translator)
        self.call_after_refresh(self._open_store)
        self.call_after_refresh(self._open_search_index)

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
            self.reader.show_message(f"{printable(str(summary.path))}: {summary.error}")
            return
        self._load(summary.path)
        self.reader.focus()

    @work(thread=True, exclusive=True, group="open")
    def _load(self, path: Path, paragraph: int = 0) -> None:
        try:
            article = read_article(path)
        except ArticleError as error:
            self.post_message(messages.ArticleUnreadable(path, str(error)))
            return
        self.post_message(messages.ArticleLoaded(article, paragraph))

    @on(messages.ArticleLoaded)
    def _show_article(self, message: messages.ArticleLoaded) -> None:
        article = message.article
        self.article = article
        self._reopen = False
        self.reader.show_article(article)
        self._source_hits, self._aligned = {}, {}
        self._highlight_article()
        self.reader.cursor = message.paragraph
        date = f"{article.date} · " if article.date is not None else ""
        self.sub_title = f"{date}{article.title}"
        self._translate_current()
        self._record_opened(article, message.paragraph)

    @on(messages.ArticleUnreadable)
    def _show_unreadable(self, message: messages.ArticleUnreadable) -> None:
        self.reader.show_message(f"{printable(str(message.path))}: {message.reason}")

    # Translation -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="model")
    def _load_translator(self) -> None:
        try:
            loaded = load_translator(self._config.translation)
        except NoModelError as error:
            self.post_message(messages.TranslatorUnavailable(str(error), missing=True))
        except Exception as error:  # a broken model must not take the reader down
            reason = f"The translation model could not be loaded: {error}"
            self.post_message(messages.TranslatorUnavailable(reason, missing=False))
        else:
            self.post_message(messages.TranslatorReady(loaded))

    @on(messages.TranslatorReady)
    def _translator_ready(self, message: messages.TranslatorReady) -> None:
        self.translator = message.loaded.translator
        self.refresh_bindings()
        for warning in message.loaded.warnings:
            self.notify(warning, severity="warning", timeout=15)
        self.reader.set_placeholder(PENDING)
        model = self.translator.model
        self.column_titles.set_target_title(f"English · {model.package.package_path.name}")
        self._translate_current()
        self._translate_keywords()

    @on(messages.TranslatorUnavailable)
    def _translator_unavailable(self, message: messages.TranslatorUnavailable) -> None:
        self.translator = None
        self.refresh_bindings()
        self.reader.set_placeholder(UNAVAILABLE, first=message.reason)
        self.column_titles.set_target_title(
            "English · no model (press i)" if message.missing else "English · model failed"
        )
        if not message.missing:
            self.notify(message.reason, severity="error", timeout=15)

    def _translate_current(self) -> None:
        if self.translator is None or self.article is None:
            return
        next_path = None
        if self._config.translation.prefetch_next:
            listed = self.sidebar.article_list
            current = next((s for s in listed.shown if s.path == self.article.path), None)
            following = listed.next_after(current) if current is not None else None
            if following is not None and following.error is None:
                next_path = following.path
        self._translate(self.translator, self.article, next_path)

    @work(thread=True, exclusive=True, group="translate")
    def _translate(
        self, translator: ArticleTranslator, article: Article, read_ahead: Path | None
    ) -> None:
        worker = get_current_worker()
        path = article.path

        def progress(done: int, total: int) -> None:
            self.post_message(messages.TranslationProgress(path, done, total))

        targets: list[str | None] = [None] * len(article.paragraphs)
        for paragraph in translator.translate(
            paragraph_sources(article.paragraphs),
            on_progress=progress,
            cancelled=lambda: worker.is_cancelled,
        ):
            if worker.is_cancelled:
                return
            targets[paragraph.index] = paragraph.target
            self.post_message(messages.ParagraphTranslated(path, paragraph))
        self._index_translation(path, targets)
        if read_ahead is None or worker.is_cancelled:
            return
        # Read ahead: fill the cache for the next article, so opening it is instant.
        try:
            upcoming = read_article(read_ahead)
        except ArticleError:
            return
        for _ in translator.translate(
            paragraph_sources(upcoming.paragraphs), cancelled=lambda: worker.is_cancelled
        ):
            pass

    @on(messages.ParagraphTranslated)
    def _paragraph_translated(self, message: messages.ParagraphTranslated) -> None:
        if self.article is not None and message.path == self.article.path:
            paragraph = message.paragraph
            source = self.article.paragraphs[paragraph.index].text
            alignment = align_sentences(source, paragraph)
            self._aligned[paragraph.index] = (paragraph.target, alignment)
            self.reader.set_translation(paragraph.index, paragraph.target, alignment)
            self._highlight_paragraph(paragraph.index)

    @on(messages.TranslationProgress)
    def _translation_progress(self, message: messages.TranslationProgress) -> None:
        if self.article is None or message.path != self.article.path or self.translator is None:
            return
        name = self.translator.model.package.package_path.name
        if message.done < message.total:
            status = f"English · translating {message.done}/{message.total} sentences"
        else:
            status = f"English · {name}"
        self.column_titles.set_target_title(status)

    # Installing a model ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Offer the install key only while there is no model to translate with.
        if action == "install_model":
            return self.translator is None
        return True

    def action_install_model(self) -> None:
        if self._installing:
            self.notify("The model is already being installed.")
            return
        if self.translator is not None:
            self.notify("The Norwegian→English model is already installed.")
            return
        self._installing = True
        self.column_titles.set_target_title("English · contacting the model index…")
        self._install()

    @work(thread=True, exclusive=True, group="install")
    def _install(self) -> None:
        from translation.package_index import install_from_index
        from translation.packages import PackageError

        worker = get_current_worker()
        started = time.monotonic()

        def progress(done: int, total: int | None) -> None:
            speed = done / max(time.monotonic() - started, 1e-3)
            self.post_message(messages.InstallProgress(done, total, speed))

        try:
            install_from_index("nb", "en", progress=progress, cancelled=lambda: worker.is_cancelled)
        except PackageError as error:
            self.post_message(messages.InstallFinished(str(error)))
        else:
            self.post_message(messages.InstallFinished(None))

    @on(messages.InstallProgress)
    def _install_progress(self, message: messages.InstallProgress) -> None:
        self.column_titles.show_download(message.done, message.total, message.bytes_per_second)

    @on(messages.InstallFinished)
    def _install_finished(self, message: messages.InstallFinished) -> None:
        self._installing = False
        self.column_titles.hide_download()
        if message.error is not None:
            self.notify(message.error, title="Model not installed", severity="error", timeout=20)
            self.column_titles.set_target_title("English · no model (press i)")
            return
        self.notify("The Norwegian→English model is installed.", title="Model installed")
        self.reader.set_placeholder(LOADING)
        self._load_translator()

    def workers_busy(self, group: str) -> bool:
        """Whether any worker of `group` is still running."""
        return any(w.group == group and w.is_running for w in self.workers)

    # Keywords --------------------------------------------------------------------------------

    def _make_highlighter(self) -> None:
        config = self._config
        self.highlighter = KeywordHighlighter(
            config.keywords,
            config.keyword_colours,
            config.keyword_translations,
            no_color=self.app.no_color,
        )

    def _highlight_article(self) -> None:
        if self.article is None or self.highlighter is None:
            return
        for index, paragraph in enumerate(self.article.paragraphs):
            hits = self.highlighter.source_hits(paragraph.text)
            if hits:
                self._source_hits[index] = hits
            if hits or index in self._aligned:
                self._highlight_paragraph(index)

    def _highlight_paragraph(self, index: int) -> None:
        if self.highlighter is None:
            return
        source_hits = self._source_hits.get(index, [])
        target_hits = []
        if index in self._aligned and source_hits:
            target, alignment = self._aligned[index]
            target_hits = self.highlighter.target_hits(source_hits, target, alignment)
        self.reader.set_highlights(
            index, self.highlighter.styled(source_hits), self.highlighter.styled(target_hits)
        )

    @work(thread=True, exclusive=True, group="keyword-translation")
    def _translate_keywords(self) -> None:
        """The model's English for each keyword (cached like any sentence), for counterparts."""
        translator, highlighter = self.translator, self.highlighter
        if translator is None or highlighter is None or not highlighter.keywords:
            return
        sources = [ParagraphSource(k, is_heading=True) for k in highlighter.keywords]
        found = {p.index: p.target for p in translator.translate(sources)}
        self.post_message(messages.KeywordRenderings(found))

    @on(messages.KeywordRenderings)
    def _keyword_renderings(self, message: messages.KeywordRenderings) -> None:
        if self.highlighter is None:
            return
        self.highlighter.add_renderings(message.renderings)
        for index in self._aligned:
            self._highlight_paragraph(index)

    @work(thread=True, exclusive=True, group="hits")
    def _count_hits(self) -> None:
        highlighter = self.highlighter
        if highlighter is None or not highlighter.keywords:
            self.post_message(messages.HitCounts({}, ()))
            return
        worker = get_current_worker()
        paths = [s.path for s in self.sidebar.article_list.all_summaries if s.error is None]
        counter = HitCounter(cache_database(), highlighter.keywords)
        try:
            hits = {
                absolute_path(path): found
                for path, found in counter.counts(paths, cancelled=lambda: worker.is_cancelled)
            }
        finally:
            counter.close()
        if not worker.is_cancelled:
            self.post_message(messages.HitCounts(hits, highlighter.keywords))

    @on(messages.HitCounts)
    def _hit_counts(self, message: messages.HitCounts) -> None:
        self._article_hits = message.hits
        self._hits = {path: found.total for path, found in message.hits.items() if found.total}
        self.sidebar.article_list.set_marks(
            replace(self.sidebar.article_list.marks, hits=self._hits)
        )
        self.sidebar.refresh_status()

    def action_next_hit(self) -> None:
        self._jump_to_hit(forward=True)

    def action_previous_hit(self) -> None:
        self._jump_to_hit(forward=False)

    def _jump_to_hit(self, *, forward: bool) -> None:
        with_hits = sorted(self._source_hits)
        cursor = self.reader.cursor
        candidates = (
            [i for i in with_hits if i > cursor]
            if forward
            else [i for i in reversed(with_hits) if i < cursor]
        )
        if not candidates:
            self.notify(
                "No more keyword hits in this article." if with_hits else "No keyword hits here."
            )
            return
        self.reader.cursor = candidates[0]
        self.reader.focus()

    def action_only_hits(self) -> None:
        articles = self.sidebar.article_list
        articles.show_only_hits(not articles.only_hits)
        self.sidebar.refresh_status()
        if articles.only_hits and not self._hits:
            self.notify("No article has keyword hits (set keywords with K).")

    def action_keywords(self) -> None:
        highlighter = self.highlighter
        if highlighter is None:
            return
        entries = keyword_entries(
            highlighter.keywords, highlighter.colours, self._article_hits.values()
        )

        def apply(result: KeywordChoice | None) -> None:
            if result is not None:
                self._apply_keywords(result)

        self.app.push_screen(KeywordScreen(entries), apply)

    def _apply_keywords(self, choice: KeywordChoice) -> None:
        self._config = replace(
            self._config, keywords=choice.keywords, keyword_colours=dict(choice.colours)
        )
        self._save_keywords(choice)
        self._make_highlighter()
        if self.article is not None:
            for index in range(len(self.article.paragraphs)):
                self.reader.set_highlights(index, [], [])
            self._source_hits = {}
            self._highlight_article()
        self._translate_keywords()
        self._count_hits()

    @work(thread=True, group="config")
    def _save_keywords(self, choice: KeywordChoice) -> None:
        try:
            save_setting("keywords", list(choice.keywords))
            save_setting("keyword_colours", dict(choice.colours))
        except (OSError, ValueError) as error:
            self.app.call_from_thread(
                self.notify, f"Could not save keywords: {error}", severity="error"
            )

    # Search ----------------------------------------------------------------------------------

    @work(thread=True, group="search-index")
    def _open_search_index(self) -> None:
        """Open the library's search index (in the cache database) for searches and for
        indexing translations as they finish."""
        index = SearchIndex(cache_database())
        self._library_index = index
        if index.warning:
            self.app.call_from_thread(self.notify, index.warning, severity="warning", timeout=15)

    def action_search(self) -> None:
        def jump(target: SearchJump | None) -> None:
            if target is not None:
                self._load(target.path, target.paragraph)
                self.reader.focus()

        if self._library_index is None:
            self.notify("The search index is still opening; try again in a moment.")
            return
        self.app.push_screen(SearchScreen(self._library_index, self._roots), jump)

    def _index_translation(self, path: Path, targets: list[str | None]) -> None:
        """Make a finished translation searchable (runs in the translation worker)."""
        if self._library_index is None:
            return
        # On failure the English is indexed again the next time the article is translated.
        with contextlib.suppress(SearchError):
            self._library_index.index_translation(path, targets)

    # Bookmarks and reading state ------------------------------------------------------------

    @work(thread=True, group="store")
    def _open_store(self) -> None:
        opened = open_store()
        self.post_message(messages.StoreOpened(opened.store, opened.message))

    @on(messages.StoreOpened)
    def _store_opened(self, message: messages.StoreOpened) -> None:
        self.store = message.store
        if message.problem:
            if message.store is not None:
                self.notify(message.problem, title="Bookmarks", severity="warning", timeout=20)
            else:
                self.notify(message.problem, title="Bookmarks", severity="error", timeout=20)
        if self.store is None:
            return
        self._refresh_library_marks()
        if self.article is not None:
            self._record_opened(self.article, self.reader.cursor)
        elif self._reopen:
            self._reopen_last()

    @work(thread=True, group="store")
    def _reopen_last(self) -> None:
        if self.store is None:
            return
        try:
            position = self.store.last_position()
        except StoreError:
            return
        if position is not None and position.path.is_file():
            self.app.call_from_thread(self._load, position.path, position.paragraph)

    @work(thread=True, group="store")
    def _record_opened(self, article: Article, paragraph: int) -> None:
        """Mark the article read, remember where the user is, and find its bookmarks."""
        if self.store is None:
            return
        try:
            self.store.mark_opened(article, paragraph)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        self._find_bookmarks(article)

    @work(thread=True, group="store")
    def _find_bookmarks(self, article: Article) -> None:
        """Mark the open article's bookmarked paragraphs, and refresh the sidebar's marks."""
        if self.store is None:
            return
        try:
            resolved = self.store.bookmarks_for(article)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        marked = {r.index for r in resolved if r.index is not None}
        self.post_message(messages.ArticleBookmarks(article.path, marked))
        self._post_library_marks()

    def _refresh_library_marks(self) -> None:
        self.run_worker(self._post_library_marks, thread=True, group="store")

    def _post_library_marks(self) -> None:
        if self.store is None:
            return
        try:
            bookmarked = frozenset(self.store.bookmarked_paths())
            read = frozenset(self.store.read_paths())
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        self.post_message(messages.LibraryMarks(bookmarked, read))

    @on(messages.ArticleBookmarks)
    def _article_bookmarks(self, message: messages.ArticleBookmarks) -> None:
        if self.article is not None and message.path == self.article.path:
            self.reader.set_marked(message.marked)

    @on(messages.LibraryMarks)
    def _library_marks(self, message: messages.LibraryMarks) -> None:
        self.sidebar.article_list.set_marks(
            ArticleMarks(bookmarked=message.bookmarked, read=message.read, hits=self._hits)
        )
        self.sidebar.refresh_status()

    @on(messages.StoreFailed)
    def _store_failed(self, message: messages.StoreFailed) -> None:
        self.notify(message.reason, title="Bookmarks", severity="error", timeout=15)

    @on(ParallelText.CursorMoved)
    def _cursor_moved(self) -> None:
        if self.store is not None and self.article is not None:
            if self._position_timer is not None:
                self._position_timer.stop()
            self._position_timer = self.set_timer(1.0, self._save_position)

    def _save_position(self) -> None:
        self._position_timer = None
        if self.store is not None and self.article is not None:
            self._write_position(self.article, self.reader.cursor)

    @work(thread=True, exclusive=True, group="position")
    def _write_position(self, article: Article, paragraph: int) -> None:
        if self.store is None:
            return
        try:
            self.store.set_position(article, paragraph)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))

    def _bookmarks_ready(self) -> bool:
        if self.store is None:
            self.notify("Bookmarks are off: the user data directory cannot be used.")
            return False
        if self.article is None:
            self.notify("Open an article first.")
            return False
        return True

    def action_toggle_bookmark(self) -> None:
        if self._bookmarks_ready() and self.article is not None:
            self._toggle_bookmark(self.article, self.reader.cursor)

    @work(thread=True, group="store")
    def _toggle_bookmark(self, article: Article, paragraph: int) -> None:
        assert self.store is not None
        try:
            self.store.toggle_bookmark(article, paragraph)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        self._find_bookmarks(article)

    def action_edit_note(self) -> None:
        if not self._bookmarks_ready() or self.article is None:
            return
        article, paragraph = self.article, self.reader.cursor
        self._open_note_editor(article, paragraph)

    @work(thread=True, group="store")
    def _open_note_editor(self, article: Article, paragraph: int) -> None:
        assert self.store is not None
        try:
            resolved = self.store.bookmarks_for(article)
            here = next((r.bookmark for r in resolved if r.index == paragraph), None)
            if here is None:  # a note makes a bookmark
                here = self.store.toggle_bookmark(article, paragraph)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        if here is None:
            return
        self.app.call_from_thread(self._edit_note, article, paragraph, here.id, here.note)
        self._find_bookmarks(article)

    def _edit_note(
        self, article: Article, paragraph: int, bookmark_id: int, note: str | None
    ) -> None:
        def save(text: str | None) -> None:
            if text is not None:
                self._save_note(bookmark_id, text)

        title = f"Note on ¶{paragraph + 1} of {article.title}"
        self.app.push_screen(NoteScreen(title, note), save)

    @work(thread=True, group="store")
    def _save_note(self, bookmark_id: int, text: str) -> None:
        assert self.store is not None
        try:
            self.store.set_note(bookmark_id, text)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))

    def action_bookmarks(self) -> None:
        if self.store is None:
            self.notify("Bookmarks are off: the user data directory cannot be used.")
            return
        self._list_bookmarks()

    @work(thread=True, exclusive=True, group="bookmark-list")
    def _list_bookmarks(self) -> None:
        assert self.store is not None
        try:
            bookmarks = self.store.all_bookmarks()
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        entries = []
        for bookmark in bookmarks:
            found = check_against_file(bookmark)
            translation = self._cached_translation(bookmark.paragraph_text)
            entries.append(BookmarkEntry(bookmark, found.status, found.index, translation))
        self.post_message(messages.BookmarkList(entries))

    def _cached_translation(self, text: str) -> str | None:
        """The paragraph's English if every sentence is in the translation cache."""
        translator = self.translator
        if translator is None or translator.cache is None:
            return None
        sentences = split_sentences(text)
        model = translator.model
        try:
            known = translator.cache.lookup(model.key, model.options.cache_key(), sentences)
        except sqlite3.Error:
            return None
        if not sentences or any(s not in known for s in sentences):
            return None
        return " ".join(known[s] for s in sentences)

    @on(messages.BookmarkList)
    def _show_bookmarks(self, message: messages.BookmarkList) -> None:
        def jump(target: BookmarkJump | None) -> None:
            self._refresh_library_marks()
            if self.article is not None:
                self._find_bookmarks(self.article)
            if target is not None:
                self._load(target.path, target.paragraph)
                self.reader.focus()

        self.app.push_screen(BookmarksScreen(message.entries, self._delete_bookmark), jump)

    @work(thread=True, group="store")
    def _delete_bookmark(self, bookmark_id: int) -> None:
        assert self.store is not None
        try:
            self.store.remove_bookmark(bookmark_id)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))

    # Actions ---------------------------------------------------------------------------------

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        sidebar.toggle_class("-hidden")
        if sidebar.has_class("-hidden") and sidebar.has_focus_within:
            self.reader.focus()

    def action_filter(self) -> None:
        self.sidebar.remove_class("-hidden")
        self.sidebar.open_filter()
