"""How the reader starts. The first frame waits for nothing but the sidebar's first titles.
Once they are drawn: the header, the reader's widgets, the filter box and the footer (imported in
a worker first), then (after one worker has imported the features' modules: `Preloaded`) the
model, the store and the search index (the vocabulary opens when first needed). Once the
library is listed as well: the dictionary (prepared the first time), the counts across the
library after it, the search index's update after them — each walks the library, and side by
side they slowed each other (and the scan) two to three times."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol

from tui.reader.jobs import Cancelled, Post, waiting
from tui.reader.library.jobs import preload
from tui.reader.library.messages import ReaderImported
from tui.widgets.article_list import ArticleList
from tui.widgets.sidebar import Sidebar

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.reader.dictionary.commands import DictionaryCommands
    from tui.reader.host import ReaderHost
    from tui.reader.keywords.commands import KeywordCommands
    from tui.reader.listing import Listing
    from tui.reader.translation.state import TranslationFeature


def import_reader(post: Post, cancelled: Cancelled) -> None:
    """Job: import the reader's widgets, the header and the footer, and what mounting them
    imports (the parts the reader's side makes at once), once the first titles are drawn.
    ~60 ms of imports: on the UI thread, beside a first scan's thread taking its turns
    at the GIL, they held the UI 80-100 ms (the longest stall of loading 100,000 articles);
    here the UI keeps its turns, and mounts them once they are in (`ReaderImported`)."""
    import textual.scrollbar
    import textual.widgets._header  # noqa: F401

    import tui.reader.drawing
    import tui.reader.host
    import tui.reader.keywords.commands
    import tui.reader.reader_pane
    import tui.reader.translation.commands
    import tui.widgets.key_footer  # noqa: F401

    post(ReaderImported())


class StartedParts(Protocol):
    """What the start starts (each made when first asked for: `ReaderParts`)."""

    @property
    def listing(self) -> Listing: ...

    @property
    def translation_feature(self) -> TranslationFeature: ...

    @property
    def dictionary(self) -> DictionaryCommands: ...

    @property
    def keywords(self) -> KeywordCommands: ...


class ReaderStart:
    """The reader's start, step by step, as the scan and the workers report."""

    def __init__(self, screen: Screen[None], host: ReaderHost, parts: StartedParts) -> None:
        self._screen = screen
        self._host = host
        self._parts = parts
        self.features_asked = False
        self.features_started = False
        # Set by the scan once what the library index knows is listed; the preload waits for
        # it. Each row the index gives lets go of the interpreter lock (SQLite's step) and may
        # wait up to 5 ms (Python's switch interval) to get it back from a thread that keeps
        # it busy: beside a spinning thread, listing 100,000 rows took 438 s instead of 1. The
        # preload's imports are such a thread for a few hundred milliseconds.
        self.index_listed = threading.Event()
        # The counts across the library start once both the scan and the preload are done:
        # their jobs import their modules in their workers, and the preload imports first.
        self._scan_finished = False
        self._preloaded = False

    def features(self) -> None:
        """Import the header, the reader's widgets and the footer in a worker, then mount them
        (`mount_features`); once: the first titles, the scan's end or the backstop timer,
        whichever is first."""
        if self.features_asked:
            return
        self.features_asked = True
        self._host.start(import_reader, "Reader", group="reader-imports")

    def mount_features(self) -> None:
        """The header, the reader's widgets, the filter box and the footer, then the preload
        (once: their imports done, or an article opened, which needs them now). Loading a model
        holds the GIL for a good part of a second, the store's answer reopens the last article:
        the first titles wait for none of it."""
        if self.features_started:
            return
        self.features_started = True
        # Not in the first frame, nor imported before it: the header (its parts, styles and
        # layout cost the first titles ~5 ms), the reader's side, the footer (~3 ms).
        from textual.widgets import Header

        from tui.reader.reader_pane import mount_reader
        from tui.widgets.key_footer import KeyFooter

        screen = self._screen
        # Each takes the place of the empty row kept for it: docked to the same edge, the two
        # overlap until the row is gone, so nothing moves, and the screen's layout is as if the
        # header and the footer had been there from the start.
        for slot, widget in (("#header-slot", Header()), ("#footer-slot", KeyFooter())):
            kept = screen.query_one(slot)
            screen.mount(widget, after=kept)
            kept.remove()
        mount_reader(screen.query_one("#reader-pane"))
        screen.query_one(Sidebar).add_filter()
        self._host.start(waiting(self.index_listed, preload), "Article", group="preload")

    def preloaded(self) -> None:
        """The features' modules are imported: the model, the store, the search index."""
        self._preloaded = True
        if self._scan_finished:  # a small library: listed before the preload was done
            self._library_listed()
        from tui.reader.bookmarks.state import BookmarkFeature
        from tui.reader.keywords.state import KeywordFeature

        # The vocabulary is not among them: it opens when first needed (its feature).
        start = self._host.start
        start(self._parts.translation_feature.load_model, "Model", group="model", exclusive=True)
        start(BookmarkFeature.open, "Bookmarks", group="store")
        start(KeywordFeature.open_search_index, "Search", group="search-index")

    def scan_finished(self) -> None:
        self._scan_finished = True
        self._parts.listing.scan_finished()
        if self._preloaded:
            self._library_listed()
        elif not self._screen.query_one(ArticleList).rows_to_draw:
            # Nothing to wait for: the library is empty, or a filter typed early hides it all
            # (titles still to draw start the features themselves, with FirstRowsDrawn — and
            # so does a filter that hides them all before they are).
            self._screen.call_after_refresh(self.features)

    def _library_listed(self) -> None:
        """The dictionary (prepared the first time: seconds of a core, which the scan should
        not share), the counts after it, the search index's update after them."""
        parts = self._parts
        indexed = threading.Event()
        counted = parts.listing.count_library(parts.dictionary.prepare(), indexed)
        parts.keywords.library_listed(counted, indexed)
