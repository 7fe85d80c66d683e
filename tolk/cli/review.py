"""`tolk review import FILE.xlf...`: what a CAT tool changed in tolk's XLIFF export, back into
the reviewer's work — changed targets as corrections (✎), signed-off or final units as reviewed
(✓). See `tolk.xliff.applying`.

Each file is read whole before anything is stored: a file that is malformed, hostile (entity
declarations, nesting past the limits) or not XLIFF 1.2 imports nothing and is reported with
its name (and line); the other files still import. A unit whose Norwegian the article no
longer has is reported and skipped. Exit status 1 when a file failed or a unit was skipped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tolk.text import printable
from tolk.userdata.review import ReviewBook
from tolk.userdata.store import StoreError, open_store
from tolk.xliff.applying import check_file, import_xliff
from tolk.xliff.reading import XliffFileError


def add_review_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk review` and its commands."""
    parser = subparsers.add_parser(
        "review",
        help="import the corrections and sign-offs made on an XLIFF export in a CAT tool",
        description="The reviewer's work from outside tolk: XLIFF 1.2 files written by "
        "`tolk export --format xliff` and edited in a CAT tool (OmegaT, memoQ, Trados, Okapi).",
    )
    commands = parser.add_subparsers(dest="review_command", required=True, metavar="COMMAND")
    importing = commands.add_parser(
        "import",
        help="changed targets become corrections, signed-off/final units reviewed",
        description="For each trans-unit: a target that differs from the English tolk "
        "exported becomes the sentence's correction; state signed-off or final marks it "
        "reviewed. A unit whose Norwegian sentence is no longer in the article is reported "
        "and skipped; nothing else is changed.",
        epilog="Exit status: 0 when every unit was applied or unchanged; 1 when a file could "
        "not be read or a unit was skipped.",
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE.xlf")


def run_review(args: argparse.Namespace) -> int:
    """Run `tolk review import`; returns the exit status."""
    opened = open_store()
    if opened.store is None:
        print(f"tolk: error: {opened.message}", file=sys.stderr)
        return 1
    if opened.message:
        print(f"tolk: {opened.message}", file=sys.stderr)
    failed = False
    with opened.store as store:
        book = ReviewBook(store)
        for path in args.files:
            name = printable(str(path))
            try:
                check_file(path)
                report = import_xliff(path, book)
            except XliffFileError as error:
                reason = printable(str(error))
                print(f"tolk: error: {reason}; nothing was imported", file=sys.stderr)
                failed = True
                continue
            except StoreError as error:
                print(f"tolk: error: {name}: {error}", file=sys.stderr)
                return 1
            for line in report.skipped:
                print(f"tolk: warning: {line}", file=sys.stderr)
            failed = failed or bool(report.skipped)
            print(
                f"tolk: {name}: {report.corrected} corrected, {report.reviewed} marked reviewed, "
                f"{report.unchanged} unchanged, {len(report.skipped)} skipped",
                file=sys.stderr,
            )
    return 1 if failed else 0
