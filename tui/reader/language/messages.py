"""What the language jobs report: the open article's language, the library's in chunks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle


@dataclass(eq=False)
class ArticleLanguage(ReaderMessage):
    """The language `opened` is written in (`tolk.library.language`'s code)."""

    receivers = ("language", "listing")  # the header, and the list's mark for it
    opened: OpenArticle
    language: str


@dataclass(eq=False)
class LibraryLanguages(ReaderMessage):
    """A chunk of the library's languages: absolute path -> code where the list marks it
    (Nynorsk, another language), None where it does not (Bokmål, too short to tell)."""

    receivers = ("listing",)
    languages: dict[Path, str | None]
