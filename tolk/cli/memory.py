"""`tolk memory import FILE... | list | remove NAME`: the translation memory, as every database
of imports is handled (`tolk.cli.imports`): each file one import, in one transaction; a file
that cannot be read imports nothing and is reported with its file and line; a database that
cannot be written stops the command with one line; exit status 1 when any file failed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tolk.cli.imports import ImportsCommand, add_imports_parser, run_imports
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
    add_imports_parser(
        subparsers,
        "memory",
        help="import TMX files into the translation memory, list or remove imports",
        description="The translation memory: English for Norwegian sentences, imported from "
        "TMX 1.4 files (or tolk's JSON export). An exact match replaces the model's English.",
        epilog=f"The memory lives in {database_path()}.",
        import_help="import TMX (or tolk JSON) files; re-importing a file name replaces it",
        import_description="Import the nb→en units of each file, one transaction per file. A "
        f"segment over {Limits().segment_chars:,} characters is skipped and counted. While "
        "another tolk writes to the memory, waits its turn (up to "
        f"{WAIT_FOR_TURN_S / 60:.0f} minutes).",
        list_help="every import: units, skipped and too-long units, date",
    )


def run_memory(args: argparse.Namespace) -> int:
    """Run one `tolk memory` command; returns the exit status."""
    return run_imports(MEMORY, args)


def _imported(record: ImportRecord, path: Path) -> str:
    skipped = f", {record.skipped} skipped" if record.skipped else ""
    if record.too_long:
        skipped += (
            f", {record.too_long} too long (a segment over {Limits().segment_chars:,} characters)"
        )
    return f"Imported {count(record.units, 'unit')} from {printable(str(path))}{skipped}"


MEMORY = ImportsCommand(
    command="memory",
    opening=TranslationMemory,
    file_error=MemoryFileError,
    store_error=MemoryStoreError,
    whole="the translation memory",
    one="import",
    imported=_imported,
    size=lambda record: count(record.units, "unit", width=7),
)
