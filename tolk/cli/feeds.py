"""`tolk feeds list [--json] | import FILE.opml | export [-o FILE]`: the feeds in config.toml,
and OPML in and out.

`import` adds the feeds of an OPML file to config.toml's `feeds` (a line on stdout for each),
keeping the file's comments and other settings, and reports those it has already on stderr;
nothing is written when the OPML file is refused (not OPML, malformed, entities, too large).
Exit status: 0 when the command did its work (skipped duplicates and outlines included), 2 when
a file could not be read or written (one line names it and what to do).
"""

from __future__ import annotations

import argparse
import email.utils
import json
import sys
from pathlib import Path
from typing import Any

from tolk import paths
from tolk.cli.articles import cli_config
from tolk.cli.output import write_output
from tolk.config import FeedSource, write_atomically
from tolk.text import printable

OK, ERROR = 0, 2


def add_feeds_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk feeds` and its three subcommands."""
    parser = subparsers.add_parser(
        "feeds",
        help="list the feeds in config.toml, import them from OPML, export them as OPML",
        description="The feeds `tolk fetch` reads, from config.toml's `feeds`; OPML is the "
        "file every feed reader imports and exports its subscriptions in.",
    )
    actions = parser.add_subparsers(dest="feeds_command", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="the feeds: URL, name and folder, one a line")
    listing.add_argument("--json", action="store_true", help="print them as JSON")
    importing = actions.add_parser(
        "import",
        help="add the feeds of an OPML file to config.toml (those it has are skipped)",
        description="Add each feed of an OPML file to config.toml's `feeds`, with its name "
        "and its folders (as `category`); comments and other settings are kept.",
    )
    importing.add_argument("file", type=Path, metavar="FILE.opml", help="an OPML file")
    exporting = actions.add_parser("export", help="the feeds as OPML 2.0")
    exporting.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )


def run_feeds(args: argparse.Namespace) -> int:
    """Run `tolk feeds ACTION`; returns the exit status."""
    if args.feeds_command == "import":
        return _import(args.file)
    feeds = cli_config().feeds
    if args.feeds_command == "list":
        return _list(feeds, as_json=args.json)
    return _export(feeds, args.output)


def _list(feeds: tuple[FeedSource, ...], *, as_json: bool) -> int:
    if as_json:
        rows = [{"url": f.url, "name": f.name, "category": f.category} for f in feeds]
        write_output(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return OK
    if not feeds:
        print(f"tolk: no feeds in {paths.config_file()}", file=sys.stderr)
    for feed in feeds:
        columns = (feed.url, feed.name or "", feed.category or "")
        write_output("\t".join(printable(column) for column in columns).rstrip("\t") + "\n")
    return OK


def _import(file: Path) -> int:
    from tolk.feeds.opml import OpmlError, read_opml
    from tolk.feeds.subscriptions import add_feeds

    try:
        found = read_opml(file)
    except OpmlError as error:
        print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
        return ERROR
    for line in found.skipped:
        print(f"tolk: warning: {printable(line)}", file=sys.stderr)
    config = paths.config_file()
    try:
        result = add_feeds(found.feeds)
    except ValueError as error:
        print(
            f"tolk: error: {printable(str(error))}; nothing was imported: fix config.toml and "
            "run the import again",
            file=sys.stderr,
        )
        return ERROR
    except OSError as error:
        where = error.filename or config
        print(
            f"tolk: error: cannot write {where} ({error.strerror or error}); nothing was imported",
            file=sys.stderr,
        )
        return ERROR
    for feed in result.added:
        write_output(f"added: {_described(feed)}\n")
    for feed in result.duplicates:
        print(f"tolk: skipped (in config.toml already): {_described(feed)}", file=sys.stderr)
    summary = f"tolk: {_count(len(result.added), 'feed')} added to {config}"
    if result.duplicates:
        summary += f", {len(result.duplicates)} in it already"
    if found.skipped:
        summary += f", {len(found.skipped)} skipped"
    print(summary, file=sys.stderr)
    return OK


def _described(feed: FeedSource) -> str:
    text = f"{feed.name} <{feed.url}>" if feed.name else feed.url
    return printable(f"{text} in {feed.category}" if feed.category else text)


def _export(feeds: tuple[FeedSource, ...], output: Path | None) -> int:
    from tolk.feeds.opml import opml_document

    created = email.utils.formatdate(usegmt=True)
    document = opml_document(feeds, title="tolk feeds", created=created)
    if not feeds:
        print(f"tolk: no feeds in {paths.config_file()}: the OPML lists none", file=sys.stderr)
    if output is None:
        write_output(document)
        return OK
    try:
        write_atomically(output, document)
    except OSError as error:
        print(
            f"tolk: error: cannot write {output} ({error.strerror or error}); choose another "
            "file with -o",
            file=sys.stderr,
        )
        return ERROR
    print(f"tolk: {_count(len(feeds), 'feed')} written to {output}", file=sys.stderr)
    return OK


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
