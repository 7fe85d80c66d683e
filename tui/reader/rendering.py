"""From the open article (`OpenArticle`) to what the reader draws for one paragraph."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tolk.library.language import language_name, marked
from tolk.text import printable
from tolk.words import word_spans
from tui.reader.glossary.state import GlossaryFeature
from tui.reader.keywords.state import KeywordFeature
from tui.reader.translation.state import NO_ENGLISH
from tui.views.paragraph_view import Mark, ParagraphView, SentenceWords

FLAG_MARK = " ⚑"
FLAG_STYLE = "parallel-text--flag"
PLACEHOLDER_STYLE = "parallel-text--placeholder"
MEMORY_MARK = " ≡"  # drawn after a sentence whose English is the memory's
MEMORY_STYLE = "parallel-text--memory"
# Drawn after a sentence in the English column; not part of its text.
CORRECTED_MARK = " ✎"
REVIEWED_MARK = " ✓"


def source_title(opened: OpenArticle | None) -> str:
    """The Norwegian column's title: `Norsk` (or the language the article is told to be in,
    when not Bokmål), and for a fetched article the address it came
    from (without `https://` and `www.`: the column is narrow; `V` copies it whole)."""
    name = "Norsk"
    if opened is not None and opened.language is not None and marked(opened.language):
        name = language_name(opened.language)  # Nynorsk, Danish…: the header says why it matters
    source = opened.article.source if opened is not None else None
    if source is None:
        return name
    address = source.url.split("://", 1)[-1].removeprefix("www.")
    return f"{name} · {printable(address)}"


def review_mark(sentence: ShownSentence) -> Mark | None:
    """✎ after a corrected sentence and ✓ after a reviewed one, if it is."""
    from tolk.reading.shown_english import Origin

    glyphs = (CORRECTED_MARK if sentence.origin is Origin.CORRECTION else "") + (
        REVIEWED_MARK if sentence.review.reviewed else ""
    )
    if not glyphs:
        return None
    # After empty English the marks stand alone, without a leading space (a sentence with no
    # English at all has its placeholder drawn before them).
    glyphs = glyphs if sentence.target != "" else glyphs.lstrip()
    return Mark(sentence.span.target_end, glyphs)


def memory_mark(sentence: ShownSentence) -> Mark | None:
    """≡ after a sentence shown from the translation memory, if it is."""
    from tolk.reading.shown_english import Origin

    if sentence.origin is not Origin.MEMORY:
        return None
    glyph = MEMORY_MARK if sentence.target else MEMORY_MARK.lstrip()
    return Mark(sentence.span.target_end, glyph, MEMORY_STYLE)


# tolk.reading.open_article is loaded by the time anything here draws (an article is open); the
# reader's first frame, before that, does not wait for it.
if TYPE_CHECKING:
    from tolk.qa.terminology import TermEntry
    from tolk.reading.open_article import OpenArticle
    from tolk.reading.shown_english import ShownParagraph, ShownSentence


def paragraph_view(
    opened: OpenArticle,
    index: int,
    keywords: KeywordFeature,
    missing: str = NO_ENGLISH,
    glossary: GlossaryFeature | None = None,
) -> ParagraphView:
    """Paragraph `index` as the reader draws it: its translation as shown (the reviewer's
    corrections and the memory's matches in place, `missing` standing in for a sentence
    with no English), keyword highlights in both columns, the glossary's terms marked in the
    Norwegian, and each sentence's marks."""
    shown = opened.shown(index)
    text = opened.article.paragraphs[index].text
    source, target = keywords.highlights(text, opened.source_hits.get(index, ()), shown)
    if glossary is not None:  # drawn first: a keyword's colour shows over a term's style
        source = (*glossary.highlights(opened, index), *source)
    if shown is None:
        return ParagraphView(source_highlights=source)
    return ParagraphView(
        shown.target,
        tuple(shown.alignment),
        source,
        target,
        tuple(
            mark
            for position, sentence in enumerate(shown.sentences)
            for mark in sentence_marks(sentence, position, missing)
        ),
        sentence_words(opened.article.paragraphs[index].text, shown),
    )


def sentence_marks(sentence: ShownSentence, position: int, missing: str) -> list[Mark]:
    """What is drawn into the English column for one sentence, in the order drawn: the
    placeholder for English it does not have, then ≡, ✎ ✓ and ⚑ after it. Sentence by
    sentence, so two sentences' marks at one offset never interleave."""
    marks = [
        Mark(sentence.span.target_start, missing, PLACEHOLDER_STYLE, stands_for=position)
        if sentence.target is None
        else None,
        memory_mark(sentence),
        review_mark(sentence),
        flag_mark(sentence),
    ]
    return [mark for mark in marks if mark is not None]


def flag_mark(sentence: ShownSentence) -> Mark | None:
    """⚑ after a sentence that needs a look (QA flags or low confidence), if it does."""
    if not sentence.needs_look:
        return None
    glyph = FLAG_MARK if sentence.target else FLAG_MARK.lstrip()
    return Mark(sentence.span.target_end, glyph, FLAG_STYLE)


def sentence_words(source: str, shown: ShownParagraph) -> tuple[SentenceWords, ...]:
    """Each sentence pair's words, placed in the paragraph, with the model's alignment (a
    sentence without English has Norwegian words only)."""
    return tuple(
        SentenceWords(
            word_spans(source[s.span.source_start : s.span.source_end], s.span.source_start),
            word_spans(s.target or "", s.span.target_start),
            s.links,
        )
        for s in shown.sentences
    )


def sentence_note(
    sentence: ShownSentence | None, no_english: str = "", terms: Sequence[TermEntry] = ()
) -> str:
    """What the line under the reader says about a sentence: where its English comes from —
    the model (with its confidence), the translation memory (which import) or the reviewer's
    correction — so a reviewer always knows, then why it needs a look (QA flags), then the
    English the glossary expects for its `terms`. The origin is short and comes first, so a
    narrow terminal cuts a flag's message, not the origin. A sentence without English says why
    it has none (`no_english`). The `confidence` flag is said by the origin ("confidence 31%")
    and the ⚑, not again."""
    if sentence is None:
        return ""
    glossary = [glossary_note(terms)] if terms else []
    if sentence.target is None:
        said = f"no English: {no_english}" if no_english else "no English"
        return " · ".join([said, *glossary])
    flags = [flag for flag in sentence.flags if flag.code != "confidence"]
    parts = [origin_note(sentence), *(f"{flag.code}: {flag.message}" for flag in flags)]
    text = " · ".join([*parts, *glossary])
    return f"{FLAG_MARK.strip()} {text}" if sentence.needs_look else text


def glossary_note(terms: Sequence[TermEntry]) -> str:
    """The glossary's terms in a sentence and the English expected for each."""
    return "glossary: " + "; ".join(f"{term.source} → {term.expected}" for term in terms)


def origin_note(sentence: ShownSentence) -> str:
    """Where the sentence's English comes from, in words (with its column mark, if any)."""
    from tolk.reading.shown_english import Origin

    if sentence.origin is Origin.CORRECTION:
        return f"{CORRECTED_MARK.strip()} your correction"
    if sentence.origin is Origin.MEMORY:
        name = f" · {sentence.memory_name}" if sentence.memory_name else ""
        return f"{MEMORY_MARK.strip()} translation memory, exact match{name}"
    confidence = sentence.confidence
    return "model" + (f", confidence {confidence:.0%}" if confidence is not None else "")


def sentence_details(
    sentence: ShownSentence, terms: Sequence[TermEntry] = ()
) -> list[tuple[str, str]]:
    """Every field the sentence line shortens, in full, for the details dialog."""
    from tolk.reading.shown_english import Origin

    fields = [("Norwegian", sentence.key.source)]
    if sentence.target is None:
        fields.append(("English", "none yet"))
    else:
        fields += [("English", sentence.target), ("Comes from", origin_note(sentence))]
    machine = sentence.machine
    if machine is not None and sentence.origin is not Origin.MACHINE:
        fields.append(("The model's English", machine.target))
    fields += [(f"Flag: {flag.code}", flag.message) for flag in sentence.flags]
    fields += [(f"Glossary: {term.source}", f"{term.expected} ({term.where})") for term in terms]
    review = sentence.review
    fields.append(("Reviewed", "yes" if review.reviewed else "no"))
    if review.note:
        fields.append(("Note", review.note))
    return fields
