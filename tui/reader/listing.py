"""The sidebar's list as the reader fills it: the scan's batches, vanished files, new articles
from a fetch, and the marks and counts across the library (keyword hits, sentences that need a
look, bookmarks, read state, review progress), merged in chunk by chunk. Also the keys that act
on the list: show or hide it, filter it, show only some articles.

Each message costs the UI thread what it carries (a batch, a chunk), never the whole library.
It is made with the screen, before any feature: the first batches come before the first frame.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tui.heap import set_aside_long_lived
from tui.reader.jobs import signalling, waiting
from tui.reader.library.messages import LibraryBatch, LibraryRemoved, StoredLookCounts
from tui.widgets.listed_articles import OnlyWith
from tui.widgets.sidebar import Sidebar

if TYPE_CHECKING:
    from textual.screen import Screen

    from tolk.library.articles import ArticleSummary
    from tolk.reading.open_article import OpenArticle
    from tui.reader.host import ReaderHost
    from tui.reader.keywords.messages import HitCounts
    from tui.reader.keywords.state import KeywordFeature
    from tui.reader.library.looks import LookCountFeature
    from tui.reader.messages import ReaderMessage
    from tui.views.article_rows import ArticleRow


class CountingFeatures(Protocol):
    """What the list's counts come from (each made when first asked for)."""

    @property
    def keyword_feature(self) -> KeywordFeature: ...

    @property
    def look_counts(self) -> LookCountFeature: ...


class Listing:
    """The library's side of the reader screen (`LibraryList` for the commands)."""

    def __init__(self, screen: Screen[None], host: ReaderHost, features: CountingFeatures) -> None:
        self._screen = screen
        self._host = host
        self._features = features
        # Set when the library's hits are counted: the jobs that walk the library after
        # them wait for it.
        self._counted: threading.Event | None = None
        # Set once the dictionary is prepared (or known unusable): counts wait for its forms.
        self._dictionary_ready: threading.Event | None = None

    @property
    def sidebar(self) -> Sidebar:
        return self._screen.query_one(Sidebar)

    def receive(self, message: ReaderMessage) -> None:
        match message:
            case LibraryBatch():
                self._add_batch(message)
                return
            case LibraryRemoved():
                self.sidebar.remove_paths(message.paths)
                return
            case StoredLookCounts():
                fresh = self._features.look_counts.add_stored(message.counts)
                self.sidebar.merge_marks(looks=fresh)
                set_aside_long_lived()
                return
        # The features' messages come once they run: their modules are not imported before
        # the first titles are drawn (the scan's batches come before).
        from tui.reader.bookmarks.messages import LibraryMarks
        from tui.reader.keywords.messages import HitCounts
        from tui.reader.language.messages import ArticleLanguage, LibraryLanguages
        from tui.reader.review.messages import ReviewProgress
        from tui.reader.unread.messages import ReadMarks
        from tui.reader.vocabulary.messages import NewWordShares

        match message:
            case HitCounts():
                self._hit_counts(message)
            case LibraryMarks():
                self.sidebar.update_marks(bookmarked=message.bookmarked, read=message.read)
            case ReviewProgress():
                self.sidebar.update_marks(reviewed=message.progress)
            case ArticleLanguage():
                from tolk.library.language import marked

                path = Path(os.path.abspath(message.opened.path))
                language = message.language if marked(message.language) else None
                self.sidebar.merge_marks(languages={path: language})
            case LibraryLanguages():
                self.sidebar.merge_marks(languages=message.languages)
                set_aside_long_lived()
            case ReadMarks():
                self.sidebar.update_marks(read=message.read)
                self.sidebar.refresh_status()  # the unread filter may show fewer
            case NewWordShares():
                self.sidebar.merge_marks(new_words=dict(message.percents))
                self.sidebar.refresh_status()  # the filter by share may show more or fewer

    def _add_batch(self, message: LibraryBatch) -> None:
        """A batch from the scan: into the list, then the scan may send the next."""
        try:
            self.sidebar.add_rows(message.rows, scanned=message.scanned)
            if message.rows:
                set_aside_long_lived()
        finally:
            message.handled.set()

    def scan_finished(self) -> None:
        """Every file looked at: the totals."""
        self.sidebar.scan_finished()

    # Counts across the library ---------------------------------------------------------------

    def count_library(
        self, dictionary_ready: threading.Event, indexed: threading.Event
    ) -> threading.Event:
        """The keyword hits (once the dictionary is ready: its forms count) and the sentences
        that need a look, across the whole list (once the scan has finished and the first
        titles are drawn: the counts' modules are not imported before them), and the articles'
        languages once the search index's first update has ended (`indexed`); the event
        returned is set when the hits are counted."""
        # One copy of the list for the jobs: they walk it in their threads, chunk by chunk.
        rows = self.sidebar.article_list.rows_snapshot()
        counted = self._counted = threading.Event()
        self._dictionary_ready = dictionary_ready
        self._count_hits(rows)
        from tui.reader.library.looks import LookCountFeature

        self._host.start(LookCountFeature.load(rows), "Review", group="looks", exclusive=True)
        from tui.reader.language.state import TITLE, tell_library

        # After the hits and the search index's first update (which waits for the hits): each
        # reads every file, and side by side each took twice as long. Search first: it is
        # asked for; the languages only mark the list.
        languages = waiting(indexed, tell_library(rows, self._marked_languages()))
        self._host.start(languages, TITLE, group="languages", exclusive=True)
        return counted

    def _marked_languages(self) -> frozenset[Path]:
        return frozenset(self.sidebar.article_list.marks.languages)

    def count_looks(self, opened: OpenArticle) -> None:
        """Count the sentences of `opened` that need a look, once its English is settled (or
        changed since), show the count in the sidebar at once and store it."""
        if not self._host.shows(opened):
            return
        counted = self._features.look_counts.count(opened)
        if counted is not None:
            path, flagged, job = counted
            self.sidebar.merge_marks(looks={path: flagged})
            self._host.start(job, "Review", group="looks-record")

    def count_hits(self) -> None:
        """Count the keywords' hits across the list again, in the background."""
        self._count_hits(None)

    def _count_hits(self, rows: list[ArticleRow] | None) -> None:
        keywords = self._features.keyword_feature
        if keywords.start_counting():
            self.sidebar.update_marks(hits={})  # other keywords: their counts are no use
        if rows is None:
            rows = self.sidebar.article_list.rows_snapshot()
        job = keywords.count_hits(rows)
        if self._dictionary_ready is not None:  # every count with the dictionary's forms
            job = waiting(self._dictionary_ready, job)
        if self._counted is not None:  # a count in place of the first says when it is done
            job = signalling(job, self._counted)
        self._host.start(job, "Keywords", group="hits", exclusive=True)

    def _hit_counts(self, message: HitCounts) -> None:
        """A chunk of hit counts."""
        totals = self._features.keyword_feature.add_hit_counts(message)
        if totals is not None:  # else counted for keywords the user has changed since
            self.sidebar.merge_marks(hits=totals)
            # 100,000 articles' counts are kept: out of the collector's sight, like the rows
            # (full collections over them stopped the UI for 0.1-0.2 s while counting).
            set_aside_long_lived()

    # For the commands (LibraryList) ----------------------------------------------------------

    def add_article(self, summary: ArticleSummary) -> None:
        """A new article: into the list at once (unless the scan found it already)."""
        article_list = self.sidebar.article_list
        if not article_list.lists(summary.path):
            article_list.add_summaries([summary])
        self.sidebar.refresh_status()
        from tui.reader.language.state import TITLE, tell_library
        from tui.views.article_rows import ArticleRow

        # Its language, for the list's mark (the library's job told the others').
        told = tell_library([ArticleRow(summary)], self._marked_languages())
        self._host.start(told, TITLE, group="languages-new")

    def set_activity(self, text: str | None) -> None:
        self.sidebar.set_activity(text)

    def readable_after(self, path: Path) -> Path | None:
        return self.sidebar.article_list.readable_after(path)

    def highlight(self, path: Path) -> None:
        """The list's cursor on the article the reader shows (which stays listed under the
        unread filter, though opening it marks it read)."""
        articles = self.sidebar.article_list
        # As the store names files (absolute_path in tolk.userdata.bookmarks, not imported
        # before the first titles).
        articles.hold_open(Path(os.path.abspath(path)))
        articles.highlight(path)
        self.sidebar.refresh_status()

    def highlighted(self) -> tuple[Path, bool | None] | None:
        articles = self.sidebar.article_list
        row = articles.highlighted_row
        if row is None or row.is_error:
            return None
        return row.absolute, articles.is_read(row)

    def shown_paths(self) -> list[Path]:
        return self.sidebar.article_list.shown_readable()

    @property
    def new_words_at_most(self) -> int | None:
        return self.sidebar.article_list.new_words_at_most

    def show_new_words_at_most(self, percent: int | None) -> None:
        articles = self.sidebar.article_list
        articles.show_new_words_at_most(percent)
        self.sidebar.refresh_status()
        if percent is not None and not articles.marks.new_words:
            self._host.notify(
                "No article has a share of new words yet: it is counted when you open one."
            )

    # The list's keys -------------------------------------------------------------------------

    def toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        sidebar.toggle_class("-hidden")
        if sidebar.has_class("-hidden") and sidebar.has_focus_within:
            self._screen.query_one("#reader").focus()

    def filter(self) -> None:
        self.sidebar.remove_class("-hidden")
        self.sidebar.open_filter()

    def toggle_only(self, kind: OnlyWith) -> None:
        """Turn the filter by mark `kind` on or off; say so when it leaves nothing to show
        because no article has that mark (yet)."""
        articles = self.sidebar.article_list
        on = not articles.showing_only(kind)
        articles.show_only(kind, on)
        self.sidebar.refresh_status()
        if not on:
            return
        marks = articles.marks
        if kind is OnlyWith.HITS and not marks.hits:
            self._host.notify("No article has keyword hits (set keywords with K).")
        elif kind is OnlyWith.FLAGGED and not marks.looks:
            self._host.notify("No translated article has a sentence flagged.")
        elif kind is OnlyWith.UNREAD and marks.read is None:
            self._host.notify("Read state is not kept: the user data directory cannot be used.")
