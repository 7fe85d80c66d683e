"""What reading a memory file yields and how much it may hold: the units, the counts, the
limits, and which language codes count as Norwegian and English. The readers are
`tolk.memory.tmx` and `tolk.memory.json_export`; `tolk.memory.reading` picks one.

A memory file is untrusted input. Whatever it holds, reading it keeps at most one unit (plus
one JSON document) in memory: a segment longer than `Limits.segment_chars` is skipped and
counted, not stored; elements outside a `<tu>` are never kept; nesting deeper than any real
file needs is refused with the file named, before it can exhaust the stack.

Nothing here touches the memory database: `tolk.memory.database` feeds these units into one
transaction and rolls it back when reading fails.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Limits",
    "MemoryFileError",
    "MemoryUnit",
    "ReadCounts",
    "is_english",
    "is_norwegian",
]

# Norwegian Bokmål under the codes TMX writers use. Nynorsk ("nn", "nno") is left out on
# purpose: it is another written standard, its sentences never equal a Bokmål article's, and
# as near matches they would offer Nynorsk-flavoured English choices for Bokmål text.
NORWEGIAN = frozenset({"nb", "no", "nb-no", "no-no", "nob", "nor"})


class MemoryFileError(Exception):
    """A file could not be read as a translation memory; the message names the file and, where
    the parser knows it, the line."""


@dataclass(frozen=True)
class Limits:
    """How much of a memory file reading may hold at once. The defaults are for real files;
    tests pass small ones to reach each limit with a small file."""

    # A sentence past this (after whitespace is normalised) is no sentence an article has:
    # the unit is skipped and counted. Its text is dropped as it is read, never stored whole.
    segment_chars: int = 10_000
    # Element nesting: a TMX is tmx/body/tu/tuv/seg and a few levels of <hi>. Deeper is no
    # file a tool wrote, and is refused, not guessed at.
    xml_depth: int = 100
    # Distinct element and attribute names: the XML parser keeps each one it meets for the
    # whole file; a TMX uses a few dozen.
    xml_names: int = 10_000
    # One tag, comment or declaration: the XML parser holds each whole until it ends. A
    # TMX's tags are a few attributes long; megabytes of one are hostile.
    xml_token_bytes: int = 1_000_000
    # One article of a JSON export is decoded whole: past this many characters it is refused
    # (the TMX export has no such limit). The longest article benched is 201,000 characters,
    # about 1 MB as JSON.
    json_document_chars: int = 8_000_000


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
    too_long: int = 0  # units with a side longer than Limits.segment_chars
    format: str = "tmx"


def is_norwegian(lang: str) -> bool:
    """Whether a TMX language code is Norwegian Bokmål."""
    return lang.strip().lower() in NORWEGIAN


def is_english(lang: str) -> bool:
    """Whether a TMX language code is English (any region)."""
    lang = lang.strip().lower()
    return lang == "en" or lang.startswith("en-") or lang.startswith("en_")
