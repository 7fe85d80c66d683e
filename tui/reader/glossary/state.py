"""The glossary in the reader: the terms of the open article, looked up in a worker (a
glossary can hold a million terms; the lookup asks for those whose first word is a word of the
article), and how they are marked in the Norwegian.

The job opens the glossary database itself (a connection is not shared between threads); the
reader never creates it. Without a glossary file the job finds no terms at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style

from tui.reader.glossary.messages import GlossaryLoaded
from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.messages import Notice
from tui.views.paragraph_view import Highlight

# The glossary and tolk.reading.open_article load when first used (the job's worker, an open
# article's drawing): the reader's first frame does not wait for them.
if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle

TITLE = "Glossary"
# Distinct from the keywords' styles: they colour the background (or, without colour, use
# reverse, bold and underline); a term is in italics, underlined where colour is on (the
# sentence cursor underlines its sentence too, so the italics are what tell a term there).
TERM_STYLE = Style(italic=True, underline=True)
TERM_STYLE_NO_COLOR = Style(italic=True)


class GlossaryFeature:
    """Jobs over the glossary file (`tolk.glossary.database`), and the marks of its terms."""

    def __init__(self, *, no_color: bool) -> None:
        self.style = TERM_STYLE_NO_COLOR if no_color else TERM_STYLE

    @staticmethod
    def lookup(opened: OpenArticle) -> Job:
        """Job: the glossary's terms that may occur in `opened`, and where they are."""

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.glossary.database import terms_for

            terms, warning = terms_for(p.text for p in opened.article.paragraphs)
            if warning:
                post(Notice(TITLE, warning, "warning"))
            found = opened.find_terms(terms)
            if not cancelled():
                post(GlossaryLoaded(opened, found))

        return job

    def highlights(self, opened: OpenArticle, index: int) -> tuple[Highlight, ...]:
        """The glossary's terms in paragraph `index`'s Norwegian, as styled spans."""
        return tuple(
            Highlight(hit.start, hit.end, self.style) for hit in opened.glossary_hits.get(index, ())
        )
