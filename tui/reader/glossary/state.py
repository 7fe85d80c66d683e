"""The glossary in the reader: the terms of an article, looked up as it is read (in the job
that reads it, so that no sentence of it is ever judged without them), and how they are marked
in the Norwegian.

The lookup opens the glossary database itself (a connection is not shared between threads) and
asks only for the terms whose first word is a word of the article: a glossary can hold a
million terms. The reader never creates the database; without one there are no terms, at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.style import Style

from tui.views.paragraph_view import Highlight

# The glossary and tolk.reading.open_article load when first used (the reading job's worker, an
# open article's drawing): the reader's first frame does not wait for them.
if TYPE_CHECKING:
    from tolk.library.articles import Article
    from tolk.qa.terminology import Term
    from tolk.reading.open_article import OpenArticle

TITLE = "Glossary"
# Distinct from the keywords' styles: they colour the background (or, without colour, use
# reverse, bold and underline); a term is in italics, underlined where colour is on (the
# sentence cursor underlines its sentence too, so the italics are what tell a term there).
TERM_STYLE = Style(italic=True, underline=True)
TERM_STYLE_NO_COLOR = Style(italic=True)


class GlossaryFeature:
    """The glossary's terms of the article being read (`tolk.glossary.database`), and their
    marks."""

    def __init__(self, *, no_color: bool) -> None:
        self.style = TERM_STYLE_NO_COLOR if no_color else TERM_STYLE

    @staticmethod
    def terms(article: Article) -> tuple[Sequence[Term], str | None]:
        """The glossary's terms that may occur in `article`, and a warning for the user (None
        when all went well). Slow-ish (it opens the database): run it in a worker."""
        from tolk.glossary.database import terms_for

        return terms_for(paragraph.text for paragraph in article.paragraphs)

    def highlights(self, opened: OpenArticle, index: int) -> tuple[Highlight, ...]:
        """The glossary's terms in paragraph `index`'s Norwegian, as styled spans."""
        return tuple(
            Highlight(hit.start, hit.end, self.style) for hit in opened.glossary_hits.get(index, ())
        )
