"""Reading translation units out of files: TMX 1.4 (streamed) and tolk's own JSON export.

A TMX is untrusted input. It is parsed with defusedxml's `iterparse`: an entity declaration
(the "billion laughs") or an external entity is refused the moment the parser meets its
declaration, before anything is expanded or fetched; a plain `<!DOCTYPE tmx SYSTEM
"tmx14.dtd">`, which real TMX files carry, is accepted and never read (expat does not load
external DTDs). Units are yielded as they are parsed and each `<tu>` is cleared afterwards, so a
100,000-unit file never sits in memory whole.

Nothing here touches the memory database: `tolk.memory.database` feeds these units into one
transaction and rolls it back when reading fails.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from tolk.text import normalise

# Norwegian Bokmål under the codes TMX writers use. Nynorsk ("nn", "nno") is left out on
# purpose: it is another written standard, its sentences never equal a Bokmål article's, and
# as near matches they would offer Nynorsk-flavoured English choices for Bokmål text.
NORWEGIAN = frozenset({"nb", "no", "nb-no", "no-no", "nob", "nor"})
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline elements whose content is the original document's markup (a <b>, a field code), not
# text: dropped, their tails kept. <hi> wraps real text; <sub> holds a footnote's sub-flow.
_CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut", "sub"})


class MemoryFileError(Exception):
    """A file could not be read as a translation memory; the message names the file and, where
    the parser knows it, the line."""


@dataclass(frozen=True)
class MemoryUnit:
    """One translation unit: Norwegian source, English target, the unit's note if any."""

    source: str
    target: str
    note: str | None = None


@dataclass
class ReadCounts:
    """What reading a file found besides the units it yielded."""

    skipped: int = 0  # units without both a Norwegian and an English side (or not approved)
    format: str = "tmx"


def is_norwegian(lang: str) -> bool:
    return lang.strip().lower() in NORWEGIAN


def is_english(lang: str) -> bool:
    lang = lang.strip().lower()
    return lang == "en" or lang.startswith("en-") or lang.startswith("en_")


def read_units(path: Path, counts: ReadCounts) -> Iterator[MemoryUnit]:
    """The file's nb→en units, as they are read. Raises MemoryFileError (file and line) when
    the file is not a TMX or tolk JSON export, or is malformed or hostile."""
    try:
        stream = path.open("rb")
    except OSError as error:
        raise MemoryFileError(f"{path}: {error.strerror or error}") from error
    with stream:
        if _looks_like_json(stream):
            counts.format = "json"
            yield from _json_units(path, stream, counts)
        else:
            yield from _tmx_units(path, stream, counts)


def _looks_like_json(stream: BinaryIO) -> bool:
    head = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    stream.seek(0)
    return head[:1] in (b"{", b"[")


# --- TMX ------------------------------------------------------------------------------------


def _tmx_units(path: Path, stream: BinaryIO, counts: ReadCounts) -> Iterator[MemoryUnit]:
    events = iterparse(
        stream,
        events=("start", "end"),
        forbid_dtd=False,  # real TMX files carry <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        forbid_entities=True,
        forbid_external=True,
    )
    root: ET.Element | None = None
    tolk_file = False
    open_elements: list[ET.Element] = []
    try:
        for event, element in events:
            if event == "start":
                if root is None:
                    root = element
                    if _local(element.tag) != "tmx":
                        raise MemoryFileError(
                            f"{path}: not a TMX file (its root element is "
                            f"<{_local(element.tag)}>, not <tmx>)"
                        )
                elif _local(element.tag) == "header":
                    tolk_file = element.get("creationtool") == "tolk"
                open_elements.append(element)
                continue
            open_elements.pop()
            if _local(element.tag) != "tu":
                continue
            unit = _tu_unit(element, tolk_file)
            if unit is None:
                counts.skipped += 1
            else:
                yield unit
            # The unit is read: detach it, so the tree never holds more than one unit.
            if open_elements:
                open_elements[-1].remove(element)
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
    if root is None:
        raise MemoryFileError(f"{path}: empty file")


def _reason(error: ET.ParseError) -> str:
    text = str(error)
    return text.split(":", 1)[0] if ": line" in text else text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _tu_unit(tu: ET.Element, tolk_file: bool) -> MemoryUnit | None:
    """The unit's Norwegian and English segments (the first of each), or None."""
    source = target = None
    note = None
    props: dict[str, str] = {}
    for child in tu:
        tag = _local(child.tag)
        if tag == "note" and note is None and child.text:
            note = normalise(child.text) or None
        elif tag == "prop" and child.get("type"):
            props[child.get("type", "")] = (child.text or "").strip()
        elif tag == "tuv":
            # TMX 1.4 says xml:lang; TMX 1.1 writers used lang.
            lang = child.get(_XML_LANG) or child.get("lang") or ""
            seg = next((c for c in child if _local(c.tag) == "seg"), None)
            if seg is None:
                continue
            text = normalise(_segment_text(seg))
            if not text:
                continue
            if source is None and is_norwegian(lang):
                source = text
            elif target is None and is_english(lang):
                target = text
    if source is None or target is None:
        return None
    if tolk_file and not _approved(props):
        return None
    return MemoryUnit(source, target, note)


def _approved(props: dict[str, str]) -> bool:
    """In tolk's own TMX, the units a person stands behind: corrections, reviewed sentences and
    memory matches; the model's unreviewed output is not memory."""
    return (
        props.get("x-status") in ("corrected", "memory")
        or props.get("x-reviewed") == "yes"
        or props.get("x-origin") in ("corrected", "memory")
    )


def _segment_text(element: ET.Element) -> str:
    """A `<seg>`'s text: its own text and every inline element's tail; the content of `<hi>`
    (formatted text) kept, that of code elements (`<bpt>`, `<ph>`, …) dropped."""
    parts = [element.text or ""]
    for child in element:
        if _local(child.tag) not in _CODE_ELEMENTS:
            parts.append(_segment_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# --- tolk's JSON export ---------------------------------------------------------------------


def _json_units(path: Path, stream: BinaryIO, counts: ReadCounts) -> Iterator[MemoryUnit]:
    """Units from `tolk export --format json`: one article object or an array of them. The
    file is read whole (an export is per article); only what a person stands behind is taken:
    a correction, or the English of a sentence marked reviewed."""
    try:
        payload = json.loads(stream.read().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise MemoryFileError(f"{path}: not UTF-8 ({error.reason})") from error
    except json.JSONDecodeError as error:
        raise MemoryFileError(
            f"{path}:{error.lineno}:{error.colno}: malformed JSON ({error.msg}); "
            "nothing was imported"
        ) from error
    documents = payload if isinstance(payload, list) else [payload]
    units: list[MemoryUnit] = []
    for number, document in enumerate(documents):
        if not isinstance(document, dict) or not isinstance(document.get("paragraphs"), list):
            raise MemoryFileError(
                f"{path}: not a tolk JSON export (document {number + 1} has no paragraphs)"
            )
        for paragraph in document["paragraphs"]:
            for sentence in _sentences(path, paragraph):
                unit = _json_unit(sentence)
                if unit is None:
                    counts.skipped += 1
                else:
                    units.append(unit)
    yield from units


def _sentences(path: Path, paragraph: Any) -> list[dict[str, Any]]:
    sentences = paragraph.get("sentences") if isinstance(paragraph, dict) else None
    if not isinstance(sentences, list) or not all(isinstance(s, dict) for s in sentences):
        raise MemoryFileError(f"{path}: not a tolk JSON export (a paragraph has no sentences)")
    return sentences


def _json_unit(sentence: dict[str, Any]) -> MemoryUnit | None:
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
        return None
    source, english = normalise(source), normalise(english)
    if not source or not english:
        return None
    note = sentence.get("note")
    return MemoryUnit(source, english, normalise(note) or None if isinstance(note, str) else None)
