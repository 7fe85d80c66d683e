"""The user's other English for the open article's sentences, which the `inconsistent` check
compares each sentence's English with: corrections in other articles (from the user store),
the translation memory's units (every import's, not only the match shown), and this article's
own corrections, taken live from its reviews (made again when they change)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence

from tolk.memory.database import ExactMatch
from tolk.qa.consistency import Rendering, RenderingIndex, corrected_in, in_memory
from tolk.userdata.review import SentenceKey, SentenceReview, StoredCorrection

__all__ = ["OtherEnglish", "corrected_elsewhere"]


class OtherEnglish:
    """What the open article's sentences are compared with; each lookup one dict lookup per
    source."""

    def __init__(self) -> None:
        self._elsewhere = RenderingIndex()
        self._remembered = RenderingIndex()
        self._own: RenderingIndex | None = None

    def set_memory(self, renderings: Mapping[str, Sequence[ExactMatch]]) -> None:
        """Every English the memory has, by its key."""
        self._remembered = RenderingIndex(
            (key, Rendering(match.target, in_memory(match.name)))
            for key, matches in renderings.items()
            for match in matches
        )

    def set_corrected_elsewhere(self, corrections: RenderingIndex) -> None:
        """The user's corrections in other articles (`corrected_elsewhere`)."""
        self._elsewhere = corrections

    def reviews_changed(self) -> None:
        """This article's corrections changed: its own renderings are made again when asked."""
        self._own = None

    def renderings(
        self,
        source: str,
        reviews: Mapping[SentenceKey, SentenceReview],
        sentence_number: Callable[[SentenceKey], int],
    ) -> tuple[Rendering, ...]:
        """Every other English for `source`. (The sentence's own correction is among them
        when it has one; it is its English, so it never counts as other.)"""
        own = self._own_index(reviews, sentence_number)
        return (
            *self._elsewhere.renderings(source),
            *self._remembered.renderings(source),
            *own.renderings(source),
        )

    def index(
        self,
        reviews: Mapping[SentenceKey, SentenceReview],
        sentence_number: Callable[[SentenceKey], int],
    ) -> RenderingIndex:
        """All of it as one index (for an export of the article)."""
        index = RenderingIndex()
        parts = (self._elsewhere, self._remembered, self._own_index(reviews, sentence_number))
        for part in parts:
            for key, renderings in part:
                for rendering in renderings:
                    index.add(key, rendering)
        return index

    def _own_index(
        self,
        reviews: Mapping[SentenceKey, SentenceReview],
        sentence_number: Callable[[SentenceKey], int],
    ) -> RenderingIndex:
        if self._own is None:
            own = RenderingIndex()
            for key, review in reviews.items():
                if review.correction is not None:
                    number = sentence_number(key) or None  # 0: no longer there
                    where = corrected_in("this article", key.paragraph + 1, number)
                    own.add(key.source, Rendering(review.correction, where))
            self._own = own
        return self._own


def corrected_elsewhere(corrections: Iterable[StoredCorrection]) -> RenderingIndex:
    """The user's corrections in other articles as renderings: made in the worker that reads
    them (a user's thousands of corrections take a while to index)."""
    return RenderingIndex(
        (stored.sentence, Rendering(stored.correction, _where(stored))) for stored in corrections
    )


def _where(stored: StoredCorrection) -> str:
    # basename, not Path(...).name: a tenth of the time, for each of thousands of corrections.
    return corrected_in(os.path.basename(stored.path), stored.paragraph + 1)
