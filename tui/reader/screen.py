"""The reader screen: sidebar | Norwegian | English.

It holds the open article (`OpenArticle`, replaced whole when another opens), composes
the widgets, starts every job in a worker from the main thread, and routes what comes back:
each `ReaderMessage` to the collaborators it names (`ReaderParts`), the article's own life
(opened, unreadable, the store's answer) here. It is the host the command objects see
(`ReaderHost`): when one says what it changed, the screen redraws and recounts. Keys are a table
(`key_table`) run by one action.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from tolk.text import printable
from tui.reader.first_batch import FirstBatch
from tui.reader.jobs import Job, run_in_worker
from tui.reader.key_table import BEFORE_THE_READER, COMMANDS, KEYS
from tui.reader.library.jobs import read, scan
from tui.reader.library.messages import (
    ArticleLoaded,
    ArticleUnreadable,
    Preloaded,
    ReaderImported,
    ScanFinished,
)
from tui.reader.messages import Notice, ReaderMessage
from tui.reader.parts import ReaderParts
from tui.widgets.article_list import ArticleList
from tui.widgets.sidebar import Sidebar
from tui.widgets.styles import css_beside

# The first frame waits for nothing but the sidebar's first titles: the reader's widgets, the
# features and tolk.reading.open_article come after them.
if TYPE_CHECKING:
    from tolk.config import Config
    from tolk.library.articles import Article
    from tolk.reading.open_article import OpenArticle
    from translation.engine import ArticleTranslator
    from tui.reader.bookmarks.messages import LastPosition, StoreOpened
    from tui.reader.host import Answer, Changed, CursorWord, EnglishColumn, LibraryList
    from tui.widgets.parallel_text import ParallelText

# How long the cursor rests before its position is written (it is written at once when
# another article opens and when the reader closes).
POSITION_DELAY = 1.0
# Seconds after the first frame by which the features start, whatever the list has drawn.
FEATURES_AT_THE_LATEST = 2.0


class ReaderScreen(Screen[None]):
    """The reader: browse the library on the left, read on the right."""

    # Its own styles, as the widgets': CSS_PATH is read only for screens pushed, and this one
    # is the app's default screen (screen.tcss was never applied while it was named there).
    DEFAULT_CSS = css_beside(__file__)
    BINDINGS = KEYS
    # The article list has the focus from the start (Textual's default would pick the hidden
    # filter; focusing it in on_mount would change the bindings after the footer was built).
    AUTO_FOCUS = "#articles"

    def __init__(
        self, roots: list[Path], config: Config, *, position_delay: float = POSITION_DELAY
    ) -> None:
        super().__init__()
        self.roots = roots
        self.config = config
        self._opened: OpenArticle | None = None
        self.parts = ReaderParts(self, self, config, roots)
        self._reopen = True  # reopen the last article once, when the store says where
        self._position_delay = position_delay
        self._position_timer: Timer | None = None
        self._first_batch = FirstBatch()

    def compose(self) -> ComposeResult:
        # The scan starts before the widgets mount, and its first batch (the first file, posted
        # alone) is taken as the screen mounts (FirstBatch): the first frame has its titles.
        scanning = self._first_batch.catching(scan(self.roots, self.parts.start.index_listed))
        self.start(scanning, "Library", group="scan", exclusive=True)
        # The header, the reader's widgets and the footer mount once the first titles are
        # drawn (ReaderStart.features); the header's and the footer's rows are kept until then.
        yield Vertical(id="header-slot")
        with Horizontal():
            yield Sidebar(id="sidebar")
            yield Vertical(id="reader-pane")
        yield Vertical(id="footer-slot")

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def parallel_text(self) -> ParallelText:
        from tui.widgets.parallel_text import ParallelText  # not in the first frame

        return self.query_one("#reader", ParallelText)

    @property
    def article(self) -> Article | None:  # the open article's text, if any
        return self._opened.article if self._opened is not None else None

    # The host (ReaderHost) -------------------------------------------------------------------

    @property
    def opened(self) -> OpenArticle | None:
        return self._opened

    def shows(self, opened: OpenArticle) -> bool:
        return opened is self._opened

    @property
    def cursor_word(self) -> str | None:
        return self.parts.drawing.cursor_word()

    @property
    def word_at_cursor(self) -> CursorWord | None:
        return self.parts.drawing.word_at_cursor()

    @property
    def cursor(self) -> tuple[int, int]:
        text = self.parallel_text
        return text.cursor, text.sentence

    def move_cursor(self, paragraph: int, sentence: int | None = None) -> None:
        text = self.parallel_text
        text.cursor = paragraph
        if sentence is not None:
            text.sentence = sentence
        text.focus()

    @property
    def translator(self) -> ArticleTranslator | None:
        return self.parts.translation_feature.translator

    def start(self, job: Job | None, title: str, *, group: str, exclusive: bool = False) -> None:
        if job is not None:
            run_in_worker(self, job, title, group=group, exclusive=exclusive)

    def ask(self, dialog: Screen[Answer], answered: Callable[[Answer | None], None]) -> None:
        self.app.push_screen(dialog, answered)

    def open_path(self, path: Path, paragraph: int = 0) -> None:
        self._read(path, paragraph)
        self.parallel_text.focus()

    def changed(self, change: Changed) -> None:
        opened = change.opened
        if not self.shows(opened):
            return
        self.parts.drawing.changed(change)
        if change.english:
            self.parts.translation.show_title()
            self.parts.listing.count_looks(opened)

    def copy_to_clipboard(self, text: str) -> None:
        self.app.copy_to_clipboard(text)

    def open_url(self, url: str) -> bool:
        from tui.browser import open_in_browser  # loaded when first asked for

        return open_in_browser(self.app, url, os.environ)

    @property
    def english_column(self) -> EnglishColumn:
        return self.parts.drawing

    @property
    def library(self) -> LibraryList:
        return self.parts.listing

    # Keys ------------------------------------------------------------------------------------

    def action_run(self, key: str) -> None:
        """Run the command the key table gives key `key`."""
        start = self.parts.start
        # A key pressed while the reader's imports still run: its widgets are mounted now.
        if start.features_asked:
            start.mount_features()
        part, method, *given = COMMANDS[key]
        getattr(getattr(self.parts, part), method)(*given)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "run":
            return True
        start = self.parts.start
        # Till the first titles are drawn, only the sidebar's keys.
        if not start.features_asked:
            return parameters[0] in BEFORE_THE_READER
        # Offer the install key only while there is no model to translate with.
        return parameters[0] != "install_model" or self.translator is None

    # Starting (ReaderStart) -------------------------------------------------------------------

    def on_mount(self) -> None:
        first = self._first_batch.take()  # before the first layout, a message queued already
        if first is not None:
            self._deliver(first)
        # The backstop for a list too small to draw anything: see ReaderStart.
        self.set_timer(FEATURES_AT_THE_LATEST, self.parts.start.features)

    @on(ArticleList.FirstRowsDrawn)
    def _first_titles_drawn(self) -> None:
        self.parts.start.features()

    @on(ReaderImported)
    def _reader_imported(self) -> None:
        self.parts.start.mount_features()

    @on(Preloaded)
    def _preloaded_imports(self) -> None:
        self.parts.start.preloaded()

    @on(ScanFinished)
    def _scan_done(self) -> None:
        self.parts.start.scan_finished()

    def save_unsaved(self) -> None:
        """Write what the reader holds unsaved (the position) now: the process is ending."""
        self.parts.save_unsaved()

    @on(events.Unmount)
    def close(self) -> None:
        """The reader is closing: stop its workers, write what it holds unsaved (the
        position) and close the files its features opened (in a process that runs the app
        again, as the tests do, they would stay open)."""
        self.workers.cancel_node(self)
        self.parts.close()

    @on(ReaderMessage)
    def _deliver(self, message: ReaderMessage) -> None:
        for name in message.receivers:
            self.parts.receiver(name).receive(message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.notify(str(event.worker.error), title=event.worker.name, severity="error")
        ended = event.state in (WorkerState.ERROR, WorkerState.CANCELLED)
        if event.worker.group == "scan" and ended:
            self.parts.start.features()  # no titles are coming

    @on(events.Key)
    @on(events.MouseDown)
    def _user_acted(self) -> None:
        # The idle pass over the library stops at once: the user is here.
        if self.parts.start.features_started:
            self.parts.translation.user_acted()

    @on(Notice)
    def _notice(self, notice: Notice) -> None:
        self.notify(notice.text, title=notice.title, severity=notice.severity, timeout=15)

    # Opening an article ----------------------------------------------------------------------

    @on(ArticleList.Opened)
    def _open_requested(self, message: ArticleList.Opened) -> None:
        # The reader's widgets are in by now; if not (their imports still going), here they come.
        self.parts.start.mount_features()
        summary = message.summary
        if summary.error is not None:
            self._close_article(f"{printable(str(summary.path))}: {summary.error}")
            return
        self.open_path(summary.path)

    def _read(self, path: Path, paragraph: int) -> None:
        """Read and open the article at `path`, cursor on `paragraph`."""
        self._reopen = False
        terms = self.parts.glossary.terms
        self.start(read(path, paragraph, terms), "Article", group="open", exclusive=True)

    @on(ArticleLoaded)
    def _show_article(self, message: ArticleLoaded) -> None:
        self._reopen = False
        self.workers.cancel_group(self, "translate")
        from tolk.reading.open_article import OpenArticle

        parts = self.parts
        # The user's checks with this article's glossary terms, and every word accepted so far.
        checking = replace(
            parts.checking.with_glossary(message.terms),
            accepted_words=parts.review_feature.accepted,
        )
        opened = self._opened = OpenArticle(message.article, checking=checking)
        opened.source_hits = parts.keyword_feature.source_hits(opened.article)
        parts.drawing.show_article(opened, message.paragraph)
        parts.listing.highlight(opened.path)
        parts.translation.show_title()
        parts.translation.translate_current()
        parts.language.tell()
        parts.vocabulary.article_opened(opened)
        self._load_user_data(opened, message.paragraph)

    def _load_user_data(self, opened: OpenArticle, paragraph: int) -> None:
        """Record `opened` as read at `paragraph`; load its bookmarks, reviews, memory."""
        parts = self.parts
        recorded = parts.bookmark_feature.record_opened(opened, paragraph)
        self.start(recorded, "Bookmarks", group="store")
        self.start(parts.review_feature.load(opened), "Review", group="reviews", exclusive=True)
        parts.memory.look_up()

    @on(ArticleUnreadable)
    def _show_unreadable(self, message: ArticleUnreadable) -> None:
        self._close_article(f"{printable(str(message.path))}: {message.reason}")

    def _close_article(self, why: str) -> None:
        """Nothing is open any more: keys that act on an article must not act on the last one."""
        self._reopen = False
        self.workers.cancel_group(self, "translate")
        self._opened = None
        self.parts.drawing.show_message(why)

    def on_parallel_text_word_chosen(self) -> None:
        self.parts.dictionary.define()  # a double click on a word

    def on_parallel_text_sentence_moved(self) -> None:
        self.parts.drawing.sentence_note()

    # The user store (handlers by name, not @on: the classes load once the features start) ----
    def on_store_opened(self, message: StoreOpened) -> None:
        if message.store is None:
            return
        parts = self.parts
        parts.bookmark_feature.store = parts.review_feature.store = message.store
        parts.read_state_feature.store = message.store
        self.start(parts.bookmark_feature.library_marks(), "Bookmarks", group="store")
        self.start(parts.review_feature.progress(), "Review", group="review-progress")
        if self._opened is not None:
            self._load_user_data(self._opened, self.parallel_text.cursor)
        elif self._reopen:
            self.start(parts.bookmark_feature.find_last_position(), "Bookmarks", group="store")

    def on_last_position(self, message: LastPosition) -> None:
        # An article the user opened meanwhile wins; one not under the roots is not reopened.
        from tolk.library.files import is_under

        position = message.position
        if self._reopen and self._opened is None and is_under(position.path, self.roots):
            self._read(position.path, position.paragraph)

    def on_parallel_text_cursor_moved(self, message: ParallelText.CursorMoved) -> None:
        if self._opened is None and not self.parts.made("drawing"):
            # The reader's side has just mounted, nothing open: no note to show (it starts
            # hidden), no place to keep, and the drawing's and the bookmarks' modules (50 ms
            # and more of the UI thread) are left to the preload.
            return
        self.parts.drawing.sentence_note()
        bookmarks = self.parts.bookmark_feature
        if self._opened is None or bookmarks.store is None:
            return
        bookmarks.moved(self._opened.article, message.index)
        if self._position_timer is not None:
            self._position_timer.stop()  # one write when the cursor rests, not one a key
        self._position_timer = self.set_timer(
            self._position_delay,
            lambda: self.start(bookmarks.save_position(), "Bookmarks", group="position"),
        )
