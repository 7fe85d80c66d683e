"""From the open article's model to what the reader draws for one paragraph."""

from __future__ import annotations

from tolk.open_article import OpenArticle, Origin, ShownParagraph, ShownSentence
from tolk.words import word_spans
from tui.reader.keywords import KeywordFeature
from tui.reader.memory import MEMORY_MARK, memory_marks
from tui.reader.review import CORRECTED_MARK, review_marks
from tui.widgets.paragraph_view import Mark, ParagraphView, SentenceWords


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
    """What the line under the reader says about a sentence: where its English comes from —
    the model (with its confidence), the translation memory (which import) or the reviewer's
    correction — so a reviewer always knows, then why it needs a look (QA flags). The origin
    is short and comes first, so a narrow terminal cuts a flag's message, not the origin."""
    if sentence is None:
        return ""
    parts = [origin_note(sentence), *(f"{flag.code}: {flag.message}" for flag in sentence.flags)]
    text = " · ".join(parts)
    return f"{FLAG_MARK.strip()} {text}" if sentence.needs_look else text


def origin_note(sentence: ShownSentence) -> str:
    """Where the sentence's English comes from, in words (with its column mark, if any)."""
    if sentence.origin is Origin.CORRECTION:
        return f"{CORRECTED_MARK.strip()} your correction"
    if sentence.origin is Origin.MEMORY:
        name = f" · {sentence.memory_name}" if sentence.memory_name else ""
        return f"{MEMORY_MARK.strip()} translation memory, exact match{name}"
    confidence = sentence.confidence
    return "model" + (f", confidence {confidence:.0%}" if confidence is not None else "")
