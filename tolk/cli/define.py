"""`tolk define WORD... [--json]`: what Bokmålsordboka says of words, for scripts and quick
checks.

Each word is looked up as the reader's `d` looks it up (`tolk.dictionary`): inflected and
irregular forms, genitives and compounds resolve; a word not found gets near spellings. The
definitions' English is the installed model's (machine translation, marked so); without a
model it is left out (null in JSON). The first run prepares the dictionary (a few seconds,
once).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tolk.cli.articles import cli_config
from tolk.cli.output import write_output
from tolk.dictionary import ATTRIBUTION, Dictionary, DictionaryError, Entry, Lookup
from tolk.dictionary.location import is_prepared, prepared_file
from tolk.dictionary.prepare import prepare
from tolk.export import json_document
from tolk.text import printable
from tolk.translating import NoModelError, load_translator, translate_texts
from translation.argos_dirs import ArgosFoldersError

FOUND, NOT_FOUND, ERROR = 0, 1, 2
# Text output shows this many examples of a definition (JSON has them all).
_EXAMPLES_SHOWN = 3
MACHINE = "machine translation"

EXIT_STATUS = (
    "Exit status: 0 when every word was found; 1 when any was not; 2 when the dictionary "
    f"cannot be used. {ATTRIBUTION}."
)


def add_define_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk define`."""
    parser = subparsers.add_parser(
        "define",
        help="look words up in Bokmålsordboka",
        description="Look Norwegian words up in Bokmålsordboka: each word's headwords (an "
        "inflected form gives its dictionary form: gikk → gå), word class, gender, forms, "
        "definitions and examples, with the definitions' English from the installed model "
        "(machine translation; left out without a model). A genitive resolves to its noun, a "
        "compound the dictionary lacks to its parts; a word not found gets near spellings.",
        epilog=EXIT_STATUS,
    )
    parser.add_argument("words", nargs="+", metavar="WORD", help="words to look up")
    parser.add_argument("--json", action="store_true", help="print JSON (one object per word)")


def run_define(args: argparse.Namespace) -> int:
    """Look each word up and print what was found; returns the exit status."""
    try:
        dictionary = open_dictionary()
    except DictionaryError as error:
        print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
        return ERROR
    try:
        lookups = [dictionary.look_up(word) for word in args.words]
    finally:
        dictionary.close()
    english = _english(
        [d.text for lookup in lookups for e in lookup.entries for d in e.definitions]
    )
    if args.json:
        documents = [
            _as_json(word, lookup, english)
            for word, lookup in zip(args.words, lookups, strict=True)
        ]
        write_output(json_document(documents))
    else:
        write_output("\n".join(_as_text(lookup, english) for lookup in lookups))
        write_output(f"\n{ATTRIBUTION}.\n")
    return FOUND if all(lookup.found for lookup in lookups) else NOT_FOUND


def open_dictionary() -> Dictionary:
    """The prepared dictionary, prepared first on the first run (said on stderr)."""
    path = prepared_file()
    if not is_prepared(path):
        print("tolk: preparing the dictionary (once, a few seconds)…", file=sys.stderr)
        prepare(path)
    try:
        return Dictionary.open(path)
    except DictionaryError as error:
        if is_prepared(path):
            raise
        # It was damaged and moved aside: prepare it again, once.
        print(f"tolk: warning: {printable(str(error))}", file=sys.stderr)
        prepare(path)
        return Dictionary.open(path)


def _english(texts: list[str]) -> dict[str, str] | None:
    """The model's English of each text, None without a model (said on stderr)."""
    if not texts:
        return {}
    try:
        loaded = load_translator(cli_config().translation)
    except (NoModelError, ArgosFoldersError):
        print(
            "tolk: note: no Norwegian→English model is installed: definitions are in "
            "Norwegian only (`tolk models install` gets one).",
            file=sys.stderr,
        )
        return None
    for warning in loaded.warnings:
        print(f"tolk: warning: {printable(warning)}", file=sys.stderr)
    unique = list(dict.fromkeys(texts))
    return dict(zip(unique, translate_texts(loaded.translator, unique), strict=True))


def _as_json(word: str, lookup: Lookup, english: dict[str, str] | None) -> dict[str, Any]:
    return {
        "word": word,  # as given, so a script can pair answers with its words
        "entries": [_entry_json(entry, english) for entry in lookup.entries],
        # Why nothing was found ("a number", "not in the dictionary"); null when found.
        "reason": lookup.reason or None,
        "suggestions": list(lookup.suggestions),
    }


def _entry_json(entry: Entry, english: dict[str, str] | None) -> dict[str, Any]:
    return {
        "lemma": entry.lemma,
        "word_class": entry.word_class or None,
        "gender": entry.gender or None,
        # How the word reached this entry: "form", "genitive" or "compound part" (then
        # `part` is the part of the word it explains).
        "via": entry.via,
        "part": entry.part or None,
        "inflections": [
            {"form": inflection.form, "tags": inflection.description}
            for inflection in entry.inflections
        ],
        "definitions": [
            {
                "text": definition.text,
                # The installed model's English (machine translation); null without a model.
                "english": english.get(definition.text) if english is not None else None,
            }
            for definition in entry.definitions
        ],
        "examples": list(entry.examples),
    }


def _as_text(lookup: Lookup, english: dict[str, str] | None) -> str:
    word = printable(lookup.word)
    if not lookup.found:
        line = f"{word}: {lookup.reason}."
        if lookup.suggestions:
            line += f" Did you mean: {', '.join(printable(s) for s in lookup.suggestions)}?"
        return line + "\n"
    lines = []
    for entry in lookup.entries:
        how = {"genitive": " (genitive)", "compound part": f" (part {entry.part!r})"}
        lines.append(f"{word} → {printable(entry.heading)}{how.get(entry.via, '')}")
        if entry.forms:
            lines.append(f"  forms: {printable(', '.join(entry.forms))}")
        for number, definition in enumerate(entry.definitions, start=1):
            if definition.text:
                lines.append(f"  {number}. {printable(definition.text)}")
            translated = english.get(definition.text) if english is not None else None
            if translated:
                lines.append(f"     {printable(translated)} [{MACHINE}]")
            shown = definition.examples[:_EXAMPLES_SHOWN]
            if shown:
                lines.append(f"     e.g. {printable('; '.join(shown))}")
    return "\n".join(lines) + "\n"
