"""From the open article's model to what the reader draws for one paragraph."""

from __future__ import annotations

from tolk.open_article import OpenArticle
from tui.reader.keywords import KeywordFeature
from tui.reader.review import review_marks
from tui.widgets.paragraph_view import ParagraphView


def paragraph_view(opened: OpenArticle, index: int, keywords: KeywordFeature) -> ParagraphView:
    """Paragraph `index` as the reader draws it: its translation as shown (the reviewer's
    corrections in place), keyword highlights in both columns, review marks."""
    shown = opened.shown(index)
    source, target = keywords.highlights(opened.source_hits.get(index, ()), shown)
    if shown is None:
        return ParagraphView(source_highlights=source)
    return ParagraphView(shown.target, tuple(shown.alignment), source, target, review_marks(shown))
