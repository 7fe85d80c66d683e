"""What the reader does with the library as it comes in: add the scan's batches to the list,
take vanished files off it, and count keyword hits and sentences that need a look across it,
merging the counts into the sidebar chunk by chunk.

A sibling of `reader_commands.py`: the screen routes the scan's and the counts' messages here,
and the reader's commands ask it to count an article's looks or the library's hits.
Each message costs the UI thread what it carries (a batch, a chunk), never the whole library."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui import messages
from tui.heap import set_aside_long_lived

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tui.screens.main import MainScreen
    from tui.widgets.article_rows import ArticleRow


class LibraryCommands:
    """The library's side of the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen

    def add_batch(self, message: messages.LibraryBatch) -> None:
        """A batch from the scan: into the list, then the scan may send the next."""
        try:
            self._screen.sidebar.add_rows(message.rows, scanned=message.scanned)
            if message.rows:
                set_aside_long_lived()
        finally:
            message.handled.set()

    def scan_finished(self) -> None:
        """Every file looked at: the totals."""
        self._screen.sidebar.scan_finished()

    def count_library(self) -> None:
        """The keyword hits and the sentences that need a look, across the whole list (once
        the scan has finished and the first titles are drawn: the counts' modules are not
        imported before them)."""
        screen = self._screen
        # One copy of the list for both jobs: they walk it in their threads, chunk by chunk.
        rows = screen.sidebar.article_list.rows_snapshot()
        self.count_hits(rows)
        from tui.reader.looks import LookCountFeature

        screen.start(LookCountFeature.load(rows), "Review", group="looks", exclusive=True)

    def count_looks(self, opened: OpenArticle) -> None:
        """Count the sentences of `opened` that need a look, once its English is settled (or
        changed since), show the count in the sidebar at once and store it."""
        screen = self._screen
        if not screen.shows(opened):
            return
        counted = screen.looks.count(opened)
        if counted is not None:
            path, flagged, job = counted
            screen.sidebar.merge_marks(looks={path: flagged})
            screen.start(job, "Review", group="looks-record")

    def update_marks(self) -> None:
        """Read state, bookmarks and review progress in the sidebar, fresh from the store."""
        screen = self._screen
        screen.start(screen.bookmarks.library_marks(), "Bookmarks", group="store")
        screen.start(screen.review.progress(), "Review", group="review-progress")

    def count_hits(self, rows: list[ArticleRow] | None = None) -> None:
        """Count the keywords' hits across the list (`rows`: a snapshot of it, if taken
        already) in the background; the counts come in chunks."""
        screen = self._screen
        if screen.keywords.start_counting():
            screen.sidebar.update_marks(hits={})  # other keywords: their counts are no use
        if rows is None:
            rows = screen.sidebar.article_list.rows_snapshot()
        job = screen.keywords.count_hits(rows)
        screen.start(job, "Keywords", group="hits", exclusive=True)

    def hit_counts(self, message: messages.HitCounts) -> None:
        """A chunk of hit counts."""
        screen = self._screen
        totals = screen.keywords.add_hit_counts(message)
        if totals is not None:  # else counted for keywords the user has changed since
            screen.sidebar.merge_marks(hits=totals)
            # 100,000 articles' counts are kept: out of the collector's sight, like the rows
            # (full collections over them stopped the UI for 0.1-0.2 s while counting).
            set_aside_long_lived()

    def look_counts(self, message: messages.LookCounts) -> None:
        """A chunk of stored look counts (those counted in this session since stay)."""
        fresh = self._screen.looks.add_stored(message.counts)
        self._screen.sidebar.merge_marks(looks=fresh)
        set_aside_long_lived()
