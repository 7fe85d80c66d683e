"""The reader's keywords (highlights, hit counts, the keyword screen) and full-text search."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from pathlib import Path

from textual import on, work
from textual.worker import get_current_worker

from tolk.bookmarks import absolute_path
from tolk.config import save_setting
from tolk.hits import HitCounter
from tolk.paths import cache_database
from tolk.search import SearchError, SearchIndex
from translation.engine import ParagraphSource
from tui import messages
from tui.highlighting import KeywordHighlighter
from tui.screens.keywords import KeywordChoice, KeywordScreen, keyword_entries
from tui.screens.main_base import ReaderScreen
from tui.screens.search import SearchJump, SearchScreen


class KeywordFeatures(ReaderScreen):
    """The reader's keywords (highlights, hit counts, the keyword screen) and full-text search."""

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
        try:
            found = {p.index: p.target for p in translator.translate(sources)}
        except Exception:  # counterparts are a help; config renderings still work without
            return
        self.post_message(messages.KeywordRenderings(highlighter.keywords, found))

    @on(messages.KeywordRenderings)
    def _keyword_renderings(self, message: messages.KeywordRenderings) -> None:
        if self.highlighter is None or self.highlighter.keywords != message.keywords:
            return  # the keywords changed since: a newer translation is on its way
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
        try:
            counter = HitCounter(cache_database(), highlighter.keywords)
        except (OSError, sqlite3.Error):
            # Without a cache dir hits are not counted; highlighting in the reader still works.
            self.post_message(messages.HitCounts({}, highlighter.keywords))
            return
        try:
            hits = {
                absolute_path(path): found
                for path, found in counter.counts(paths, cancelled=lambda: worker.is_cancelled)
            }
        except (OSError, sqlite3.Error):
            hits = {}  # a locked or full cache: no counts this time, the reader goes on
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
        try:
            index = SearchIndex(cache_database())
        except (OSError, sqlite3.Error) as error:
            message = f"Search is off: the cache directory cannot be used ({error})."
            self.app.call_from_thread(self.notify, message, severity="warning", timeout=15)
            return
        self._library_index = index
        if index.warning:
            self.app.call_from_thread(self.notify, index.warning, severity="warning", timeout=15)

    def action_search(self) -> None:
        def jump(target: SearchJump | None) -> None:
            if target is not None:
                self._load(target.path, target.paragraph)
                self.reader.focus()

        if self._library_index is None:
            self.notify(
                "Search is not available (yet): the index is opening, or the cache "
                "directory cannot be used."
            )
            return
        self.app.push_screen(SearchScreen(self._library_index, self._roots), jump)

    def _index_translation(self, path: Path, targets: list[str | None]) -> None:
        """Make a finished translation searchable (runs in the translation worker)."""
        if self._library_index is None:
            return
        # On failure the English is indexed again the next time the article is translated.
        with contextlib.suppress(SearchError):
            self._library_index.index_translation(path, targets)
