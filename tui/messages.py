"""Messages that workers send back to the main screen."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from textual.message import Message

from tolk.articles import Article, ArticleSummary
from tolk.hits import ArticleHits
from tolk.review import SentenceKey, SentenceReview
from tolk.store import UserStore
from tolk.translating import LoadedTranslator
from translation.engine import TranslatedParagraph
from tui.screens.bookmarks import BookmarkEntry


class LibraryBatch(Message):
    """The scan found more articles."""

    def __init__(self, summaries: list[ArticleSummary], scanned: int) -> None:
        super().__init__()
        self.summaries = summaries
        self.scanned = scanned


class ScanFinished(Message):
    """The scan has looked at every file."""


class ArticleLoaded(Message):
    """An article the user opened has been read and parsed; open it at `paragraph`."""

    def __init__(self, article: Article, paragraph: int = 0) -> None:
        super().__init__()
        self.article = article
        self.paragraph = paragraph


class ArticleUnreadable(Message):
    """An article the user opened could not be read."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__()
        self.path = path
        self.reason = reason


class TranslatorReady(Message):
    """The translation model is loaded."""

    def __init__(self, loaded: LoadedTranslator) -> None:
        super().__init__()
        self.loaded = loaded


class TranslatorUnavailable(Message):
    """There is no model (or it failed to load); `reason` tells the user what to do."""

    def __init__(self, reason: str, *, missing: bool) -> None:
        super().__init__()
        self.reason = reason
        self.missing = missing


class ParagraphTranslated(Message):
    """One paragraph of the article at `path` is translated."""

    def __init__(self, path: Path, paragraph: TranslatedParagraph) -> None:
        super().__init__()
        self.path = path
        self.paragraph = paragraph


class TranslationProgress(Message):
    """Sentences done / total for the article at `path`."""

    def __init__(self, path: Path, done: int, total: int) -> None:
        super().__init__()
        self.path = path
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TranslationProgress)


class InstallProgress(Message):
    """Bytes downloaded so far while installing a model."""

    def __init__(self, done: int, total: int | None, bytes_per_second: float) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.bytes_per_second = bytes_per_second

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, InstallProgress)


class InstallFinished(Message):
    """Installing a model ended; `error` is None on success."""

    def __init__(self, error: str | None) -> None:
        super().__init__()
        self.error = error


class StoreOpened(Message):
    """The user database is open (`store` None when bookmarks are off; `problem` says why)."""

    def __init__(self, store: UserStore | None, problem: str | None) -> None:
        super().__init__()
        self.store = store
        self.problem = problem


class ArticleBookmarks(Message):
    """The bookmarks of the open article at `path` (paragraph indices), after a change."""

    def __init__(self, path: Path, marked: set[int]) -> None:
        super().__init__()
        self.path = path
        self.marked = marked


class LibraryMarks(Message):
    """Which files have bookmarks and which have been read (absolute paths)."""

    def __init__(self, bookmarked: frozenset[Path], read: frozenset[Path]) -> None:
        super().__init__()
        self.bookmarked = bookmarked
        self.read = read


class BookmarkList(Message):
    """Every bookmark, checked against its file, for the bookmarks screen."""

    def __init__(self, entries: list[BookmarkEntry]) -> None:
        super().__init__()
        self.entries = entries


class StoreFailed(Message):
    """A write to the user database failed; `reason` is for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class KeywordRenderings(Message):
    """The model's English for each keyword (by index into `keywords`)."""

    def __init__(self, keywords: tuple[str, ...], renderings: dict[int, str]) -> None:
        super().__init__()
        self.keywords = keywords
        self.renderings = renderings


class HitCounts(Message):
    """Keyword hits per article across the library (absolute paths)."""

    def __init__(self, hits: dict[Path, ArticleHits], keywords: tuple[str, ...]) -> None:
        super().__init__()
        self.hits = hits
        self.keywords = keywords


class ReviewsLoaded(Message):
    """The reviewer's corrections, marks and notes for the article at `path`."""

    def __init__(
        self, path: Path, reviews: Mapping[SentenceKey, SentenceReview], total: int
    ) -> None:
        super().__init__()
        self.path = path
        self.reviews = reviews
        self.total = total  # sentences in the article


class ReviewProgress(Message):
    """Reviewed / total sentences per article (absolute paths), for the sidebar."""

    def __init__(self, progress: dict[Path, tuple[int, int]]) -> None:
        super().__init__()
        self.progress = progress


class AlternativesFound(Message):
    """The model's n-best translations of a sentence of `article`."""

    def __init__(self, article: Article, key: SentenceKey, alternatives: list[str]) -> None:
        super().__init__()
        self.article = article
        self.key = key
        self.alternatives = alternatives
