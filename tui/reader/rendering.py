"""From the open article's model to what the reader draws for one paragraph."""

from __future__ import annotations

from tolk.open_article import OpenArticle, ShownParagraph
from tolk.words import word_spans
from tui.reader.keywords import KeywordFeature
from tui.reader.review import review_marks
from tui.widgets.paragraph_view import ParagraphView, SentenceWords


def paragraph_view(opened: OpenArticle, index: int, keywords: KeywordFeature) -> ParagraphView:
    """Paragraph `index` as the reader draws it: its translation as shown (the reviewer's
    corrections in place), keyword highlights in both columns, review marks."""
    shown = opened.shown(index)
    source, target = keywords.highlights(opened.source_hits.get(index, ()), shown)
    if shown is None:
        return ParagraphView(source_highlights=source)
    return ParagraphView(
        shown.target,
        tuple(shown.alignment),
        source,
        target,
        review_marks(shown),
        sentence_words(opened.article.paragraphs[index].text, shown),
    )


def sentence_words(source: str, shown: ShownParagraph) -> tuple[SentenceWords, ...]:
    """Each sentence pair's words, placed in the paragraph, with the model's alignment."""
    return tuple(
        SentenceWords(
            word_spans(source[s.span.source_start : s.span.source_end], s.span.source_start),
            word_spans(s.target, s.span.target_start),
            s.links,
        )
        for s in shown.sentences
    )
