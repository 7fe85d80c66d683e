"""What the reader's keyword and search keys do: go from one keyword hit to the next, manage
the keywords (the keyword screen), and search the library. It also takes the model's English
for the keywords, and makes each finished translation searchable."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tolk.text import count
from tui.reader.dictionary.messages import DictionaryReady
from tui.reader.feeds.messages import FetchFinished
from tui.reader.host import Changed, ReaderHost
from tui.reader.jobs import waiting
from tui.reader.keywords.messages import (
    KeywordRenderings,
    SearchIndexOpened,
    SearchIndexProgress,
    SearchIndexUpdated,
)
from tui.reader.keywords.state import KeywordFeature
from tui.reader.messages import ReaderMessage
from tui.reader.translation.messages import TranslationFinished, TranslatorReady

if TYPE_CHECKING:
    from tolk.config import Config
    from tolk.search.index import IndexProgress
    from tui.dialogs.keywords import KeywordChoice
    from tui.dialogs.search import SearchAnswer, SearchScreen


class KeywordCommands:
    """The keyword and search commands, over the host and the keyword feature."""

    def __init__(self, host: ReaderHost, keywords: KeywordFeature, roots: list[Path]) -> None:
        self._host = host
        self.keywords = keywords
        self._roots = roots
        # The search index's update: running or not, what it says, and the dialog to tell.
        # Not known to be up to date until the first update (after the start) has ended.
        self._building = True
        self._index_says: str | None = None
        self._dialog: SearchScreen | None = None
        self._search_query = ""  # the last search's, offered again
        # Set once the scan has listed the library; the index's first update waits until the
        # event it holds is set too (the hit count's end: both read every file).
        self._library_listed = False
        self._first_update_after: threading.Event | None = None
        self._first_update_done: threading.Event | None = None
        self._index_opened = False  # the index's opening ended (open, or search is off)

    def receive(self, message: ReaderMessage) -> None:
        match message:
            case KeywordRenderings():
                opened = self._host.opened
                if self.keywords.add_renderings(message) and opened is not None:
                    self._host.changed(Changed(opened, everything=True))
            case SearchIndexOpened():
                self.keywords.search_index = message.index
                self._index_opened = True
                if self._library_listed:
                    self.update_search_index()
            case SearchIndexProgress():
                progress = message.progress
                grown = progress.to_index is not None and progress.indexed > 0
                self._index_status(progress_text(progress), grown=grown)
            case SearchIndexUpdated():
                self._building = False
                self._first_update_ended()
                self._index_status(message.problem)
                if message.problem is not None:
                    self._host.notify(message.problem, title="Search", severity="warning")
            case FetchFinished() if message.report is not None and message.report.added:
                self.update_search_index()
            case TranslatorReady():
                self.translate_keywords()
            case DictionaryReady() if message.fresh:
                # Prepared just now: the open article was highlighted without its forms
                # ("gikk" for "gå"). Highlight it again; the library's counts wait for the
                # dictionary (Listing), so they have the forms already.
                self._rematch(recount=False)
            case TranslationFinished():
                job = self.keywords.index_translation(message.opened.path, message.targets)
                self._host.start(job, "Search", group="search-index")

    def library_listed(self, counted: threading.Event, indexed: threading.Event) -> None:
        """The scan has listed the library: the index may be brought up to date once the
        keyword hits are `counted` (not before: on a 100,000-article start, indexing beside the
        scan slowed the listing 3x, and beside the hit count the count 2x); `indexed` is set
        when that first update has ended (or there is no index to update)."""
        self._library_listed = True
        self._first_update_after = counted
        self._first_update_done = indexed
        if self._index_opened:  # else once it is
            self.update_search_index()

    def update_search_index(self) -> None:
        """Bring the search index up to date with the library, in the background (after start,
        and after a fetch added articles): searching never waits for it."""
        job = self.keywords.update_search_index(self._roots)
        if job is None:
            self._first_update_ended()  # search is off: nothing to wait for
            return
        if self._first_update_after is not None:
            job = waiting(self._first_update_after, job)
            self._first_update_after = None
        self._building = True
        self._host.start(job, "Search", group="search-update", exclusive=True)

    def _first_update_ended(self) -> None:
        """What waits for the index's first update (the library's languages) goes ahead."""
        if self._first_update_done is not None:
            self._first_update_done.set()
            self._first_update_done = None

    def _index_status(self, building: str | None, *, grown: bool = False) -> None:
        """Tell the open search dialog, if any, how far the index is (`grown`: it holds more
        articles than before)."""
        self._index_says = building if self._building else None
        if self._dialog is not None:
            self._dialog.index_status(self._index_says, grown=grown)

    def translate_keywords(self) -> None:
        """Find the keywords' English renderings with the model, if there is one."""
        translator = self._host.translator
        if translator is not None:
            job = self.keywords.translate_keywords(translator)
            self._host.start(job, "Keywords", group="keyword-translation", exclusive=True)

    def next_hit(self) -> None:
        self._jump_to_hit(forward=True)

    def previous_hit(self) -> None:
        self._jump_to_hit(forward=False)

    def _jump_to_hit(self, *, forward: bool) -> None:
        opened = self._host.opened
        with_hits = sorted(opened.source_hits) if opened is not None else []
        cursor = self._host.cursor[0]
        candidates = (
            [i for i in with_hits if i > cursor]
            if forward
            else [i for i in reversed(with_hits) if i < cursor]
        )
        if not candidates:
            self._host.notify(
                "No more keyword hits in this article." if with_hits else "No keyword hits here."
            )
            return
        self._host.move_cursor(candidates[0])

    def manage_keywords(self) -> None:
        from tui.dialogs.keywords import KeywordScreen, keyword_entries

        highlighter = self.keywords.highlighter
        entries = keyword_entries(
            highlighter.keywords, highlighter.colours, self.keywords.article_hits.values()
        )

        def apply(choice: KeywordChoice | None) -> None:
            if choice is not None:
                self._apply_keywords(choice)

        self._host.ask(KeywordScreen(entries), apply)

    def _apply_keywords(self, choice: KeywordChoice) -> None:
        keywords = self.keywords
        config = replace(
            keywords.config, keywords=choice.keywords, keyword_colours=dict(choice.colours)
        )
        self._host.start(keywords.save(choice), "Keywords", group="config")
        self._rematch(config)

    def _rematch(self, config: Config | None = None, *, recount: bool = True) -> None:
        """Highlight the open article and count the library (`recount`) with a new matcher:
        for new keywords (`config`), or the same ones once the dictionary's forms are there."""
        keywords = self.keywords
        keywords.set_keywords(config or keywords.config)
        opened = self._host.opened
        if opened is not None:
            earlier = set(opened.source_hits)
            opened.source_hits = keywords.source_hits(opened.article)
            redrawn = earlier | set(opened.source_hits) | set(opened.showable)
            self._host.changed(Changed(opened, redrawn))
        self.translate_keywords()
        if recount:
            self._host.library.count_hits()

    # The last search's query: search opens with it again (selected, so typing replaces it).
    def search(self) -> None:
        index = self.keywords.search_index
        if index is None:
            self._host.notify(
                "Search is not available (yet): the index is opening, or the cache "
                "directory cannot be used."
            )
            return

        def answered(answer: SearchAnswer | None) -> None:
            self._dialog = None
            if answer is None:
                return
            self._search_query = answer.query
            if answer.jump is not None:
                self._host.open_path(answer.jump.path, answer.jump.paragraph)

        from tui.dialogs.search import SearchScreen

        building = self._index_says or ("Updating the index…" if self._building else None)
        self._dialog = SearchScreen(index, self._search_query, building)
        self._host.ask(self._dialog, answered)


def progress_text(progress: IndexProgress) -> str:
    """What the search box says of the index's update: the walk for new and changed files,
    then how many of them are indexed."""
    if progress.to_index is None:
        return f"Looking for new articles… {count(progress.looked_at, 'file')}"
    return f"Indexing {progress.indexed:,} / {count(progress.to_index, 'article')}…"
