"""tolk's own JSON export (`tolk export --format json`), read one article at a time.

An export is one article object or an array of them. The array is walked here: each article is
decoded on its own with the standard library's decoder (`raw_decode`, from a buffer that grows
until the article is complete) and dropped once its units are taken, so a 200 MB export of
many articles is never in memory whole. One article past `Limits.json_document_chars` is
refused, naming the remedy (its TMX export is read with no such limit); nesting deeper than
the decoder's stack allows is refused, not a crash. Only what a person stands behind is taken:
a correction, the memory's English, or the English of a sentence marked reviewed.

ijson (a streaming JSON parser) was weighed and not taken: it would stream one huge article
too, but still holds a whole string value in memory, and it is a compiled dependency for a
format tolk writes itself, whose documents are articles of a bounded size.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from tolk.memory.units import Limits, MemoryFileError, MemoryUnit, ReadCounts
from tolk.text import normalise

__all__ = ["json_units"]

_CHUNK = 1 << 18  # bytes read at a time
_SPACE = re.compile(r"[ \t\r\n]*")  # JSON's whitespace


def json_units(
    path: Path, stream: BinaryIO, counts: ReadCounts, limits: Limits
) -> Iterator[MemoryUnit]:
    """The units of the export in `stream`, article by article. Raises MemoryFileError."""
    documents = _Documents(path, stream, limits.json_document_chars)
    for number, document in enumerate(documents, start=1):
        if not isinstance(document, dict) or not isinstance(document.get("paragraphs"), list):
            raise MemoryFileError(
                f"{path}: not a tolk JSON export (document {number} has no paragraphs)"
            )
        units: list[MemoryUnit] = []
        for paragraph in document["paragraphs"]:
            for sentence in _sentences(path, paragraph):
                unit = _json_unit(sentence, limits.segment_chars, counts)
                if unit is not None:
                    units.append(unit)
        del document  # the article's units are all that is kept of it
        yield from units


class _Documents:
    """The top-level documents of a JSON file: the elements of its array, or the one value it
    holds. Keeps one document's text in memory at a time."""

    def __init__(self, path: Path, stream: BinaryIO, most: int) -> None:
        self.path = path
        self.most = most
        self.text = codecs.getincrementaldecoder("utf-8-sig")()
        self.stream = stream
        self.buffer = ""
        self.position = 0  # where reading has got to, in `buffer`
        self.line = 1  # the line and column where `buffer` starts, for error messages
        self.column = 1
        self.ended = False
        self.decoder = json.JSONDecoder()

    def __iter__(self) -> Iterator[Any]:
        first = self._next_character()
        if first != "[":
            yield self._document()
            self._expect_end()
            return
        self.position += 1
        if self._next_character() == "]":
            self.position += 1
            self._expect_end()
            return
        while True:
            yield self._document()
            separator = self._next_character()
            self.position += 1
            if separator == "]":
                self._expect_end()
                return
            if separator != ",":
                self._malformed("Expecting ',' delimiter", self.position - 1)

    def _document(self) -> Any:
        """Decode the value at the reading position, reading on until it is complete."""
        self._next_character()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.position)
            except json.JSONDecodeError as error:
                if self.ended:
                    self._malformed(error.msg, error.pos)
                read = len(self.buffer) - self.position
                if read > self.most:
                    self._too_big()
                # The value goes on past what has been read: read as much again (reading
                # doubles, so decoding the growing prefix stays linear in the document).
                self._fill(max(_CHUNK, read))
                continue
            except RecursionError as error:
                raise MemoryFileError(
                    f"{self.path}: refused: nested too deeply to be a tolk export (it is 4 "
                    "levels deep); nothing was imported"
                ) from error
            if end - self.position > self.most:
                self._too_big()
            self.position = end
            return value

    def _too_big(self) -> NoReturn:
        raise MemoryFileError(
            f"{self.path}: refused: a document in it is over {self.most:,} characters; import "
            "the article's TMX export (`tolk export --format tmx`) instead. Nothing was imported."
        )

    def _next_character(self) -> str:
        """The next character that is not whitespace (reading on as needed), not consumed;
        "" at the end of the file."""
        while True:
            space = _SPACE.match(self.buffer, self.position)
            self.position = space.end() if space else self.position
            if self.position < len(self.buffer):
                return self.buffer[self.position]
            if self.ended:
                return ""
            self._fill(_CHUNK)

    def _expect_end(self) -> None:
        if self._next_character():
            self._malformed("Extra data", self.position)

    def _fill(self, size: int) -> None:
        """Read `size` more bytes, first dropping what was read before the reading position."""
        self._drop_read()
        try:
            raw = self.stream.read(size)
            self.buffer += self.text.decode(raw, final=not raw)
        except UnicodeDecodeError as error:
            raise MemoryFileError(
                f"{self.path}: not UTF-8 ({error.reason}); nothing was imported"
            ) from error
        except OSError as error:
            raise MemoryFileError(
                f"{self.path}: {error.strerror or error}; nothing was imported"
            ) from error
        self.ended = not raw

    def _drop_read(self) -> None:
        """Forget the text before the reading position, keeping count of its lines."""
        done = self.buffer[: self.position]
        newlines = done.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(done) - done.rfind("\n")
        else:
            self.column += len(done)
        self.buffer = self.buffer[self.position :]
        self.position = 0

    def _malformed(self, reason: str, at: int) -> NoReturn:
        before = self.buffer[:at]
        newlines = before.count("\n")
        line = self.line + newlines
        column = at - before.rfind("\n") if newlines else self.column + at
        raise MemoryFileError(
            f"{self.path}:{line}:{column}: malformed JSON ({reason}); nothing was imported"
        )


def _sentences(path: Path, paragraph: Any) -> list[dict[str, Any]]:
    sentences = paragraph.get("sentences") if isinstance(paragraph, dict) else None
    if not isinstance(sentences, list) or not all(isinstance(s, dict) for s in sentences):
        raise MemoryFileError(f"{path}: not a tolk JSON export (a paragraph has no sentences)")
    return sentences


def _json_unit(sentence: dict[str, Any], most: int, counts: ReadCounts) -> MemoryUnit | None:
    source = sentence.get("source")
    correction = sentence.get("correction")
    memory = sentence.get("memory")
    english = (
        correction
        if isinstance(correction, str)
        else memory
        if isinstance(memory, str)
        else sentence.get("target")
        if sentence.get("reviewed") is True
        else None
    )
    if not isinstance(source, str) or not isinstance(english, str):
        counts.skipped += 1
        return None
    source, english = normalise(source), normalise(english)
    if not source or not english:
        counts.skipped += 1
        return None
    if len(source) > most or len(english) > most:
        counts.too_long += 1
        return None
    note = sentence.get("note")
    note = normalise(note) if isinstance(note, str) else None
    return MemoryUnit(source, english, note if note and len(note) <= most else None)
