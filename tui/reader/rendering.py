"""From the open article's model to what the reader draws for one paragraph."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tolk.words import word_spans
from tui.reader.keywords import KeywordFeature
from tui.reader.memory import MEMORY_MARK, memory_marks
from tui.reader.review import review_marks
from tui.widgets.paragraph_view import Mark, ParagraphView, SentenceWords

# The open article's model is loaded by the time anything here draws (an article is open); the
# reader's first frame, before that, does not wait for it.
if TYPE_CHECKING:
    from tolk.open_article import OpenArticle, ShownParagraph, ShownSentence


def paragraph_view(opened: OpenArticle, index: int, keywords: KeywordFeature) -> ParagraphView:
    """Paragraph `index` as the reader draws it: its translation as shown (the reviewer's
    corrections in place), keyword highlights in both columns, review marks."""
    shown = opened.shown(index)
    text = opened.article.paragraphs[index].text
    source, target = keywords.highlights(text, opened.source_hits.get(index, ()), shown)
    if shown is None:
        return ParagraphView(source_highlights=source)
    return ParagraphView(
        shown.target,
        tuple(shown.alignment),
        source,
        target,
        (*memory_marks(opened, index), *review_marks(shown), *flag_marks(shown)),
        sentence_words(opened.article.paragraphs[index].text, shown),
    )


FLAG_MARK = " ⚑"
FLAG_STYLE = "parallel-text--flag"


def flag_marks(shown: ShownParagraph) -> tuple[Mark, ...]:
    """⚑ after each sentence that needs a look (QA flags or low confidence)."""
    return tuple(
        Mark(
            s.span.target_end, FLAG_MARK if s.target else FLAG_MARK.lstrip(), "parallel-text--flag"
        )
        for s in shown.sentences
        if s.needs_look
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


def sentence_note(sentence: ShownSentence | None) -> str:
    """What the line under the reader says about a sentence: where its English comes from when
    it is not the model's (the memory, a correction), why it needs a look (QA flags, then
    confidence), and the model's confidence in its own English."""
    if sentence is None:
        return ""
    from tolk.open_article import Origin

    parts = [f"{flag.code}: {flag.message}" for flag in sentence.flags]
    if sentence.origin is Origin.MEMORY:
        parts.insert(0, f"{MEMORY_MARK.strip()} from the translation memory (exact match)")
    elif sentence.origin is Origin.CORRECTION:
        parts.insert(0, "✎ your correction")
    if sentence.confidence is not None:
        parts.append(f"confidence {sentence.confidence:.0%}")
    text = " · ".join(parts)
    return f"{FLAG_MARK.strip()} {text}" if sentence.needs_look else text
