"""The saved words written out: for Anki (a text file with Anki's header lines), as CSV and as
JSON.

The Anki file follows Anki's text import (Anki 2.1.55 and later): `#key:value` header lines
first (separator, html, notetype, deck, columns, tags column), then one note per line, fields
separated by tabs and quoted as CSV is where needed. It imports into the stock "Basic" note
type with no setup: the columns named Front and Back fill its two fields (Anki maps columns to
fields by name), and the other columns hold each part on its own for a note type of the
user's (the same names: Word, Lemma, …). Fields are HTML (`#html:true`): the word is marked
`<b>…</b>` in its sentence and every text is HTML-escaped, so nothing from an article becomes
markup. A line never starts with `#` (Anki would skip it as a comment).
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Sequence
from typing import Any

from tolk.text import clean_text, json_text
from tolk.vocabulary.entries import SavedWord

__all__ = [
    "ANKI_COLUMNS",
    "ANKI_DECK",
    "ANKI_NOTETYPE",
    "CSV_COLUMNS",
    "EXPORT_FORMAT_VERSION",
    "anki_text",
    "csv_text",
    "json_export",
    "marked_sentence",
    "source_line",
    "word_record",
]

EXPORT_FORMAT_VERSION = 1
_SPACES = re.compile(r"\s+")  # line breaks and tabs too: one line per note
ANKI_NOTETYPE = "Basic"  # in every Anki collection as it comes
ANKI_DECK = "Default"  # Anki ignores a deck name no deck has; this one always exists
ANKI_COLUMNS = (
    "Front",
    "Back",
    "Word",
    "Lemma",
    "Word class",
    "Definition",
    "English",
    "Sentence",
    "Sentence English",
    "Source",
    "Tags",
)
ANKI_TAGS = "tolk"
CSV_COLUMNS = (
    "word",
    "lemma",
    "word_class",
    "definition",
    "english",
    "sentence",
    "sentence_english",
    "title",
    "date",
    "path",
    "paragraph",
    "state",
    "created",
)


def source_line(word: SavedWord) -> str:
    """Where the word was met: "Title (2024-05-01)", or "" when it was saved without one."""
    source = word.source
    if source is None:
        return ""
    return f"{source.title} ({source.date})" if source.date else source.title


def marked_sentence(word: SavedWord) -> str:
    """The sentence as HTML, the word marked `<b>…</b>` where it first stands as a whole word,
    in any case (everything HTML-escaped; unmarked when the word is not found in it)."""
    found = re.search(rf"(?<!\w){re.escape(word.word)}(?!\w)", word.sentence, re.IGNORECASE)
    if found is None:
        return _html(word.sentence)
    before, after = word.sentence[: found.start()], word.sentence[found.end() :]
    return f"{_html(before)}<b>{_html(found.group())}</b>{_html(after)}"


def anki_text(words: Sequence[SavedWord]) -> str:
    """The Anki text file (see the module's docstring)."""
    out = io.StringIO()
    out.write("#separator:tab\n#html:true\n")
    out.write(f"#notetype:{ANKI_NOTETYPE}\n#deck:{ANKI_DECK}\n")
    out.write("#columns:" + "\t".join(ANKI_COLUMNS) + "\n")
    # Without it Anki would take the first column after the fields it maps for the tags.
    out.write(f"#tags column:{len(ANKI_COLUMNS)}\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for word in words:
        writer.writerow(_anki_fields(word))
    return out.getvalue()


def _anki_fields(word: SavedWord) -> list[str]:
    sentence = marked_sentence(word)
    heading = _html(word.lemma) + (f" <i>({_html(word.word_class)})</i>" if word.word_class else "")
    back = [heading]
    if word.definition:
        back.append(_html(word.definition))
    if word.english:
        back.append(f"English here: {_html(word.english)}")
    if word.sentence_english:
        back.append(f"<i>{_html(word.sentence_english)}</i>")
    if source_line(word):
        back.append(f"<small>{_html(source_line(word))}</small>")
    fields = [
        sentence,
        "<br>".join(back),
        _html(word.word),
        _html(word.lemma),
        _html(word.word_class or ""),
        _html(word.definition or ""),
        _html(word.english or ""),
        sentence,
        _html(word.sentence_english or ""),
        _html(source_line(word)),
        ANKI_TAGS,
    ]
    if fields[0].startswith("#"):
        fields[0] = "&#35;" + fields[0][1:]  # a line starting with # is a comment to Anki
    return fields


def _html(text: str) -> str:
    """`text` as HTML text on one line (a field holds no line break or tab of its own), its
    control characters dropped: they mean nothing on a card, and the file may go to a
    terminal."""
    return html.escape(_SPACES.sub(" ", clean_text(text)), quote=True)


def word_record(word: SavedWord) -> dict[str, Any]:
    """One word as a JSON object (`list --json` and the JSON export)."""
    source = word.source
    return {
        "id": word.id,
        "word": word.word,
        "lemma": word.lemma,
        "word_class": word.word_class,
        "definition": word.definition,
        "english": word.english,
        "sentence": word.sentence,
        "sentence_english": word.sentence_english,
        "title": source.title if source else None,
        "date": source.date if source else None,
        "path": str(source.path) if source else None,
        "paragraph": source.paragraph if source else None,
        "state": word.state.value,
        "created": word.created,
        "updated": word.updated,
    }


def json_export(words: Sequence[SavedWord]) -> str:
    """The JSON export: {"version", "words": [word objects, newest first]}."""
    payload = {"version": EXPORT_FORMAT_VERSION, "words": [word_record(w) for w in words]}
    return json_text(payload) + "\n"


def csv_text(words: Sequence[SavedWord]) -> str:
    """The CSV export (RFC 4180, comma-separated, a header row; texts as they are, line breaks
    kept, but tabs as spaces and other control characters dropped: the file may go to a
    terminal)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")  # a CR is a control to a terminal
    writer.writerow(CSV_COLUMNS)
    for word in words:
        record = word_record(word)
        writer.writerow([_csv_field(record[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def _csv_field(value: object) -> str:
    return "" if value is None else clean_text(str(value))
