"""`tolk glossary import FILE... | list | remove NAME`: the glossaries the `terminology` check
and the reader use, handled as every database of imports is (`tolk.cli.imports`): each file one
import, in one transaction; a file that cannot be read (malformed, not a glossary, not UTF-8,
hostile) imports nothing and is reported with its file and line; a database that cannot be
written stops the command with one line; exit status 1 when any file failed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tolk.cli.imports import ImportsCommand, add_imports_parser, run_imports
from tolk.database.writing import WAIT_FOR_TURN_S
from tolk.glossary.database import (
    Glossary,
    GlossaryFileError,
    GlossaryRecord,
    GlossaryStoreError,
    Limits,
    database_path,
)
from tolk.text import count, printable


def add_glossary_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk glossary` and its commands."""
    add_imports_parser(
        subparsers,
        "glossary",
        help="import glossaries (OmegaT, tab- or comma-separated, TBX) for the terminology check",
        description="Glossaries: Norwegian terms and the English a translation must use for "
        "them. `tolk check` flags `terminology` where a term is in the Norwegian and none of "
        "its English is in the translation; the reader marks the terms.",
        epilog=f"The glossary lives in {database_path()}.",
        import_help="import glossary files; re-importing a file name replaces it",
        import_description="Import the nb→en terms of each file, one transaction per file: "
        "tab-, semicolon- or comma-separated with a header naming the Norwegian and English "
        "columns (nb,en,comment or source,target,comment); OmegaT's glossary (tab-separated "
        "source, target, comment, no header); TBX (TBX-Basic, TBX v3). UTF-8, or UTF-16 with a "
        f"BOM. A term over {Limits().term_chars} characters is skipped and counted. While "
        f"another tolk writes to the glossary, waits its turn (up to "
        f"{WAIT_FOR_TURN_S / 60:.0f} minutes).",
        list_help="every import: terms, skipped and too-long ones, date",
    )


def run_glossary(args: argparse.Namespace) -> int:
    """Run one `tolk glossary` command; returns the exit status."""
    return run_imports(GLOSSARY, args)


def _imported(record: GlossaryRecord, path: Path) -> str:
    skipped = f", {record.skipped:,} skipped (no Norwegian or no English)" if record.skipped else ""
    if record.too_long:
        skipped += f", {record.too_long:,} too long"
    imported = count(record.terms, "term")
    return f"Imported {imported} from {printable(str(path))} ({record.format}){skipped}"


GLOSSARY = ImportsCommand(
    command="glossary",
    opening=Glossary,
    file_error=GlossaryFileError,
    store_error=GlossaryStoreError,
    whole="the glossary",
    one="glossary",
    imported=_imported,
    size=lambda record: count(record.terms, "term", width=9),
)
