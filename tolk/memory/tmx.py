"""TMX 1.4, streamed: the parser calls a small state machine for each element and each run of
text, and no element tree is ever built.

A TMX is untrusted input, read as every XML file from elsewhere is (`tolk.streamed_xml`):
entity declarations and external entities are refused before anything is expanded or
fetched, a plain `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` is accepted and never read, nesting,
distinct names and a single tag are bounded. What a `<tu>` holds is kept only while the unit is
read, and only what a unit can use (the first Norwegian and English segment, a note, three tolk
properties), each up to `Limits.segment_chars`; text and elements outside a `<tu>` are dropped
as they are parsed. Whatever the file, memory stays bounded: a 200 MB `<seg>` costs 20,000
characters, not 3 GB.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tolk.memory.units import (
    Limits,
    MemoryFileError,
    MemoryUnit,
    ReadCounts,
    is_english,
    is_norwegian,
)
from tolk.streamed_xml import XML_LANG, BoundedText, XmlFile, read_xml

__all__ = ["tmx_units"]

# Inline elements whose content is the original document's markup (a <b>, a field code), not
# text: dropped, their tails kept. <hi> wraps real text; <sub> holds a footnote's sub-flow.
_CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut", "sub"})
# The properties tolk's own TMX marks approval with; no other property is kept.
_PROPS = frozenset({"x-status", "x-reviewed", "x-origin"})
_PROP_CHARS = 100


def tmx_units(
    path: Path, stream: BinaryIO, counts: ReadCounts, limits: Limits
) -> Iterator[MemoryUnit]:
    """The nb→en units of the TMX in `stream`, as they are parsed. Raises MemoryFileError."""
    file = XmlFile(path, "a TMX", MemoryFileError, "nothing was imported")
    yield from read_xml(file, stream, _TmxReader(path, counts, limits), limits)


class _Unit:
    """A `<tu>` being read. Levels count from the `<tu>`: its children are at level 1."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.source: str | None = None
        self.target: str | None = None
        self.note: str | None = None
        self.props: dict[str, str] = {}
        self.too_long = False
        self.role: str | None = None  # what the current <tuv> may give: "source", "target"
        self.seg_seen = False  # the current <tuv>'s first <seg> has been met
        self.text: BoundedText | None = None  # the segment, note or property being read
        self.text_kind = ""
        self.text_level = 0
        self.inner = 0  # elements open inside the text whose content is not its text
        self.closed = False  # a note or property: its text ends at its first child element

    def start(self, name: str, attrib: dict[str, str], level: int) -> None:
        if self.text is not None:
            if self.text_kind != "seg":
                self.closed = True
            elif self.inner or name in _CODE_ELEMENTS:
                self.inner += 1
            return
        if level == 1:
            self.role = None
            if name == "tuv":
                # TMX 1.4 says xml:lang; TMX 1.1 writers used lang.
                lang = attrib.get(XML_LANG) or attrib.get("lang") or ""
                self.seg_seen = False
                if self.source is None and is_norwegian(lang):
                    self.role = "source"
                elif self.target is None and is_english(lang):
                    self.role = "target"
            elif name == "note" and self.note is None:
                self._collect("note", self.limit, level)
            elif name == "prop" and attrib.get("type") in _PROPS:
                self._collect(attrib["type"], _PROP_CHARS, level)
        elif level == 2 and name == "seg" and not self.seg_seen:
            self.seg_seen = True
            if self.role is not None:
                self._collect("seg", self.limit, level)

    def _collect(self, kind: str, limit: int, level: int) -> None:
        self.text, self.text_kind, self.text_level = BoundedText(limit), kind, level
        self.inner, self.closed = 0, False

    def data(self, text: str) -> None:
        if self.text is not None and not self.inner and not self.closed:
            self.text.add(text)

    def end(self, level: int) -> None:
        if self.text is None:
            return
        if level != self.text_level:
            if self.inner:
                self.inner -= 1
            return
        value, kind = self.text.value(), self.text_kind
        self.text = None
        if kind == "seg":
            if value is None:
                self.too_long = True
            elif value and self.role == "source":
                self.source = value
            elif value and self.role == "target":
                self.target = value
        elif kind == "note":
            self.note = value or None
        elif value is not None:
            self.props[kind] = value

    def unit(self, tolk_file: bool) -> MemoryUnit | None:
        """The unit, or None when it lacks a side or (in tolk's own TMX) approval."""
        if self.source is None or self.target is None:
            return None
        if tolk_file and not _approved(self.props):
            return None
        return MemoryUnit(self.source, self.target, self.note)


class _TmxReader:
    """Reads each `<tu>` with a `_Unit`, and keeps the units read since the last `take`."""

    def __init__(self, path: Path, counts: ReadCounts, limits: Limits) -> None:
        self.path = path
        self.counts = counts
        self.limits = limits
        self.tolk_file = False
        self.tu: _Unit | None = None
        self.tu_depth = 0
        self.units: list[MemoryUnit] = []

    def take(self) -> list[MemoryUnit]:
        units, self.units = self.units, []
        return units

    def start(self, name: str, attrib: dict[str, str], depth: int) -> None:
        if self.tu is not None:
            self.tu.start(name, attrib, depth - self.tu_depth)
        elif depth == 1:
            if name != "tmx":
                raise MemoryFileError(
                    f"{self.path}: not a TMX file (its root element is <{name}>, not <tmx>)"
                )
        elif name == "tu":
            self.tu, self.tu_depth = _Unit(self.limits.segment_chars), depth
        elif name == "header":
            self.tolk_file = attrib.get("creationtool") == "tolk"

    def data(self, text: str) -> None:
        if self.tu is not None:
            self.tu.data(text)

    def end(self, name: str, depth: int) -> None:
        tu = self.tu
        if tu is None:
            return
        if depth == self.tu_depth:
            self._finish(tu)
            self.tu = None
        else:
            tu.end(depth - self.tu_depth)

    def _finish(self, tu: _Unit) -> None:
        if tu.too_long:
            self.counts.too_long += 1
            return
        unit = tu.unit(self.tolk_file)
        if unit is None:
            self.counts.skipped += 1
        else:
            self.units.append(unit)


def _approved(props: dict[str, str]) -> bool:
    """In tolk's own TMX, the units a person stands behind: corrections, reviewed sentences and
    memory matches; the model's unreviewed output is not memory."""
    return (
        props.get("x-status") in ("corrected", "memory")
        or props.get("x-reviewed") == "yes"
        or props.get("x-origin") in ("corrected", "memory")
    )
