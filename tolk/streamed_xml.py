"""Untrusted XML, read as a stream and hardened: what the TMX, TBX and XLIFF readers
(`tolk.memory.tmx`, `tolk.glossary.tbx`, `tolk.xliff.reading`) share.

The file is parsed with defusedxml's parser: an entity declaration (the "billion laughs") or
an external entity is refused the moment the parser meets its declaration, before anything is
expanded or fetched; a plain `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, which real files carry, is
accepted and never read (expat does not load external DTDs). No element tree is ever built:
the parser tells a reader (`ElementReader`) of each element and each run of text, and the
reader keeps only what it can use, each text up to a limit (`BoundedText`). What the file may
make the parser hold is bounded too (`XmlBounds`): nesting, distinct element and attribute
names (expat interns each for the whole parse), and the size of a single tag, comment or
declaration (expat holds an unfinished one whole, and re-scans it as it grows). Whatever the
file, memory stays bounded.

Every refusal is one line naming the file, the line and column where the parser knows them
(counted from 1, as editors do), and what refusing meant (`XmlFile.outcome`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, Protocol, TypeVar

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from tolk.text import normalise

__all__ = ["XML_LANG", "BoundedText", "ElementReader", "XmlBounds", "XmlFile", "read_xml"]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CHUNK = 64 * 1024  # bytes fed to the parser at a time

Item = TypeVar("Item")


class XmlBounds(Protocol):
    """How much a file may make the parser hold (a reader's `Limits`)."""

    @property
    def xml_depth(self) -> int: ...  # elements nested at most this deep

    @property
    def xml_names(self) -> int: ...  # distinct element and attribute names

    @property
    def xml_token_bytes(self) -> int: ...  # bytes of a single tag, comment or declaration


class ElementReader(Protocol[Item]):
    """What reads one kind of file: told of each element (its local name, its attributes, its
    depth: the root's is 1) and each run of text, it gives what it has read so far (`take`).
    It raises its own error for a file that is not of its kind (its root element)."""

    def start(self, name: str, attrib: dict[str, str], depth: int) -> None: ...

    def data(self, text: str) -> None: ...

    def end(self, name: str, depth: int) -> None: ...

    def take(self) -> list[Item]: ...


@dataclass(frozen=True)
class XmlFile:
    """The file being read, as refusals name it: its `path`, what it should be (`kind`, "a
    TMX"), the exception raised, and what refusing means for the user (`outcome`, "nothing
    was imported"; empty when there is nothing to add)."""

    path: Path
    kind: str
    error: type[Exception]
    outcome: str = ""

    def refuse(self, what: str, line: int | None = None, column: int | None = None) -> NoReturn:
        """Stop reading: `path[:line:column]: what[; outcome]`."""
        where = f"{self.path}:{line}:{column}" if line is not None else f"{self.path}"
        raise self.error(f"{where}: {what}{f'; {self.outcome}' if self.outcome else ''}")


def read_xml(
    file: XmlFile, stream: BinaryIO, reader: ElementReader[Item], bounds: XmlBounds
) -> Iterator[Item]:
    """What `reader` reads from the XML in `stream`, as it is parsed. Raises `file.error`
    when the file is malformed, declares entities, goes past `bounds`, or is empty."""
    guard = _Guard(file, reader, bounds)
    parser = DefusedXMLParser(
        target=guard,
        forbid_dtd=False,  # real files carry <!DOCTYPE tmx SYSTEM "tmx14.dtd">: never read
        forbid_entities=True,
        forbid_external=True,
    )
    guard.expat = parser.parser
    quiet = 0  # bytes fed since the parser last reported an element or text
    try:
        while chunk := _read(file, stream):
            heard = guard.events
            parser.feed(chunk)
            # Expat holds an unfinished tag, comment or declaration whole (and re-scans it as
            # it grows): a single one past the limit is refused, not buffered.
            quiet = quiet + len(chunk) if guard.events == heard else 0
            if quiet > bounds.xml_token_bytes:
                guard.refuse(
                    f"a single tag, comment or declaration over {bounds.xml_token_bytes:,} "
                    f"bytes ({file.kind}'s are short)"
                )
            yield from reader.take()
        parser.close()
        yield from reader.take()
    except ET.ParseError as error:
        line, column = error.position
        file.refuse(f"malformed XML ({_reason(error)})", line, column + 1)
    except DefusedXmlException as error:
        file.refuse(
            f"refused: the file declares entities ({type(error).__name__}: "
            f"{getattr(error, 'name', '?')}); {file.kind} needs none, and expanding them could "
            "exhaust memory or read other files"
        )
    except UnicodeDecodeError as error:
        file.refuse(f"not valid text in its encoding ({error.reason})")
    if not guard.depth_seen:
        file.refuse("empty file")


def _read(file: XmlFile, stream: BinaryIO) -> bytes:
    try:
        return stream.read(_CHUNK)
    except OSError as error:
        file.refuse(error.strerror or str(error))


def _reason(error: ET.ParseError) -> str:
    text = str(error)
    return text.split(":", 1)[0] if ": line" in text else text


class _Guard:
    """The parser's target: counts what the parser reports, bounds the nesting and the names,
    and tells the reader of each element by its local name and depth."""

    def __init__(self, file: XmlFile, reader: ElementReader[Any], bounds: XmlBounds) -> None:
        self.file = file
        self.reader = reader
        self.bounds = bounds
        self.expat: Any = None  # the expat parser: where it is, the names it interned
        self.depth = 0
        self.depth_seen = False  # an element was met: the file is not empty
        self.events = 0  # elements and runs of text reported so far

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.events += 1
        self.depth += 1
        self.depth_seen = True
        bounds, kind = self.bounds, self.file.kind
        if self.depth > bounds.xml_depth:
            self.refuse(
                f"elements nested more than {bounds.xml_depth:,} deep ({kind} needs about ten)"
            )
        if len(self.expat.intern) > bounds.xml_names:
            self.refuse(
                f"more than {bounds.xml_names:,} different element and attribute names "
                f"({kind} uses a few dozen)"
            )
        self.reader.start(_local(tag), attrib, self.depth)

    def data(self, text: str) -> None:
        self.events += 1
        self.reader.data(text)

    def end(self, tag: str) -> None:
        self.events += 1
        self.reader.end(_local(tag), self.depth)
        self.depth -= 1

    def close(self) -> None:
        """The parser's end of input; nothing is left to do."""

    def refuse(self, reason: str) -> NoReturn:
        """Stop reading: the file is refused for `reason`, at the parser's position."""
        line, column = self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber + 1
        self.file.refuse(f"refused: {reason}", line, column)


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
