"""What the review jobs report: an article's stored reviews, progress, alternatives, and a
change that could not be stored."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tolk.qa.consistency import RenderingIndex
    from tolk.reading.open_article import OpenArticle
    from tolk.reading.sentence_checks import JudgedEnglish
    from tolk.userdata.review import SentenceKey, SentenceReview
    from tui.dialogs.alternatives import Alternative


@dataclass(eq=False)
class ReviewsLoaded(ReaderMessage):
    """The stored corrections, marks and notes of `opened`; `total`: its sentences;
    `elsewhere`: the corrections of every other article, indexed (for the `inconsistent`
    check); `judged`: the QA flags of its corrections."""

    receivers = ("review",)
    opened: OpenArticle
    reviews: Mapping[SentenceKey, SentenceReview]
    total: int
    elsewhere: RenderingIndex | None = None
    # The corrections' QA flags, judged in the worker.
    judged: JudgedEnglish | None = None


@dataclass(eq=False)
class ReviewProgress(ReaderMessage):
    """Reviewed / total sentences per article (absolute paths), for the sidebar."""

    receivers = ("listing",)
    progress: dict[Path, tuple[int, int]]


@dataclass(eq=False)
class ReviewNotStored(ReaderMessage):
    """A change to the reviews of `opened` could not be written (`reason`): what it replaced
    (`before`, by sentence) goes back on screen, so nothing shows as saved that is not."""

    receivers = ("review",)
    opened: OpenArticle
    before: Mapping[SentenceKey, SentenceReview]
    after: Mapping[SentenceKey, SentenceReview]
    reason: str


@dataclass(eq=False)
class AlternativesFound(ReaderMessage):
    """What can replace the English of sentence `key` of `opened`: memory matches, the
    model's own translation, its n-best."""

    receivers = ("review",)
    opened: OpenArticle
    key: SentenceKey
    alternatives: list[Alternative]
