"""Keyword highlights for the reader: Norwegian hits, and their English counterparts in the
paired sentence of the translation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from rich.style import Style

from tolk.keywords.matching import KeywordHit, KeywordMatcher, find_counterparts
from tui.keyword_styles import keyword_colours, keyword_style
from tui.views.paragraph_view import Highlight

if TYPE_CHECKING:
    from tolk.translating import AlignedSentence


class KeywordHighlighter:
    """Turns keyword hits into styled spans, one colour (or text style) per keyword."""

    def __init__(
        self,
        keywords: Sequence[str],
        colours: Mapping[str, str],
        renderings: Mapping[str, Sequence[str]],
        *,
        no_color: bool,
    ) -> None:
        self.keywords = tuple(keywords)
        self.colours = keyword_colours(self.keywords, colours)
        self._styles = [
            keyword_style(index, colour, no_color=no_color)
            for index, colour in enumerate(self.colours)
        ]
        # The English words that stand for each keyword (config's, plus the model's own
        # translation once known), by keyword index.
        self.renderings: dict[int, list[str]] = {
            index: list(renderings.get(keyword, ())) for index, keyword in enumerate(self.keywords)
        }

    @cached_property
    def matcher(self) -> KeywordMatcher:
        """The keywords' matcher, made when first used (an article opening): stemming the
        keywords imports Snowball, which the first frame must not wait for."""
        return KeywordMatcher(self.keywords)

    def add_renderings(self, found: Mapping[int, str]) -> None:
        """Add the model's translation of each keyword to its English renderings."""
        for index, english in found.items():
            words = self.renderings.setdefault(index, [])
            if english and english.casefold() not in (w.casefold() for w in words):
                words.append(english)

    def source_hits(self, text: str) -> list[KeywordHit]:
        """The keyword hits in a Norwegian paragraph."""
        return self.matcher.find(text)

    def target_hits(
        self, source_hits: Sequence[KeywordHit], target: str, alignment: Sequence[AlignedSentence]
    ) -> list[KeywordHit]:
        """Counterparts in the English: for each sentence pair whose Norwegian sentence has
        hits, those keywords' renderings within the paired English sentence."""
        found: list[KeywordHit] = []
        for pair in alignment:
            present = {
                hit.keyword
                for hit in source_hits
                if hit.start >= pair.source_start and hit.end <= pair.source_end
            }
            if not present:
                continue
            sentence = target[pair.target_start : pair.target_end]
            for hit in find_counterparts(sentence, self.renderings, present):
                found.append(
                    KeywordHit(
                        hit.start + pair.target_start, hit.end + pair.target_start, hit.keyword
                    )
                )
        return found

    def styled(self, hits: Sequence[KeywordHit]) -> list[Highlight]:
        """The hits as the reader's highlights."""
        return [Highlight(hit.start, hit.end, self.style(hit.keyword)) for hit in hits]

    def style(self, keyword: int) -> Style:
        """Keyword number `keyword`'s style."""
        return self._styles[keyword]
