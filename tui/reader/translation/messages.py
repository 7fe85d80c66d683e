"""What the model's jobs report: loaded or not, each paragraph translated, progress, installs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tolk.qa.checks import Flag
    from tolk.reading.open_article import OpenArticle
    from tolk.translating import LoadedTranslator
    from translation.engine import ArticleTranslator, ParagraphSource, TranslatedParagraph


@dataclass(eq=False)
class TranslatorReady(ReaderMessage):
    """The translation model is loaded: the open article and the keywords are translated."""

    receivers = ("translation", "keywords")
    loaded: LoadedTranslator


@dataclass(eq=False)
class TranslatorUnavailable(ReaderMessage):
    """There is no model (or it failed); `reason` tells the user what to do."""

    receivers = ("translation",)
    reason: str
    missing: bool


@dataclass(eq=False)
class ParagraphTranslated(ReaderMessage):
    """One paragraph of `opened` is translated (with its sentences' QA flags)."""

    receivers = ("translation",)
    opened: OpenArticle
    paragraph: TranslatedParagraph
    flags: tuple[tuple[Flag, ...], ...]


@dataclass(eq=False)
class TranslationProgress(ReaderMessage):
    """The model's work done / total for `opened`: sentences, an overlong one counted by its
    pieces (`ArticleTranslator.translate`)."""

    receivers = ("translation",)
    opened: OpenArticle
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TranslationProgress)


@dataclass(eq=False)
class TranslationFinished(ReaderMessage):
    """Every paragraph of `opened` is translated (paragraph targets, in order): the title says
    so, and the search index takes the English."""

    receivers = ("translation", "keywords")
    opened: OpenArticle
    targets: list[str | None]


@dataclass(eq=False)
class EnglishReadAhead(ReaderMessage):
    """An article after the open one is translated whole, ahead of time: its paragraphs'
    English (in order), kept for the moment it is opened, under the text it was made from; and
    the translator that made it."""

    receivers = ("translation",)
    translator: ArticleTranslator
    sources: tuple[ParagraphSource, ...]
    paragraphs: tuple[TranslatedParagraph, ...]


@dataclass(eq=False)
class ReadAheadFinished(ReaderMessage):
    """The articles after `opened` in the list are read ahead (`paths`: those translated
    whole); the idle pass over the library may start."""

    receivers = ("translation",)
    opened: OpenArticle
    paths: tuple[Path, ...]


@dataclass(eq=False)
class PretranslateProgress(ReaderMessage):
    """The idle pass over the library: `done` of `total` articles; `running`: translating now
    (else paused by a key or a click, or finished); `path`: the article it has just translated
    whole."""

    receivers = ("translation",)
    done: int
    total: int
    running: bool
    path: Path | None = None


@dataclass(eq=False)
class InstallProgress(ReaderMessage):
    """Bytes downloaded so far while installing a model."""

    receivers = ("translation",)
    done: int
    total: int | None
    bytes_per_second: float

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, InstallProgress)


@dataclass(eq=False)
class InstallFinished(ReaderMessage):
    """Installing a model ended; `error` is None on success. `found`: a model installed
    meanwhile another way, loaded instead of asking the index."""

    receivers = ("translation",)
    error: str | None
    found: LoadedTranslator | None = None
