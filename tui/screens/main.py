"""The main screen: sidebar | Norwegian | English.

It holds the one model of the open article (`OpenArticle`, replaced whole when another opens)
and six features as collaborators (translation, keywords, bookmarks, review, memory, feeds). It
composes the widgets, starts every job in a worker from the main thread and routes the messages
that come back to the model, the features and the commands (the scan's and the library-wide
counts' to `LibraryCommands`); `ReaderDrawing` renders the model
into the widgets, and the keys are bound in the base class, `ReaderKeys`. Nothing below reaches
into storage; no feature touches a widget or another feature.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Header
from textual.worker import Worker, WorkerState

from tolk.text import printable
from tui import messages
from tui.reader.jobs import Job, run_in_worker
from tui.reader.library import preload, read, scan
from tui.screens.library_commands import LibraryCommands
from tui.screens.main_keys import ReaderKeys
from tui.widgets.article_list import ArticleList
from tui.widgets.key_footer import KeyFooter
from tui.widgets.sidebar import Sidebar

# The first frame draws the sidebar and its first titles, and waits for nothing else: the
# reader's widgets mount, and the features and the open article's model (with the review, QA
# checks, alignment and translation package it brings) are imported, once those titles are
# drawn; each feature is made when first used.
if TYPE_CHECKING:
    from tolk.config import Config
    from tolk.library.articles import Article
    from tolk.reading.open_article import OpenArticle
    from tui.reader.bookmarks import BookmarkFeature
    from tui.reader.keywords import KeywordFeature
    from tui.reader.looks import LookCountFeature
    from tui.reader.review import ReviewFeature
    from tui.reader.translation import TranslationFeature
    from tui.screens.feed_commands import FeedCommands
    from tui.screens.model_commands import ModelCommands
    from tui.screens.reader_commands import ReaderCommands
    from tui.screens.reader_drawing import ReaderDrawing
    from tui.screens.review_commands import ReviewCommands
    from tui.widgets.column_titles import ColumnTitles
    from tui.widgets.parallel_text import ParallelText

# How long the cursor rests before its position is written (it is written at once when
# another article opens and when the reader closes).
POSITION_DELAY = 1.0
# Seconds after the first frame by which the features start, whatever the list has drawn.
FEATURES_AT_THE_LATEST = 2.0


class MainScreen(ReaderKeys):
    """The reader: browse the library on the left, read on the right."""

    CSS_PATH = "main.tcss"
    # The article list has the focus from the start (Textual's default would pick the hidden
    # filter; focusing it in on_mount would change the bindings after the footer was built).
    AUTO_FOCUS = "#articles"

    def __init__(
        self,
        roots: list[Path],
        config: Config,
        *,
        no_color: bool = False,
        position_delay: float = POSITION_DELAY,
    ) -> None:
        super().__init__()
        self.roots = roots
        self.config = config
        self.current: OpenArticle | None = None
        self._no_color = no_color
        self.library = LibraryCommands(self)
        self._reopen = True  # reopen the last article once, when the store says where
        self._features_started = False
        # The counts across the library start once both the scan and the preload are done:
        # their jobs import their modules in their workers, and the preload imports first.
        self._scan_finished = False
        self._preloaded_done = False
        self._position_delay = position_delay
        self._position_timer: Timer | None = None

    # The features and commands, each made when first used (none is, before the first titles).

    @cached_property
    def translation(self) -> TranslationFeature:
        from tui.reader.translation import TranslationFeature

        return TranslationFeature(self.config.translation)

    @cached_property
    def keywords(self) -> KeywordFeature:
        from tui.reader.keywords import KeywordFeature

        return KeywordFeature(self.config, no_color=self._no_color)

    @cached_property
    def bookmarks(self) -> BookmarkFeature:
        from tui.reader.bookmarks import BookmarkFeature

        return BookmarkFeature()

    @cached_property
    def review(self) -> ReviewFeature:
        from tui.reader.review import ReviewFeature

        return ReviewFeature()

    @cached_property
    def looks(self) -> LookCountFeature:
        from tui.reader.looks import LookCountFeature

        return LookCountFeature()

    @cached_property
    def commands(self) -> ReaderCommands:
        from tui.screens.reader_commands import ReaderCommands

        return ReaderCommands(self)

    @cached_property
    def review_commands(self) -> ReviewCommands:
        from tui.screens.review_commands import ReviewCommands

        return ReviewCommands(self)

    @cached_property
    def model(self) -> ModelCommands:
        from tui.screens.model_commands import ModelCommands

        return ModelCommands(self)

    @cached_property
    def drawing(self) -> ReaderDrawing:
        from tui.screens.reader_drawing import ReaderDrawing

        return ReaderDrawing(self)

    @cached_property
    def feeds(self) -> FeedCommands:
        from tui.reader.feeds import FeedFeature
        from tui.screens.feed_commands import FeedCommands

        return FeedCommands(self, FeedFeature(self.config.feeds))

    def compose(self) -> ComposeResult:
        # The scan starts before the widgets mount: opening the library index waits its turns
        # for the GIL while the first frame is laid out, and its first titles (its first file
        # is posted alone) should be in that frame.
        self.start(scan(self.roots), "Library", group="scan", exclusive=True)
        yield Header()
        with Horizontal():
            yield Sidebar(id="sidebar")
            # The reader's widgets mount into it once the first titles are drawn.
            yield Vertical(id="reader-pane")
        yield KeyFooter()

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def reader(self) -> ParallelText:
        from tui.widgets.parallel_text import ParallelText

        return self.query_one("#reader", ParallelText)

    @property
    def column_titles(self) -> ColumnTitles:
        from tui.widgets.column_titles import ColumnTitles

        return self.query_one("#column-titles", ColumnTitles)

    @property
    def article(self) -> Article | None:
        """The open article, if any."""
        return self.current.article if self.current is not None else None

    def shows(self, opened: OpenArticle) -> bool:
        """Whether `opened` is still the article on screen (a worker's result for any other
        article is dropped)."""
        return opened is self.current

    def on_mount(self) -> None:
        # The rest starts once the first titles are drawn (or the scan ends without any; the
        # timer is the backstop for a list too small to draw anything).
        self.set_timer(FEATURES_AT_THE_LATEST, self._start_features)

    @on(ArticleList.FirstRowsDrawn)
    def _start_features(self) -> None:
        """The footer's keys, then (`Preloaded`) the model, the store and the search index:
        loading a model holds the GIL for a good part of a second, the store's answer reopens
        the last article; the first titles wait for none of it."""
        if self._features_started:
            return
        self._features_started = True
        self._mount_reader()
        self.query_one(KeyFooter).show_keys()
        self.start(preload, "Article", group="preload")

    def _mount_reader(self) -> None:
        """The column titles, the parallel text and the sentence note, into the reader's pane."""
        from tui.reader.translation import LOADING
        from tui.widgets.column_titles import ColumnTitles
        from tui.widgets.parallel_text import ParallelText
        from tui.widgets.sentence_note import SentenceNote

        reader = ParallelText(id="reader")
        reader.set_placeholder(LOADING)
        reader.show_message("Choose an article in the sidebar and press Enter.")
        pane = self.query_one("#reader-pane")
        pane.mount_all((ColumnTitles(id="column-titles"), reader, SentenceNote(id="sentence-note")))

    @property
    def reader_mounted(self) -> bool:
        """Whether the reader's widgets are in (the keys that act on them wait for this)."""
        return self._features_started

    @on(messages.Preloaded)
    def _preloaded(self) -> None:
        self._preloaded_done = True
        if self._scan_finished:  # a small library: listed before the preload was done
            self.library.count_library()
        from tui.reader.bookmarks import BookmarkFeature
        from tui.reader.keywords import KeywordFeature

        self.start(self.translation.load_model, "Model", group="model", exclusive=True)
        self.start(BookmarkFeature.open, "Bookmarks", group="store")
        self.start(KeywordFeature.open_search_index, "Search", group="search-index")

    def on_unmount(self) -> None:
        self.bookmarks.flush()

    # Workers ---------------------------------------------------------------------------------

    def start(self, job: Job | None, title: str, *, group: str, exclusive: bool = False) -> None:
        """Run `job` in a worker thread, its messages to this screen; its failures become a
        notification titled `title`."""
        if job is not None:
            run_in_worker(self, job, title, group=group, exclusive=exclusive)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.notify(str(event.worker.error), title=event.worker.name, severity="error")
        ended = event.state in (WorkerState.ERROR, WorkerState.CANCELLED)
        if event.worker.group == "scan" and ended:
            self._start_features()  # no titles are coming

    @on(messages.Notice)
    def _notice(self, message: messages.Notice) -> None:
        self.notify(message.text, title=message.title, severity=message.severity, timeout=15)

    # Library ---------------------------------------------------------------------------------

    @on(messages.LibraryBatch)
    def _add_batch(self, message: messages.LibraryBatch) -> None:
        self.library.add_batch(message)

    @on(messages.LibraryRemoved)
    def _remove_from_library(self, message: messages.LibraryRemoved) -> None:
        self.sidebar.remove_paths(message.paths)

    @on(messages.ScanFinished)
    def _scan_done(self) -> None:
        self._scan_finished = True
        self.library.scan_finished()
        if self._preloaded_done:
            self.library.count_library()
        else:
            # Once the frame being made is drawn (with the titles, if any: the library may be
            # empty, or a filter typed early may hide them all): there is nothing more to wait for.
            self.call_after_refresh(self._start_features)

    @on(messages.LookCounts)
    def _look_counts(self, message: messages.LookCounts) -> None:
        self.library.look_counts(message)

    @on(messages.LibraryMarks)
    def _library_marks(self, message: messages.LibraryMarks) -> None:
        self.sidebar.update_marks(bookmarked=message.bookmarked, read=message.read)

    @on(messages.ReviewProgress)
    def _review_progress(self, message: messages.ReviewProgress) -> None:
        self.sidebar.update_marks(reviewed=message.progress)

    @on(messages.HitCounts)
    def _hit_counts(self, message: messages.HitCounts) -> None:
        self.library.hit_counts(message)

    @on(messages.FetchProgress)
    def _fetch_progress(self, message: messages.FetchProgress) -> None:
        self.feeds.progress(message.progress)

    @on(messages.FeedArticleSaved)
    def _feed_article_saved(self, message: messages.FeedArticleSaved) -> None:
        self.feeds.saved(message.summary)

    @on(messages.FetchFinished)
    def _fetch_finished(self, message: messages.FetchFinished) -> None:
        self.feeds.finished(message.report, message.error)

    # Opening an article ----------------------------------------------------------------------

    @on(ArticleList.Opened)
    def _open_requested(self, message: ArticleList.Opened) -> None:
        self._start_features()  # the reader's widgets are in by now; if not, here they come
        summary = message.summary
        if summary.error is not None:
            self._close_article(f"{printable(str(summary.path))}: {summary.error}")
            return
        self.open_path(summary.path)
        self.reader.focus()

    def open_path(self, path: Path, paragraph: int = 0) -> None:
        """Read and open the article at `path`, cursor on `paragraph`."""
        self._reopen = False
        self.start(read(path, paragraph), "Article", group="open", exclusive=True)

    @on(messages.ArticleLoaded)
    def _show_article(self, message: messages.ArticleLoaded) -> None:
        self._reopen = False
        self.workers.cancel_group(self, "translate")
        from tolk.reading.open_article import OpenArticle

        opened = self.current = OpenArticle(message.article, self.config.keyword_translations)
        opened.source_hits = self.keywords.source_hits(opened.article)
        self.drawing.show_article(opened, message.paragraph)
        self.model.show_title()
        self.model.translate_current()
        self._load_user_data(opened, message.paragraph)

    def _load_user_data(self, opened: OpenArticle, paragraph: int) -> None:
        """Record `opened` as read at `paragraph`; load its bookmarks and reviews."""
        self.start(self.bookmarks.record_opened(opened, paragraph), "Bookmarks", group="store")
        self.start(self.review.load(opened), "Review", group="reviews", exclusive=True)
        from tui.reader.memory import MemoryFeature

        self.start(MemoryFeature.lookup(opened), "Memory", group="memory", exclusive=True)

    @on(messages.ArticleUnreadable)
    def _show_unreadable(self, message: messages.ArticleUnreadable) -> None:
        self._close_article(f"{printable(str(message.path))}: {message.reason}")

    def _close_article(self, why: str) -> None:
        """Nothing is open any more: keys that act on an article must not act on the last one."""
        self._reopen = False
        self.workers.cancel_group(self, "translate")
        self.current = None
        self.drawing.show_message(why)

    def on_parallel_text_sentence_moved(self) -> None:
        self.drawing.sentence_note()

    # Translation -----------------------------------------------------------------------------

    @on(messages.TranslatorReady)
    def _translator_ready(self, message: messages.TranslatorReady) -> None:
        self.model.ready(message.loaded)

    @on(messages.TranslatorUnavailable)
    def _translator_unavailable(self, message: messages.TranslatorUnavailable) -> None:
        self.model.unavailable(message.reason, missing=message.missing)

    @on(messages.ParagraphTranslated)
    def _paragraph_translated(self, message: messages.ParagraphTranslated) -> None:
        if self.shows(message.opened):
            message.opened.add_translation(message.paragraph, message.flags)
            self.drawing.paragraph(message.paragraph.index)

    @on(messages.TranslationProgress)
    def _translation_progress(self, message: messages.TranslationProgress) -> None:
        if self.shows(message.opened):
            self.model.show_title(message.done, message.total)

    @on(messages.TranslationFinished)
    def _translation_finished(self, message: messages.TranslationFinished) -> None:
        opened = message.opened
        self.model.finished(opened)
        self.library.count_looks(opened)
        index = self.keywords.index_translation(opened.path, message.targets)
        self.start(index, "Search", group="search-index")

    @on(messages.InstallProgress)
    def _install_progress(self, message: messages.InstallProgress) -> None:
        self.column_titles.show_download(message.done, message.total, message.bytes_per_second)

    @on(messages.InstallFinished)
    def _install_finished(self, message: messages.InstallFinished) -> None:
        self.model.installed(message.error)

    # Keywords and search ---------------------------------------------------------------------

    @on(messages.KeywordRenderings)
    def _keyword_renderings(self, message: messages.KeywordRenderings) -> None:
        if self.keywords.add_renderings(message):
            self.drawing.everything()

    @on(messages.SearchIndexOpened)
    def _search_index_opened(self, message: messages.SearchIndexOpened) -> None:
        self.keywords.search_index = message.index

    # Bookmarks and reading state -------------------------------------------------------------

    @on(messages.StoreOpened)
    def _store_opened(self, message: messages.StoreOpened) -> None:
        if message.store is None:
            return
        self.bookmarks.store = message.store
        self.review.store = message.store
        self.library.update_marks()
        if self.current is not None:
            self._load_user_data(self.current, self.reader.cursor)
        elif self._reopen:
            self.start(self.bookmarks.find_last_position(), "Bookmarks", group="store")

    @on(messages.LastPosition)
    def _last_position(self, message: messages.LastPosition) -> None:
        # The user may have opened an article while the store was answering: theirs wins.
        if self._reopen and self.current is None:
            self.open_path(message.position.path, message.position.paragraph)

    @on(messages.ArticleBookmarks)
    def _article_bookmarks(self, message: messages.ArticleBookmarks) -> None:
        if self.shows(message.opened):
            message.opened.bookmarked = message.marked
            self.reader.set_marked(message.marked)

    def on_parallel_text_cursor_moved(self, message: ParallelText.CursorMoved) -> None:
        self.drawing.sentence_note()
        if self.current is None or self.bookmarks.store is None:
            return
        self.bookmarks.moved(self.current.article, message.index)
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(self._position_delay, self._save_position)

    def _save_position(self) -> None:
        self._position_timer = None
        self.start(self.bookmarks.save_position(), "Bookmarks", group="position")

    # Review ----------------------------------------------------------------------------------

    @on(messages.ReviewsLoaded)
    def _reviews_loaded(self, message: messages.ReviewsLoaded) -> None:
        if not self.shows(message.opened):
            return
        message.opened.set_reviews(dict(message.reviews), message.total)
        self.drawing.everything()
        self.model.show_title()  # corrections may now show where nothing did
        self.library.count_looks(message.opened)  # stored corrections change what needs a look
        self.start(self.review.progress(), "Review", group="review-progress")

    @on(messages.MemoryLoaded)
    def _memory_loaded(self, message: messages.MemoryLoaded) -> None:
        if not self.shows(message.opened):
            return
        opened = message.opened
        opened.set_memory(message.found)
        self.drawing.everything()
        self.model.show_title()
        self.library.count_looks(opened)

    @on(messages.AlternativesFound)
    def _alternatives_found(self, message: messages.AlternativesFound) -> None:
        if self.shows(message.opened):  # else the user has moved on to another article
            alternatives = message.alternatives
            self.review_commands.choose_alternative(message.opened, message.key, alternatives)

    @on(messages.BookmarkList)
    def _bookmark_list(self, message: messages.BookmarkList) -> None:
        self.commands.show_bookmarks(message.entries)

    @on(messages.NoteToEdit)
    def _note_to_edit(self, message: messages.NoteToEdit) -> None:
        self.commands.edit_bookmark_note(message)
