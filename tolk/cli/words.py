"""`tolk words list [--json] | export --format anki|csv|json [-o FILE]`: the saved vocabulary.

Reading only: nothing is written to the vocabulary, and a vocabulary that was never made is
not made here. An export to a file is written atomically (temp file, then rename), so a
failure leaves the old file, if any, as it was; the words stay in the vocabulary either way.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tolk.cli.output import write_output
from tolk.cli.saved_lists import (
    SavedList,
    SavedListError,
    add_saved_list_parser,
    read_saved,
    write_export,
)
from tolk.library.articles import shorten
from tolk.text import json_text, printable
from tolk.vocabulary.entries import SavedWord, WordState
from tolk.vocabulary.exports import anki_text, csv_text, json_export, source_line, word_record
from tolk.vocabulary.store import VocabularyStore, open_vocabulary, vocabulary_file

# Errors (the vocabulary cannot be read, the file cannot be written) end with this status.
ERROR = 2
_EXPORTS = {"anki": anki_text, "csv": csv_text, "json": json_export}
WORDS = SavedList(
    command="words",
    thing="word",
    store="vocabulary",
    store_file=vocabulary_file,
    formats=tuple(_EXPORTS),
    help="list or export the words saved in the reader (Anki, CSV, JSON)",
    description="Show or export the words saved in the reader (S), with their sentences.",
    list_help="show every saved word, newest first",
    export_help="write the words for Anki, as CSV or as JSON",
    export_description="Export the saved words, newest first. The anki format is a text file "
    "Anki imports as it is (File > Import): one Basic note per word.",
)


def add_words_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk words` and its commands."""
    for parser in add_saved_list_parser(subparsers, WORDS):
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
        if args.words_command == "list":
            write_output(format_json_list(words) if args.json else format_list(words))
            return 0
        write_export(WORDS, _EXPORTS[args.format](words), args.output, len(words))
    except SavedListError as error:
        print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
        return ERROR
    return 0


def load_words(state: WordState | None = None) -> list[SavedWord]:
    """The saved words (in `state`, or all), newest first. Raises SavedListError when they
    cannot be read: "no words" is said only when none were saved."""

    def read(store: VocabularyStore) -> list[SavedWord]:
        return store.words(state)

    return read_saved(WORDS, open_vocabulary, read)


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
