"""Tab- or comma-separated glossaries, streamed line by line.

Two shapes are read:

- **with a header** naming the columns: the Norwegian (`nb`, `no`, `Norwegian`, `source`,
  `term`...), the English (`en`, `en-GB`, `English`, `target`, `translation`...; each English
  column is an accepted rendering) and optionally a comment (`comment`, `note`...), separated by
  tabs, semicolons or commas, quoted as spreadsheets write them;
- **OmegaT's glossary** (`.txt`, `.utf8`, `.tab`): no header, tab-separated, three columns —
  source, target, comment — and `#` lines as comments. A term given on several lines has each
  line's English.

The file must be UTF-8 (a BOM is fine) or UTF-16 with a BOM; anything else is refused with the
line where it stops being UTF-8, since guessing would store wrong terms. A line is read up to
`Limits.line_bytes`; a longer one refuses the file. Nothing but the current line is held.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tolk.glossary.entries import GlossaryFileError, GlossaryTerm, Limits, ReadCounts
from tolk.memory.units import is_english, is_norwegian
from tolk.text import clean_text, normalise

__all__ = ["delimited_terms"]

_SOURCE_NAMES = frozenset(
    {"norwegian", "norsk", "bokmål", "bokmal", "norwegian bokmål", "source", "source term"}
    | {"term", "kilde", "kildespråk"}
)
_TARGET_NAMES = frozenset(
    {"english", "engelsk", "target", "target term", "translation", "oversettelse", "målspråk"}
)
_NOTE_NAMES = frozenset(
    {"comment", "comments", "note", "notes", "description", "definition", "kommentar"}
    | {"merknad", "context"}
)
# Tried in this order on the first line: a tab-separated header may hold commas in a name.
_DELIMITERS = ("\t", ";", ",")
_NOTHING = "nothing was imported"


def delimited_terms(
    path: Path, stream: BinaryIO, counts: ReadCounts, limits: Limits
) -> Iterator[GlossaryTerm]:
    """The terms of the tab- or comma-separated glossary in `stream`, as they are read.
    Raises GlossaryFileError."""
    lines = _numbered_lines(path, stream, limits)
    first = next(((number, line) for number, line in lines if _content(line)), None)
    if first is None:
        raise GlossaryFileError(f"{path}: empty file; {_NOTHING}")
    number, line = first
    header = _header(line)
    if header is not None:
        delimiter, columns = header
        counts.format = "tsv" if delimiter == "\t" else "csv"
        yield from _rows(path, lines, delimiter, columns, counts, limits)
    elif "\t" in line:
        counts.format = "omegat"
        yield from _omegat(path, [(number, line)], counts, limits)
        yield from _omegat(path, lines, counts, limits)
    else:
        raise GlossaryFileError(
            f"{path}:{number}: no header naming the Norwegian and English columns (such as "
            "`nb,en,comment` or `source<TAB>target`), and not tab-separated as OmegaT's "
            f"glossary is (source, target, comment); {_NOTHING}"
        )


def _content(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _numbered_lines(path: Path, stream: BinaryIO, limits: Limits) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line, newline kept; a line past the limit, or one that is
    not in the file's encoding, raises GlossaryFileError naming it."""
    head = stream.read(4)
    stream.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield from _utf16_lines(path, stream, limits)
        return
    number = 0
    while True:
        raw = _read_line(path, stream, limits.line_bytes, number + 1)
        if not raw:
            return
        number += 1
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as error:
            column = len(raw[: error.start].decode("utf-8", "replace")) + 1
            raise GlossaryFileError(
                f"{path}:{number}:{column}: not UTF-8 (byte 0x{raw[error.start]:02x}); save the "
                f"glossary as UTF-8 and import it again; {_NOTHING}"
            ) from None


def _read_line(path: Path, stream: BinaryIO, limit: int, number: int) -> bytes:
    try:
        raw = stream.readline(limit + 1)
    except OSError as error:
        raise GlossaryFileError(f"{path}: {error.strerror or error}; {_NOTHING}") from error
    if len(raw) > limit and not raw.endswith(b"\n"):
        raise GlossaryFileError(
            f"{path}:{number}: refused: a line over {limit:,} bytes (a glossary's lines are a "
            f"term, its English and a comment); {_NOTHING}"
        )
    return raw


def _utf16_lines(path: Path, stream: BinaryIO, limits: Limits) -> Iterator[tuple[int, str]]:
    """Lines of a UTF-16 file (with its BOM), as spreadsheets save "Unicode text"."""
    text = io.TextIOWrapper(stream, encoding="utf-16", newline="")
    number = 0
    try:
        while line := text.readline(limits.line_bytes + 1):
            number += 1
            if len(line) > limits.line_bytes and not line.endswith("\n"):
                raise GlossaryFileError(
                    f"{path}:{number}: refused: a line over {limits.line_bytes:,} characters; "
                    f"{_NOTHING}"
                )
            yield number, line
    except UnicodeDecodeError:
        raise GlossaryFileError(
            f"{path}:{number + 1}: not UTF-16, though it starts as UTF-16 does; save the "
            f"glossary as UTF-8 and import it again; {_NOTHING}"
        ) from None
    finally:
        text.detach()


def _header(line: str) -> tuple[str, tuple[int, tuple[int, ...], int | None]] | None:
    """The delimiter and columns (Norwegian, English ones, comment) the first line names, or
    None when it names no Norwegian and English column."""
    for delimiter in _DELIMITERS:
        if delimiter not in line:
            continue
        cells = [cell.strip().casefold() for cell in next(csv.reader([line], delimiter=delimiter))]
        sources = [i for i, cell in enumerate(cells) if _is_source(cell)]
        targets = tuple(i for i, cell in enumerate(cells) if _is_target(cell))
        notes = [i for i, cell in enumerate(cells) if cell in _NOTE_NAMES]
        if sources and targets:
            return delimiter, (sources[0], targets, notes[0] if notes else None)
    return None


def _is_source(name: str) -> bool:
    return name in _SOURCE_NAMES or is_norwegian(name)


def _is_target(name: str) -> bool:
    return name in _TARGET_NAMES or is_english(name)


def _rows(
    path: Path,
    lines: Iterator[tuple[int, str]],
    delimiter: str,
    columns: tuple[int, tuple[int, ...], int | None],
    counts: ReadCounts,
    limits: Limits,
) -> Iterator[GlossaryTerm]:
    source_at, targets_at, note_at = columns
    numbers = [1]  # the line the reader is on, for a message

    def texts() -> Iterator[str]:
        for number, line in lines:
            numbers[0] = number
            yield line

    reader = csv.reader(texts(), delimiter=delimiter)
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            cells = [row[i] if i < len(row) else "" for i in (source_at, *targets_at)]
            note = row[note_at] if note_at is not None and note_at < len(row) else None
            term = _term(cells[0], cells[1:], note, counts, limits)
            if term is not None:
                yield term
    except csv.Error as error:
        raise GlossaryFileError(
            f"{path}:{numbers[0]}: malformed ({error}; a quote opened and never closed?); "
            f"{_NOTHING}"
        ) from None


def _omegat(
    path: Path,
    lines: Iterator[tuple[int, str]] | list[tuple[int, str]],
    counts: ReadCounts,
    limits: Limits,
) -> Iterator[GlossaryTerm]:
    for _, line in lines:
        if not _content(line):
            continue
        cells = line.rstrip("\r\n").split("\t")
        note = cells[2] if len(cells) > 2 else None
        term = _term(cells[0], cells[1:2], note, counts, limits)
        if term is not None:
            yield term


def _term(
    source: str, targets: list[str], note: str | None, counts: ReadCounts, limits: Limits
) -> GlossaryTerm | None:
    """The row's term, or None (counted) when it lacks a side or a side is too long."""
    term = _cell(source)
    renderings = [english for english in map(_cell, targets) if english]
    if not term or not renderings:
        counts.skipped += 1
        return None
    if len(term) > limits.term_chars or any(len(r) > limits.term_chars for r in renderings):
        counts.too_long += 1
        return None
    comment = _cell(note or "")[: limits.note_chars] or None
    return GlossaryTerm(term, tuple(dict.fromkeys(renderings)), comment)


def _cell(text: str) -> str:
    return normalise(clean_text(text))
