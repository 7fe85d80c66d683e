"""Reading a feed (RSS 0.9x/2.0, RSS 1.0 RDF, Atom) into the items tolk fetches.

Feeds are untrusted: a document that declares XML entities (the billion-laughs expansion, an
external entity reading a local file) is refused before any parser expands anything, by
defusedxml. feedparser then reads the feed from memory (never from a URL or a path), and
relative links are resolved against the feed's own URL.
"""

from __future__ import annotations

import codecs
import email.utils
import io
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import ParseError

from tolk.library.dates import ArticleDate, Precision, parse_article_date
from tolk.text import printable

__all__ = ["FeedError", "FeedItem", "ParsedFeed", "item_date", "parse_feed"]

_ENTITY_DECLARATION = re.compile(r"<!\s*(ENTITY|DOCTYPE)", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T\s]|$)")


class FeedError(Exception):
    """The document is not a feed tolk will read; the message says why."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: what it is called, where its page is, and when."""

    key: str  # the GUID (Atom id), else the link: what "already fetched" is remembered by
    url: str  # absolute
    title: str
    date: ArticleDate | None


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's own title and its items (duplicates dropped, in the feed's order)."""

    title: str | None
    items: tuple[FeedItem, ...]


def parse_feed(data: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed's bytes, fetched from `url`. Raises FeedError."""
    import feedparser  # here, not at the top: the reader starts without it

    _refuse_entities(data)
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed: Any = feedparser.parse(
        io.BytesIO(data), response_headers=headers, resolve_relative_uris=True
    )
    items: dict[str, FeedItem] = {}
    urls: set[str] = set()
    for entry in parsed.entries:
        item = _item(entry, url)
        if item is not None and item.key not in items and item.url not in urls:
            items[item.key] = item
            urls.add(item.url)
    if not items and (parsed.bozo or not parsed.version):
        # An empty feed is fine; a broken one that yields nothing is reported.
        problem = parsed.get("bozo_exception")
        why = f": {_first_line(problem)}" if problem else ""
        raise FeedError(f"not an RSS, Atom or RDF feed{why}")
    title = _clean(parsed.feed.get("title"))
    return ParsedFeed(title or None, tuple(items.values()))


def _refuse_entities(data: bytes) -> None:
    import defusedxml
    import defusedxml.ElementTree

    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False)
    except defusedxml.DefusedXmlException as error:
        raise FeedError(
            f"refused: the feed declares XML entities ({type(error).__name__})"
        ) from None
    except ParseError:
        # Not well-formed: feedparser's lenient parser may still read it, but only if nothing
        # in it declares entities (searched in the text whatever its encoding).
        if _ENTITY_DECLARATION.search(_as_text(data)):
            raise FeedError("refused: not well-formed XML, with a DOCTYPE or entities") from None


def _as_text(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    return data.decode("latin-1")  # ASCII-compatible encodings: the markup is ASCII


def _item(entry: Any, feed_url: str) -> FeedItem | None:
    link = entry.get("link") or ""
    if not link:
        return None
    url = urllib.parse.urljoin(feed_url, link.strip())
    key = str(entry.get("id") or "").strip() or url
    title = _clean(entry.get("title")) or url
    raw_date = entry.get("published") or entry.get("updated") or entry.get("created")
    return FeedItem(key, url, title, item_date(raw_date) if raw_date else None)


def item_date(text: str) -> ArticleDate | None:
    """A feed's date as the publisher wrote it: RFC 822 (RSS) or ISO 8601 (Atom, Dublin Core).

    The day is the publisher's own (not converted to UTC); a month or a year stays one."""
    try:
        stamp = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        stamp = None
    if stamp is not None:
        return ArticleDate(stamp.year, stamp.month, stamp.day, Precision.DAY)
    iso = _ISO_DATE.match(text)
    return parse_article_date(iso[1] if iso else text)


def _clean(text: object) -> str:
    return " ".join(printable(str(text)).split()) if text else ""


def _first_line(problem: object) -> str:
    lines = str(problem).splitlines()
    return lines[0] if lines else type(problem).__name__
