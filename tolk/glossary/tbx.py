"""TBX termbases, streamed: TBX-Basic (ISO 30042:2008, `<martif>`, `termEntry/langSet/tig`)
and TBX v3 (ISO 30042:2019, `<tbx>`, `conceptEntry/langSec/termSec`: TBX-Core, TBX-Basic and
other dialects, DCA or DCT style). The parser calls a small state machine for each element and
each run of text; no element tree is ever built.

A concept entry gives a term for each of its Norwegian terms (nb, no, nb-NO...), whose accepted
English is every English term of the entry (en, en-GB, en-US...) except those marked deprecated
or superseded (`administrativeStatus`, as `termNote` in DCA style or an element in DCT style):
a termbase lists the English a translator must not use beside the one they must.

Hardened as every XML file from elsewhere is (`tolk.streamed_xml`): an entity declaration or
external entity is refused before anything is expanded; a plain `<!DOCTYPE martif SYSTEM
"TBXBasiccoreStructV02.dtd">` is accepted and never read; nesting, distinct names and a single
tag's size are bounded, and so is what one entry may hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tolk.glossary.entries import GlossaryFileError, GlossaryTerm, Limits, ReadCounts
from tolk.memory.units import is_english, is_norwegian
from tolk.streamed_xml import XML_LANG, BoundedText, XmlFile, read_xml
from tolk.text import clean_text

__all__ = ["tbx_terms"]

_ROOTS = frozenset({"martif", "tbx"})
_ENTRIES = frozenset({"termEntry", "conceptEntry"})
_LANGUAGES = frozenset({"langSet", "langSec"})
# What holds one term and the notes about it.
_TERM_GROUPS = frozenset({"tig", "ntig", "termSec"})
_STATUS = "administrativeStatus"
_STATUS_CHARS = 100
# English a termbase marks as not to be used is no accepted rendering.
_NOT_TO_USE = ("deprecated", "superseded")
_NOTHING = "nothing was imported"


def tbx_terms(
    path: Path, stream: BinaryIO, counts: ReadCounts, limits: Limits
) -> Iterator[GlossaryTerm]:
    """The nb→en terms of the TBX in `stream`, as they are parsed. Raises GlossaryFileError."""
    counts.format = "tbx"
    file = XmlFile(path, "a TBX", GlossaryFileError, _NOTHING)
    yield from read_xml(file, stream, _TbxReader(path, counts, limits), limits)


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
    """Reads each concept entry, and keeps the terms read since the last `take`."""

    def __init__(self, path: Path, counts: ReadCounts, limits: Limits) -> None:
        self.path = path
        self.counts = counts
        self.limits = limits
        self.entry: _Entry | None = None
        self.text: BoundedText | None = None  # a term or a status being read
        self.text_kind = ""
        self.text_depth = 0
        self.terms: list[GlossaryTerm] = []

    def take(self) -> list[GlossaryTerm]:
        terms, self.terms = self.terms, []
        return terms

    def start(self, name: str, attrib: dict[str, str], depth: int) -> None:
        if depth == 1:
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
            lang = attrib.get(XML_LANG) or attrib.get("lang") or ""
            entry.role = "nb" if is_norwegian(lang) else "en" if is_english(lang) else None
        elif entry.role is None:
            return
        elif name in _TERM_GROUPS:
            entry.group, entry.status = [], None
        elif name == "term":
            self._collect("term", self.limits.term_chars, depth)
        elif name == _STATUS or (name == "termNote" and attrib.get("type") == _STATUS):
            self._collect("status", _STATUS_CHARS, depth)

    def _collect(self, kind: str, limit: int, depth: int) -> None:
        self.text, self.text_kind, self.text_depth = BoundedText(limit), kind, depth

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.add(text)

    def end(self, name: str, depth: int) -> None:
        entry = self.entry
        if entry is None:
            return
        if self.text is not None and depth == self.text_depth:
            self._text_read(entry)
        elif self.text is None:
            if name in _TERM_GROUPS and entry.group is not None:
                self._group_read(entry)
            elif name in _LANGUAGES:
                entry.role = None
            elif name in _ENTRIES:
                self._finish(entry)
                self.entry = None

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
