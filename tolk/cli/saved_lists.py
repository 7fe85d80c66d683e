"""What `tolk bookmarks` and `tolk words` share: two commands over what the reader saved in a
store (`list [--json]`, `export --format F [-o FILE]`), reading the store without ever making
one, and an export written to stdout or atomically to a file.

Reading only: a store that was never made is not made here ("nothing saved yet" is said only
when nothing was, never when the data folder is a file, a link to nothing or a loop). An
export to a file is written atomically (temp file, then rename), so a failure leaves the old
file, if any, as it was, and says that nothing was lost: what was saved stays in the store.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from tolk.cli.output import write_output
from tolk.config import write_atomically
from tolk.database.locked_store import LockedStore
from tolk.paths import DataFolderError, data_file_exists
from tolk.text import count, printable

__all__ = ["SavedList", "SavedListError", "add_saved_list_parser", "read_saved", "write_export"]

Store = TypeVar("Store", bound=LockedStore)
Opens = TypeVar("Opens", bound=LockedStore, covariant=True)
Item = TypeVar("Item")


class SavedListError(Exception):
    """The saved things cannot be read or written; the message is the one line the user sees."""


class Opened(Protocol[Opens]):
    """What opening a store gives (`open_store`, `open_vocabulary`)."""

    @property
    def store(self) -> Opens | None: ...

    @property
    def message(self) -> str | None: ...


@dataclass(frozen=True)
class SavedList:
    """One command over saved things: its name ("bookmarks"), what one thing is called
    ("bookmark"), what the store is called ("vocabulary") and where its file is (asked when
    needed: the data dir is the environment's), its export formats (the first the default),
    and what its help says."""

    command: str
    thing: str
    store: str
    store_file: Callable[[], Path]
    formats: tuple[str, ...]
    help: str
    description: str
    list_help: str
    export_help: str
    export_description: str


def add_saved_list_parser(
    subparsers: argparse._SubParsersAction[Any], saved: SavedList
) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """Register `tolk COMMAND list [--json]` and `tolk COMMAND export [--format F] [-o FILE]`
    (the chosen command in `COMMAND_command`); the two parsers, for options of the command's
    own."""
    parser = subparsers.add_parser(
        saved.command,
        help=saved.help,
        description=saved.description,
        epilog=f"They live in {saved.store_file()}.",
    )
    commands = parser.add_subparsers(
        dest=f"{saved.command}_command", required=True, metavar="COMMAND"
    )
    listing = commands.add_parser("list", help=saved.list_help)
    listing.add_argument("--json", action="store_true", help="print a JSON array instead")
    export = commands.add_parser(
        "export", help=saved.export_help, description=saved.export_description
    )
    default = saved.formats[0]
    export.add_argument(
        "--format", choices=saved.formats, default=default, help=f"default: {default}"
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    return listing, export


def read_saved(
    saved: SavedList,
    opening: Callable[[Path], Opened[Store]],
    read: Callable[[Store], list[Item]],
) -> list[Item]:
    """What `read` takes from the store (opened by `opening`); none when nothing was saved
    yet. A damaged store moved aside is said on stderr. Raises SavedListError when the store
    cannot be read."""
    path = saved.store_file()
    try:
        if not data_file_exists(path):
            return []  # nothing saved yet: no reason to create the database here
    except DataFolderError as error:
        raise SavedListError(f"cannot read the {saved.store}: {error}") from error
    opened = opening(path)
    if opened.store is None:
        raise SavedListError(opened.message or f"cannot open {path}")
    if opened.message:
        print(f"tolk: {printable(opened.message)}", file=sys.stderr)
    with opened.store as store:
        try:
            return read(store)
        except store.failure as error:
            raise SavedListError(str(error)) from error


def write_export(saved: SavedList, text: str, output: Path | None, exported: int) -> None:
    """Write an export of `exported` things to `output` (atomically) or stdout; "Wrote N
    things to FILE" on stderr. Raises SavedListError, saying nothing was lost, when the file
    cannot be written."""
    if output is None:
        write_output(text)
        return
    shown = printable(str(output))
    try:
        write_atomically(output, text)
    except OSError as error:
        reason = error.strerror or str(error)
        where = printable(str(error.filename or output))
        raise SavedListError(
            f"cannot write {shown} ({reason}: {where}); nothing was lost: the {saved.command} "
            f"stay in {printable(str(saved.store_file()))}. Choose another file with -o."
        ) from error
    print(f"Wrote {count(exported, saved.thing)} to {shown}", file=sys.stderr)
