"""What the dictionary's jobs report: it is ready (or cannot be used), a word's entries, and
their definitions' English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tolk.dictionary import Dictionary, Lookup


@dataclass(eq=False)
class DictionaryReady(ReaderMessage):
    """The dictionary is prepared and open (`dictionary`), or cannot be used (`problem`, one
    line for the user); `fresh`: it was prepared just now (the keywords, matched before it,
    lack the dictionary's forms: they match again)."""

    receivers = ("dictionary", "keywords")
    dictionary: Dictionary | None
    problem: str | None = None
    fresh: bool = False


@dataclass(eq=False)
class WordExplained(ReaderMessage):
    """What the dictionary says of `lookup.word`, and the English this sentence's alignment
    gave it (`aligned`, "" when none)."""

    receivers = ("dictionary",)
    lookup: Lookup
    aligned: str


@dataclass(eq=False)
class DefinitionsTranslated(ReaderMessage):
    """The model's English of the definitions of `word`'s entries, by Norwegian text."""

    receivers = ("dictionary",)
    word: str
    english: dict[str, str]
