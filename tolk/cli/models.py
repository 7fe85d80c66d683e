"""`tolk models list | install [FILE] | remove NAME`: the translation model packages."""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tolk.text import printable
from translation.argos_dirs import packages_dir
from translation.package_error import PackageError

if TYPE_CHECKING:
    from translation.package_index import AvailablePackageInfo

# translation.packages and translation.package_index import argostranslate, which makes its
# folders as it is imported: they are imported when a models command runs, not when the
# command line is parsed (so that `tolk bookmarks list` never depends on Argos's folders).

# Without a terminal, a progress line every this many percent (or this many bytes when the
# server does not say the size).
_PERCENT_STEP = 10
_UNKNOWN_TOTAL_STEP = 10_000_000
# A terminal's progress line is redrawn at most this often (seconds).
_REDRAW_INTERVAL = 0.1


def add_models_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk models` and its commands."""
    parser = subparsers.add_parser(
        "models",
        help="list, install or remove translation models",
        description="Manage the Argos Translate packages tolk translates with.",
        epilog=f"Packages live in {packages_dir()} (ARGOS_PACKAGES_DIR).",
    )
    commands = parser.add_subparsers(dest="models_command", required=True, metavar="COMMAND")
    commands.add_parser("list", help="show installed, damaged and available packages")
    install = commands.add_parser(
        "install",
        help="download the nb→en model, or install an .argosmodel file",
        description="Without FILE, download the newest package from the Argos index "
        "(ARGOS_PACKAGE_INDEX); with FILE, install it offline.",
    )
    install.add_argument(
        "file", nargs="?", type=Path, metavar="FILE", help="an .argosmodel file to install"
    )
    install.add_argument("--from", dest="from_code", default="nb", help="source language")
    install.add_argument("--to", dest="to_code", default="en", help="target language")
    remove = commands.add_parser("remove", help="remove an installed package")
    remove.add_argument(
        "name", metavar="NAME", help="package name (e.g. translate-nb_en) or folder name"
    )


def run_models(args: argparse.Namespace) -> int:
    """Run a `tolk models` command; returns the exit status."""
    try:
        if args.models_command == "list":
            list_models(sys.stdout)
        elif args.models_command == "install":
            _install(args.file, args.from_code, args.to_code)
        else:
            from translation.packages import remove_package

            for path in remove_package(args.name):
                print(f"Removed {printable(str(path))}")
    except PackageError as error:
        print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # stdout's reader stopped early: `main` ends quietly
    except OSError as error:
        where = printable(str(error.filename))
        print(f"tolk: error: {error.strerror or error} ({where})", file=sys.stderr)
        return 1
    return 0


def list_models(out: TextIO) -> None:
    """Print the installed packages, the damaged ones, and (from the last fetched index) the
    ones available to install. File names and what packages say of themselves are shown
    printable: a package is a folder anyone could have put there."""
    from translation.package_index import cached_index
    from translation.packages import installed_packages, package_name

    packages, broken = installed_packages()
    available = cached_index()
    newest = _newest_by_pair(available or [])
    if packages:
        print(f"Installed models ({printable(str(packages_dir()))}):", file=out)
        rows = []
        for package in packages:
            pair = (package.from_code, package.to_code)
            note = ""
            if pair in newest and _is_newer(newest[pair].package_version, package.package_version):
                note = f"  (version {newest[pair].package_version} available)"
            rows.append(
                [
                    package_name(package),
                    str(package.package_version),
                    f"{package.from_code}→{package.to_code}",
                    f"{package.package_path}{note}",
                ]
            )
        _print_table(rows, out)
    else:
        print(f"No models installed in {printable(str(packages_dir()))}.", file=out)
        print("Run `tolk models install` to download the Norwegian→English model.", file=out)
    if broken:
        print("\nDamaged packages (skipped):", file=out)
        for damaged in broken:
            print(printable(f"  {damaged.path}: {damaged.reason}"), file=out)
    if available is None:
        return
    installed_pairs = {(package.from_code, package.to_code) for package in packages}
    missing = [entry for pair, entry in sorted(newest.items()) if pair not in installed_pairs]
    if missing:
        print("\nAvailable from the model index (as last fetched):", file=out)
        rows = [
            [
                entry.code,
                entry.package_version,
                f"{entry.from_code}→{entry.to_code}",
                f"{entry.from_name} → {entry.to_name}",
            ]
            for entry in missing
        ]
        _print_table(rows, out)


def _newest_by_pair(
    available: list[AvailablePackageInfo],
) -> dict[tuple[str, str], AvailablePackageInfo]:
    newest: dict[tuple[str, str], AvailablePackageInfo] = {}
    for entry in available:
        pair = (entry.from_code, entry.to_code)
        if pair not in newest or _is_newer(entry.package_version, newest[pair].package_version):
            newest[pair] = entry
    return newest


def _is_newer(version: str, than: str) -> bool:
    import packaging.version

    try:
        return packaging.version.Version(version) > packaging.version.Version(than)
    except packaging.version.InvalidVersion:
        return False


def _print_table(rows: list[list[str]], out: TextIO) -> None:
    rows = [[printable(cell) for cell in row] for row in rows]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  " + "  ".join([*cells, row[-1]]), file=out)


def _install(archive: Path | None, from_code: str, to_code: str) -> None:
    from translation.package_index import index_url, install_from_index
    from translation.packages import install_from_file, package_name

    if archive is not None:
        print(f"Checking and installing {printable(str(archive))}…", file=sys.stderr)
        package = install_from_file(archive)
    else:
        print(f"Fetching the model index ({printable(index_url())})…", file=sys.stderr)
        progress = DownloadProgress(sys.stderr)
        try:
            package = install_from_index(from_code, to_code, progress=progress)
        finally:
            progress.finish()
    print(
        printable(
            f"Installed {package_name(package)} {package.package_version} "
            f"({package.from_code}→{package.to_code}) in {package.package_path}"
        )
    )


class DownloadProgress:
    """Download progress on a stream: percent, size and speed, redrawn in place on a terminal,
    a line every 10% otherwise (logs and CI should not fill with carriage returns)."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._clock = clock
        self._redraw = stream.isatty()
        self._started: float | None = None
        self._last_draw = -math.inf
        self._last_step = -1
        self._line_open = False
        self._width = 0

    def __call__(self, done: int, total: int | None) -> None:
        now = self._clock()
        if self._started is None:
            self._started = now
        text = progress_text(done, total, now - self._started)
        if self._redraw:
            if now - self._last_draw >= _REDRAW_INTERVAL or done == total:
                self._width = max(self._width, len(text))
                self._stream.write("\r" + text.ljust(self._width))
                self._stream.flush()
                self._last_draw = now
                self._line_open = True
            return
        step = done * 100 // _PERCENT_STEP // total if total else done // _UNKNOWN_TOTAL_STEP
        if step > self._last_step:
            self._last_step = step
            print(text, file=self._stream, flush=True)

    def finish(self) -> None:
        """End the redrawn line, so what follows starts on a line of its own."""
        if self._line_open:
            self._stream.write("\n")
            self._stream.flush()
            self._line_open = False


def progress_text(done: int, total: int | None, elapsed: float) -> str:
    """E.g. ``Downloading:  42%  12.3 MB of 29.1 MB  3.4 MB/s``."""
    from translation.packages import format_size

    if total:
        text = (
            f"Downloading: {done * 100 // total:3d}%  {format_size(done)} of {format_size(total)}"
        )
    else:
        text = f"Downloading: {format_size(done)}"
    if elapsed > 0 and done > 0:
        text += f"  {format_size(round(done / elapsed))}/s"
    return text
