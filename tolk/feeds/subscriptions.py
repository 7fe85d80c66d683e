"""The feeds in config.toml as a list to add to: `tolk feeds import` appends to it, keeping
every comment and other setting, and leaves out a feed it has already.

Feeds are appended in the form the file lists them in (`[[feeds]]` tables, or an array of URLs
and `{url, name}` tables), after those it has; a file without `feeds` gets `[[feeds]]` tables
at its end. The file is written atomically (`tolk.config.write_atomically`), and only when
something was added.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tolk.config import FeedSource, config_document, write_atomically

__all__ = ["FeedsAdded", "add_feeds", "feed_key"]


def feed_key(url: str) -> str:
    """What makes two feed URLs the same feed: the URL with its scheme and host in lower case
    (they are case-blind; the path is not), without surrounding spaces."""
    url = url.strip()
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return url
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()


@dataclass(frozen=True)
class FeedsAdded:
    """What `add_feeds` did: the feeds it added, and those config.toml already had (or that
    came twice), in the order given."""

    added: tuple[FeedSource, ...]
    duplicates: tuple[FeedSource, ...]


def add_feeds(feeds: Iterable[FeedSource], path: Path | None = None) -> FeedsAdded:
    """Add `feeds` to config.toml's `feeds` (`path`: another file), after those it has; a feed
    whose URL is there already, or came before in `feeds`, is left out and reported.

    Raises OSError when the file cannot be read or written, and ValueError when it is not
    valid TOML or its `feeds` is not a list (the file is left as it is).
    """
    import tomlkit  # only when config.toml is changed

    document, target = config_document(path)
    existing = document.get("feeds")
    if existing is not None and not isinstance(existing, list):
        raise ValueError(f"{path or target}: `feeds` is not a list of feeds; fix it by hand first")
    known = {feed_key(url) for url in _listed_urls(existing or [])}
    added: list[FeedSource] = []
    duplicates: list[FeedSource] = []
    for feed in feeds:
        key = feed_key(feed.url)
        if key in known:
            duplicates.append(feed)
            continue
        known.add(key)
        added.append(feed)
    if added:
        _append(document, existing, added)
        write_atomically(target, tomlkit.dumps(document))
    return FeedsAdded(tuple(added), tuple(duplicates))


def _listed_urls(entries: list[Any]) -> list[str]:
    urls = [entry.get("url") if isinstance(entry, dict) else entry for entry in entries]
    return [url for url in urls if isinstance(url, str)]


def _fields(feed: FeedSource) -> dict[str, str]:
    named = {"url": feed.url, "name": feed.name, "category": feed.category}
    return {key: value for key, value in named.items() if value is not None}


def _append(document: Any, existing: Any, feeds: list[FeedSource]) -> None:
    """Append to `feeds` in the form it has: `[[feeds]]` tables, or an array (then made one
    entry a line); with no `feeds` yet, `[[feeds]]` tables at the end of the file."""
    import tomlkit
    from tomlkit.items import AoT

    if existing is None or isinstance(existing, AoT):
        tables = existing if existing is not None else tomlkit.aot()
        for feed in feeds:
            table = tomlkit.table()
            table.update(_fields(feed))
            table.add(tomlkit.nl())  # a blank line before whatever table follows
            tables.append(table)
        if existing is None:
            document.append("feeds", tables)
        return
    for feed in feeds:
        if feed.name is None and feed.category is None:
            existing.append(feed.url)
        else:
            entry = tomlkit.inline_table()
            entry.update(_fields(feed))
            existing.append(entry)
    if "\n" not in existing.as_string():
        existing.multiline(True)
