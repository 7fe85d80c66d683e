"""`tolk [PATH...] [--serve [--port N]]`: the reader, in the terminal or served to a browser.

This is the one place the domain reaches up into the UI: Textual (`tui.app`) is imported only
when the reader actually starts.
"""

from __future__ import annotations

import argparse
import gc
from collections.abc import Sequence
from pathlib import Path

from tolk import paths
from tolk.config import LoadedConfig, load_config


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
    """Open the reader on the given paths (or the default library)."""
    args = _reader_parser().parse_args(argv)
    if args.serve:
        from tolk.cli.serve import serve_reader

        return serve_reader([str(path) for path in args.paths], args.port)
    loaded = load_config()
    roots = list(args.paths) or default_roots(loaded)
    from tui.app import TolkApp  # Textual is imported only when the reader runs.

    # What the imports made (modules, classes, Textual's tables) lives as long as the reader:
    # frozen, the collector's full passes stop walking it. Without this, the first full pass
    # came during the first frame and held it up by 14-20 ms (a bare Textual app makes too few
    # objects to reach one).
    gc.freeze()
    TolkApp(roots, loaded).run()
    return 0
