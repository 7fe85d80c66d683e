"""`tolk words list [--json] | export --format anki|csv|json [-o FILE]`: the saved vocabulary.

Reading only: nothing is written to the vocabulary, and a vocabulary that was never made is
not made here. An export to a file is written atomically (temp file, then rename), so a
failure leaves the old file, if any, as it was; the words stay in the vocabulary either way.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tolk.cli.output import write_output
from tolk.config import write_atomically
from tolk.library.articles import shorten
from tolk.paths import DataFolderError, data_file_exists
from tolk.text import count, json_text, printable
from tolk.vocabulary.entries import SavedWord, WordState
from tolk.vocabulary.exports import anki_text, csv_text, json_export, source_line, word_record
from tolk.vocabulary.store import VocabularyError, open_vocabulary, vocabulary_file

# Errors (the vocabulary cannot be read, the file cannot be written) end with this status.
ERROR = 2
_EXPORTS = {"anki": anki_text, "csv": csv_text, "json": json_export}


class WordsCliError(Exception):
    """A `tolk words` command failed; the message is the one line the user sees."""


def add_words_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk words` and its commands."""
    parser = subparsers.add_parser(
        "words",
        help="list or export the words saved in the reader (Anki, CSV, JSON)",
        description="Show or export the words saved in the reader (S), with their sentences.",
        epilog=f"The vocabulary lives in {vocabulary_file()}.",
    )
    commands = parser.add_subparsers(dest="words_command", required=True, metavar="COMMAND")
    listing = commands.add_parser("list", help="show every saved word, newest first")
    listing.add_argument("--json", action="store_true", help="print a JSON array instead")
    _add_state(listing)
    export = commands.add_parser(
        "export",
        help="write the words for Anki, as CSV or as JSON",
        description="Export the saved words, newest first. The anki format is a text file "
        "Anki imports as it is (File > Import): one Basic note per word.",
    )
    export.add_argument("--format", choices=tuple(_EXPORTS), default="anki", help="default: anki")
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    _add_state(export)


def _add_state(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--state",
        choices=[state.value for state in WordState],
        help="only the words being learnt, or only those known (default: all)",
    )


def run_words(args: argparse.Namespace) -> int:
    """Run a `tolk words` command; returns the exit status."""
    state = WordState(args.state) if args.state else None
    try:
        words = load_words(state)
    except WordsCliError as error:
        print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
        return ERROR
    if args.words_command == "list":
        write_output(format_json_list(words) if args.json else format_list(words))
        return 0
    text = _EXPORTS[args.format](words)
    if args.output is None:
        write_output(text)
        return 0
    try:
        write_atomically(args.output, text)
    except OSError as error:
        reason = error.strerror or str(error)
        where = printable(str(error.filename or args.output))
        print(
            f"tolk: error: cannot write {printable(str(args.output))} ({reason}: {where}); "
            f"nothing was lost: the words stay in {printable(str(vocabulary_file()))}. "
            "Choose another file with -o.",
            file=sys.stderr,
        )
        return ERROR
    shown = printable(str(args.output))
    print(f"Wrote {count(len(words), 'word')} to {shown}", file=sys.stderr)
    return 0


def load_words(state: WordState | None = None) -> list[SavedWord]:
    """The saved words (in `state`, or all), newest first. Raises WordsCliError when they
    cannot be read: "no words" is said only when none were saved."""
    path = vocabulary_file()
    try:
        if not data_file_exists(path):
            return []  # nothing saved yet: no reason to create the database here
    except DataFolderError as error:
        raise WordsCliError(f"cannot read the vocabulary: {error}") from error
    opened = open_vocabulary(path)
    if opened.store is None:
        raise WordsCliError(opened.message or f"cannot open {path}")
    if opened.message:
        print(f"tolk: {printable(opened.message)}", file=sys.stderr)
    try:
        with opened.store as store:
            return store.words(state)
    except VocabularyError as error:
        raise WordsCliError(str(error)) from error


def format_json_list(words: list[SavedWord]) -> str:
    """`list --json`: a JSON array of word objects."""
    return json_text([word_record(word) for word in words]) + "\n"


def format_list(words: list[SavedWord]) -> str:
    """`list`: one block per word, for people."""
    if not words:
        return "No words saved yet (press S on a word in the reader).\n"
    blocks = []
    for word in words:
        heading = word.word if word.word.casefold() == word.lemma else f"{word.word} → {word.lemma}"
        if word.word_class:
            heading += f" ({word.word_class})"
        if word.english:
            heading += f" · {word.english}"
        lines = [f"{heading}  [{word.state.value}]"]
        if word.definition:
            lines.append(f"    {word.definition}")
        lines.append(f"    “{shorten(word.sentence, 120)}”")
        if word.sentence_english:
            lines.append(f"    “{shorten(word.sentence_english, 120)}”")
        where = source_line(word)
        lines.append(f"    Saved {word.created}" + (f" · {where}" if where else ""))
        # Each line printable: all of it came from articles, the model or the user.
        blocks.append("\n".join(printable(line) for line in lines))
    return "\n\n".join(blocks) + "\n"
