"""Where a fetched article came from: the trailer block that keeps its source URL and feed name.

An article saved by `tolk fetch` ends with one block of `key: value` lines:

    source: https://www.nrk.no/norge/en-sak-1.123
    feed: NRK Nyheter

The parser takes that last block off before it looks for paragraphs, so the URL is never read
as text to translate. A block counts as the trailer only when every line is a known key, and
`source` is there and is one http(s) URL; anything else is an ordinary paragraph.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tolk.text import printable

__all__ = ["ArticleSource", "format_trailer", "split_trailer"]

_TRAILER_LINE = re.compile(r"^(source|feed):[ \t]+(\S.*)$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_LAST_BLOCK = re.compile(r"\n[ \t]*\n(?=[^\n]*\S)")


class ArticleSource(NamedTuple):
    """The page an article was fetched from, and the feed that listed it."""

    url: str
    feed: str | None = None


def split_trailer(text: str) -> tuple[str, ArticleSource | None]:
    """`text` without its trailer block, and the source that block names (None if none)."""
    if "source:" not in text:  # no trailer names no source (most files: a search in C)
        return text, None
    body = text.rstrip()
    separators = list(_LAST_BLOCK.finditer(body))
    start = separators[-1].end() if separators else 0
    fields: dict[str, str] = {}
    for line in body[start:].split("\n"):
        match = _TRAILER_LINE.match(line.strip())
        if match is None or match[1] in fields:
            return text, None
        fields[match[1]] = match[2].strip()
    url = fields.get("source")
    if url is None or not _URL.match(url):
        return text, None
    rest = body[: separators[-1].start()] if separators else ""
    return rest, ArticleSource(url, fields.get("feed"))


def format_trailer(source: ArticleSource) -> str:
    """The trailer block for `source` (no blank lines around it): one line per field."""
    if not _URL.match(source.url):
        raise ValueError(f"not an http(s) URL: {source.url!r}")
    lines = [f"source: {source.url}"]
    if source.feed:
        name = " ".join(printable(source.feed).split())
        if name:
            lines.append(f"feed: {name}")
    return "\n".join(lines)
