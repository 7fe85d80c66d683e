"""What the vocabulary keeps: a saved word, where it was met, its state, and an article's share
of words not yet known."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from tolk.vocabulary.lexicon import WordSense

__all__ = ["ArticleShare", "NewWord", "SavedWord", "WordSource", "WordState"]


class WordState(enum.StrEnum):
    """A saved word is being learnt, or known (it no longer counts as new in any article)."""

    LEARNING = "learning"
    KNOWN = "known"


@dataclass(frozen=True)
class WordSource:
    """The article a word was met in: its file (absolute), title, date and paragraph."""

    path: Path
    title: str
    date: str | None
    paragraph: int


@dataclass(frozen=True)
class NewWord:
    """A word to save: the form as it stands in the sentence, what the lexicon says of it, the
    English word(s) the model aligned with it, the sentence and its English, and the source."""

    word: str
    sense: WordSense
    sentence: str
    english: str | None = None
    sentence_english: str | None = None
    source: WordSource | None = None


@dataclass(frozen=True)
class SavedWord:
    """A word as stored (see `NewWord`); `created` and `updated` are UTC ISO times."""

    id: int
    word: str
    lemma: str
    word_class: str | None
    definition: str | None
    english: str | None
    sentence: str
    sentence_english: str | None
    source: WordSource | None
    state: WordState
    created: str
    updated: str


@dataclass(frozen=True)
class ArticleShare:
    """Of an article's distinct lemmas (`lemmas`), how many are not known yet (`unknown`)."""

    lemmas: int
    unknown: int

    @property
    def percent(self) -> int:
        """The share not yet known, in whole percent (0 for an article without words)."""
        return round(100 * self.unknown / self.lemmas) if self.lemmas else 0

    def describe(self) -> str:
        """The share for the header: "12% new words"."""
        return f"{self.percent}% new words"
