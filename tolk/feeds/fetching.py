"""`tolk fetch` without the printing: read each configured feed and save its new items as
whole articles in the library.

Failures are per feed and per item and never stop the others: whatever goes wrong fetching,
decoding or parsing a feed or a page is that feed's or item's failure. Only a failure of
tolk's own storage (the feed database, the article folder) stops the run, since every later
save would fail too: `FetchReport.stopped` says why. A feed's validators (ETag, Last-Modified)
are kept only once every item it listed is saved or given up on, so an item that failed for a
passing reason is tried again next time instead of hidden behind a 304. Nothing already saved
is touched.
"""

from __future__ import annotations

import errno
import sqlite3
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tolk import paths
from tolk.config import FeedSource
from tolk.feeds.links import url_problem
from tolk.feeds.pages import ExtractionError, extract_page
from tolk.feeds.parsing import FeedError, FeedItem, ParsedFeed, parse_feed
from tolk.feeds.saving import article_text, feed_folder, find_saved, save_article
from tolk.feeds.state import FeedState, FeedStateError
from tolk.feeds.web_client import FetchError, WebClient
from tolk.library.dates import ArticleDate
from tolk.library.source import ArticleSource

__all__ = [
    "FEED_MAX_BYTES",
    "PAGE_ACCEPT",
    "PAGE_MAX_BYTES",
    "FetchFailure",
    "FetchProgress",
    "FetchReport",
    "FetchWarning",
    "FetchedArticle",
    "fetch_feeds",
]

FEED_MAX_BYTES = 5_000_000
PAGE_MAX_BYTES = 5_000_000
_FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"


@dataclass(frozen=True)
class FetchedArticle:
    """An article saved by this fetch."""

    feed: str
    title: str
    date: ArticleDate | None
    url: str
    path: Path


@dataclass(frozen=True)
class FetchFailure:
    """A feed (`item_url` None) or one of its items that could not be fetched, and why."""

    feed: str
    feed_url: str
    reason: str
    item_url: str | None = None
    offline: bool = False

    def line(self) -> str:
        """One line for the user."""
        return _line(self.feed, self.feed_url, self.item_url, self.reason)


@dataclass(frozen=True)
class FetchWarning:
    """Something the user should know about a feed (`item_url` None) or an item that was read:
    its encoding was guessed, an item had no link."""

    feed: str
    feed_url: str
    message: str
    item_url: str | None = None

    def line(self) -> str:
        """One line for the user."""
        return _line(self.feed, self.feed_url, self.item_url, self.message)


def _line(feed: str, feed_url: str, item_url: str | None, text: str) -> str:
    if item_url is not None:
        return f"{feed}: {item_url}: {text}"
    if feed == feed_url:  # a feed named by its URL: say the URL once
        return f"{feed_url}: {text}"
    return f"{feed} ({feed_url}): {text}"


@dataclass(frozen=True)
class FetchProgress:
    """Where the fetch is: feed `feed_number` of `feed_count`, item `done` of `total` new ones."""

    feed: str
    feed_number: int
    feed_count: int
    done: int = 0
    total: int = 0


@dataclass
class FetchReport:
    """What a fetch added, what failed, what the user should know; `stopped` is why the run
    ended early (tolk's own storage failed), None when it did not."""

    feed_count: int
    added: list[FetchedArticle] = field(default_factory=list)
    failures: list[FetchFailure] = field(default_factory=list)
    warnings: list[FetchWarning] = field(default_factory=list)
    cancelled: bool = False
    stopped: str | None = None

    @property
    def offline(self) -> bool:
        """Every feed failed because this machine has no network."""
        feeds = [f for f in self.failures if f.item_url is None]
        return bool(feeds) and len(feeds) == self.feed_count and all(f.offline for f in feeds)


def fetch_feeds(
    feeds: Sequence[FeedSource],
    *,
    library: Path,
    state: FeedState,
    client: WebClient | None = None,
    on_progress: Callable[[FetchProgress], object] | None = None,
    on_article: Callable[[FetchedArticle], object] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> FetchReport:
    """Fetch every feed in turn and save its new items under `library`."""
    client = client or WebClient()
    report = FetchReport(len(feeds))
    for number, feed in enumerate(feeds, start=1):
        if cancelled():
            report.cancelled = True
            break
        run = _FeedRun(feed, number, report, library, state, client, on_progress, on_article)
        try:
            run.fetch(cancelled)
        except (_StorageFailure, FeedStateError) as failure:
            report.stopped = str(failure)
            break
        except sqlite3.Error as error:
            report.stopped = _database_failure(error)
            break
        except Exception as error:  # a bug must cost one feed, not the run (see _unexpected)
            run.fail(_unexpected(error))
    return report


class _StorageFailure(Exception):
    """An article could not be saved: the message says where, why and what to do."""


def _unexpected(error: Exception) -> str:
    # feedparser, trafilatura and lxml read hostile bytes; whatever one of them (or tolk)
    # raises on a feed or page is reported as that feed's or page's failure, named.
    lines = str(error).splitlines()
    return f"could not be read ({type(error).__name__}{': ' + lines[0] if lines else ''})"


def _database_failure(error: sqlite3.Error) -> str:
    name = getattr(error, "sqlite_errorname", "")
    if name == "SQLITE_FULL":
        remedy = "free some disk space"
    elif name == "SQLITE_BUSY":
        remedy = "wait for the other tolk that is fetching to finish"
    elif name in ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM"):
        remedy = "make the file and its folder writable"
    else:
        remedy = "fix that"
    return (
        f"cannot write the feed database {paths.feed_state_database()} ({error}); nothing more "
        f"was fetched: {remedy} and run tolk fetch again"
    )


def _save_failure(folder: Path, error: OSError) -> _StorageFailure:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        remedy = "free some disk space"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        remedy = "make the folder writable"
    else:
        remedy = "fix that"
    return _StorageFailure(
        f"cannot save articles in {folder} ({error.strerror or error}); nothing more was "
        f"fetched: {remedy} and run tolk fetch again"
    )


@dataclass
class _FeedRun:
    feed: FeedSource
    number: int
    report: FetchReport
    library: Path
    state: FeedState
    client: WebClient
    on_progress: Callable[[FetchProgress], object] | None
    on_article: Callable[[FetchedArticle], object] | None

    @property
    def name(self) -> str:
        if self.feed.name:
            return self.feed.name
        try:
            return urllib.parse.urlsplit(self.feed.url).hostname or self.feed.url
        except ValueError:
            return self.feed.url

    def fail(self, reason: str, item_url: str | None = None, *, offline: bool = False) -> None:
        failure = FetchFailure(self.name, self.feed.url, reason, item_url, offline)
        self.report.failures.append(failure)

    def warn(self, message: str, item_url: str | None = None) -> None:
        self.report.warnings.append(FetchWarning(self.name, self.feed.url, message, item_url))

    def progress(self, done: int = 0, total: int = 0) -> None:
        if self.on_progress is not None:
            count = self.report.feed_count
            self.on_progress(FetchProgress(self.name, self.number, count, done, total))

    def fetch(self, cancelled: Callable[[], bool]) -> None:
        self.progress()
        problem = url_problem(self.feed.url)
        if problem is not None:
            self.fail(problem)
            return
        etag, last_modified = self.state.validators(self.feed.url)
        try:
            response = self.client.get(
                self.feed.url,
                max_bytes=FEED_MAX_BYTES,
                etag=etag,
                last_modified=last_modified,
                accept=_FEED_ACCEPT,
            )
        except FetchError as error:
            self.fail(str(error), offline=error.offline)
            return
        if response.not_modified:
            return
        parsed = self._parse(response.body, response.url, response.content_type, response.charset)
        if parsed is None:
            return
        if self.feed.name is None and parsed.title:
            self.feed = FeedSource(self.feed.url, parsed.title)
        if parsed.encoding_guess is not None:
            self.warn(parsed.encoding_guess)
        for skipped in parsed.skipped:
            self.warn(f"{skipped}; skipped")
        folder = feed_folder(self.library, self.feed.url)
        new = [item for item in parsed.items if not self._known(folder, item)]
        complete = True
        for done, item in enumerate(new):
            if cancelled():
                self.report.cancelled = True
                return
            self.progress(done, len(new))
            try:
                complete = self._fetch_item(folder, item) and complete
            except (_StorageFailure, FeedStateError, sqlite3.Error):
                raise
            except Exception as error:  # one page must not end the feed (see _unexpected)
                self.fail(_unexpected(error), item.url)
                complete = False
        self.progress(len(new), len(new))
        if complete:
            self.state.checked(self.feed.url, parsed.title, response.etag, response.last_modified)

    def _parse(
        self, body: bytes, url: str, content_type: str | None, charset: str | None
    ) -> ParsedFeed | None:
        try:
            return parse_feed(body, url, content_type, charset)
        except FeedError as error:
            self.fail(str(error))
        except Exception as error:  # see _unexpected
            self.fail(_unexpected(error))
        return None

    def _known(self, folder: Path, item: FeedItem) -> bool:
        if self.state.knows(self.feed.url, item.key, item.url):
            return True
        saved = find_saved(folder, item.key)
        if saved is not None:  # on disk, though the database forgot it (moved aside?)
            self.state.saved(self.feed.url, item.key, item.url, saved)
        return saved is not None

    def _fetch_item(self, folder: Path, item: FeedItem) -> bool:
        """Fetch and save one item; False when it failed for a reason that may pass."""
        problem = url_problem(item.url)
        if problem is not None:
            return self._give_up(item, f"{problem}; not followed")
        try:
            page = self.client.get(item.url, max_bytes=PAGE_MAX_BYTES, accept=PAGE_ACCEPT)
            extracted = extract_page(page.body, page.url, page.charset)
        except FetchError as error:
            if error.permanent:
                return self._give_up(item, str(error))
            self.fail(str(error), item.url)
            return False
        except ExtractionError as error:
            if error.encoding_guess is not None:
                self.warn(error.encoding_guess, item.url)
            return self._give_up(item, str(error))
        if extracted.encoding_guess is not None:
            self.warn(extracted.encoding_guess, item.url)
        title = item.title if item.title != item.url else extracted.title or item.title
        date = item.date or extracted.date
        source = ArticleSource(item.url, self.name)
        text = article_text(title, date, extracted.paragraphs, source)
        try:
            path = save_article(folder, item.key, title, date, text)
        except OSError as error:
            raise _save_failure(folder, error) from None
        # Reported before it is remembered: it is on disk even if the database then fails.
        article = FetchedArticle(self.name, title, date, item.url, path)
        self.report.added.append(article)
        if self.on_article is not None:
            self.on_article(article)
        self.state.saved(self.feed.url, item.key, item.url, path)
        return True

    def _give_up(self, item: FeedItem, reason: str) -> bool:
        """Report the failure once and remember the item, so it is not asked for again."""
        self.fail(reason, item.url)
        self.state.gave_up(self.feed.url, item.key, item.url, reason)
        return True
