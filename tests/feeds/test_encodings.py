"""Feeds in any encoding, read in-process: the corpus of odd feeds (tests/support/odd_feeds.py)
class by class, the entity refusal in every encoding, and a fuzz over valid feeds whose bytes
are mutated, which must never give anything but a feed or a FeedError."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.feed_pages import BILLION_LAUGHS, atom, rss
from tests.support.odd_feeds import (
    NAMES_PYTHON_LACKS,
    OddFeed,
    alias_table_feeds,
    encoded,
    entity_feeds,
    lacking_name_feeds,
    mismatch_feeds,
    multi_byte_feeds,
    rss_text,
    truncated_feeds,
)
from tolk.feeds.decoding import decode_feed, decode_page
from tolk.feeds.parsing import FeedError, ParsedFeed, parse_feed
from tolk.text import printable

FEED_URL = "http://127.0.0.1/feed.xml"


def link(case: str) -> str:
    return f"http://127.0.0.1/sak/{case}"


def misread(feed: OddFeed) -> str | None:
    """What tolk got wrong reading `feed`; None when it read it as it must."""
    try:
        parsed = parse_feed(feed.body, FEED_URL)
    except FeedError as error:
        if feed.refused and str(error).startswith("refused"):
            return None
        return None if feed.title is None and not feed.refused else f"FeedError: {error}"
    except Exception as error:  # the point of these tests: nothing else ever comes out
        return f"{type(error).__name__}: {error}"
    if feed.refused:
        return "not refused"
    if feed.title is None:
        return None  # cut short, and feedparser still read it: fine
    titles = [item.title for item in parsed.items]
    if titles != [feed.title]:
        return f"titles {titles}"
    if (parsed.encoding_guess is not None) != feed.guessed:
        return f"guess: {parsed.encoding_guess}"
    return None


def misread_cases(feeds: list[OddFeed]) -> dict[str, str]:
    return {feed.name: why for feed in feeds if (why := misread(feed)) is not None}


def test_every_name_in_pythons_alias_table() -> None:
    feeds = alias_table_feeds(link)
    assert len(feeds) > 400
    assert misread_cases(feeds) == {}


def test_names_python_lacks_and_names_nobody_knows() -> None:
    feeds = lacking_name_feeds(link)
    assert misread_cases(feeds) == {}
    # Python has none of these names: the table in tolk.feeds.decoding is what reads them.
    for name in NAMES_PYTHON_LACKS:
        with pytest.raises(LookupError):
            codecs.lookup(name)


def test_an_unknown_encoding_is_guessed_and_said() -> None:
    text = rss_text("x", link("x"), "bogus")
    as_utf8 = parse_feed(text.encode("utf-8"), FEED_URL)
    assert as_utf8.encoding_guess == (
        'encoding guessed: read as UTF-8 (the feed declares "bogus", an encoding tolk does '
        "not know)"
    )
    as_windows = parse_feed(text.encode("cp1252"), FEED_URL)
    assert as_windows.title == "Avisa på Åsane"
    assert as_windows.encoding_guess is not None
    assert as_windows.encoding_guess.startswith("encoding guessed: read as windows-1252 (")
    # Escapes in a declared name are data, not terminal control.
    escaped = parse_feed(rss_text("x", link("x"), "\x1b[31mred").encode(), FEED_URL)
    assert escaped.encoding_guess is not None and "\x1b" not in escaped.encoding_guess


def test_multi_byte_encodings() -> None:
    feeds = multi_byte_feeds(link)
    assert {"multi-big5", "multi-euc-kr", "multi-gb2312", "multi-utf-16-undeclared"} <= {
        feed.name for feed in feeds
    }
    assert misread_cases(feeds) == {}


def test_boms_and_declarations_that_disagree() -> None:
    assert misread_cases(mismatch_feeds(link)) == {}


def test_documents_cut_short_give_a_feed_or_a_feed_error() -> None:
    feeds = truncated_feeds(link)
    assert misread_cases(feeds) == {}
    # Every prefix of a UTF-16 and a Big5 feed, too.
    for codec in ("utf-16", "big5"):
        whole = encoded(rss_text("cut", link("cut"), codec, "新聞 "), codec)
        cuts = [OddFeed(f"{codec}-{n}", whole[:n], None) for n in range(0, len(whole), 3)]
        assert misread_cases(cuts) == {}


def test_entities_are_refused_in_every_encoding() -> None:
    feeds = entity_feeds()
    names = {feed.name for feed in feeds}
    assert {"laughs-utf-16", "laughs-utf-32", "laughs-big5", "laughs-utf-32-cut"} <= names
    assert misread_cases(feeds) == {}


def test_billion_laughs_in_utf16_utf32_and_big5_is_refused_as_entities() -> None:
    for codec in ("utf-16", "utf-32", "big5"):
        document = BILLION_LAUGHS.replace('version="1.0"?>', f'version="1.0" encoding="{codec}"?>')
        with pytest.raises(FeedError, match="EntitiesForbidden"):
            parse_feed(document.encode(codec), FEED_URL)


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        # One word: charset-normalizer alone says Big5 and cp852 (the `år` → `枓` of old).
        ("cp1252", "spørsmål"),
        ("cp1252", "går"),
        ("cp1252", "Regjeringen har lagt fram et nytt budsjett for neste år, sier de på Åsane."),
        ("cp1251", "Правительство приняло решение о новом бюджете на следующий год."),
        # Long enough to tell (a shorter one leans to windows-1252: docs/known-limits.md).
        ("cp1250", "Vláda schválila nový rozpočet na příští rok. Příliš žluťoučký kůň úpěl ódy."),
        ("big5", "今天的新聞很重要，政府宣布新的預算"),
    ],
)
def test_a_page_that_declares_no_encoding_is_guessed_right(codec: str, text: str) -> None:
    page = f'<html><head><meta charset=""></head><body><p>{text}</p></body></html>'
    decoded = decode_page(page.encode(codec))
    assert text in decoded.text
    assert decoded.guess is not None and "no encoding is declared" in decoded.guess


def test_utf8_with_a_stray_windows_1252_byte_keeps_both() -> None:
    page = "<p>Blåbær og «øl»</p>".encode() + "<p>år</p>".encode("cp1252")
    decoded = decode_page(page, "utf-8")
    assert decoded.text == "<p>Blåbær og «øl»</p><p>år</p>"
    assert decoded.guess == (
        "encoding guessed: read as UTF-8 (the server says UTF-8, but it is not valid UTF-8; "
        "it is UTF-8 but for a few bytes, read as windows-1252)"
    )


# The fuzz: valid feeds of several kinds and encodings, their bytes mutated.
_BASES = [
    rss(
        "Avisa på Åsane", [("Sak om år", "/sak/1", "g1", "Tue, 02 Jan 2024 00:30:00 +0100")]
    ).encode(),
    atom("Atomavisa", [("Første sak", "en", "tag:x,2024:1", "2024-01-03T23:30:00Z")]).encode(),
    encoded(rss_text("utf16", link("utf16"), "utf-16", "Новости "), "utf-16"),
    encoded(rss_text("utf32", link("utf32"), None), "utf-32-be"),
    encoded(rss_text("big5", link("big5"), "big5", "新聞 "), "big5"),
    encoded(rss_text("cp1252", link("cp1252"), "windows-1252"), "cp1252"),
    encoded(rss_text("ebcdic", link("ebcdic"), "cp500"), "cp500"),
    b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://127.0.0.1/"><title>RDF</title>
</channel><item rdf:about="http://127.0.0.1/r/1"><title>En sak</title>
<link>http://127.0.0.1/r/1</link></item></rdf:RDF>""",
]
_PIECES = [
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"&a;",
    b"<!ENTITY",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF32_BE,
    b'encoding="utf-16"',
    b'encoding="bogus"',
    b'encoding="big5"',
    b"\x00",
    b"\x00\x00\x00",
    b"<![CDATA[",
    b"]]>",
    b"<item><title>x</title><link>file:///etc/passwd</link></item>",
    b"<item><guid>sak-7</guid></item>",
    b"<link>http://[::1</link>",
    b"\x1b[31m",
    b"&#0;",
    b"&#xD800;",
    b"<?xml",
    b"\xef\xbf\xbd",
    b"\xff",
    b"\x80\x81\x8d",
]


@st.composite
def mutated_feeds(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(_BASES)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["byte", "insert", "delete", "cut", "copy"]))
        if kind == "byte" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(_PIECES) | st.binary(min_size=1, max_size=6))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 24))]
        elif kind == "cut":
            del data[at:]
        else:
            start = draw(st.integers(0, len(data)))
            data[at:at] = data[start : start + draw(st.integers(1, 64))]
    return bytes(data)


@settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_feeds(), st.sampled_from([None, "utf-8", "iso-8859-1", "utf-16", "bogus"]))
def test_mutated_feeds_give_a_feed_or_a_feed_error(data: bytes, charset: str | None) -> None:
    try:
        parsed = parse_feed(data, FEED_URL, "application/rss+xml", charset)
    except FeedError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert isinstance(parsed, ParsedFeed)
    for item in parsed.items:
        assert item.title == printable(item.title) and item.url and item.key
    if parsed.encoding_guess is not None:
        assert parsed.encoding_guess == printable(parsed.encoding_guess)


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.binary(max_size=300), st.sampled_from([None, "", "utf-8", "utf-16", "x-bogus", "cp037"]))
def test_any_bytes_decode_to_text(data: bytes, charset: str | None) -> None:
    for decoded in (decode_feed(data, charset), decode_page(data, charset)):
        decoded.text.encode("utf-8")  # no lone surrogates: it can be written
        assert decoded.encoding
