"""`tolk glossary import FILE... | list | remove NAME`: the glossaries the `terminology` check
and the reader use.

As `tolk memory`: each file is one import, in one transaction: a file that cannot be read
(malformed, not a glossary, not UTF-8, hostile) imports nothing and is reported with its file
and line; the others still import. A database that cannot be written stops the command with
one line. Exit status 1 when any file failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tolk.database.writing import WAIT_FOR_TURN_S
from tolk.glossary.database import (
    Glossary,
    GlossaryFileError,
    GlossaryRecord,
    GlossaryStoreError,
    Limits,
    database_path,
)
from tolk.text import printable


def add_glossary_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk glossary` and its commands."""
    parser = subparsers.add_parser(
        "glossary",
        help="import glossaries (OmegaT, tab- or comma-separated, TBX) for the terminology check",
        description="Glossaries: Norwegian terms and the English a translation must use for "
        "them. `tolk check` flags `terminology` where a term is in the Norwegian and none of "
        "its English is in the translation; the reader marks the terms.",
        epilog=f"The glossary lives in {database_path()}.",
    )
    commands = parser.add_subparsers(dest="glossary_command", required=True, metavar="COMMAND")
    importing = commands.add_parser(
        "import",
        help="import glossary files; re-importing a file name replaces it",
        description="Import the nb→en terms of each file, one transaction per file: "
        "tab-, semicolon- or comma-separated with a header naming the Norwegian and English "
        "columns (nb,en,comment or source,target,comment); OmegaT's glossary (tab-separated "
        "source, target, comment, no header); TBX (TBX-Basic, TBX v3). UTF-8, or UTF-16 with a "
        f"BOM. A term over {Limits().term_chars} characters is skipped and counted. While "
        f"another tolk writes to the glossary, waits its turn (up to "
        f"{WAIT_FOR_TURN_S / 60:.0f} minutes).",
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    commands.add_parser("list", help="every import: terms, skipped and too-long ones, date")
    removing = commands.add_parser("remove", help="undo an import")
    removing.add_argument("name", metavar="NAME", help="the import's name, as `list` shows it")


def run_glossary(args: argparse.Namespace) -> int:
    """Run one `tolk glossary` command; returns the exit status."""
    try:
        with Glossary() as glossary:
            if glossary.warning:
                print(f"tolk: warning: {printable(glossary.warning)}", file=sys.stderr)
            if args.glossary_command == "import":
                return _import(glossary, args.files)
            if args.glossary_command == "list":
                return _list(glossary)
            return _remove(glossary, args.name)
    except GlossaryStoreError as error:
        print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
        return 1


def _waiting(message: str) -> None:
    print(f"tolk: {printable(message)}", file=sys.stderr, flush=True)


def _import(glossary: Glossary, files: list[Path]) -> int:
    failed = False
    for number, path in enumerate(files):
        try:
            record = glossary.import_file(path, on_wait=_waiting)
        except GlossaryFileError as error:
            failed = True
            print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
            continue
        except GlossaryStoreError as error:
            left = files[number + 1 :]
            untried = f" Not imported either: {', '.join(str(p) for p in left)}." if left else ""
            print(f"tolk: error: {printable(str(error) + untried)}", file=sys.stderr)
            return 1
        print(
            f"Imported {record.terms:,} terms from {printable(str(path))} ({record.format})"
            f"{_left_out(record)}"
        )
    return 1 if failed else 0


def _left_out(record: GlossaryRecord) -> str:
    skipped = f", {record.skipped:,} skipped (no Norwegian or no English)" if record.skipped else ""
    if record.too_long:
        skipped += f", {record.too_long:,} too long"
    return skipped


def _list(glossary: Glossary) -> int:
    records = glossary.imports()
    if not records:
        print("The glossary is empty. Add files with `tolk glossary import FILE`.")
        return 0
    width = max(len(printable(record.name)) for record in records)
    for record in records:
        left_out = [f"{record.skipped:,} skipped"] if record.skipped else []
        left_out += [f"{record.too_long:,} too long"] if record.too_long else []
        skipped = f" ({', '.join(left_out)})" if left_out else ""
        print(
            f"{printable(record.name):<{width}}  {record.terms:>9,} terms{skipped}  "
            f"{record.format}  {record.imported}"
        )
    return 0


def _remove(glossary: Glossary, name: str) -> int:
    if glossary.remove(name, on_wait=_waiting):
        print(f"Removed {printable(name)} from the glossary")
        return 0
    print(
        f"tolk: error: no glossary called {printable(name)} (see `tolk glossary list`)",
        file=sys.stderr,
    )
    return 1
