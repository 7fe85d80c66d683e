"""Feeds in the reader: fetching them in a worker (key F, or the palette), translating the
new articles into the cache while the user reads, when `prefetch_next` is on; and adding one
article page by its URL (key +, or the palette), as `tolk add` does."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.markup import escape

from tolk import paths
from tolk.config import FeedSource
from tolk.library.articles import ArticleError, read_article, read_summary
from tolk.text import count
from tui.reader.feeds.messages import (
    FeedArticleSaved,
    FeedsProgress,
    FetchFinished,
    PageAdded,
    PageNotAdded,
)
from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.messages import Notice

# Fetching (an HTTP client, XML and feed parsing) is imported by the job that fetches: the
# reader's first frame does not wait for it.
if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from tolk.feeds.fetching import FetchedArticle, FetchProgress, FetchReport
    from translation.engine import ArticleTranslator


class FeedFeature:
    """The configured feeds and the jobs that fetch them."""

    def __init__(self, feeds: tuple[FeedSource, ...]) -> None:
        self.feeds = feeds
        self.fetching = False

    def fetch(self) -> Job:
        """Job: fetch every feed; each saved article is posted as a list row at once."""
        feeds = self.feeds

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.feeds.fetching import fetch_feeds
            from tolk.feeds.state import FeedStateError, open_feed_state
            from tolk.feeds.web_client import WebClient

            def saved(article: FetchedArticle) -> None:
                post(FeedArticleSaved(read_summary(article.path)))

            def progress(where: FetchProgress) -> None:
                post(FeedsProgress(where))

            try:
                state = open_feed_state()
            except FeedStateError as error:
                post(FetchFinished(None, escape(str(error))))
                return
            try:
                if state.warning:
                    post(Notice("Feeds", escape(state.warning), "warning"))
                report = fetch_feeds(
                    feeds,
                    library=paths.feeds_dir(),
                    state=state,
                    # Quitting cancels this worker, and the process ends only once its thread
                    # has returned (asyncio waits for its executor's threads): the client's
                    # waits on the network look at the cancellation several times a second.
                    client=WebClient(cancelled=cancelled),
                    on_progress=progress,
                    on_article=saved,
                    cancelled=cancelled,
                )
            except Exception as error:  # a bug or a full disk must not leave "fetching" on
                post(FetchFinished(None, escape(f"Fetching failed: {error}")))
                return
            finally:
                state.close()
            post(FetchFinished(report))

        return job

    @staticmethod
    def add_page(url: str) -> Job:
        """Job: fetch the page at `url` and save its article in the library (`tolk add`)."""

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.feeds.adding import AddError, add_page
            from tolk.feeds.web_client import WebClient

            # Quitting cancels the worker: the client's waits look at it (see `fetch`).
            client = WebClient(cancelled=cancelled)
            try:
                added = add_page(url, client=client)
            except AddError as error:
                post(PageNotAdded(url, str(error)))
                return
            finally:
                client.close()
            post(PageAdded(read_summary(added.path), added.added_before, added.warning))

        return job

    @staticmethod
    def progress_line(progress: FetchProgress) -> str:
        """The sidebar's status while fetching."""
        line = f"Fetching {progress.feed} ({progress.feed_number}/{progress.feed_count})"
        return f"{line} {progress.done}/{progress.total}" if progress.total else line

    @staticmethod
    def outcome(report: FetchReport) -> tuple[str, SeverityLevel]:
        """What to tell the user when a fetch is over: the count, the first failures and
        warnings (tolk fetch lists them all), and why it stopped if it did. Escaped: a notice
        is Textual markup, and feed names, URLs and reasons come from the network."""
        text, severity = FeedFeature._outcome(report)
        return escape(text), severity

    @staticmethod
    def _outcome(report: FetchReport) -> tuple[str, SeverityLevel]:
        if report.offline:
            return f"No network: could not reach any feed ({report.failures[0].reason})", "error"
        added = len(report.added)
        text = count(added, "new article")
        problems = [f"failed: {failure.line()}" for failure in report.failures]
        problems += [f"warning: {warning.line()}" for warning in report.warnings]
        if report.stopped is not None:
            return f"{text}; stopped: {report.stopped}", "error"
        if not problems:
            return text, "information"
        counts = []
        if report.failures:
            counts.append(f"{len(report.failures)} failed")
        if report.warnings:
            counts.append(count(len(report.warnings), "warning"))
        lines = [f"{text}; {', '.join(counts)}:", *problems[:5]]
        if len(problems) > 5:
            lines.append(f"… and {len(problems) - 5} more (tolk fetch lists them all)")
        severity: SeverityLevel = "warning" if report.failures else "information"
        return "\n".join(lines), severity

    @staticmethod
    def pretranslate(translator: ArticleTranslator, articles: list[Path]) -> Job:
        """Job: translate newly fetched articles into the cache, so they open translated
        (work ahead of time: it waits while the user's article uses the model)."""

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.translating import paragraph_sources
            from translation.turns import READ_AHEAD

            for path in articles:
                if cancelled():
                    return
                try:
                    article = read_article(path)
                except ArticleError:
                    continue
                sources = paragraph_sources(article.paragraphs)
                # Ahead of time: the article the user opens meanwhile goes first.
                for _ in translator.translate(sources, cancelled=cancelled, priority=READ_AHEAD):
                    pass

        return job
