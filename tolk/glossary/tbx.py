"""TBX termbases, streamed: TBX-Basic (ISO 30042:2008, `<martif>`, `termEntry/langSet/tig`)
and TBX v3 (ISO 30042:2019, `<tbx>`, `conceptEntry/langSec/termSec`: TBX-Core, TBX-Basic and
other dialects, DCA or DCT style). The parser calls a small state machine for each element and
each run of text; no element tree is ever built.

A concept entry gives a term for each of its Norwegian terms (nb, no, nb-NO...), whose accepted
English is every English term of the entry (en, en-GB, en-US...) except those marked deprecated
or superseded (`administrativeStatus`, as `termNote` in DCA style or an element in DCT style):
a termbase lists the English a translator must not use beside the one they must.

Hardened as the memory's TMX reader is (`tolk.memory.tmx`, whose pieces it uses): defusedxml
refuses an entity declaration or external entity before anything is expanded; a plain
`<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">` is accepted and never read; nesting,
distinct names and a single tag's size are bounded, and so is what one entry may hold.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from tolk.glossary.entries import GlossaryFileError, GlossaryTerm, Limits, ReadCounts
from tolk.memory.tmx import BoundedText
from tolk.memory.units import is_english, is_norwegian
from tolk.text import clean_text

__all__ = ["tbx_terms"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ROOTS = frozenset({"martif", "tbx"})
_ENTRIES = frozenset({"termEntry", "conceptEntry"})
_LANGUAGES = frozenset({"langSet", "langSec"})
# What holds one term and the notes about it.
_TERM_GROUPS = frozenset({"tig", "ntig", "termSec"})
_STATUS = "administrativeStatus"
_STATUS_CHARS = 100
# English a termbase marks as not to be used is no accepted rendering.
_NOT_TO_USE = ("deprecated", "superseded")
_CHUNK = 64 * 1024
_NOTHING = "nothing was imported"


def tbx_terms(
    path: Path, stream: BinaryIO, counts: ReadCounts, limits: Limits
) -> Iterator[GlossaryTerm]:
    """The nb→en terms of the TBX in `stream`, as they are parsed. Raises GlossaryFileError."""
    counts.format = "tbx"
    reader = _TbxReader(path, counts, limits)
    parser = DefusedXMLParser(
        target=reader,
        forbid_dtd=False,  # TBX-Basic files carry <!DOCTYPE martif SYSTEM "...dtd">
        forbid_entities=True,
        forbid_external=True,
    )
    reader.expat = parser.parser
    quiet = 0  # bytes fed since the parser last reported an element or text
    try:
        while chunk := _read(path, stream):
            heard = reader.events
            parser.feed(chunk)
            # Expat holds an unfinished tag, comment or declaration whole: one past the
            # limit is refused, not buffered.
            quiet = quiet + len(chunk) if reader.events == heard else 0
            if quiet > limits.xml_token_bytes:
                reader.refuse(
                    f"a single tag, comment or declaration over {limits.xml_token_bytes:,} "
                    "bytes (a TBX's are short)"
                )
            yield from reader.take_terms()
        parser.close()
        yield from reader.take_terms()
    except ET.ParseError as error:
        line, column = error.position
        column += 1  # expat counts columns from 0, editors from 1
        reason = str(error).split(":", 1)[0] if ": line" in str(error) else str(error)
        raise GlossaryFileError(
            f"{path}:{line}:{column}: malformed XML ({reason}); {_NOTHING}"
        ) from error
    except DefusedXmlException as error:
        raise GlossaryFileError(
            f"{path}: refused: the file declares entities ({type(error).__name__}: "
            f"{getattr(error, 'name', '?')}); a TBX needs none, and expanding them could "
            f"exhaust memory or read other files; {_NOTHING}"
        ) from error
    if not reader.root_seen:
        raise GlossaryFileError(f"{path}: empty file; {_NOTHING}")


def _read(path: Path, stream: BinaryIO) -> bytes:
    try:
        return stream.read(_CHUNK)
    except OSError as error:
        raise GlossaryFileError(f"{path}: {error.strerror or error}; {_NOTHING}") from error


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Entry:
    """A concept entry being read: its Norwegian and English terms so far."""

    def __init__(self) -> None:
        self.norwegian: list[str] = []
        self.english: list[str] = []
        self.too_long = False  # a term over the limit, or too many terms
        self.role: str | None = None  # the language section being read: "nb", "en" or None
        self.group: list[str] | None = None  # the terms of the term group being read
        self.status: str | None = None  # that group's administrative status


class _TbxReader:
    """The parser's target: follows the nesting, reads each concept entry, and keeps the
    terms read since the last `take_terms`."""

    def __init__(self, path: Path, counts: ReadCounts, limits: Limits) -> None:
        self.path = path
        self.counts = counts
        self.limits = limits
        self.expat: Any = None  # the expat parser, for the line of a refusal and its names
        self.root_seen = False
        self.depth = 0
        self.entry: _Entry | None = None
        self.text: BoundedText | None = None  # a term or a status being read
        self.text_kind = ""
        self.text_depth = 0
        self.terms: list[GlossaryTerm] = []
        self.events = 0

    def take_terms(self) -> list[GlossaryTerm]:
        terms, self.terms = self.terms, []
        return terms

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.events += 1
        self.depth += 1
        if self.depth > self.limits.xml_depth:
            self.refuse(
                f"elements nested more than {self.limits.xml_depth:,} deep (a TBX needs about ten)"
            )
        if len(self.expat.intern) > self.limits.xml_names:
            self.refuse(
                f"more than {self.limits.xml_names:,} different element and attribute names "
                "(a TBX uses a few dozen)"
            )
        name = _local(tag)
        if not self.root_seen:
            self.root_seen = True
            if name not in _ROOTS:
                memory = (
                    "; a TMX is a translation memory: `tolk memory import`" if name == "tmx" else ""
                )
                raise GlossaryFileError(
                    f"{self.path}: not a TBX file (its root element is <{name}>, not <martif> "
                    f"or <tbx>){memory}; {_NOTHING}"
                )
            return
        entry = self.entry
        if entry is None:
            if name in _ENTRIES:
                self.entry = _Entry()
            return
        if self.text is not None:
            return  # markup inside a term (<hi>): its text is the term's
        if name in _LANGUAGES:
            lang = attrib.get(_XML_LANG) or attrib.get("lang") or ""
            entry.role = "nb" if is_norwegian(lang) else "en" if is_english(lang) else None
        elif entry.role is None:
            return
        elif name in _TERM_GROUPS:
            entry.group, entry.status = [], None
        elif name == "term":
            self._collect("term", self.limits.term_chars)
        elif name == _STATUS or (name == "termNote" and attrib.get("type") == _STATUS):
            self._collect("status", _STATUS_CHARS)

    def _collect(self, kind: str, limit: int) -> None:
        self.text, self.text_kind, self.text_depth = BoundedText(limit), kind, self.depth

    def data(self, text: str) -> None:
        self.events += 1
        if self.text is not None:
            self.text.add(text)

    def end(self, tag: str) -> None:
        self.events += 1
        entry = self.entry
        if entry is not None:
            if self.text is not None and self.depth == self.text_depth:
                self._text_read(entry)
            elif self.text is None:
                name = _local(tag)
                if name in _TERM_GROUPS and entry.group is not None:
                    self._group_read(entry)
                elif name in _LANGUAGES:
                    entry.role = None
                elif name in _ENTRIES:
                    self._finish(entry)
                    self.entry = None
        self.depth -= 1

    def close(self) -> None:
        """The parser's end of input; nothing is left to do."""

    def _text_read(self, entry: _Entry) -> None:
        value, kind = self.text.value() if self.text is not None else None, self.text_kind
        self.text = None
        if kind == "status":
            entry.status = value
            return
        if value is None:
            entry.too_long = True
            return
        value = clean_text(value).strip()
        if not value:
            return
        if entry.group is not None:
            entry.group.append(value)
        else:  # a <term> straight in its language section, as some writers do
            self._add(entry, [value], None)

    def _group_read(self, entry: _Entry) -> None:
        terms, entry.group = entry.group or [], None
        self._add(entry, terms, entry.status)

    def _add(self, entry: _Entry, terms: list[str], status: str | None) -> None:
        if entry.role == "en" and status and status.casefold().startswith(_NOT_TO_USE):
            return
        kept = entry.norwegian if entry.role == "nb" else entry.english
        for term in terms:
            if len(kept) >= self.limits.entry_terms:
                entry.too_long = True
                return
            if term not in kept:
                kept.append(term)

    def _finish(self, entry: _Entry) -> None:
        if entry.too_long:
            self.counts.too_long += 1
        elif not entry.norwegian or not entry.english:
            self.counts.skipped += 1
        else:
            english = tuple(entry.english)
            self.terms += [GlossaryTerm(source, english) for source in entry.norwegian]

    def refuse(self, reason: str) -> NoReturn:
        """Stop reading: the file is refused for `reason`, at the parser's position."""
        line, column = self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber + 1
        raise GlossaryFileError(f"{self.path}:{line}:{column}: refused: {reason}; {_NOTHING}")
