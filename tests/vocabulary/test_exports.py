"""The exports read back: the Anki file by the rules of Anki's own text import (rslib's
import_export/text/csv: `#key:value` header lines at the top, then CSV records with `#` lines
as comments, columns mapped to the note type's fields by name), CSV and JSON by their readers."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tolk.vocabulary.entries import NewWord, SavedWord, WordSource, WordState
from tolk.vocabulary.exports import CSV_COLUMNS, anki_text, csv_text, json_export
from tolk.vocabulary.lexicon import WordSense
from tolk.vocabulary.store import VocabularyStore, open_vocabulary

DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", "space": " ", "pipe": "|", "colon": ":"}
BASIC_FIELDS = ("Front", "Back")  # the stock note type's fields


@dataclass
class AnkiImport:
    """What Anki's importer makes of a text file, as far as a test needs it."""

    headers: dict[str, str] = field(default_factory=dict)
    notes: list[dict[str, str]] = field(default_factory=list)  # field name -> value
    tags: list[list[str]] = field(default_factory=list)
    records: list[list[str]] = field(default_factory=list)


def anki_import(text: str) -> AnkiImport:
    """Read `text` as Anki 2.1.55+ does (metadata.rs parse_meta_lines, import.rs)."""
    parsed = AnkiImport()
    lines = text.splitlines(keepends=True)
    at = 0
    while at < len(lines) and lines[at].startswith("#"):
        key, _, value = lines[at][1:].partition(":")
        parsed.headers[key.strip().lower()] = value.rstrip("\n")
        at += 1
    delimiter = DELIMITERS[parsed.headers["separator"].strip().lower()]
    [columns] = list(csv.reader([parsed.headers["columns"]], delimiter=delimiter))
    # Fields by name (map_field_columns_by_name); the tags column as the header says.
    field_columns = {name: columns.index(name) for name in BASIC_FIELDS if name in columns}
    tags_column = int(parsed.headers["tags column"]) - 1
    body = [line for line in lines[at:] if not line.startswith("#")]  # comment lines
    for record in csv.reader(io.StringIO("".join(body)), delimiter=delimiter):
        parsed.records.append(record)
        parsed.notes.append({name: record[i] for name, i in field_columns.items()})
        parsed.tags.append(record[tags_column].split())
    return parsed


@pytest.fixture
def store() -> VocabularyStore:
    opened = open_vocabulary()
    assert opened.store is not None
    return opened.store


def saved_words(store: VocabularyStore, tmp_path: Path) -> list[SavedWord]:
    source = WordSource(tmp_path / "a.txt", "Strøm & <priser>", "2024-05-01", 2)
    store.save(
        NewWord(
            "gikk",
            WordSense("gå", "verb", 'bevege seg; "gå" til fots'),
            'Hun gikk\thjem, og <script>alert("x")</script> gikk igjen.\nNy linje.',
            "went",
            "She went home.",
            source,
        )
    )
    store.save(NewWord("Huset", WordSense("hus"), "Huset er rødt."), WordState.KNOWN)
    return store.words()


def test_the_anki_file_imports_into_basic_with_the_word_marked(
    store: VocabularyStore, tmp_path: Path
) -> None:
    words = saved_words(store, tmp_path)
    imported = anki_import(anki_text(words))
    assert imported.headers["html"] == "true"
    assert imported.headers["notetype"] == "Basic" and imported.headers["deck"] == "Default"
    assert len(imported.notes) == 2  # one note per word, newest first
    assert all(len(record) == 11 for record in imported.records)
    assert imported.tags == [["tolk"], ["tolk"]]
    front, back = imported.notes[1]["Front"], imported.notes[1]["Back"]
    # The word marked where it first stands; the markup in the article's text escaped.
    assert front.startswith("Hun <b>gikk</b> hjem, og &lt;script&gt;alert(&quot;x&quot;)")
    assert front.count("<b>") == 1 and "<script>" not in front
    assert "gå <i>(verb)</i>" in back and "English here: went" in back
    assert "<i>She went home.</i>" in back
    assert "Strøm &amp; &lt;priser&gt; (2024-05-01)" in back
    assert imported.notes[0]["Front"] == "<b>Huset</b> er rødt."


def test_each_part_has_its_own_column(store: VocabularyStore, tmp_path: Path) -> None:
    words = saved_words(store, tmp_path)
    imported = anki_import(anki_text(words))
    columns = imported.headers["columns"].split("\t")
    record = dict(zip(columns, imported.records[1], strict=True))
    assert record["Word"] == "gikk" and record["Lemma"] == "gå"
    assert record["Word class"] == "verb" and record["English"] == "went"
    assert record["Definition"] == "bevege seg; &quot;gå&quot; til fots"
    assert record["Sentence English"] == "She went home."


def test_a_note_never_starts_a_comment_line(store: VocabularyStore) -> None:
    store.save(NewWord("hei", WordSense("hei"), "#hei og hå"))
    text = anki_text(store.words())
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert len(body) == 1 and body[0].startswith("&#35;")


def test_csv_and_json_carry_every_word_as_it_was_saved(
    store: VocabularyStore, tmp_path: Path
) -> None:
    words = saved_words(store, tmp_path)
    rows = list(csv.DictReader(io.StringIO(csv_text(words))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1]["sentence"] == words[1].sentence.replace("\t", " ")  # lines, quotes kept
    assert rows[1]["path"] == str(tmp_path / "a.txt") and rows[0]["path"] == ""
    document = json.loads(json_export(words))
    assert document["version"] == 1
    assert [w["lemma"] for w in document["words"]] == ["hus", "gå"]
    assert document["words"][0]["state"] == "known"
