"""What the reader does about feeds: start a fetch (key F, palette), show its progress in the
sidebar, add each saved article to the list, and say how it went.

A sibling of `reader_commands.py`: the screen routes the fetch's messages here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tolk import paths
from tolk.library.articles import ArticleSummary
from tui.reader.feeds import FeedFeature

if TYPE_CHECKING:
    from tolk.feeds.fetching import FetchProgress, FetchReport
    from tui.screens.main import MainScreen


class FeedCommands:
    """The feed actions of the main screen; `feeds` is the screen's FeedFeature."""

    def __init__(self, screen: MainScreen, feeds: FeedFeature) -> None:
        self._screen = screen
        self.feeds = feeds

    def fetch(self) -> None:
        """Fetch every feed in config.toml, in a worker."""
        screen = self._screen
        if self.feeds.fetching:
            screen.notify("The feeds are already being fetched.", title="Feeds")
            return
        if not self.feeds.feeds:
            screen.notify(
                f'No feeds to fetch: add feeds = ["https://…"] to {paths.config_file()}',
                title="Feeds",
                severity="warning",
                timeout=15,
            )
            return
        self.feeds.fetching = True
        screen.sidebar.set_activity("Fetching feeds…")
        screen.start(self.feeds.fetch(), "Feeds", group="feeds", exclusive=True)

    def progress(self, progress: FetchProgress) -> None:
        self._screen.sidebar.set_activity(FeedFeature.progress_line(progress))

    def saved(self, summary: ArticleSummary) -> None:
        """A new article: into the list at once (unless the scan found it already)."""
        article_list = self._screen.sidebar.article_list
        if not article_list.lists(summary.path):
            article_list.add_summaries([summary])
        self._screen.sidebar.refresh_status()

    def finished(self, report: FetchReport | None, error: str | None) -> None:
        """Say how it went; translate the new articles ahead if the config asks for it."""
        screen = self._screen
        self.feeds.fetching = False
        screen.sidebar.set_activity(None)
        if report is None:
            screen.notify(error or "Fetching failed", title="Feeds", severity="error", timeout=15)
            return
        text, severity = FeedFeature.outcome(report)
        screen.notify(text, title="Feeds", severity=severity, timeout=15)
        if not report.added:
            return
        screen.library.count_hits()
        translator = screen.translation.translator
        if translator is not None and screen.translation.settings.prefetch_next:
            job = FeedFeature.pretranslate(translator, [a.path for a in report.added])
            screen.start(job, "Model", group="feed-translation")
