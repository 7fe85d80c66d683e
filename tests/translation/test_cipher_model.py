"""The test models' contract: the cipher model's English is `cipher_text` of its Norwegian, the
prefixed package starts with its prefix token, and the attention CTranslate2 reports is the
copier's sharp head (target piece t aligned with source piece t)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ctranslate2
import numpy as np
import pytest

from tests.support.english import assert_english, wrong_translations
from tests.translation.test_copy_model import argos_translate, seed_sentences
from translation.cipher_model import CIPHER_ALPHABET, cipher_text

UNSEEN = ["Ærlig talt:  3 000 kr – «ja»?", "Zürich → Tromsø ☃ 中文 (§ 12-3) ½"]


def translator_for(package: Any) -> ctranslate2.Translator:
    return ctranslate2.Translator(str(Path(package.package_path) / "model"), intra_threads=1)


@pytest.fixture(scope="module")
def cipher(cipher_package: Any) -> ctranslate2.Translator:
    return translator_for(cipher_package)


def test_cipher_text_rotates_letters_and_digits_and_undoes_itself() -> None:
    assert cipher_text("Nato møtes i London 2019.") == "Angb zøgrf v Ybaqba 7564."
    assert cipher_text(CIPHER_ALPHABET) != CIPHER_ALPHABET
    assert all(cipher_text(char) != char for char in CIPHER_ALPHABET)
    assert cipher_text(cipher_text(CIPHER_ALPHABET + "æøå –«»")) == CIPHER_ALPHABET + "æøå –«»"


def test_cipher_model_gives_the_cipher_of_every_seed_sentence(
    cipher_package: Any, cipher: ctranslate2.Translator
) -> None:
    sentences = seed_sentences()
    # Otherwise an echo would pass for a translation.
    assert [s for s in sentences if cipher_text(s) == s] == []
    outputs = argos_translate(cipher_package, cipher, sentences)
    pairs = list(zip(sentences, (out[0] for out in outputs), strict=True))
    assert_english(pairs)


def test_cipher_model_keeps_unseen_characters_and_spacing(
    cipher_package: Any, cipher: ctranslate2.Translator
) -> None:
    outputs = [out[0] for out in argos_translate(cipher_package, cipher, UNSEEN)]
    assert outputs == [cipher_text(sentence) for sentence in UNSEEN]


def test_cipher_model_best_of_three_is_the_cipher(
    cipher_package: Any, cipher: ctranslate2.Translator
) -> None:
    sentences = seed_sentences()[:3]
    for sentence, hypotheses in zip(
        sentences, argos_translate(cipher_package, cipher, sentences, 3), strict=True
    ):
        assert hypotheses[0] == cipher_text(sentence)
        assert len(set(hypotheses)) == 3


def test_wrong_translations_names_each_breakage() -> None:
    first, second = "Nato møtes i London.", "Det var kaldt."
    assert wrong_translations([(first, cipher_text(first))]) == []
    (echoed,) = wrong_translations([(first, first)])
    assert "untranslated" in echoed
    swapped = wrong_translations([(first, cipher_text(second)), (second, cipher_text(first))])
    assert len(swapped) == 2 and "another sentence" in swapped[0]
    (short,) = wrong_translations([(first, cipher_text("Nato møtes London."))])
    assert "lost words" in short
    untranslated = r"1 of 2 sentences.*\n- 'Det var kaldt.' came back untranslated"
    with pytest.raises(AssertionError, match=untranslated):
        assert_english([(first, cipher_text(first)), (second, second)])


def argmax_alignment(result: Any) -> list[int]:
    """For each target piece of the best hypothesis, the source piece it attends most."""
    return [int(i) for i in np.argmax(np.array(result.attention[0]), axis=1)]


@pytest.mark.parametrize("which", ["copy_package", "cipher_package"])
def test_attention_is_the_identity_alignment(which: str, request: pytest.FixtureRequest) -> None:
    package = request.getfixturevalue(which)
    sentences = [*seed_sentences()[:4], *UNSEEN]
    tokenized = [package.tokenizer.encode(sentence) for sentence in sentences]
    results = translator_for(package).translate_batch(tokenized, beam_size=4, return_attention=True)
    for tokens, result in zip(tokenized, results, strict=True):
        assert len(result.hypotheses[0]) == len(tokens)
        assert argmax_alignment(result) == list(range(len(tokens)))


def test_prefixed_package_starts_with_its_prefix_and_aligns_after_it(
    prefixed_cipher_package: Any,
) -> None:
    package = prefixed_cipher_package
    metadata = json.loads((Path(package.package_path) / "metadata.json").read_text("utf-8"))
    assert metadata["target_prefix"] == package.target_prefix == "__en__"
    sentences = seed_sentences()[:3]
    tokenized = [package.tokenizer.encode(sentence) for sentence in sentences]
    results = translator_for(package).translate_batch(
        tokenized, target_prefix=[["__en__"]] * len(tokenized), return_attention=True
    )
    for sentence, tokens, result in zip(sentences, tokenized, results, strict=True):
        hypothesis = result.hypotheses[0]
        assert hypothesis[0] == "__en__"
        assert package.tokenizer.decode(hypothesis[1:]) == cipher_text(sentence)
        # Target piece t + 1 (after the prefix) copies source piece t.
        assert argmax_alignment(result)[1:] == list(range(len(tokens)))
