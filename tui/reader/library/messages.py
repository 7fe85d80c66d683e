"""What the library's jobs report: the scan's batches, an article read for opening, the stored
counts of sentences that need a look."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tolk.library.articles import Article
    from tolk.qa.terminology import Term
    from tui.views.article_rows import ArticleRow


@dataclass(eq=False)
class LibraryBatch(ReaderMessage):
    """The scan found more articles (rows made in the scan's thread); `scanned` is how many
    files it has looked at. The list sets `handled` once it has taken the rows: the scan posts
    its next batch only then."""

    receivers = ("listing",)
    rows: list[ArticleRow]
    scanned: int
    handled: threading.Event


@dataclass(eq=False)
class LibraryRemoved(ReaderMessage):
    """Files the library index listed are gone (named as they were listed)."""

    receivers = ("listing",)
    paths: list[Path]


class ScanFinished(Message):
    """The scan has looked at every file."""


class ReaderImported(Message):
    """The modules of the reader's widgets, the header and the footer have been imported."""


class Preloaded(Message):
    """What opening an article and loading the model import has been imported."""


@dataclass(eq=False)
class ArticleLoaded(Message):
    """An article the user opened has been read and parsed; open it at `paragraph`. `terms`:
    the glossary's terms that may occur in it."""

    article: Article
    paragraph: int = 0
    terms: tuple[Term, ...] = ()


@dataclass(eq=False)
class ArticleUnreadable(Message):
    """An article the user opened could not be read."""

    path: Path
    reason: str


@dataclass(eq=False)
class StoredLookCounts(ReaderMessage):
    """How many sentences of some listed articles need a look (absolute paths; 0: none), as
    stored in the cache when each was last counted; the other articles' counts stay as they
    are."""

    receivers = ("listing",)
    counts: dict[Path, int]
