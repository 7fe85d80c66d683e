"""`tolk memory import FILE... | list | remove NAME`: the translation memory.

Each file is one import, in one transaction: a file that cannot be read (malformed, not a TMX,
hostile) imports nothing and is reported with its file and line; the others still import.
Exit status 1 when any file failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tolk.memory.database import (
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
        description="Import the nb→en units of each file, one transaction per file.",
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    commands.add_parser("list", help="every import: units, skipped units, date")
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
        print(f"tolk: error: {error}", file=sys.stderr)
        return 1


def _import(memory: TranslationMemory, files: list[Path]) -> int:
    failed = False
    for path in files:
        try:
            record = memory.import_file(path)
        except MemoryFileError as error:
            failed = True
            print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
            continue
        skipped = f", {record.skipped} skipped" if record.skipped else ""
        print(f"Imported {count(record.units, 'unit')} from {printable(str(path))}{skipped}")
    return 1 if failed else 0


def _list(memory: TranslationMemory) -> int:
    records = memory.imports()
    if not records:
        print("The translation memory is empty. Add files with `tolk memory import FILE`.")
        return 0
    width = max(len(record.name) for record in records)
    for record in records:
        skipped = f" ({record.skipped} skipped)" if record.skipped else ""
        print(
            f"{printable(record.name):<{width}}  {count(record.units, 'unit', width=7)}{skipped}  "
            f"{record.format}  {record.imported}"
        )
    return 0


def _remove(memory: TranslationMemory, name: str) -> int:
    if memory.remove(name):
        print(f"Removed {printable(name)} from the translation memory")
        return 0
    print(
        f"tolk: error: no import called {printable(name)} (see `tolk memory list`)",
        file=sys.stderr,
    )
    return 1
