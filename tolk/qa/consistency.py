"""What the `inconsistent` check compares with: the other English the user's work gives the same
Norwegian — their corrections in any article, the translation memory's units.

Sentences are compared after normalising whitespace and quotes (`consistency_key`: « » “ ” „ "
are one quote, ‘ ’ ' another), so a sentence copied with other quotes is the same sentence and
an English that differs only in its quotes is the same English. The index is built once per
run (or per opened article) from the store and the memory, and each sentence costs one dict
lookup: no sentence is compared with the others one by one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "Rendering",
    "RenderingIndex",
    "consistency_key",
    "corrected_in",
    "in_memory",
    "quote_variants",
]

_DOUBLE_QUOTES = '«»“”„‟"″'
_SINGLE_QUOTES = "‘’‚‛'′"
_QUOTES = (
    *((mark, '"') for mark in _DOUBLE_QUOTES if mark != '"'),
    *((mark, "'") for mark in _SINGLE_QUOTES if mark != "'"),
)
_PAIRED = (("«", "»"), ("“", "”"), ('"', '"'))
_DOUBLE = re.compile(f"[{re.escape(_DOUBLE_QUOTES)}]")


def consistency_key(text: str) -> str:
    """`text` as sentences are compared: whitespace runs as one space, no surrounding space,
    every double quote as `"` and every single quote or apostrophe as `'`."""
    # Not str.translate, which looks every character up: fifty times as slow on a sentence,
    # and the index makes a key for each of a user's thousands of corrections.
    for mark, plain in _QUOTES:
        if mark in text:
            text = text.replace(mark, plain)
    return " ".join(text.split())


def quote_variants(text: str) -> list[str]:
    """`text` (whitespace-normalised) with its double quotes written each common way — «…»,
    “…”, "…" — opening and closing in turn: the keys under which another tool may have kept
    the same sentence (the memory is looked up by its own key, not by `consistency_key`)."""
    if not _DOUBLE.search(text):
        return [text]
    variants = [text]
    for opening, closing in _PAIRED:
        variant = _requote(text, opening, closing)
        if variant not in variants:
            variants.append(variant)
    return variants


def _requote(text: str, opening: str, closing: str) -> str:
    """`text` with its double quotes opening and closing in turn as `opening` and `closing`."""
    turns = iter(range(len(text)))
    return _DOUBLE.sub(lambda _: closing if next(turns) % 2 else opening, text)


@dataclass(frozen=True)
class Rendering:
    """English the user's work gives a Norwegian sentence, and where it is, for a reviewer
    ("corrected in 003_x.txt, paragraph 4"; "translation memory, nrk.tmx")."""

    english: str
    where: str


def corrected_in(article: str, paragraph: int, sentence: int | None = None) -> str:
    """Where a correction is, for a message: the article's file name and the 1-based
    paragraph (and sentence, where it is known)."""
    place = f"paragraph {paragraph}" + (f", sentence {sentence}" if sentence is not None else "")
    return f"corrected in {article}, {place}"


def in_memory(name: str) -> str:
    """Where a memory unit is, for a message: the import it came with."""
    return f"in the translation memory ({name})"


class RenderingIndex:
    """Renderings by the consistency key of their Norwegian."""

    def __init__(self, renderings: Iterable[tuple[str, Rendering]] = ()) -> None:
        self._by_source: dict[str, list[Rendering]] = {}
        for source, rendering in renderings:
            self.add(source, rendering)

    def add(self, source: str, rendering: Rendering) -> None:
        """Record that `rendering` is English for the Norwegian `source`."""
        found = self._by_source.setdefault(consistency_key(source), [])
        if rendering not in found:
            found.append(rendering)

    def renderings(self, source: str) -> tuple[Rendering, ...]:
        """Every rendering of `source` (by its consistency key), in the order added."""
        return tuple(self._by_source.get(consistency_key(source), ()))

    def __iter__(self) -> Iterator[tuple[str, tuple[Rendering, ...]]]:
        for key, found in self._by_source.items():
            yield key, tuple(found)

    def __len__(self) -> int:
        return len(self._by_source)
