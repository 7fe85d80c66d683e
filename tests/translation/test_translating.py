"""`align_sentences`: where each sentence pair sits in a paragraph's source text and in its
translation (the reader draws its sentence cursor from these spans)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tolk.library.articles import read_article
from tolk.translating import AlignedSentence, align_sentences, paragraph_sources
from translation.engine import (
    ArticleTranslator,
    DecodingOptions,
    SentencePair,
    TranslatedParagraph,
    TranslationModel,
)


def paragraph(*pairs: tuple[str, str]) -> TranslatedParagraph:
    return TranslatedParagraph(0, tuple(SentencePair(s, t) for s, t in pairs))


def cut(text: str, start: int, end: int) -> str:
    return text[start:end]


def test_spans_cut_each_sentence_out_of_both_texts() -> None:
    source = "Nato møtes.  Det var kaldt! Ja?"
    translated = paragraph(
        ("Nato møtes.", "Nato meets."), ("Det var kaldt!", "It was cold!"), ("Ja?", "Yes?")
    )
    spans = align_sentences(source, translated)
    assert spans == [
        AlignedSentence(0, 11, 0, 11),
        AlignedSentence(13, 27, 12, 24),
        AlignedSentence(28, 31, 25, 29),
    ]
    for span, pair in zip(spans, translated.sentences, strict=True):
        assert cut(source, span.source_start, span.source_end) == pair.source
        assert cut(translated.target, span.target_start, span.target_end) == pair.target


def test_a_repeated_sentence_is_found_after_the_one_before() -> None:
    source = "Ja. Nei. Ja."
    spans = align_sentences(source, paragraph(("Ja.", "Yes."), ("Nei.", "No."), ("Ja.", "Yes.")))
    assert [(s.source_start, s.source_end) for s in spans] == [(0, 3), (4, 8), (9, 12)]
    assert [(s.target_start, s.target_end) for s in spans] == [(0, 4), (5, 8), (9, 13)]


def test_an_empty_translation_is_an_empty_span_and_the_next_follows_on() -> None:
    translated = paragraph(("Hei.", "Hi."), ("…", ""), ("Ha det.", "Bye."))
    assert translated.target == "Hi. Bye."
    spans = align_sentences("Hei. … Ha det.", translated)
    assert [(s.target_start, s.target_end) for s in spans] == [(0, 3), (4, 4), (4, 8)]
    assert cut(translated.target, spans[2].target_start, spans[2].target_end) == "Bye."
    assert (spans[1].source_start, spans[1].source_end) == (5, 6)


def test_a_sentence_missing_from_the_source_keeps_the_spans_in_order_and_in_bounds() -> None:
    # The text changed under the translation: the second sentence is not in it any more.
    source = "Første. Helt annen tekst her."
    translated = paragraph(("Første.", "First."), ("Andre setning.", "Second sentence."))
    spans = align_sentences(source, translated)
    assert (spans[0].source_start, spans[0].source_end) == (0, 7)
    assert 7 <= spans[1].source_start <= spans[1].source_end <= len(source)
    assert (spans[1].target_start, spans[1].target_end) == (7, 23)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_spans_of_a_real_translation(cipher_package: Any, path: Any) -> None:
    article = read_article(path)
    model = TranslationModel(cipher_package, DecodingOptions(threads=1))
    translator = ArticleTranslator(model, None)
    for translated in translator.translate(paragraph_sources(article.paragraphs)):
        source = article.paragraphs[translated.index].text
        spans = align_sentences(source, translated)
        assert len(spans) == len(translated.sentences)
        for span, pair in zip(spans, translated.sentences, strict=True):
            assert cut(source, span.source_start, span.source_end) == pair.source
            english = cut(translated.target, span.target_start, span.target_end)
            assert english == cipher_text(pair.source)
