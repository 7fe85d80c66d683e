"""`tolk add URL… [--json]`: fetch article pages by URL and save each in the library, as
`tolk fetch` saves a feed's items (in the data dir's `feeds/added/`).

A line per saved article on stdout (`title (path)`), a line per failure and warning on stderr
(`tolk: error: URL: reason`), or with `--json` what was added, what failed and the warnings.
Exit status 0 when every page was added (or was there already), 1 when any failed.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from tolk import paths
from tolk.cli.output import write_output
from tolk.export import json_document
from tolk.text import printable

# The HTTP client and page extraction are imported when pages are added: every subcommand's
# parser is built from this module.
if TYPE_CHECKING:
    from tolk.feeds.adding import AddedPage, AddReport
    from tolk.feeds.web_client import WebClient

OK, FAILED = 0, 1


def add_add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk add`."""
    parser = subparsers.add_parser(
        "add",
        help="save the article of each page (URL) in the library (exit 1 if any failed)",
        description="Fetch each page, find its article as `tolk fetch` does (no menus, "
        f"banners or footers) and save it under {paths.added_dir()}, where the reader lists it.",
    )
    parser.add_argument("urls", nargs="+", metavar="URL", help="an article page, http(s)")
    parser.add_argument("--json", action="store_true", help="print what was added as JSON")


def run_add(args: argparse.Namespace, client: WebClient | None = None) -> int:
    """Add every page given; returns the exit status."""
    from tolk.feeds.adding import add_pages
    from tolk.feeds.web_client import WebClient

    client = client or WebClient()
    try:
        report = add_pages(args.urls, client=client)
    finally:
        client.close()
    if args.json:
        write_output(json_document(report_json(report)))
    else:
        for page in report.added:
            again = " (added before)" if page.added_before else ""
            write_output(f"{printable(page.title)} ({page.path}){again}\n")
    for page in report.added:
        if page.warning is not None:
            print(f"tolk: warning: {printable(page.url)}: {page.warning}", file=sys.stderr)
    for failure in report.failed:
        print(f"tolk: error: {printable(failure.line())}", file=sys.stderr)
    return FAILED if report.failed else OK


def report_json(report: AddReport) -> dict[str, Any]:
    """`{"added": [...], "failed": [...], "warnings": [...]}` for `--json`."""
    return {
        "added": [_added_json(page) for page in report.added],
        "failed": [{"url": f.url, "reason": f.reason} for f in report.failed],
        "warnings": [
            {"url": page.url, "message": page.warning}
            for page in report.added
            if page.warning is not None
        ],
    }


def _added_json(page: AddedPage) -> dict[str, Any]:
    return {
        "url": page.url,
        "title": page.title,
        "date": page.date.iso() if page.date is not None else None,
        "path": str(page.path),
        "added_before": page.added_before,
    }
