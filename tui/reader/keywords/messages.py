"""What the keyword and search jobs report: the keywords' English, hit counts, the index."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tolk.keywords.hits import ArticleHits
    from tolk.search.index import IndexProgress, SearchIndex


@dataclass(eq=False)
class KeywordRenderings(ReaderMessage):
    """The model's English for each keyword (by index into `keywords`)."""

    receivers = ("keywords",)
    keywords: tuple[str, ...]
    renderings: dict[int, str]


@dataclass(eq=False)
class HitCounts(ReaderMessage):
    """Keyword hits of some articles (absolute paths), counted for `keywords`: a chunk of a
    count of the library, which comes as a series of these."""

    receivers = ("listing",)
    hits: dict[Path, ArticleHits]
    keywords: tuple[str, ...]


@dataclass(eq=False)
class SearchIndexOpened(ReaderMessage):
    """The library's search index is open (None: it cannot be, search is off)."""

    receivers = ("keywords",)
    index: SearchIndex | None


@dataclass(eq=False)
class SearchIndexProgress(ReaderMessage):
    """How far the search index's update is."""

    receivers = ("keywords",)
    progress: IndexProgress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, SearchIndexProgress)


@dataclass(eq=False)
class SearchIndexUpdated(ReaderMessage):
    """The search index matches the library (`problem`: why it could not be brought up to
    date; searches then find what it had)."""

    receivers = ("keywords",)
    problem: str | None
