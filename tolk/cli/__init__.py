"""The `tolk` command: the reader by default, and subcommands that need no terminal UI.

Only the reader imports Textual, and only when it starts, so `tolk translate` and friends
stay fast and usable in scripts. Each subcommand is a module here: `translate`, `check`,
`models`, `bookmarks`, `export`, `fetch`, `feeds`, `add`, `memory`, `review`, `glossary`,
`words`, `define` (and `reader`, the default); `main` picks one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tolk import dependencies
from tolk.cli.output import OUTPUT_CLOSED, output_closed, silence_output
from tolk.cli.reader import SUBCOMMANDS, run_reader
from tolk.text import printable
from translation.argos_dirs import ArgosFoldersError

__all__ = ["SUBCOMMANDS", "main"]


def _subcommand_parser() -> argparse.ArgumentParser:
    from tolk.cli.add import add_add_parser
    from tolk.cli.bookmarks import add_bookmarks_parser
    from tolk.cli.check import add_check_parser
    from tolk.cli.define import add_define_parser
    from tolk.cli.export import add_export_parser
    from tolk.cli.feeds import add_feeds_parser
    from tolk.cli.fetch import add_fetch_parser
    from tolk.cli.glossary import add_glossary_parser
    from tolk.cli.memory import add_memory_parser
    from tolk.cli.models import add_models_parser
    from tolk.cli.review import add_review_parser
    from tolk.cli.translate import add_translate_parser
    from tolk.cli.words import add_words_parser

    parser = argparse.ArgumentParser(prog="tolk")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_translate_parser(subparsers)
    add_check_parser(subparsers)
    add_models_parser(subparsers)
    add_bookmarks_parser(subparsers)
    add_export_parser(subparsers)
    add_fetch_parser(subparsers)
    add_feeds_parser(subparsers)
    add_add_parser(subparsers)
    add_memory_parser(subparsers)
    add_review_parser(subparsers)
    add_glossary_parser(subparsers)
    add_words_parser(subparsers)
    add_define_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `tolk` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    absent = dependencies.missing(_needed_modules(argv))
    if absent:
        print(dependencies.missing_message(absent), file=sys.stderr)
        return 1
    try:
        status = _run(argv)
        sys.stdout.flush()  # what is still buffered fails here, where it is caught
    except BrokenPipeError:
        # The reader of the output stopped early (`tolk translate … | head`): end quietly, as
        # Unix tools do, with the status a shell gives a command ended by SIGPIPE.
        if not output_closed():
            raise  # a pipe other than the output: a failure to see, not to hide
        silence_output()
        return OUTPUT_CLOSED
    except ImportError as error:
        if dependencies.is_own_module(error.name):
            raise
        print(dependencies.import_error_message(error), file=sys.stderr)
        return 1
    except ArgosFoldersError as error:
        # Where a command cannot go on without Argos Translate (`tolk models`); the others
        # say it where they can go on without a model.
        print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
        return 1
    return status


def _needed_modules(argv: list[str]) -> dict[str, str]:
    """What this command imports: the reader adds Textual, --serve textual-serve."""
    if argv and argv[0] in ("fetch", "add"):
        return {**dependencies.RUNTIME, **dependencies.FETCH}
    if argv and argv[0] in SUBCOMMANDS:
        return dependencies.RUNTIME
    if "--serve" in argv:
        return {**dependencies.RUNTIME, **dependencies.READER, **dependencies.SERVE}
    return {**dependencies.RUNTIME, **dependencies.READER}


def _run(argv: list[str]) -> int:
    if not argv or argv[0] not in SUBCOMMANDS:
        return run_reader(argv)
    args = _subcommand_parser().parse_args(argv)
    try:
        if args.command == "translate":
            from tolk.cli.translate import run_translate

            return run_translate(args)
        if args.command == "check":
            from tolk.cli.check import run_check

            return run_check(args)
        if args.command == "export":
            from tolk.cli.export import run_export

            return run_export(args)
        if args.command == "fetch":
            from tolk.cli.fetch import run_fetch

            return run_fetch(args)
        if args.command == "feeds":
            from tolk.cli.feeds import run_feeds

            return run_feeds(args)
        if args.command == "add":
            from tolk.cli.add import run_add

            return run_add(args)
        if args.command == "memory":
            from tolk.cli.memory import run_memory

            return run_memory(args)
        if args.command == "review":
            from tolk.cli.review import run_review

            return run_review(args)
        if args.command == "glossary":
            from tolk.cli.glossary import run_glossary

            return run_glossary(args)
        if args.command == "words":
            from tolk.cli.words import run_words

            return run_words(args)
        if args.command == "define":
            from tolk.cli.define import run_define

            return run_define(args)
        if args.command == "bookmarks":
            from tolk.cli.bookmarks import run_bookmarks

            return run_bookmarks(args)
        from tolk.cli.models import run_models

        return run_models(args)
    except KeyboardInterrupt:
        print("tolk: interrupted", file=sys.stderr)
        return 130
