"""Text for reading and for showing: an article file's bytes decoded and its control characters
removed, and counts written as the user reads them ("1 article", "2 articles")."""

from __future__ import annotations

import codecs
import re
from typing import Any

# C0 controls except tab and newline, DEL, and C1 controls. ESC is among them, so no escape
# sequence (CSI, OSC, ...) found in an article can reach the terminal; what follows the ESC
# ("[2J") is left as the harmless text it is.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What os.fsdecode makes of a file name's bytes that are not UTF-8; they cannot be printed.
_SURROGATE = re.compile(r"[\ud800-\udfff]")

#  Bytes cp1252 leaves undefined; a file holding them is decoded as Latin-1 instead.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")
# Bytes that do not count towards a file looking binary: all but C0 controls other than tab,
# newline, form feed, carriage return and ESC.
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13, 27))


class UndecodableError(ValueError):
    """The bytes are not text in any encoding tolk reads."""


def clean_text(text: str) -> str:
    """Normalise newlines and drop control characters; tabs become spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text)


def printable(text: str) -> str:
    """`text` safe to show on one line: for file names, which may hold any byte but `/`.

    Control characters go as in article text (tab and newline become spaces), and bytes that
    were not UTF-8 (kept by Python as lone surrogates) become U+FFFD.
    """
    return clean_text(_SURROGATE.sub("\ufffd", text)).replace("\n", " ")


# What json.dumps(ensure_ascii=False) writes as it is although a terminal acts on it: DEL and
# the C1 controls (U+009B is a CSI to many terminals), and the lone surrogates Python keeps for
# the bytes of a file name that are not UTF-8 (on stdout they become those raw bytes again, or
# an encoding error). They only ever stand inside JSON strings, where \uXXXX reads back as the
# same character.
_JSON_UNESCAPED = re.compile("[\x7f-\x9f\ud800-\udfff]")


def json_text(payload: Any, *, indent: int | None = 2) -> str:
    """`payload` as JSON for a terminal or a file: UTF-8 as it is, but every control character
    escaped (json.dumps escapes C0 only), so that what a file name or a text held comes back
    exactly from the JSON and never acts on the terminal."""
    import json  # here: the reader's start writes no JSON, and json costs it an import

    text = json.dumps(payload, ensure_ascii=False, indent=indent)
    return _JSON_UNESCAPED.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def decode_bytes(data: bytes, *, complete: bool = True) -> str:
    """Decode an article file: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/Latin-1.

    `complete=False` means `data` is only the head of a file, so a multi-byte character cut at the
    end is dropped rather than taken as a decoding error.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8", complete)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", complete)
    if _looks_like_utf16_without_bom(data):
        encoding = "utf-16-le" if data[1::2].count(0) > data[::2].count(0) else "utf-16-be"
        try:
            text = _decode(data, encoding, complete)
        except UnicodeDecodeError:
            text = ""
        # Binary data can have the NUL pattern of UTF-16 too; real text decodes to printables.
        if text and not _looks_binary(text.encode("utf-8", "surrogatepass")):
            return text
        raise UndecodableError("binary data, not a text file")
    if _looks_binary(data):
        raise UndecodableError("binary data, not a text file")
    try:
        return _decode(data, "utf-8", complete)
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise UndecodableError("binary data (NUL bytes), not a text file")
    encoding = "latin-1" if any(b in _CP1252_HOLES for b in data) else "cp1252"
    return data.decode(encoding)


def _decode(data: bytes, encoding: str, complete: bool) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    return decoder.decode(data, final=complete)


def _looks_like_utf16_without_bom(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:  # the common case, found in C
        return False
    # ASCII-heavy UTF-16 has a NUL in every other byte; binary files rarely look like that.
    odd_nuls, even_nuls = sample[1::2].count(0), sample[::2].count(0)
    half = len(sample) // 2
    return max(odd_nuls, even_nuls) > 0.4 * half and min(odd_nuls, even_nuls) < 0.05 * half


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    # A stray control character (NUL, ESC) does not make a file binary; many of them do.
    # Counted by deleting every other byte (in C: a byte loop in Python cost a tenth of a
    # library scan).
    controls = len(sample.translate(None, _NOT_CONTROL_BYTES))
    return controls > max(0.05 * len(sample), 8)


def normalise(text: str) -> str:
    """The form units are matched on: whitespace runs as single spaces, no surrounding space."""
    return " ".join(text.split())


def count(number: int, noun: str, plural: str | None = None, *, width: int = 0) -> str:
    """`number` and `noun` in agreement: "1 article", "2 articles", "0 articles", "1,200
    articles". `plural` is for a noun that does not take a plain "s" ("1 match", "2 matches");
    a noun of several words is counted by its last ("1 unreadable file"). `width` right-aligns
    the number in that many columns, for counts in a column."""
    word = noun if number == 1 else (plural if plural is not None else noun + "s")
    return f"{number:>{width},} {word}"
