"""`tolk memory import FILE... | list | remove NAME`: the translation memory.

Each file is one import, in one transaction: a file that cannot be read (malformed, not a TMX,
hostile) imports nothing and is reported with its file and line; the others still import. A
database that cannot be written (a full disk, another tolk's import past the wait) stops the
command with one line: what happened, which files were not imported, what to do. While
another tolk writes to the memory, the command says that it waits its turn, and waits.
Exit status 1 when any file failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tolk.database.writing import WAIT_FOR_TURN_S
from tolk.memory.database import (
    ImportRecord,
    Limits,
    MemoryFileError,
    MemoryStoreError,
    TranslationMemory,
    database_path,
)
from tolk.text import count, printable


def add_memory_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk memory` and its commands."""
    parser = subparsers.add_parser(
        "memory",
        help="import TMX files into the translation memory, list or remove imports",
        description="The translation memory: English for Norwegian sentences, imported from "
        "TMX 1.4 files (or tolk's JSON export). An exact match replaces the model's English.",
        epilog=f"The memory lives in {database_path()}.",
    )
    commands = parser.add_subparsers(dest="memory_command", required=True, metavar="COMMAND")
    importing = commands.add_parser(
        "import",
        help="import TMX (or tolk JSON) files; re-importing a file name replaces it",
        description="Import the nb→en units of each file, one transaction per file. A "
        f"segment over {Limits().segment_chars:,} characters is skipped and counted. While "
        "another tolk writes to the memory, waits its turn (up to "
        f"{WAIT_FOR_TURN_S / 60:.0f} minutes).",
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    commands.add_parser("list", help="every import: units, skipped and too-long units, date")
    removing = commands.add_parser("remove", help="undo an import")
    removing.add_argument("name", metavar="NAME", help="the import's name, as `list` shows it")


def run_memory(args: argparse.Namespace) -> int:
    """Run one `tolk memory` command; returns the exit status."""
    try:
        with TranslationMemory() as memory:
            if memory.warning:
                print(f"tolk: warning: {memory.warning}", file=sys.stderr)
            if args.memory_command == "import":
                return _import(memory, args.files)
            if args.memory_command == "list":
                return _list(memory)
            return _remove(memory, args.name)
    except MemoryStoreError as error:
        print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
        return 1


def _waiting(message: str) -> None:
    print(f"tolk: {printable(message)}", file=sys.stderr, flush=True)


def _import(memory: TranslationMemory, files: list[Path]) -> int:
    failed = False
    for number, path in enumerate(files):
        try:
            record = memory.import_file(path, on_wait=_waiting)
        except MemoryFileError as error:
            failed = True
            print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
            continue
        except MemoryStoreError as error:
            # The next file would meet the same full disk or busy database.
            left = files[number + 1 :]
            untried = f" Not imported either: {', '.join(str(p) for p in left)}." if left else ""
            print(f"tolk: error: {printable(str(error) + untried)}", file=sys.stderr)
            return 1
        print(
            f"Imported {count(record.units, 'unit')} from {printable(str(path))}{_left_out(record)}"
        )
    return 1 if failed else 0


def _left_out(record: ImportRecord) -> str:
    skipped = f", {record.skipped} skipped" if record.skipped else ""
    if record.too_long:
        skipped += (
            f", {record.too_long} too long (a segment over {Limits().segment_chars:,} characters)"
        )
    return skipped


def _list(memory: TranslationMemory) -> int:
    records = memory.imports()
    if not records:
        print("The translation memory is empty. Add files with `tolk memory import FILE`.")
        return 0
    width = max(len(record.name) for record in records)
    for record in records:
        left_out = [f"{record.skipped} skipped"] if record.skipped else []
        left_out += [f"{record.too_long} too long"] if record.too_long else []
        skipped = f" ({', '.join(left_out)})" if left_out else ""
        print(
            f"{printable(record.name):<{width}}  {count(record.units, 'unit', width=7)}{skipped}  "
            f"{record.format}  {record.imported}"
        )
    return 0


def _remove(memory: TranslationMemory, name: str) -> int:
    if memory.remove(name, on_wait=_waiting):
        print(f"Removed {printable(name)} from the translation memory")
        return 0
    print(
        f"tolk: error: no import called {printable(name)} (see `tolk memory list`)",
        file=sys.stderr,
    )
    return 1
