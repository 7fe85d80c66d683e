"""A feed's or a page's bytes as text, whatever encoding they are in or claim to be in.

In order: a byte-order mark; for a feed, the pattern of its first bytes (UTF-16 and UTF-32
without a BOM, EBCDIC); then what is declared — a feed's XML declaration, then the server's
charset; a page's server charset, then its `<meta>` — each taken only if the bytes decode in it;
then UTF-8; then a guess by charset-normalizer. A name Python does not know is looked up in a
table of names it lacks (Microsoft's, IANA's, the web's); one nobody knows is a claim that
cannot be kept. Whenever the encoding used is not the one declared, `Decoded.guess` says so,
in words, for the user.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from tolk.text import printable

__all__ = ["Decoded", "codec_for", "decode_feed", "decode_page"]

_BOMS = (  # UTF-32 LE before UTF-16 LE: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_EBCDIC_XML = b"\x4c\x6f\xa7\x94"  # "<?xm" in every EBCDIC code page
_HEAD = 1024  # where a declaration must be
_XML_DECLARATION = re.compile(r"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"'>]*)""")
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^"'\s/>;]*)""", re.IGNORECASE
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Markup any encoding an ASCII document may declare reads as itself.
_MARKUP = b'<?xml version="1.0" encoding="x"?><a b=\'c\'/>'
_MARKUP_IN_EBCDIC = _MARKUP.decode("ascii").encode("cp037")
# What the detector is given: enough to tell, little enough to stay quick on a 5 MB page.
_DETECT_BYTES = 64 * 1024
# Below this many non-ASCII bytes the detector has too little to go on (one word: `år` reads as
# Big5 as well as windows-1252); text that reads as Western European is then taken as such.
_FEW_NON_ASCII = 16

# Encoding names Python does not know, and the codec each means. Microsoft's MLang names and
# IANA's and the WHATWG Encoding Standard's labels that Python's alias table lacks. (`x-foo` is
# also tried as `foo`, `windows-NNN` as `cpNNN`.)
_NAMES_PYTHON_LACKS = {
    "ms-ansi": "cp1252",
    "ms-ee": "cp1250",
    "ms-cyrl": "cp1251",
    "ms-greek": "cp1253",
    "ms-turk": "cp1254",
    "ms-hebr": "cp1255",
    "ms-arab": "cp1256",
    "winbaltrim": "cp1257",
    "cshproman8": "hp-roman8",  # in Python's table as "csHPRoman8", which no lookup matches
    "mac": "mac-roman",
    "csmacintosh": "mac-roman",
    "ucs-2": "utf-16",
    "iso-10646-ucs-2": "utf-16",
    "csunicode": "utf-16",
    "unicode": "utf-16",
    "unicode-1-1": "utf-16",
    "unicodefffe": "utf-16-be",
    "ucs-4": "utf-32",
    "iso-10646-ucs-4": "utf-32",
    "csucs4": "utf-32",
    "unicode-1-1-utf-8": "utf-8",
    "unicode-2-0-utf-8": "utf-8",
    "unicode20utf8": "utf-8",
    "csunicode11utf7": "utf-7",
    "windows-31j": "cp932",
    "sjis-win": "cp932",
    "cseucpkdfmtjapanese": "euc-jp",
    "csgb2312": "gb2312",
    "cn-big5": "big5",
    "x-x-big5": "big5",
    "iso-ir-149": "euc-kr",
    "csksc56011987": "euc-kr",
    "iso-8859-8-i": "iso8859-8",
    "iso-8859-8-e": "iso8859-8",
    "csiso88598i": "iso8859-8",
    "csiso88598e": "iso8859-8",
    "logical": "iso8859-8",
    "visual": "iso8859-8",
    "iso-8859-6-i": "iso8859-6",
    "iso-8859-6-e": "iso8859-6",
    "csiso88596i": "iso8859-6",
    "csiso88596e": "iso8859-6",
    "latin-9": "iso8859-15",
    "koi": "koi8-r",
    "koi8": "koi8-r",
    "koi8-ru": "koi8-u",
}
# What the web means by these: windows-1252, which gives 0x80-0x9f printable characters (€, “, –)
# where Latin-1 has control characters.
_WEB_MEANS_WINDOWS_1252 = {"ascii", "iso8859-1"}


@dataclass(frozen=True)
class Decoded:
    """Text, the encoding it was read in, and `guess`: for the user, why that encoding was
    guessed or the text is damaged (None when it was read as declared)."""

    text: str
    encoding: str
    guess: str | None = None


@dataclass(frozen=True)
class _Claim:
    """An encoding named by someone: `who` ("the feed declares"), `name` as given."""

    who: str
    name: str


def decode_feed(data: bytes, charset: str | None = None) -> Decoded:
    """A feed's text; `charset` is the server's (Content-Type), if it named one."""
    certain = _by_byte_order(data)
    if certain is not None:
        return certain
    claims = []
    if data.startswith(_EBCDIC_XML):
        # Which EBCDIC code page: the declaration says, if it names one.
        declared = _xml_encoding(data[:_HEAD].decode("cp037"))
        codec = codec_for(declared) if declared else None
        if codec is None or not _reads(_MARKUP_IN_EBCDIC, codec):
            codec = "cp037"
        return _decoded(data, codec)
    declared = _xml_encoding(data[:_HEAD].decode("latin-1"))
    if declared is not None:
        claims.append(_Claim("the feed declares", declared))
    if charset:
        claims.append(_Claim("the server says", charset))
    return _decode(data, claims)


def decode_page(data: bytes, charset: str | None = None) -> Decoded:
    """A web page's text; `charset` is the server's (Content-Type), if it named one."""
    certain = _by_byte_order(data)
    if certain is not None:
        return certain
    claims = []
    if charset:
        claims.append(_Claim("the server says", charset))
    meta = _META_CHARSET.search(data[: 4 * _HEAD])
    if meta is not None:
        claims.append(_Claim("the page declares", meta[1].decode("latin-1")))
    return _decode(data, claims)


def codec_for(name: str) -> str | None:
    """Python's codec for an encoding name (its own aliases and the names it lacks), if it is
    a text encoding Python has; None if not."""
    key = name.strip().lower()
    candidates = [_NAMES_PYTHON_LACKS.get(key, key)]
    if key.startswith("x-"):
        candidates.append(_NAMES_PYTHON_LACKS.get(key[2:], key[2:]))
    if key.startswith("windows-"):
        candidates.append("cp" + key.removeprefix("windows-"))
    for candidate in candidates:
        codec = _text_codec(candidate)
        if codec is not None:
            return codec
    return None


@lru_cache(maxsize=512)  # names come from the network: a bounded cache
def _text_codec(name: str) -> str | None:
    try:
        codec = codecs.lookup(name).name
        "<".encode(codec)  # LookupError for a bytes-to-bytes codec (base64, zlib, rot13)
    except (LookupError, UnicodeError, ValueError):
        return None
    return codec


def _by_byte_order(data: bytes) -> Decoded | None:
    """The text, when a BOM or the NUL bytes of UTF-16/32 markup say the encoding for sure."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decoded(data[len(bom) :], codec)
    head = data[:4]
    if len(head) == 4 and b"\x00" in head:
        a, b, c, d = head
        wide = None
        if a == b == c == 0 and d:
            wide = "utf-32-be"
        elif a and b == c == d == 0:
            wide = "utf-32-le"
        elif a == c == 0 and b and d:
            wide = "utf-16-be"
        elif a and c and b == d == 0:
            wide = "utf-16-le"
        if wide is not None:
            return _decoded(data, wide)
    return None


def _decoded(data: bytes, codec: str) -> Decoded:
    """Decoded in `codec`, which a BOM or the bytes' pattern make certain: damage (a document
    cut short, a stray byte) is replaced and said."""
    text = _strict(data, codec)
    if text is not None:
        return _result(text, codec, [])
    text = _result(data.decode(codec, errors="replace"), codec, []).text
    damage = f"not valid {_label(codec)} (cut short or damaged): what does not decode is replaced"
    return Decoded(text, _label(codec), damage)


def _decode(data: bytes, claims: Sequence[_Claim]) -> Decoded:
    problems: list[str] = []
    named = [(claim.who, " ".join(printable(claim.name).split())[:40]) for claim in claims]
    named = [(who, name) for who, name in named if name]  # `<meta charset="">` names none
    for who, name in named:
        codec = codec_for(name)
        if codec is None:
            problems.append(f'{who} "{name}", an encoding tolk does not know')
            continue
        said = f"{who} {_label(codec)}"
        if not _reads(_MARKUP, codec):
            problems.append(f"{said}, which its markup is not in")
            continue
        if codec in _WEB_MEANS_WINDOWS_1252:
            codec = "cp1252" if _strict(data, "cp1252") is not None else "iso8859-1"
        text = _strict(data, codec)
        if text is None:
            problems.append(f"{said}, but it is not valid {_label(codec)}")
            continue
        utf8 = _strict(data, "utf-8")
        if utf8 is not None and not utf8.isascii() and _single_byte(codec):
            # Text in a single-byte encoding is almost never valid UTF-8 by chance.
            problems.append(f"{said}, but it is UTF-8")
            return _result(utf8, "utf-8", problems)
        return _result(text, codec, problems)
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        return _result(utf8, "utf-8", problems)
    if not named:
        problems.append("no encoding is declared and it is not UTF-8")
    if _mostly_utf8(data):
        # UTF-8 with a few stray windows-1252 bytes (pasted text), not a whole document in
        # another encoding: each stray byte is read as windows-1252, the rest as UTF-8.
        problems.append("it is UTF-8 but for a few bytes, read as windows-1252")
        return _result(data.decode("utf-8", errors=_STRAY_BYTES), "utf-8", problems)
    detected = _detect(data)
    if detected is not None:
        return _result(data.decode(detected, errors="replace"), detected, problems)
    problems.append("no encoding fits; what is not UTF-8 is replaced")
    return _result(data.decode("utf-8", errors="replace"), "utf-8", problems)


def _mostly_utf8(data: bytes) -> bool:
    """More valid UTF-8 characters beyond ASCII than bytes that are not UTF-8 (text in another
    encoding makes a valid UTF-8 sequence only now and then, by chance)."""
    text = data[:_DETECT_BYTES].decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    valid = sum(1 for char in text if char > "\x7f") - invalid
    return valid > invalid


def _result(text: str, codec: str, problems: list[str]) -> Decoded:
    # A lone surrogate (UTF-16 damage, `\ud800` in unicode_escape) cannot be written as UTF-8.
    text = _SURROGATE.sub("\ufffd", text.removeprefix("\ufeff"))
    if not problems:
        return Decoded(text, _label(codec))
    return Decoded(
        text, _label(codec), f"encoding guessed: read as {_label(codec)} ({'; '.join(problems)})"
    )


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess, leaning to windows-1252 (tolk reads Norwegian news) on a
    tie or when there is too little to tell; only encodings the markup can be in."""
    import charset_normalizer

    sample = data[:_DETECT_BYTES]
    non_ascii = sum(1 for byte in sample if byte > 0x7F)
    if non_ascii < _FEW_NON_ASCII and _reads_as_western(sample):
        return "cp1252"
    matches = [
        match
        for match in charset_normalizer.from_bytes(sample, preemptive_behaviour=False)
        if _text_codec(match.encoding) is not None and _reads(_MARKUP, match.encoding)
    ]
    if not matches:
        return "cp1252" if _reads_as_western(sample) else None
    best = matches[0]
    for match in matches:
        tied = match.chaos <= best.chaos and match.coherence >= best.coherence
        if match.encoding == "cp1252" and tied:
            return "cp1252"
    return _text_codec(best.encoding)


def _reads_as_western(data: bytes) -> bool:
    """Whether the bytes read as windows-1252 text: letters and punctuation, no controls."""
    text = _strict(data, "cp1252")
    if text is None:
        return False
    return all(char.isascii() or char.isalpha() or char in _WESTERN_MARKS for char in text)


_WESTERN_MARKS = frozenset("€‚„…†‡‰‹›‘’“”•–—˜™«»°§©®±·¶¹²³¼½¾¿¡¢£¤¥¦¨¯´¸×÷ \xa0\xad")


def _xml_encoding(head: str) -> str | None:
    found = _XML_DECLARATION.match(head)
    return found[1] if found else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError, ValueError):
        return None


@cache
def _reads(markup: bytes, codec: str) -> bool:
    """Whether `markup` (ASCII or EBCDIC) reads as the markup it is in `codec`."""
    return _strict(markup, codec) == _MARKUP.decode("ascii")


@cache
def _single_byte(codec: str) -> bool:
    """Whether every byte is a character of its own (no byte waits for the next one)."""
    make = codecs.getincrementaldecoder(codec)
    return all(make(errors="replace").decode(bytes([byte])) for byte in range(0x80, 0x100))


def _label(codec: str) -> str:
    """The name the user knows: UTF-8, windows-1252, ISO-8859-1, Big5..."""
    name = codecs.lookup(codec).name
    if name.startswith("utf-"):
        return name.upper().removesuffix("-LE").removesuffix("-BE")
    if name.startswith("cp125"):
        return "windows-" + name[2:]
    if name.startswith("iso8859-"):
        return "ISO-8859-" + name[8:]
    return name


def _stray_bytes_as_windows_1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start : error.end]
    return stray.decode("cp1252", errors="replace"), error.end


_STRAY_BYTES = "tolk-stray-bytes-as-windows-1252"
codecs.register_error(_STRAY_BYTES, _stray_bytes_as_windows_1252)
