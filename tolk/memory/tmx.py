"""TMX 1.4, streamed: the parser calls a small state machine for each element and each run of
text, and no element tree is ever built.

A TMX is untrusted input. It is parsed with defusedxml's parser: an entity declaration (the
"billion laughs") or an external entity is refused the moment the parser meets its
declaration, before anything is expanded or fetched; a plain `<!DOCTYPE tmx SYSTEM
"tmx14.dtd">`, which real TMX files carry, is accepted and never read (expat does not load
external DTDs). What a `<tu>` holds is kept only while the unit is read, and only what a unit
can use (the first Norwegian and English segment, a note, three tolk properties), each up to
`Limits.segment_chars`; text and elements outside a `<tu>` are dropped as they are parsed.
Whatever the file, memory stays bounded: a 200 MB `<seg>` costs 20,000 characters, not 3 GB.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from tolk.memory.units import (
    Limits,
    MemoryFileError,
    MemoryUnit,
    ReadCounts,
    is_english,
    is_norwegian,
)
from tolk.text import normalise

__all__ = ["BoundedText", "tmx_units"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline elements whose content is the original document's markup (a <b>, a field code), not
# text: dropped, their tails kept. <hi> wraps real text; <sub> holds a footnote's sub-flow.
_CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut", "sub"})
# The properties tolk's own TMX marks approval with; no other property is kept.
_PROPS = frozenset({"x-status", "x-reviewed", "x-origin"})
_PROP_CHARS = 100
_CHUNK = 64 * 1024  # bytes fed to the parser at a time


def tmx_units(
    path: Path, stream: BinaryIO, counts: ReadCounts, limits: Limits
) -> Iterator[MemoryUnit]:
    """The nb→en units of the TMX in `stream`, as they are parsed. Raises MemoryFileError."""
    reader = _TmxReader(path, counts, limits)
    parser = DefusedXMLParser(
        target=reader,
        forbid_dtd=False,  # real TMX files carry <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        forbid_entities=True,
        forbid_external=True,
    )
    reader.expat = parser.parser
    quiet = 0  # bytes fed since the parser last reported an element or text
    try:
        while chunk := _read(path, stream):
            heard = reader.events
            parser.feed(chunk)
            # Expat holds an unfinished tag, comment or declaration whole (and re-scans it
            # as it grows): a single one past the limit is refused, not buffered.
            quiet = quiet + len(chunk) if reader.events == heard else 0
            if quiet > limits.xml_token_bytes:
                reader.refuse(
                    f"a single tag, comment or declaration over {limits.xml_token_bytes:,} "
                    "bytes (a TMX's are short)"
                )
            yield from reader.take_units()
        parser.close()
        yield from reader.take_units()
    except ET.ParseError as error:
        line, column = error.position
        raise MemoryFileError(
            f"{path}:{line}:{column}: malformed XML ({_reason(error)}); nothing was imported"
        ) from error
    except DefusedXmlException as error:
        raise MemoryFileError(
            f"{path}: refused: the file declares entities ({type(error).__name__}: "
            f"{getattr(error, 'name', '?')}); a TMX needs none, and expanding them could "
            "exhaust memory or read other files. Nothing was imported."
        ) from error
    if not reader.root_seen:
        raise MemoryFileError(f"{path}: empty file")


def _read(path: Path, stream: BinaryIO) -> bytes:
    try:
        return stream.read(_CHUNK)
    except OSError as error:
        raise MemoryFileError(f"{path}: {error.strerror or error}; nothing was imported") from error


def _reason(error: ET.ParseError) -> str:
    text = str(error)
    return text.split(":", 1)[0] if ": line" in text else text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class BoundedText:
    """Characters collected up to `limit` (counted after whitespace is normalised). Past the
    limit nothing more is kept: the text is over, however much more arrives."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.size = 0
        self.over = False

    def add(self, text: str) -> None:
        if self.over:
            return
        self.parts.append(text)
        self.size += len(text)
        if self.size > 2 * self.limit:
            self._compact()

    def _compact(self) -> None:
        # Whitespace runs shrink to one space, and an edge space stays, so that the text read
        # next still joins this one as it would have (normalise(a + b) is unchanged). Compacting
        # only past twice the limit keeps the work linear in what is read.
        joined = "".join(self.parts)
        words = " ".join(joined.split())
        if len(words) > self.limit:
            self.over, self.parts, self.size = True, [], 0
            return
        lead = " " if joined[:1].isspace() else ""
        trail = " " if words and joined[-1:].isspace() else ""
        self.parts = [lead + words + trail]
        self.size = len(self.parts[0])

    def value(self) -> str | None:
        """The text, normalised; None when it is over the limit."""
        if self.over:
            return None
        text = normalise("".join(self.parts))
        return None if len(text) > self.limit else text


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
                lang = attrib.get(_XML_LANG) or attrib.get("lang") or ""
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
    """The parser's target: follows the nesting, reads each `<tu>` with a `_Unit`, and keeps
    the units read since the last `take_units`."""

    def __init__(self, path: Path, counts: ReadCounts, limits: Limits) -> None:
        self.path = path
        self.counts = counts
        self.limits = limits
        self.expat: Any = None  # the expat parser, for the line of a refusal and its names
        self.root_seen = False
        self.tolk_file = False
        self.depth = 0
        self.tu: _Unit | None = None
        self.tu_depth = 0
        self.units: list[MemoryUnit] = []
        self.events = 0  # elements and runs of text reported so far

    def take_units(self) -> list[MemoryUnit]:
        units, self.units = self.units, []
        return units

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.events += 1
        self.depth += 1
        if self.depth > self.limits.xml_depth:
            self.refuse(
                f"elements nested more than {self.limits.xml_depth:,} deep (a TMX needs about ten)"
            )
        if len(self.expat.intern) > self.limits.xml_names:
            self.refuse(
                f"more than {self.limits.xml_names:,} different element and attribute names "
                "(a TMX uses a few dozen)"
            )
        name = _local(tag)
        if self.tu is not None:
            self.tu.start(name, attrib, self.depth - self.tu_depth)
        elif not self.root_seen:
            self.root_seen = True
            if name != "tmx":
                raise MemoryFileError(
                    f"{self.path}: not a TMX file (its root element is <{name}>, not <tmx>)"
                )
        elif name == "tu":
            self.tu, self.tu_depth = _Unit(self.limits.segment_chars), self.depth
        elif name == "header":
            self.tolk_file = attrib.get("creationtool") == "tolk"

    def data(self, text: str) -> None:
        self.events += 1
        if self.tu is not None:
            self.tu.data(text)

    def end(self, tag: str) -> None:
        self.events += 1
        tu = self.tu
        if tu is not None:
            if self.depth == self.tu_depth:
                self._finish(tu)
                self.tu = None
            else:
                tu.end(self.depth - self.tu_depth)
        self.depth -= 1

    def close(self) -> None:
        """The parser's end of input; nothing is left to do."""

    def _finish(self, tu: _Unit) -> None:
        if tu.too_long:
            self.counts.too_long += 1
            return
        unit = tu.unit(self.tolk_file)
        if unit is None:
            self.counts.skipped += 1
        else:
            self.units.append(unit)

    def refuse(self, reason: str) -> NoReturn:
        """Stop reading: the file is refused for `reason`, at the parser's position."""
        line, column = self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber
        raise MemoryFileError(
            f"{self.path}:{line}:{column}: refused: {reason}; nothing was imported"
        )


def _approved(props: dict[str, str]) -> bool:
    """In tolk's own TMX, the units a person stands behind: corrections, reviewed sentences and
    memory matches; the model's unreviewed output is not memory."""
    return (
        props.get("x-status") in ("corrected", "memory")
        or props.get("x-reviewed") == "yes"
        or props.get("x-origin") in ("corrected", "memory")
    )
