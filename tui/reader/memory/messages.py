"""What the translation memory's job reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tolk.memory.database import ExactMatch
    from tolk.reading.open_article import OpenArticle
    from tolk.reading.sentence_checks import JudgedEnglish


@dataclass(eq=False)
class MemoryLoaded(ReaderMessage):
    """The translation memory's exact matches for `opened` (English and its import, by
    normalised source)."""

    receivers = ("memory",)
    opened: OpenArticle
    found: Mapping[str, ExactMatch]
    # Every English the memory has for the article's sentences, for `inconsistent`.
    renderings: Mapping[str, Sequence[ExactMatch]] = field(default_factory=dict)
    # The matches' QA flags, judged in the worker.
    judged: JudgedEnglish | None = None
