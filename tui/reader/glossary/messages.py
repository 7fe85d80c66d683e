"""What the glossary's job reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tolk.reading.open_article import ArticleTerms, OpenArticle


@dataclass(eq=False)
class GlossaryLoaded(ReaderMessage):
    """The glossary's terms for `opened` (none without a glossary), and where they are."""

    receivers = ("glossary",)
    opened: OpenArticle
    found: ArticleTerms
