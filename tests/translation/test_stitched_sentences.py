"""An overlong "sentence" goes to the model in pieces (translation/pieces.py) and comes back as one
`SentencePair`: the sentence `split_sentences` gives, its English the pieces' joined, its word
alignment over the whole sentence and its score over all its pieces. On the cipher model, whose
alignment head copies word i to word i, the alignment of any sentence must be the identity."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.english import cipher_text
from tests.translation.test_alignment import assert_identity
from tests.translation.test_long_paragraph import spaced, unbroken
from tests.translation.test_translation import CountingModel, cache_at
from translation.batching import IN_FLIGHT_PER_WORKER
from translation.engine import (
    ArticleTranslator,
    DecodingOptions,
    ParagraphSource,
    TranslationModel,
)
from translation.hypothesis import SentenceTranslation
from translation.pieces import (
    LONG_SENTENCE_CHARS,
    UNBROKEN_PIECE_CHARS,
    CutSentence,
    cut_sentence,
    stitch,
)
from translation.sentences import split_sentences

MAX_BATCH = 64
# One paragraph: a sentence, a run-on "sentence" of some 200 words without punctuation, a
# sentence. Only the middle one is cut.
RUN_ON = "Regjeringen " + spaced(1_500)
PARAGRAPH = f"Nato møtes i London. {RUN_ON}. Det er bra."


@pytest.fixture(scope="module")
def model(cipher_package: Any) -> TranslationModel:
    return TranslationModel(cipher_package, DecodingOptions(threads=2))


def test_the_paragraph_has_the_sentences_the_reviewer_sees() -> None:
    # What every test below relies on: the splitter keeps the run-on sentence whole, and it
    # is long enough to be cut.
    sentences = split_sentences(PARAGRAPH)
    assert sentences == ["Nato møtes i London.", f"{RUN_ON}.", "Det er bra."]
    assert len(sentences[1]) > LONG_SENTENCE_CHARS and len(cut_sentence(sentences[1]).pieces) > 5


def test_a_run_on_sentence_comes_back_as_one_pair_aligned_over_its_words(
    model: TranslationModel,
) -> None:
    counting = CountingModel(model)
    (paragraph,) = ArticleTranslator(counting, None).translate([ParagraphSource(PARAGRAPH)])  # type: ignore[arg-type]
    given_to_model = [piece for call in counting.calls for piece in call]
    assert len(given_to_model) > 5  # the model got pieces ...
    # ... the reader gets the splitter's sentences, each with its whole English.
    assert [pair.source for pair in paragraph.sentences] == split_sentences(PARAGRAPH)
    assert [pair.target for pair in paragraph.sentences] == [
        cipher_text(pair.source) for pair in paragraph.sentences
    ]
    run_on = paragraph.sentences[1]
    assert len(run_on.source.split()) > 150
    # Word i to word i over the whole sentence: every piece's words were counted on from the
    # pieces before it, on both sides (a piece's own numbering would restart at 0).
    assert_identity(paragraph.sentences)
    assert run_on.score is not None and run_on.score <= 0
    assert run_on.unknown_replaced is False


def test_a_word_cut_in_two_aligns_every_part_to_that_word(model: TranslationModel) -> None:
    word = unbroken(3 * UNBROKEN_PIECE_CHARS + 50)
    sentence = f"Kort {word} {spaced(LONG_SENTENCE_CHARS)} slutt"
    cut = cut_sentence(sentence)
    parts = [piece for piece, first in zip(cut.pieces, cut.first_words, strict=True) if first == 1]
    assert len(parts) == 4 and "".join(parts) == word
    (paragraph,) = ArticleTranslator(model, None).translate([ParagraphSource(sentence)])
    (pair,) = paragraph.sentences
    # The English has a word for each part of the cut word ("translated in halves"):
    # source word 1 (the long word) aligns with all four, and everything after shifts by 3.
    source_words = sentence.split()
    target_words = pair.target.split()
    assert len(target_words) == len(source_words) + 3
    assert "".join(target_words[1:5]) == cipher_text(word)
    expected = (
        {(0, 0)} | {(1, t) for t in range(1, 5)} | {(s, s + 3) for s in range(2, len(source_words))}
    )
    assert set(pair.alignment or ()) == expected
    assert target_words[-1] == cipher_text("slutt")


def test_the_cache_keeps_the_pieces_and_the_sentence_is_stitched_the_same_from_it(
    model: TranslationModel, tmp_path: Path
) -> None:
    cache = cache_at(tmp_path)
    fresh = list(ArticleTranslator(model, cache).translate([ParagraphSource(PARAGRAPH)]))
    run_on = split_sentences(PARAGRAPH)[1]
    pieces = cut_sentence(run_on).pieces
    options = model.options.cache_key()
    # Piece by piece, not the whole sentence: a paragraph sharing a piece reuses it.
    assert set(cache.lookup_translations(model.key, options, pieces)) == set(pieces)
    assert cache.lookup_translations(model.key, options, [run_on]) == {}
    again = ArticleTranslator(CountingModel(model, refuse=True), cache)  # type: ignore[arg-type]
    assert list(again.translate([ParagraphSource(PARAGRAPH)])) == fresh


def test_the_score_is_the_pieces_scores_weighted_by_their_english(
    model: TranslationModel, tmp_path: Path
) -> None:
    # The cipher model is certain of every piece (score 0); give the cached pieces scores of
    # their own, as a real model's would differ, and the stitched score must weigh them.
    cache = cache_at(tmp_path)
    list(ArticleTranslator(model, cache).translate([ParagraphSource(PARAGRAPH)]))
    run_on = split_sentences(PARAGRAPH)[1]
    pieces = cut_sentence(run_on).pieces
    options = model.options.cache_key()
    stored = cache.lookup_translations(model.key, options, pieces)
    scores = {piece: -0.05 - 0.3 * (number % 3) for number, piece in enumerate(pieces)}
    cache.store_translations(
        model.key,
        options,
        {piece: replace(stored[piece], score=scores[piece]) for piece in pieces},
    )
    again = ArticleTranslator(CountingModel(model, refuse=True), cache)  # type: ignore[arg-type]
    (paragraph,) = again.translate([ParagraphSource(PARAGRAPH)])
    weights = {piece: len(stored[piece].target) for piece in pieces}
    expected = sum(scores[p] * weights[p] for p in pieces) / sum(weights.values())
    plain_mean = sum(scores.values()) / len(pieces)
    assert abs(expected - plain_mean) > 1e-4  # the pieces' lengths differ enough to tell
    assert paragraph.sentences[1].score == pytest.approx(expected)
    assert paragraph.sentences[0].score == 0.0  # the other sentences keep their own


def test_a_short_paragraph_streams_before_the_run_on_one_is_done(
    model: TranslationModel,
) -> None:
    counting = CountingModel(model)
    progress: list[tuple[int, int]] = []
    results = ArticleTranslator(counting, None).translate(  # type: ignore[arg-type]
        [ParagraphSource("Nato møtes i London."), ParagraphSource(unbroken(20_000))],
        on_progress=lambda done, total: progress.append((done, total)),
    )
    first = next(results)
    # Not every batch of the run-on one: only those in flight beside the first paragraph's.
    assert first.index == 0 and len(counting.calls) <= IN_FLIGHT_PER_WORKER * counting.workers
    (second,) = list(results)
    assert [pair.source for pair in second.sentences] == [unbroken(20_000)]
    assert len(counting.calls) > 3 and max(len(call) for call in counting.calls) <= MAX_BATCH
    # Progress counts the pieces, so it moves while the run-on sentence is translated.
    totals = {total for _, total in progress}
    assert totals == {1 + len(cut_sentence(unbroken(20_000)).pieces)}
    done = [done for done, _ in progress]
    assert done == sorted(done) and len(set(done)) > 3 and done[-1] == totals.pop()


def test_alternatives_of_a_run_on_sentence_go_in_pieces(model: TranslationModel) -> None:
    run_on = split_sentences(PARAGRAPH)[1]
    calls: list[int] = []
    hypotheses = model.hypotheses

    class Counted(CountingModel):
        def hypotheses(self, sentences: list[str], count: int) -> list[list[str]]:
            calls.append(len(sentences))
            return hypotheses(sentences, count)

    translator = ArticleTranslator(Counted(model), None)  # type: ignore[arg-type]
    best = translator.alternatives(run_on, 3)
    assert best[0] == cipher_text(run_on)  # the best is the translation itself
    assert sum(calls) == len(cut_sentence(run_on).pieces) and max(calls) <= MAX_BATCH
    calls.clear()
    huge = unbroken(20_000)
    assert translator.alternatives(huge, 3, cancelled=lambda: len(calls) >= 1) == []
    assert calls == [MAX_BATCH]


# --- stitch, by hand ------------------------------------------------------------------------


def test_stitch_joins_the_english_and_weighs_the_scores() -> None:
    cut = CutSentence("a b c d", ("a b", "c d"), (0, 2))
    first = SentenceTranslation("x y", -1.0, ((0, 0), (1, 1)))
    second = SentenceTranslation("zzzz w", -0.2, ((0, 1), (1, 0)), unknown_replaced=True)
    stitched = stitch(cut, [first, second])
    assert stitched.target == "x y zzzz w"
    assert stitched.score == pytest.approx((-1.0 * 3 + -0.2 * 6) / 9)
    assert stitched.alignment == ((0, 0), (1, 1), (3, 2), (2, 3))
    assert stitched.unknown_replaced is True
    # A piece without alignment (or score) leaves the sentence without one.
    assert stitch(cut, [first, replace(second, alignment=None)]).alignment is None
    assert stitch(cut, [replace(first, score=None), second]).score is None
    # An empty English adds no word and no double space, and weighs as one character.
    empty = stitch(cut, [SentenceTranslation("", -2.0, ()), second])
    assert empty.target == "zzzz w" and empty.alignment == ((3, 0), (2, 1))
    assert empty.score == pytest.approx((-2.0 + -0.2 * 6) / 7)


def test_stitch_refuses_a_wrong_number_of_translations() -> None:
    with pytest.raises(ValueError, match="1 translations for 2 pieces"):
        stitch(CutSentence("a b", ("a", "b"), (0, 1)), [SentenceTranslation("x", 0.0)])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "bc", " ", "\n", "\u0301", "ø", "x" * 97, " " + "y" * 150 + " "]),
        max_size=400,
    ).map("".join)
)
def test_each_piece_starts_in_the_word_it_names(text: str) -> None:
    cut = cut_sentence(text)
    words = text.split()
    assert len(cut.first_words) == len(cut.pieces)
    for piece, first in zip(cut.pieces, cut.first_words, strict=True):
        if not piece.split():
            continue  # a short sentence of whitespace only
        # The piece's first word is that word of the sentence, or a part of it.
        assert piece.split()[0] in words[first]
        # Its words follow in the sentence's order (the last one possibly cut).
        inside = piece.split()
        assert inside[1:-1] == words[first + 1 : first + len(inside) - 1]
    # The last piece ends in the last word.
    if len(cut.pieces) > 1:
        assert cut.first_words[-1] + len(cut.pieces[-1].split()) == len(words)
