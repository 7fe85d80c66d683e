"""OPML, the file every feed reader imports and exports its subscriptions in: read into
`FeedSource`s and written from them.

An outline with an `xmlUrl` is a feed, named by its `title` (else its `text`); an outline
without one that holds others is a folder, and folders nest: a feed two folders down has the
category "Nyheter/Norge". Reading keeps the feeds in the file's order; an outline whose URL is
not one tolk asks for (`file:`, `javascript:`, no host) is skipped and said.

An OPML file is untrusted input, read like the other imports (a TMX, a feed): at most
`MAX_OPML_BYTES`, never from a named pipe or a device, parsed by defusedxml, which refuses a
file declaring entities (the "billion laughs", an external entity reading a local file) before
anything is expanded or fetched; folders nested deeper than any reader makes are refused, and
names are kept as plain, printable text of bounded length.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tolk.config import FeedSource
from tolk.feeds.links import url_problem
from tolk.library.file_heads import not_regular, special_file
from tolk.text import printable

__all__ = [
    "MAX_FOLDER_DEPTH",
    "MAX_OPML_BYTES",
    "OpmlError",
    "OpmlFeeds",
    "opml_document",
    "parse_opml",
    "read_opml",
]

# A few hundred feeds are a few hundred kB of OPML.
MAX_OPML_BYTES = 10_000_000
# Folders in folders: readers make one or two levels.
MAX_FOLDER_DEPTH = 20
_NAME_CHARS = 200
_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
# Characters XML 1.0 cannot hold at all, once printable() has taken the control characters.
_NOT_XML = re.compile("[\ufffe\uffff]")


class OpmlError(Exception):
    """The file could not be read as OPML; the message names it, says why, and that nothing
    was imported."""


@dataclass(frozen=True)
class OpmlFeeds:
    """The feeds an OPML file lists, in its order, and a line for each outline skipped."""

    feeds: tuple[FeedSource, ...]
    skipped: tuple[str, ...] = ()


def read_opml(path: Path) -> OpmlFeeds:
    """The feeds in the OPML file at `path`. Raises OpmlError."""
    try:
        fd = os.open(path, _FLAGS)  # a named pipe opens without waiting for a writer
        with os.fdopen(fd, "rb") as file:
            kind = special_file(os.fstat(fd).st_mode)
            if kind is not None:
                raise not_regular(kind)
            data = file.read(MAX_OPML_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise OpmlError(f"{path}: cannot read it ({reason}); nothing was imported") from None
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(
            f"{path}: larger than {MAX_OPML_BYTES // 1_000_000} MB, more than any list of feeds; "
            "nothing was imported"
        )
    return parse_opml(data, str(path))


def parse_opml(data: bytes, where: str) -> OpmlFeeds:
    """The feeds in OPML `data`; `where` names it in messages. Raises OpmlError."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except ET.ParseError as error:
        line, column = error.position
        reason = str(error).split(":", 1)[0]
        raise OpmlError(
            f"{where}:{line}:{column}: not well-formed XML ({reason}); nothing was imported"
        ) from None
    except DefusedXmlException as error:
        raise OpmlError(
            f"{where}: refused: the file declares entities ({type(error).__name__}); an OPML "
            "file needs none, and expanding them could exhaust memory or read other files. "
            "Nothing was imported."
        ) from None
    if _local(root.tag) != "opml":
        raise OpmlError(
            f"{where}: not an OPML file (its root element is <{printable(_local(root.tag))}>, "
            "not <opml>); nothing was imported"
        )
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise OpmlError(f"{where}: an OPML file without a <body>; nothing was imported")
    feeds: list[FeedSource] = []
    skipped: list[str] = []
    for outline, folders in _outlines(body, where):
        url = (_attribute(outline, "xmlUrl") or "").strip()
        name = _name(outline)
        problem = url_problem(url)
        if problem is not None:
            label = name or printable(url) or "an outline"
            skipped.append(f"{where}: {label}: {problem}; skipped")
            continue
        category = "/".join(folders) or None
        feeds.append(FeedSource(url, name if name and name != url else None, category))
    return OpmlFeeds(tuple(feeds), tuple(skipped))


def _outlines(body: ET.Element, where: str) -> Iterator[tuple[ET.Element, tuple[str, ...]]]:
    """Each feed outline under `body`, with the names of the folders it is in. Walked with a
    stack of its own, not recursion: nesting cannot exhaust Python's."""
    stack: list[tuple[Iterator[ET.Element], tuple[str, ...]]] = [(iter(body), ())]
    while stack:
        children, folders = stack[-1]
        element = next(children, None)
        if element is None:
            stack.pop()
            continue
        if _local(element.tag) != "outline":
            continue
        if _attribute(element, "xmlUrl") is not None:
            yield element, folders
            if len(element):  # a feed holding outlines: they are in its folder, not in it
                stack.append((iter(element), folders))
        elif len(element):
            if len(folders) >= MAX_FOLDER_DEPTH:
                raise OpmlError(
                    f"{where}: folders nested deeper than {MAX_FOLDER_DEPTH} levels; "
                    "nothing was imported"
                )
            folder = _name(element).replace("/", "-")
            stack.append((iter(element), (*folders, folder) if folder else folders))


def _attribute(element: ET.Element, name: str) -> str | None:
    """An attribute by name, in any case (`xmlurl` is seen in the wild)."""
    found = element.get(name)
    if found is not None:
        return found
    wanted = name.lower()
    return next((v for k, v in element.attrib.items() if k.lower() == wanted), None)


def _name(outline: ET.Element) -> str:
    """The outline's `title`, else its `text`: one line of printable text, bounded."""
    for attribute in ("title", "text"):
        text = " ".join(printable(_attribute(outline, attribute) or "").split())
        if text:
            return text[:_NAME_CHARS].rstrip()
    return ""


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def opml_document(feeds: Sequence[FeedSource], *, title: str, created: str) -> str:
    """OPML 2.0 listing `feeds`, each in the folders its category names (nested outlines),
    in the order given; `created` is the RFC 822 date for `<dateCreated>`."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = created
    body = ET.SubElement(root, "body")
    folders: dict[tuple[str, ...], ET.Element] = {(): body}
    for feed in feeds:
        parent = _folder(folders, _folder_names(feed.category))
        url = _xml_text(feed.url)
        name = _xml_text(feed.name) if feed.name else ""
        attributes = {"type": "rss", "text": name or url}
        if name:
            attributes["title"] = name
        attributes["xmlUrl"] = url
        ET.SubElement(parent, "outline", attributes)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _folder_names(category: str | None) -> tuple[str, ...]:
    parts = (_xml_text(part).strip() for part in (category or "").split("/"))
    return tuple(part for part in parts if part)


def _folder(folders: dict[tuple[str, ...], ET.Element], names: tuple[str, ...]) -> ET.Element:
    """The outline for the folder `names` (made, with the folders it is in, if need be)."""
    for depth in range(1, len(names) + 1):
        path = names[:depth]
        if path not in folders:
            name = names[depth - 1]
            folders[path] = ET.SubElement(folders[names[: depth - 1]], "outline", text=name)
            folders[path].set("title", name)
    return folders[names]


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", printable(text))
