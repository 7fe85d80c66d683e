"""`tolk fetch [--json]`: read the feeds in config.toml and save their new items as articles.

One line per saved article on stdout (or, with `--json`, what was added, what failed and the
warnings); one line per warning and failure on stderr, and a summary. Exit status 0 when
everything worked (warnings, such as a guessed encoding, included), 1 when any feed or item
failed (or there is no network: one line says so), 2 when there is nothing to do (no feeds
configured) or tolk's own storage (the feed database, the article folder) cannot be used
(locked, read-only, a full disk: one line names the file and what to do).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from tolk import paths
from tolk.cli.output import write_output
from tolk.config import load_config
from tolk.export import json_document
from tolk.text import count, printable

# The fetching itself (an HTTP client, XML and page parsing) is imported when a fetch runs:
# every subcommand's parser is built from this module.
if TYPE_CHECKING:
    from tolk.feeds.fetching import (
        FetchedArticle,
        FetchFailure,
        FetchProgress,
        FetchReport,
        FetchWarning,
    )
    from tolk.feeds.web_client import WebClient

OK, FAILED, ERROR = 0, 1, 2


def add_fetch_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk fetch`."""
    parser = subparsers.add_parser(
        "fetch",
        help="save the new items of the feeds in config.toml as articles (exit 1 if any failed)",
        description="For each feed in config.toml's `feeds`, download the items not fetched "
        f"before and save each page's article text under {paths.feeds_dir()}.",
    )
    parser.add_argument("--json", action="store_true", help="print what was added as JSON")


def run_fetch(args: argparse.Namespace, client: WebClient | None = None) -> int:
    """Fetch every configured feed; returns the exit status."""
    from tolk.feeds.fetching import fetch_feeds
    from tolk.feeds.state import FeedStateError, open_feed_state

    loaded = load_config()
    for warning in loaded.warnings:
        print(f"tolk: warning: {printable(warning)}", file=sys.stderr)
    feeds = loaded.config.feeds
    if not feeds:
        print(
            f"tolk: error: no feeds in {paths.config_file()} "
            '(add feeds = ["https://…"] or [[feeds]] tables with url and name)',
            file=sys.stderr,
        )
        return ERROR
    # The articles and what fetching remembers both live in the data folder: when it cannot
    # be used, say which and what to do before anything is downloaded.
    problem = paths.unusable_folder(paths.feed_state_database())
    if problem is not None:
        print(f"tolk: error: cannot fetch: {printable(problem)}", file=sys.stderr)
        return ERROR
    try:
        state = open_feed_state()
    except (FeedStateError, OSError) as error:
        print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
        return ERROR
    if state.warning:
        print(f"tolk: warning: {printable(state.warning)}", file=sys.stderr)
    progress = _Progress(sys.stderr)

    def saved(article: FetchedArticle) -> None:
        if not args.json:
            progress.clear()
            print(printable(f"{article.feed}: {article.title} ({article.path})"))

    try:
        report = fetch_feeds(
            feeds,
            library=paths.feeds_dir(),
            state=state,
            client=client,
            on_progress=progress.update,
            on_article=saved,
        )
    except FeedStateError as error:
        # What was saved stays saved, and is recognised next time by its file name.
        progress.clear()
        print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
        return ERROR
    finally:
        progress.clear()
        state.close()
    if args.json:
        write_output(json_document(report_json(report)))
    return _summarise(report)


def report_json(report: FetchReport) -> dict[str, Any]:
    """`{"added": [...], "failed": [...], "warnings": [...], "stopped": null}` for `--json`."""
    return {
        "added": [_added_json(article) for article in report.added],
        "failed": [_failure_json(failure) for failure in report.failures],
        "warnings": [_warning_json(warning) for warning in report.warnings],
        "stopped": report.stopped,
    }


def _added_json(article: FetchedArticle) -> dict[str, Any]:
    return {
        "feed": article.feed,
        "title": article.title,
        "date": article.date.iso() if article.date is not None else None,
        "url": article.url,
        "path": str(article.path),
    }


def _failure_json(failure: FetchFailure) -> dict[str, Any]:
    return {
        "feed": failure.feed,
        "feed_url": failure.feed_url,
        "item_url": failure.item_url,
        "reason": failure.reason,
    }


def _warning_json(warning: FetchWarning) -> dict[str, Any]:
    return {
        "feed": warning.feed,
        "feed_url": warning.feed_url,
        "item_url": warning.item_url,
        "message": warning.message,
    }


def _summarise(report: FetchReport) -> int:
    if report.offline:
        reason = report.failures[0].reason
        print(f"tolk: no network: could not reach any feed ({reason})", file=sys.stderr)
        return FAILED
    for warning in report.warnings:
        print(f"tolk: warning: {printable(warning.line())}", file=sys.stderr)
    for failure in report.failures:
        print(f"tolk: error: {printable(failure.line())}", file=sys.stderr)
    added = len(report.added)
    summary = f"tolk: {count(added, 'new article')} from {count(report.feed_count, 'feed')}"
    if report.failures:
        summary += f", {len(report.failures)} failed"
    if report.warnings:
        summary += f", {count(len(report.warnings), 'warning')}"
    print(summary, file=sys.stderr)
    if report.stopped is not None:
        print(f"tolk: error: {printable(report.stopped)}", file=sys.stderr)
        return ERROR
    return FAILED if report.failures else OK


class _Progress:
    """Which feed and item, redrawn in place on stderr; silent when stderr is not a TTY."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._enabled = stream.isatty()

    def update(self, progress: FetchProgress) -> None:
        if self._enabled:
            where = f"feed {progress.feed_number}/{progress.feed_count} {printable(progress.feed)}"
            total = count(progress.total, "new item")
            items = f": {progress.done}/{total}" if progress.total else ""
            self._stream.write(f"\r\x1b[Kfetching {where}{items}")
            self._stream.flush()

    def clear(self) -> None:
        if self._enabled:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
