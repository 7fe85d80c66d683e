"""What the reader does about feeds: start a fetch (key F, palette), show its progress under
the list, add each saved article to the list, and say how it went; add one article by its URL
(key +, palette): ask for the URL, fetch the page in a worker, list the article and open it."""

from __future__ import annotations

from textual.markup import escape

from tolk import paths
from tui.reader.feeds.messages import (
    FeedArticleSaved,
    FeedsProgress,
    FetchFinished,
    PageAdded,
    PageNotAdded,
)
from tui.reader.feeds.state import FeedFeature
from tui.reader.host import ReaderHost
from tui.reader.messages import ReaderMessage

TITLE = "Feeds"


class FeedCommands:
    """The feed commands, over the host and the feed feature."""

    def __init__(self, host: ReaderHost, feeds: FeedFeature, *, pretranslate: bool) -> None:
        self._host = host
        self.feeds = feeds
        self._pretranslate = pretranslate  # the settings' prefetch_next

    def receive(self, message: ReaderMessage) -> None:
        match message:
            case FeedsProgress():
                self._host.library.set_activity(FeedFeature.progress_line(message.progress))
            case FeedArticleSaved():
                self._host.library.add_article(message.summary)
            case FetchFinished():
                self._finished(message)
            case PageAdded():
                self._added(message)
            case PageNotAdded():
                self._host.notify(
                    escape(f"Could not add {message.url}: {message.reason}"),
                    title=TITLE,
                    severity="error",
                    timeout=15,
                )

    def fetch(self) -> None:
        """Fetch every feed in config.toml, in a worker."""
        host = self._host
        if self.feeds.fetching:
            host.notify("The feeds are already being fetched.", title=TITLE)
            return
        if not self.feeds.feeds:
            host.notify(
                f'No feeds to fetch: add feeds = ["https://…"] to {paths.config_file()}',
                title=TITLE,
                severity="warning",
                timeout=15,
            )
            return
        self.feeds.fetching = True
        host.library.set_activity("Fetching feeds…")
        host.start(self.feeds.fetch(), TITLE, group="feeds", exclusive=True)

    def add_url(self) -> None:
        """Ask for the URL of an article page; add it in a worker, then list and open it."""
        from tui.dialogs.add_url import AddUrlScreen

        self._host.ask(AddUrlScreen(), self._add)

    def _add(self, url: str | None) -> None:
        if not url:
            return
        self._host.notify(escape(f"Adding {url}…"), title=TITLE)
        self._host.start(FeedFeature.add_page(url), TITLE, group="add-page")

    def _added(self, message: PageAdded) -> None:
        """List the article (once), open it, and say so."""
        host, summary = self._host, message.summary
        host.library.add_article(summary)
        host.open_path(summary.path)
        said = "Already in the library" if message.added_before else "Added"
        text = f"{said}: {summary.title}"
        if message.warning is not None:
            text += f"\n{message.warning}"
        host.notify(escape(text), title=TITLE, timeout=10)
        if not message.added_before:
            host.library.count_hits()

    def _finished(self, message: FetchFinished) -> None:
        """Say how it went; translate the new articles ahead if the config asks for it."""
        host, report = self._host, message.report
        self.feeds.fetching = False
        host.library.set_activity(None)
        if report is None:
            host.notify(
                message.error or "Fetching failed", title=TITLE, severity="error", timeout=15
            )
            return
        text, severity = FeedFeature.outcome(report)
        host.notify(text, title=TITLE, severity=severity, timeout=15)
        if not report.added:
            return
        host.library.count_hits()
        translator = host.translator
        if translator is not None and self._pretranslate:
            job = FeedFeature.pretranslate(translator, [a.path for a in report.added])
            host.start(job, "Model", group="feed-translation")
