"""Messages that the reader's workers send back to the main screen.

A message about the open article carries the `OpenArticle` its worker was started for; the
screen drops it unless that is still the article on screen (`MainScreen.shows`).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

# For annotations only: this module is imported before the first frame, and what the messages
# carry (translation, review, search, fetching) is loaded when a feature first works.
if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from tolk.feeds import fetching
    from tolk.keywords.hits import ArticleHits
    from tolk.library.articles import Article, ArticleSummary
    from tolk.memory.database import ExactMatch
    from tolk.qa.checks import Flag
    from tolk.reading.open_article import OpenArticle
    from tolk.search.index import SearchIndex
    from tolk.translating import LoadedTranslator
    from tolk.userdata.review import SentenceKey, SentenceReview
    from tolk.userdata.store import ReadingPosition, UserStore
    from translation.engine import TranslatedParagraph
    from tui.screens.alternatives import Alternative
    from tui.screens.bookmarks import BookmarkEntry
    from tui.widgets.article_rows import ArticleRow


class Notice(Message):
    """Something to tell the user: `title` names what it is about (Model, Bookmarks, Review,
    Export, Search, Keywords), `text` says what happened."""

    def __init__(self, title: str, text: str, severity: SeverityLevel = "error") -> None:
        super().__init__()
        self.title = title
        self.text = text
        self.severity: SeverityLevel = severity


# Library ------------------------------------------------------------------------------------


class LibraryBatch(Message):
    """The scan found more articles (rows made in the scan's thread); `scanned` is how many
    files it has looked at. The list sets `handled` once it has taken the rows: the scan posts
    its next batch only then."""

    def __init__(self, rows: list[ArticleRow], scanned: int, handled: threading.Event) -> None:
        super().__init__()
        self.rows = rows
        self.scanned = scanned
        self.handled = handled


class LibraryRemoved(Message):
    """Files the library index listed are gone (named as they were listed)."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = paths


class ScanFinished(Message):
    """The scan has looked at every file."""


class Preloaded(Message):
    """What opening an article and loading the model import has been imported."""


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


# Translation --------------------------------------------------------------------------------


class TranslatorReady(Message):
    """The translation model is loaded."""

    def __init__(self, loaded: LoadedTranslator) -> None:
        super().__init__()
        self.loaded = loaded


class TranslatorUnavailable(Message):
    """There is no model (or it failed); `reason` tells the user what to do."""

    def __init__(self, reason: str, *, missing: bool) -> None:
        super().__init__()
        self.reason = reason
        self.missing = missing


class ParagraphTranslated(Message):
    """One paragraph of `opened` is translated (with its sentences' QA flags)."""

    def __init__(
        self,
        opened: OpenArticle,
        paragraph: TranslatedParagraph,
        flags: tuple[tuple[Flag, ...], ...],
    ) -> None:
        super().__init__()
        self.opened = opened
        self.paragraph = paragraph
        self.flags = flags


class TranslationProgress(Message):
    """The model's work done / total for `opened`: sentences, an overlong one counted by its
    pieces (`ArticleTranslator.translate`)."""

    def __init__(self, opened: OpenArticle, done: int, total: int) -> None:
        super().__init__()
        self.opened = opened
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TranslationProgress)


class TranslationFinished(Message):
    """Every paragraph of `opened` is translated (paragraph targets, in order)."""

    def __init__(self, opened: OpenArticle, targets: list[str | None]) -> None:
        super().__init__()
        self.opened = opened
        self.targets = targets


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


# Bookmarks and reading state ----------------------------------------------------------------


class StoreOpened(Message):
    """The user database is open (`store` None when it cannot be used)."""

    def __init__(self, store: UserStore | None) -> None:
        super().__init__()
        self.store = store


class LastPosition(Message):
    """Where the user was when tolk last closed."""

    def __init__(self, position: ReadingPosition) -> None:
        super().__init__()
        self.position = position


class ArticleBookmarks(Message):
    """The bookmarked paragraphs of `opened`, after it opened or a bookmark changed."""

    def __init__(self, opened: OpenArticle, marked: frozenset[int]) -> None:
        super().__init__()
        self.opened = opened
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


class NoteToEdit(Message):
    """The bookmark on paragraph `paragraph` of `article` exists; open its note editor."""

    def __init__(
        self, article: Article, paragraph: int, bookmark_id: int, note: str | None
    ) -> None:
        super().__init__()
        self.article = article
        self.paragraph = paragraph
        self.bookmark_id = bookmark_id
        self.note = note


# Keywords and search ------------------------------------------------------------------------


class KeywordRenderings(Message):
    """The model's English for each keyword (by index into `keywords`)."""

    def __init__(self, keywords: tuple[str, ...], renderings: dict[int, str]) -> None:
        super().__init__()
        self.keywords = keywords
        self.renderings = renderings


class HitCounts(Message):
    """Keyword hits of some articles (absolute paths), counted for `keywords`: a chunk of a
    count of the library, which comes as a series of these."""

    def __init__(self, hits: dict[Path, ArticleHits], keywords: tuple[str, ...]) -> None:
        super().__init__()
        self.hits = hits
        self.keywords = keywords


class SearchIndexOpened(Message):
    """The library's search index is open."""

    def __init__(self, index: SearchIndex) -> None:
        super().__init__()
        self.index = index


# Review -------------------------------------------------------------------------------------


class ReviewsLoaded(Message):
    """The stored corrections, marks and notes of `opened`."""

    def __init__(
        self, opened: OpenArticle, reviews: Mapping[SentenceKey, SentenceReview], total: int
    ) -> None:
        super().__init__()
        self.opened = opened
        self.reviews = reviews
        self.total = total  # sentences in the article


class ReviewProgress(Message):
    """Reviewed / total sentences per article (absolute paths), for the sidebar."""

    def __init__(self, progress: dict[Path, tuple[int, int]]) -> None:
        super().__init__()
        self.progress = progress


class LookCounts(Message):
    """How many sentences of some listed articles need a look (absolute paths; 0: none), as
    stored in the cache when each was last counted; the other articles' counts stay as they
    are."""

    def __init__(self, counts: dict[Path, int]) -> None:
        super().__init__()
        self.counts = counts


class AlternativesFound(Message):
    """What can replace the English of sentence `key` of `opened`: memory matches, the
    model's own translation, its n-best."""

    def __init__(
        self, opened: OpenArticle, key: SentenceKey, alternatives: list[Alternative]
    ) -> None:
        super().__init__()
        self.opened = opened
        self.key = key
        self.alternatives = alternatives


# Feeds --------------------------------------------------------------------------------------


class FetchProgress(Message):
    """How far a fetch of the feeds is."""

    def __init__(self, progress: fetching.FetchProgress) -> None:
        super().__init__()
        self.progress = progress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FetchProgress)


class FeedArticleSaved(Message):
    """A fetch saved a new article: its list row."""

    def __init__(self, summary: ArticleSummary) -> None:
        super().__init__()
        self.summary = summary


class FetchFinished(Message):
    """A fetch ended; `error` says why when it could not run at all."""

    def __init__(self, report: fetching.FetchReport | None, error: str | None = None) -> None:
        super().__init__()
        self.report = report
        self.error = error


# Translation memory -------------------------------------------------------------------------


class MemoryLoaded(Message):
    """The translation memory's exact matches for `opened` (English and its import, by
    normalised source)."""

    def __init__(self, opened: OpenArticle, found: Mapping[str, ExactMatch]) -> None:
        super().__init__()
        self.opened = opened
        self.found = found
