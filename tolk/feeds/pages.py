"""An article page's text: title, date, lead, body paragraphs and subheadings, nothing else.

trafilatura finds the article in the page and leaves out navigation, cookie banners, ads,
captions, "read also" boxes, footers, comments and scripts. tolk decodes the page itself
(`tolk.feeds.decoding`: the server's charset or the page's `<meta>` only if the bytes decode in
it, else a guess that is said) and gives trafilatura text, so that its own guess never turns
`år` into `枓`. Its result is walked as a tree of elements and only their text is kept: nothing
from a page is interpreted as markup, and control characters (terminal escapes) are removed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from tolk.feeds.decoding import decode_page
from tolk.library.articles import Paragraph, ParagraphKind
from tolk.library.dates import ArticleDate, parse_article_date
from tolk.text import printable

__all__ = ["ExtractedPage", "ExtractionError", "extract_page"]

# trafilatura, htmldate and courlan log every odd page at WARNING; without a handler Python
# would print those to stderr. tolk reports what matters itself.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


# lxml refuses text that carries an XML declaration naming an encoding.
_XML_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]*>")


class ExtractionError(Exception):
    """No article text could be found in the page; `encoding_guess` as in ExtractedPage."""

    def __init__(self, reason: str, encoding_guess: str | None = None) -> None:
        super().__init__(reason)
        self.encoding_guess = encoding_guess


@dataclass(frozen=True)
class ExtractedPage:
    """The article found in a page; `encoding_guess` says why the page's encoding was guessed
    (None when it was read as declared)."""

    title: str | None
    date: ArticleDate | None
    paragraphs: tuple[Paragraph, ...]
    encoding_guess: str | None = None


def extract_page(body: bytes, url: str, charset: str | None = None) -> ExtractedPage:
    """Find the article in an HTML page (`charset`: the one the server named, if any)."""
    import trafilatura  # here, not at the top: it takes most of a second to import

    decoded = decode_page(body, charset)
    html = _XML_DECLARATION.sub("", decoded.text, count=1)
    document: Any = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        # Only a date the page states (meta tags, <time>): the extensive search guesses one
        # from a copyright line or the URL, and a guessed day is a made-up one.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or document.body is None:
        raise ExtractionError("no article text found in the page", decoded.guess)
    title = _text(document.title) or None
    paragraphs = _paragraphs(document.body, title)
    if not any(p.kind is ParagraphKind.BODY for p in paragraphs):
        raise ExtractionError("no article text found in the page", decoded.guess)
    date = parse_article_date(document.date) if document.date else None
    return ExtractedPage(title, date, tuple(paragraphs), decoded.guess)


def _paragraphs(body: Any, title: str | None) -> list[Paragraph]:
    found: list[Paragraph] = []
    for element in body:
        tag = element.tag
        if tag == "head":
            text = _element_text(element)
            # The page's own headline is the article's title, not a subheading of it.
            if text and not (not found and title and text.casefold() == title.casefold()):
                found.append(Paragraph(text, ParagraphKind.HEADING))
        elif tag in ("p", "quote"):
            _add(found, _element_text(element))
        elif tag == "list":
            for item in element.iter("item"):
                _add(found, _element_text(item))
    return found


def _add(found: list[Paragraph], text: str) -> None:
    if text:
        found.append(Paragraph(text))


def _element_text(element: Any) -> str:
    """The text of an element and its descendants, a line break (`lb`) read as a space."""
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return _text("".join(element.itertext()))


def _text(text: object) -> str:
    """One line of plain, printable text with single spaces."""
    return " ".join(printable(str(text)).split()) if text else ""
