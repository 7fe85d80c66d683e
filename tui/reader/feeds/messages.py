"""What a fetch of the feeds reports: progress, each saved article, the end; and what adding
one page by its URL reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tolk.feeds import fetching
    from tolk.library.articles import ArticleSummary


@dataclass(eq=False)
class FeedsProgress(ReaderMessage):
    """How far a fetch of the feeds is."""

    receivers = ("feeds",)
    progress: fetching.FetchProgress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FeedsProgress)


@dataclass(eq=False)
class FeedArticleSaved(ReaderMessage):
    """A fetch saved a new article: its list row."""

    receivers = ("feeds",)
    summary: ArticleSummary


@dataclass(eq=False)
class FetchFinished(ReaderMessage):
    """A fetch ended; `error` says why when it could not run at all. New articles are then
    indexed for search."""

    receivers = ("feeds", "keywords")
    report: fetching.FetchReport | None
    error: str | None = None


@dataclass(eq=False)
class PageAdded(ReaderMessage):
    """A page added by its URL is in the library (`added_before`: it was already); its list
    row, and what to know about it (a guessed encoding)."""

    receivers = ("feeds",)
    summary: ArticleSummary
    added_before: bool = False
    warning: str | None = None


@dataclass(eq=False)
class PageNotAdded(ReaderMessage):
    """A page could not be added; `reason` says why, in words."""

    receivers = ("feeds",)
    url: str
    reason: str
