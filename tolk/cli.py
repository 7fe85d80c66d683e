"""The `tolk` command: the reader by default, and subcommands that need no terminal UI.

Only the reader imports Textual, and only when it starts, so `tolk translate` and friends
stay fast and usable in scripts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tolk import dependencies, paths
from tolk.config import LoadedConfig, load_config


def default_roots(loaded: LoadedConfig) -> list[Path]:
    """The bundled seeds plus the `library` folders from config.toml."""
    return [paths.bundled_seeds_dir(), *loaded.config.library]


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tolk",
        description="Read Norwegian news beside an offline English translation. "
        "Other commands: tolk translate PATH..., tolk models {list,install,remove}, "
        "tolk bookmarks {list,export}, tolk export PATH... [--format md|json|tmx].",
        epilog="Configuration: " + str(paths.config_file()),
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="serve the reader to a web browser on localhost instead (textual-serve)",
    )
    parser.add_argument("--port", type=int, default=8000, help="port for --serve (default 8000)")
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="article files or folders (default: the bundled seeds and config.toml's library)",
    )
    return parser


def run_reader(argv: Sequence[str]) -> int:
    """Open the reader on the given paths (or the default library)."""
    args = _reader_parser().parse_args(argv)
    if args.serve:
        return serve_reader([str(path) for path in args.paths], args.port)
    loaded = load_config()
    roots = list(args.paths) or default_roots(loaded)
    from tui.app import TolkApp  # Textual is imported only when the reader runs.

    TolkApp(roots, loaded).run()
    return 0


SUBCOMMANDS = ("translate", "models", "bookmarks", "export")


def _subcommand_parser() -> argparse.ArgumentParser:
    from tolk.bookmarks_cli import add_bookmarks_parser
    from tolk.export_cli import add_export_parser
    from tolk.models_cli import add_models_parser
    from tolk.translate_cli import add_translate_parser

    parser = argparse.ArgumentParser(prog="tolk")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_translate_parser(subparsers)
    add_models_parser(subparsers)
    add_bookmarks_parser(subparsers)
    add_export_parser(subparsers)
    return parser


def serve_reader(paths: list[str], port: int) -> int:
    """Serve the reader over HTTP on localhost: each browser tab runs its own `tolk`."""
    import shlex

    from textual_serve.server import Server

    command = shlex.join([sys.executable, "-m", "tui", *paths])
    print(f"tolk: serving the reader at http://localhost:{port} (ctrl+c stops)", file=sys.stderr)
    Server(command, host="localhost", port=port, title="tolk").serve()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `tolk` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    absent = dependencies.missing(_needed_modules(argv))
    if absent:
        print(dependencies.missing_message(absent), file=sys.stderr)
        return 1
    try:
        return _run(argv)
    except ImportError as error:
        if dependencies.is_own_module(error.name):
            raise
        print(dependencies.import_error_message(error), file=sys.stderr)
        return 1


def _needed_modules(argv: list[str]) -> dict[str, str]:
    """What this command imports: the reader adds Textual, --serve textual-serve."""
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
            from tolk.translate_cli import run_translate

            return run_translate(args)
        if args.command == "export":
            from tolk.export_cli import run_export

            return run_export(args)
        if args.command == "bookmarks":
            from tolk.bookmarks_cli import run_bookmarks

            return run_bookmarks(args)
        from tolk.models_cli import run_models

        return run_models(args)
    except KeyboardInterrupt:
        print("tolk: interrupted", file=sys.stderr)
        return 130
