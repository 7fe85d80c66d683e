"""XLIFF 1.2 in, streamed: each `<trans-unit>` as it is parsed, with the `<file>` it belongs to,
its source, its target and the target's `state`, and the English tolk exported for it (its
`<alt-trans alttranstype="previous-version" origin="tolk">`), which tells what a CAT tool
changed.

An XLIFF from elsewhere is untrusted input, read as every XML file from elsewhere is
(`tolk.streamed_xml`): entity declarations and external entities are refused before anything is
expanded or fetched; nesting, distinct names and a single tag are bounded (`Limits`); a unit's
texts are kept only while it is read, each up to `Limits.segment_chars` (a longer one is kept
as too long, not whole). Inline codes (`bpt`, `ept`, `ph`, `it` and what they hold) are
dropped; the text of `g` and `mrk` is kept. Targets inside any other `alt-trans` are ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tolk.memory.units import Limits
from tolk.streamed_xml import BoundedText, XmlFile, read_xml
from tolk.xliff.writing import PREVIOUS_VERSION, TOOL

__all__ = ["XliffFileError", "XliffUnit", "xliff_units"]

_CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "sub"})


class XliffFileError(Exception):
    """The file cannot be read as XLIFF 1.2; the message names it (and the line, where the
    parser knows it)."""


@dataclass(frozen=True)
class XliffUnit:
    """A `<trans-unit>`: its file's `original`, its id, its source and target (whitespace
    normalised; None when absent or too long), the target's `state`, and the English tolk
    exported for it (None when the unit carries none)."""

    original: str
    unit_id: str
    source: str | None
    target: str | None
    state: str | None
    previous: str | None
    too_long: bool = False


def xliff_units(path: Path, limits: Limits | None = None) -> Iterator[XliffUnit]:
    """The trans-units of the XLIFF at `path`, as they are parsed. Raises XliffFileError."""
    limits = limits or Limits()
    try:
        stream = path.open("rb")
    except OSError as error:
        raise XliffFileError(f"{path}: {error.strerror or error}") from error
    with stream:
        file = XmlFile(path, "an XLIFF", XliffFileError)
        yield from read_xml(file, stream, _XliffReader(path, limits), limits)


class _Unit:
    """A `<trans-unit>` being read; levels count from it (its children are at level 1)."""

    def __init__(self, original: str, unit_id: str, limit: int) -> None:
        self.original, self.unit_id, self.limit = original, unit_id, limit
        self.texts: dict[str, str | None] = {}
        self.state: str | None = None
        self.too_long = False
        self.text: BoundedText | None = None
        self.kind = ""  # "source", "target" or "previous"
        self.level = 0
        self.inner = 0  # code elements open inside the text
        self.ours = False  # inside tolk's previous-version alt-trans

    def start(self, name: str, attrib: dict[str, str], level: int) -> None:
        if self.text is not None:
            if self.inner or name in _CODE_ELEMENTS:
                self.inner += 1
            return
        if level == 1 and name == "alt-trans":
            self.ours = (
                attrib.get("origin") == TOOL and attrib.get("alttranstype") == PREVIOUS_VERSION
            )
        elif level == 1 and name in ("source", "target") and name not in self.texts:
            if name == "target":
                self.state = attrib.get("state")
            self._collect(name, level)
        elif level == 2 and name == "target" and self.ours and "previous" not in self.texts:
            self._collect("previous", level)

    def _collect(self, kind: str, level: int) -> None:
        self.text, self.kind, self.level, self.inner = BoundedText(self.limit), kind, level, 0
        self.texts[kind] = None

    def data(self, text: str) -> None:
        if self.text is not None and not self.inner:
            self.text.add(text)

    def end(self, level: int) -> None:
        if self.text is None:
            if level == 1:
                self.ours = False
            return
        if level != self.level:
            if self.inner:
                self.inner -= 1
            return
        value = self.text.value()
        self.too_long = self.too_long or value is None
        self.texts[self.kind] = value
        self.text = None

    def unit(self) -> XliffUnit:
        return XliffUnit(
            self.original,
            self.unit_id,
            self.texts.get("source"),
            self.texts.get("target"),
            self.state,
            self.texts.get("previous"),
            self.too_long,
        )


class _XliffReader:
    """Reads each trans-unit with a `_Unit`, and keeps those read since the last `take`."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.original: str | None = None
        self.unit: _Unit | None = None
        self.unit_depth = 0
        self.units: list[XliffUnit] = []

    def take(self) -> list[XliffUnit]:
        units, self.units = self.units, []
        return units

    def start(self, name: str, attrib: dict[str, str], depth: int) -> None:
        if self.unit is not None:
            self.unit.start(name, attrib, depth - self.unit_depth)
        elif depth == 1:
            self._root(name, attrib)
        elif name == "file":
            self.original = attrib.get("original", "")
        elif name == "trans-unit" and self.original is not None:
            self.unit = _Unit(self.original, attrib.get("id", ""), self.limits.segment_chars)
            self.unit_depth = depth

    def _root(self, name: str, attrib: dict[str, str]) -> None:
        if name != "xliff":
            raise XliffFileError(
                f"{self.path}: not an XLIFF file (its root element is <{name}>, not <xliff>)"
            )
        version = attrib.get("version", "")
        if not version.startswith("1."):
            raise XliffFileError(
                f"{self.path}: XLIFF {version or '(no version)'}; tolk reads XLIFF 1.2 (export "
                "1.2 from your CAT tool, as tolk writes it)"
            )

    def data(self, text: str) -> None:
        if self.unit is not None:
            self.unit.data(text)

    def end(self, name: str, depth: int) -> None:
        unit = self.unit
        if unit is not None:
            if depth == self.unit_depth:
                self.units.append(unit.unit())
                self.unit = None
            else:
                unit.end(depth - self.unit_depth)
        elif name == "file":
            self.original = None
