"""Reading a feed (RSS 0.9x/2.0, RSS 1.0 RDF, Atom) into the items tolk fetches.

Feeds are untrusted. Their bytes are decoded first, in whatever encoding they are in
(`tolk.feeds.decoding`), so that every later step reads the same text: a document that declares
XML entities (the billion-laughs expansion, an external entity reading a local file) is refused
in any encoding, by defusedxml, before any parser expands anything. feedparser then reads that
text as UTF-8 from memory (never from a URL or a path), and links are resolved against the
feed's own URL.
"""

from __future__ import annotations

import email.utils
import io
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import ParseError

from tolk.feeds.decoding import decode_feed
from tolk.library.dates import ArticleDate, Precision, parse_article_date
from tolk.text import printable

__all__ = ["FeedError", "FeedItem", "ParsedFeed", "item_date", "parse_feed"]

_ENTITY_DECLARATION = re.compile(r"<!\s*(ENTITY|DOCTYPE)", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T\s]|$)")
_XML_DECLARATION = re.compile(r"^<\?xml\b[^>]*>")
_ENCODING = re.compile(r"""\bencoding\s*=\s*(["'])[^"']*\1""")
_SCHEME_SLASHES = re.compile(r"^([a-z][a-z0-9+.-]*:)//([^/].*)$", re.IGNORECASE | re.DOTALL)


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
    """A feed's own title and its items (duplicates dropped, in the feed's order); `skipped`
    says which items were left out and why (no link); `encoding_guess` why its encoding was
    guessed, if it was."""

    title: str | None
    items: tuple[FeedItem, ...]
    skipped: tuple[str, ...] = ()
    encoding_guess: str | None = None


def parse_feed(
    data: bytes, url: str, content_type: str | None = None, charset: str | None = None
) -> ParsedFeed:
    """Parse a feed's bytes, fetched from `url` (with the server's media type and charset, if
    it named them). Raises FeedError."""
    import feedparser  # here, not at the top: the reader starts without it

    decoded = decode_feed(data, charset)
    text = _declared_utf8(decoded.text)
    _refuse_entities(text, data)
    # No content-location: feedparser's own resolution turns `file:///x` into `file://x`.
    headers = {"content-type": f"{content_type or 'application/xml'}; charset=utf-8"}
    parsed: Any = feedparser.parse(
        io.BytesIO(text.encode("utf-8")), response_headers=headers, resolve_relative_uris=False
    )
    items: dict[str, FeedItem] = {}
    urls: set[str] = set()
    skipped: list[str] = []
    for entry in parsed.get("entries", ()):
        item = _item(entry, url, text)
        if isinstance(item, str):
            skipped.append(item)
        elif item.key not in items and item.url not in urls:
            items[item.key] = item
            urls.add(item.url)
    if not items and (parsed.get("bozo") or not parsed.get("version")):
        # An empty feed is fine; a broken one that yields nothing is reported.
        problem = parsed.get("bozo_exception")
        why = f": {_first_line(problem)}" if problem else ""
        raise FeedError(f"not an RSS, Atom or RDF feed{why}")
    title = _clean(parsed.get("feed", {}).get("title"))
    return ParsedFeed(title or None, tuple(items.values()), tuple(skipped), decoded.guess)


def _declared_utf8(text: str) -> str:
    """The feed's text with its XML declaration saying what it now is: UTF-8."""
    text = text.lstrip()  # whitespace before the declaration would make it ill-formed
    declaration = _XML_DECLARATION.match(text)
    if declaration is None:
        return text  # UTF-8 is XML's default
    utf8 = _ENCODING.sub('encoding="utf-8"', declaration[0])
    return utf8 + text[declaration.end() :]


def _refuse_entities(text: str, data: bytes) -> None:
    import defusedxml
    import defusedxml.ElementTree

    try:
        defusedxml.ElementTree.fromstring(text, forbid_dtd=False)
    except defusedxml.DefusedXmlException as error:
        raise FeedError(
            f"refused: the feed declares XML entities ({type(error).__name__})"
        ) from None
    except ParseError:
        # Not well-formed: feedparser's lenient parser may still read it, but only if nothing
        # in it declares entities: searched in the text, and in the bytes without their NULs
        # (a damaged UTF-16 or UTF-32 document whose decoding went wrong).
        ascii_markup = data.replace(b"\x00", b"").decode("latin-1")
        if _ENTITY_DECLARATION.search(text) or _ENTITY_DECLARATION.search(ascii_markup):
            raise FeedError("refused: not well-formed XML, with a DOCTYPE or entities") from None


def _item(entry: Any, feed_url: str, text: str) -> FeedItem | str:
    """The item, or why it was skipped."""
    title = _clean(entry.get("title"))
    guid = str(entry.get("id") or "").strip()
    link = str(entry.get("link") or "").strip()
    named = f'item "{_clip(title or guid)}"' if title or guid else "an item"
    if link and link == guid and entry.get("guidislink") and not _web_address(link):
        # RSS reads a <guid> as the link when there is no <link>, but `sak-7` is no address.
        return f'{named} has no link (its guid "{_clip(guid)}" is not a URL)'
    if not link:
        return f"{named} has no link"
    link = _as_written(link, text)
    try:
        url = urllib.parse.urljoin(feed_url, link)
    except ValueError:  # "http://[::1": fetching says what is wrong with it
        url = link
    key = guid or url
    raw_date = entry.get("published") or entry.get("updated") or entry.get("created")
    return FeedItem(key, url, title or url, item_date(raw_date) if raw_date else None)


def _web_address(link: str) -> bool:
    try:
        parts = urllib.parse.urlsplit(link)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _as_written(link: str, text: str) -> str:
    """The link as the feed wrote it: feedparser takes the third slash off `file:///etc/x`."""
    found = _SCHEME_SLASHES.match(link)
    if found is None or found[1].lower() in ("http:", "https:"):
        return link
    written = re.search(re.escape(found[1]) + "///+" + re.escape(found[2]), text)
    return written[0] if written else link


def _clip(text: str) -> str:
    text = " ".join(printable(text).split())
    return text if len(text) <= 80 else text[:79] + "…"


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
