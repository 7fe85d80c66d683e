"""What the vocabulary's jobs report: the store opened, shares of new words, a word saved,
the saved words for the words screen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tolk.vocabulary.entries import ArticleShare, SavedWord, WordState
    from tolk.vocabulary.store import Saved


@dataclass(eq=False)
class VocabularyOpened(ReaderMessage):
    """The first job that needed the vocabulary opened its store (`usable` False: it is off,
    `message` says why); `message` also tells of a damaged file moved aside."""

    receivers = ("vocabulary",)
    usable: bool
    message: str | None


@dataclass(eq=False)
class NewWordShares(ReaderMessage):
    """The shares of new words of some articles (absolute paths), counted or changed: the
    list's marks and, for the open article, the header."""

    receivers = ("listing", "vocabulary")
    shares: dict[Path, ArticleShare]

    @property
    def percents(self) -> dict[Path, int | None]:
        return {path: share.percent for path, share in self.shares.items()}


@dataclass(eq=False)
class WordSaved(ReaderMessage):
    """A word was saved (or marked known, `state`): what the store did."""

    receivers = ("vocabulary",)
    saved: Saved
    state: WordState


@dataclass(eq=False)
class WordList(ReaderMessage):
    """Every saved word, newest first, for the words screen."""

    receivers = ("vocabulary",)
    words: list[SavedWord]
