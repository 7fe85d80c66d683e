"""A paragraph without sentence punctuation, or without a single space, goes to the model in
model-sized pieces in bounded batches: the work is bounded by counting what the model is given
(speed and memory on 200,000 characters are measured in bench/long_paragraph.py). It comes back
as the one sentence it is (tests/translation/test_stitched_sentences.py)."""

from __future__ import annotations

import random
import unicodedata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.english import cipher_text
from tests.translation.test_translation import CountingModel
from translation.engine import (
    MAX_UNIT_TOKENS,
    ArticleTranslator,
    DecodingOptions,
    ParagraphSource,
    TranslationModel,
)
from translation.pieces import (
    LONG_SENTENCE_CHARS,
    PIECE_CHARS,
    UNBROKEN_PIECE_CHARS,
    model_pieces,
)

# The engine's largest batch (sentences per model call); pieces keep each one small.
MAX_BATCH = 64
WORDS = ["regjeringen", "Stortinget", "kommunen", "fylket", "alliansen", "Nato", "og", "i", "på"]


def _squash(text: str) -> str:
    return "".join(text.split())


def unbroken(length: int, seed: int = 1) -> str:
    """Norwegian words run together without a space, `length` characters."""
    rng = random.Random(seed)
    text = ""
    while len(text) < length:
        text += rng.choice(WORDS)
    return text[:length]


def spaced(length: int, seed: int = 2) -> str:
    """Norwegian words with spaces but no punctuation: one "sentence" of `length` characters."""
    rng = random.Random(seed)
    words: list[str] = []
    size = 0
    while size < length:
        words.append(rng.choice(WORDS))
        size += len(words[-1]) + 1
    return " ".join(words)


@pytest.fixture(scope="module")
def model(cipher_package: Any) -> TranslationModel:
    return TranslationModel(cipher_package, DecodingOptions(threads=2))


def test_an_unbroken_paragraph_is_translated_in_small_pieces_and_bounded_batches(
    model: TranslationModel,
) -> None:
    text = unbroken(20_000)
    counting = CountingModel(model)
    (result,) = ArticleTranslator(counting, None).translate([ParagraphSource(text)])  # type: ignore[arg-type]
    given = [piece for call in counting.calls for piece in call]
    assert len(given) >= len(text) // UNBROKEN_PIECE_CHARS
    assert max(len(piece) for piece in given) <= UNBROKEN_PIECE_CHARS
    # A SentencePiece token covers at least one character (plus a word-start mark).
    assert max(len(model._tokenizer.encode(p)) for p in given) <= UNBROKEN_PIECE_CHARS + 1
    assert max(len(call) for call in counting.calls) <= MAX_BATCH
    # The pieces are the model's business: the reader gets the one sentence back.
    assert [pair.source for pair in result.sentences] == [text]
    assert _squash(result.target) == _squash(cipher_text(text))


def test_a_long_paragraph_without_punctuation_is_cut_between_words(
    model: TranslationModel,
) -> None:
    text = spaced(5_000)
    counting = CountingModel(model)
    (result,) = ArticleTranslator(counting, None).translate([ParagraphSource(text)])  # type: ignore[arg-type]
    pieces = [piece for call in counting.calls for piece in call]
    assert len(pieces) > 1 and max(len(piece) for piece in pieces) <= PIECE_CHARS
    assert " ".join(pieces) == text  # every cut fell on a space
    assert [pair.source for pair in result.sentences] == [text]
    assert result.target == cipher_text(text)


def test_closing_the_article_stops_an_unbroken_paragraph_after_one_call(
    model: TranslationModel,
) -> None:
    counting = CountingModel(model)
    translator = ArticleTranslator(counting, None)  # type: ignore[arg-type]
    got = list(
        translator.translate(
            [ParagraphSource(unbroken(50_000))], cancelled=lambda: len(counting.calls) >= 1
        )
    )
    assert got == [] and len(counting.calls) == 1
    assert len(counting.calls[0]) <= MAX_BATCH


def test_a_long_real_sentence_goes_whole_and_the_engine_chunks_its_tokens(
    model: TranslationModel,
) -> None:
    # Under LONG_SENTENCE_CHARS but over MAX_UNIT_TOKENS: one sentence, in token-sized units.
    text = unbroken(LONG_SENTENCE_CHARS - 100)
    assert len(model._tokenizer.encode(text)) > MAX_UNIT_TOKENS
    counting = CountingModel(model)
    (result,) = ArticleTranslator(counting, None).translate([ParagraphSource(text)])  # type: ignore[arg-type]
    assert counting.calls == [[text]] and [p.source for p in result.sentences] == [text]
    assert _squash(result.target) == _squash(cipher_text(text))


@pytest.mark.parametrize(
    "sentence",
    ["Kort setning.", spaced(LONG_SENTENCE_CHARS - 10), "x" * LONG_SENTENCE_CHARS],
    ids=["short", "long-but-real", "at-the-limit"],
)
def test_sentences_of_real_length_are_never_cut(sentence: str) -> None:
    assert list(model_pieces([sentence])) == [sentence]


def test_a_letter_keeps_its_combining_accent() -> None:
    text = "e\u0301" * 1_000  # é as e + combining acute, 2,000 characters
    pieces = list(model_pieces([text]))
    assert all(not unicodedata.combining(piece[0]) for piece in pieces)
    assert "".join(pieces) == text


@pytest.mark.parametrize("text", ["\u0301" * 50_000, " " * 50_000 + "a", "a " * 50_000])
def test_degenerate_text_is_cut_and_kept(text: str) -> None:
    pieces = list(model_pieces([text]))
    assert all(piece and len(piece) <= PIECE_CHARS for piece in pieces)
    assert _squash("".join(pieces)) == _squash(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "bc", " ", "\n", "\u0301", "ø", "x" * 97, " " + "y" * 150 + " "]),
        max_size=400,
    ).map("".join)
)
def test_pieces_keep_the_text_and_stay_model_sized(text: str) -> None:
    pieces = list(model_pieces([text]))
    assert _squash("".join(pieces)) == _squash(text)
    if len(text) > LONG_SENTENCE_CHARS:
        assert all(piece and piece == piece.strip() for piece in pieces)
        assert all(len(piece) <= PIECE_CHARS for piece in pieces)
        # A word is cut shorter (unbroken text is token-dense).
        assert all(len(word) <= UNBROKEN_PIECE_CHARS for p in pieces for word in p.split())
