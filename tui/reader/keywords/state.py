"""Keywords in the reader (highlights, hit counts across the library) and full-text search."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tolk.config import Config, save_setting
from tolk.keywords.matching import KeywordHit
from tolk.library.articles import Article
from tolk.paths import cache_database
from tolk.words import word_spans
from tui.reader.jobs import POST_EVERY_SECONDS, Cancelled, Job, Post, every
from tui.reader.keywords.highlighting import KeywordHighlighter
from tui.reader.keywords.messages import (
    HitCounts,
    KeywordRenderings,
    SearchIndexOpened,
    SearchIndexProgress,
    SearchIndexUpdated,
)
from tui.reader.messages import Notice
from tui.views.article_rows import ArticleRow
from tui.views.paragraph_view import Highlight

# Counting, searching and translating load with the jobs that do them (in their workers): the
# reader's first frame does not wait for them.
if TYPE_CHECKING:
    from tolk.keywords.hits import ArticleHits
    from tolk.reading.shown_english import ShownParagraph
    from tolk.search.index import SearchIndex
    from translation.engine import ArticleTranslator
    from tui.dialogs.keywords import KeywordChoice


class KeywordFeature:
    """The user's keywords, their hits across the library, and the search index."""

    def __init__(self, config: Config, *, no_color: bool) -> None:
        self._no_color = no_color
        self.config = config
        self.highlighter = self._highlighter(config)
        # Each article's hits (absolute paths), for the keywords in `counted`: filled in chunk
        # by chunk as the library is counted.
        self.article_hits: dict[Path, ArticleHits] = {}
        self.counted: tuple[str, ...] = ()
        self.search_index: SearchIndex | None = None

    def close(self) -> None:
        """The reader is closing: close the search index, if it was opened."""
        if self.search_index is not None:
            self.search_index.close()

    def _highlighter(self, config: Config) -> KeywordHighlighter:
        return KeywordHighlighter(
            config.keywords,
            config.keyword_colours,
            config.keyword_translations,
            no_color=self._no_color,
        )

    def set_keywords(self, config: Config) -> None:
        """New keywords (or colours): highlight with them from now on."""
        self.config = config
        self.highlighter = self._highlighter(config)

    @property
    def keywords(self) -> tuple[str, ...]:
        return self.highlighter.keywords

    # Highlights ------------------------------------------------------------------------------

    def source_hits(self, article: Article) -> dict[int, list[KeywordHit]]:
        """The keyword hits of each paragraph that has any."""
        found = {}
        for index, paragraph in enumerate(article.paragraphs):
            hits = self.highlighter.source_hits(paragraph.text)
            if hits:
                found[index] = hits
        return found

    def highlights(
        self, source: str, source_hits: Sequence[KeywordHit], shown: ShownParagraph | None
    ) -> tuple[tuple[Highlight, ...], tuple[Highlight, ...]]:
        """Styled spans for a paragraph's keyword hits in the Norwegian (`source`) and, where
        the translation has arrived, their counterparts in the English: the keyword's English
        renderings in the paired sentence, and the words the model aligned with the hit."""
        target_hits: list[KeywordHit] = []
        if shown is not None and source_hits:
            target_hits = self.highlighter.target_hits(source_hits, shown.target, shown.alignment)
            target_hits += aligned_hits(source, source_hits, shown)
        return (
            tuple(self.highlighter.styled(source_hits)),
            tuple(self.highlighter.styled(_distinct(target_hits))),
        )

    def add_renderings(self, message: KeywordRenderings) -> bool:
        """Take the model's renderings of the keywords; False when they are for old keywords."""
        if self.highlighter.keywords != message.keywords:
            return False  # the keywords changed since: a newer translation is on its way
        self.highlighter.add_renderings(message.renderings)
        return True

    def start_counting(self) -> bool:
        """A count of the library is about to start: True when it is for other keywords than
        the counts kept so far, which are then dropped."""
        if self.counted == self.keywords:
            return False
        self.article_hits = {}
        self.counted = self.keywords
        return True

    def add_hit_counts(self, message: HitCounts) -> dict[Path, int] | None:
        """Take a chunk of counts; the total hits of each of its articles (0 for none), or
        None when they were counted for keywords that have changed since."""
        if message.keywords != self.counted:
            return None
        self.article_hits.update(message.hits)
        return {path: found.total for path, found in message.hits.items()}

    # Jobs ------------------------------------------------------------------------------------

    def translate_keywords(self, translator: ArticleTranslator) -> Job | None:
        """Job: the model's English for each keyword (cached like any sentence), for the
        English counterparts."""
        keywords = self.highlighter.keywords
        if not keywords:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            from translation.engine import ParagraphSource

            sources = [ParagraphSource(k, is_heading=True) for k in keywords]
            try:
                found = {p.index: p.target for p in translator.translate(sources)}
            except Exception:  # counterparts are a help; config renderings work without
                return
            post(KeywordRenderings(keywords, found))

        return job

    def count_hits(self, rows: Sequence[ArticleRow]) -> Job:
        """Job: count keyword hits in each readable article of `rows` (a snapshot of the list;
        cached by file), posted in chunks as they are counted."""
        keywords = self.highlighter.keywords

        def job(post: Post, cancelled: Cancelled) -> None:
            if not keywords:
                return
            from tolk.keywords.hits import HitCounter

            try:
                counter = HitCounter(cache_database(), keywords)
            except (OSError, sqlite3.Error):
                return  # without a cache dir hits are not counted; highlighting still works
            found: dict[Path, ArticleHits] = {}
            due = every(POST_EVERY_SECONDS)
            paths = (row.absolute for row in rows if row.error is None)
            try:
                for path, hits in counter.counts(paths, cancelled=cancelled):
                    found[path] = hits
                    if due():
                        post(HitCounts(found, keywords))
                        found = {}
            except (OSError, sqlite3.Error):
                pass  # a locked or full cache: the counts so far stand, the reader goes on
            finally:
                counter.close()
            if found:
                post(HitCounts(found, keywords))

        return job

    @staticmethod
    def save(choice: KeywordChoice) -> Job:
        """Job: write the keywords and their colours to config.toml."""

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                save_setting("keywords", list(choice.keywords))
                save_setting("keyword_colours", dict(choice.colours))
            except (OSError, ValueError) as error:
                post(Notice("Keywords", f"Could not save keywords: {error}"))

        return job

    @staticmethod
    def open_search_index(post: Post, cancelled: Cancelled) -> None:
        """Job: open the library's search index (in the cache database)."""
        from tolk.search.index import SearchIndex

        try:
            index = SearchIndex(cache_database())
        except (OSError, sqlite3.Error) as error:
            reason = f"Search is off: the cache directory cannot be used ({error})."
            post(Notice("Search", reason, "warning"))
            post(SearchIndexOpened(None))  # what waits for the first update waits no more
            return
        if post(SearchIndexOpened(index)) is False:
            index.close()  # the reader closed meanwhile: nobody will close it
            return
        if index.warning:
            post(Notice("Search", index.warning, "warning"))

    def update_search_index(self, roots: list[Path]) -> Job | None:
        """Job: bring the search index up to date with the library (files added, changed or
        gone since), reporting progress; searches meanwhile find what it holds so far."""
        index = self.search_index
        if index is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.search.index import IndexProgress, SearchError

            def progress(reached: IndexProgress) -> None:
                post(SearchIndexProgress(reached))

            try:
                index.update(roots, cancelled=cancelled, progress=progress)
            except SearchError as error:
                post(SearchIndexUpdated(str(error)))
                return
            if not cancelled():
                post(SearchIndexUpdated(None))

        return job

    def index_translation(self, path: Path, targets: list[str | None]) -> Job | None:
        """Job: make a finished translation searchable."""
        index = self.search_index
        if index is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.search.index import SearchError

            # On failure the English is indexed again the next time it is translated.
            with contextlib.suppress(SearchError):
                index.index_translation(path, targets)

        return job


def aligned_hits(
    source: str, source_hits: Sequence[KeywordHit], shown: ShownParagraph
) -> list[KeywordHit]:
    """The English words the model aligned with each keyword hit's Norwegian words."""
    found = []
    for sentence in shown.sentences:
        links = sentence.links
        if not links:
            continue
        span = sentence.span
        source_words = word_spans(source[span.source_start : span.source_end], span.source_start)
        target_words = word_spans(sentence.target or "", span.target_start)
        for hit in source_hits:
            hit_words = {
                i
                for i, (start, end) in enumerate(source_words)
                if start < hit.end and hit.start < end
            }
            for source_word, target_word in links:
                if source_word in hit_words and target_word < len(target_words):
                    start, end = _letters(shown.target, *target_words[target_word])
                    if start < end:
                        found.append(KeywordHit(start, end, hit.keyword))
    return found


def _letters(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the punctuation a word carries (`alliance,` → `alliance`)."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _distinct(hits: list[KeywordHit]) -> list[KeywordHit]:
    """Hits without repeats and without one covering another's span, in text order."""
    kept: list[KeywordHit] = []
    for hit in sorted(set(hits), key=lambda h: (h.start, -h.end)):
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept
