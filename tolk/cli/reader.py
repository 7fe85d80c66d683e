"""`tolk [PATH...] [--serve [--port N]]`: the reader, in the terminal or served to a browser.

This is the one place the domain reaches up into the UI: Textual (`tui.app`) is imported only
when the reader actually starts.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tolk import paths
from tolk.config import LoadedConfig, load_config
from tolk.text import printable

# The subcommands, for the reader to tell a mistyped one from a path (`tolk.cli` dispatches on
# them; they are here, below it, so that both can import them).
SUBCOMMANDS = (
    "translate",
    "check",
    "models",
    "bookmarks",
    "export",
    "fetch",
    "feeds",
    "add",
    "memory",
    "review",
    "glossary",
    "words",
    "define",
)
# What argparse exits with for a command line it cannot use.
USAGE_ERROR = 2


def default_roots(loaded: LoadedConfig) -> list[Path]:
    """The bundled seeds, the articles fetched from feeds, and the `library` folders from
    config.toml. The feeds folder is made if missing, so that articles a fetch in the reader
    saves are under a root (the search index walks the roots); if it cannot be made, fetching
    cannot save there either, and it is left out."""
    feeds = paths.feeds_dir()
    try:
        feeds.mkdir(parents=True, exist_ok=True)
    except OSError:
        return [paths.bundled_seeds_dir(), *loaded.config.library]
    return [paths.bundled_seeds_dir(), feeds, *loaded.config.library]


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tolk",
        description="Read Norwegian news beside an offline English translation. "
        "Other commands: tolk translate PATH..., tolk check PATH..., "
        "tolk models {list,install,remove}, "
        "tolk bookmarks {list,export}, tolk export PATH... [--format md|json|tmx], "
        "tolk fetch [--json], tolk memory {import,list,remove}. "
        "Each has --help (tolk translate --help, …).",
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
    """Open the reader on the given paths (or the default library); exit status 2, without
    opening it, when a path does not exist."""
    args = _reader_parser().parse_args(argv)
    missing = missing_path_message(args.paths)
    if missing is not None:
        print(f"tolk: error: {missing}", file=sys.stderr)
        return USAGE_ERROR
    if args.serve:
        from tolk.cli.serve import serve_reader

        return serve_reader([str(path) for path in args.paths], args.port)
    # What the imports make (modules, classes, Textual's tables) lives as long as the reader, so
    # the collector's passes over it while it is made find nothing: 80 of them, 15 ms of a start.
    # Off until the imports are done, then frozen: the collector's full passes stop walking it
    # (without this, the first full pass came during the first frame and held it up by 14-20 ms;
    # a bare Textual app makes too few objects to reach one).
    gc.disable()
    try:
        loaded = load_config()
        roots = list(args.paths) or default_roots(loaded)
        from tui.app import TolkApp  # Textual is imported only when the reader runs.
    finally:
        gc.freeze()
        gc.enable()
    app = TolkApp(roots, loaded)
    app.run()
    return app.return_code or 0


def missing_path_message(given: Sequence[Path]) -> str | None:
    """What to say when a path the reader was given does not exist (None when all do).

    The first word may be a mistyped command (`tolk transalte x.txt`): opening the reader on
    nothing would hide that, so it is named as "no such command or file", with the nearest
    command when one is close."""
    for number, path in enumerate(given):
        if os.path.lexists(path):  # a link to nothing exists: the reader lists it as unreadable
            continue
        shown = printable(str(path))
        if number > 0:
            return f"no such file or folder: {shown}"
        close = difflib.get_close_matches(str(path), SUBCOMMANDS, n=1)
        hint = (
            f"did you mean `tolk {close[0]}`?"
            if close
            else f"the commands are {', '.join(SUBCOMMANDS)}; tolk --help says more"
        )
        return f"no such command or file: {shown} ({hint})"
    return None
