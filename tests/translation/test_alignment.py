"""Scores and word alignment from the engine, on real CTranslate2 models whose alignment head is
known: the copy and cipher models' head attends source piece t at target piece t, so every
sentence's word alignment must be exactly the identity over its words, and nothing more."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import ctranslate2
import numpy as np
import pytest

from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tests.translation.test_cipher_model import UNSEEN
from tolk.library.articles import read_article
from tolk.translating import paragraph_sources
from translation.cache import TranslationCache
from translation.engine import (
    MAX_UNIT_TOKENS,
    ArticleTranslator,
    DecodingOptions,
    ParagraphSource,
    SentencePair,
    TranslationModel,
)
from translation.hypothesis import piece_words, read_unit
from translation.pieces import LONG_SENTENCE_CHARS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
PACKAGES = ["copy_package", "cipher_package", "prefixed_cipher_package"]
# Cut into pieces by the model: longer than MAX_UNIT_TOKENS subword tokens, but short enough
# (LONG_SENTENCE_CHARS) that the engine sends it as one sentence rather than in text pieces.
LONG_SENTENCE = " ".join(["Stoltenberg snakket med allierte i Brussel – «ja», 3 000 kr og"] * 15)


def identity(sentence: str) -> tuple[tuple[int, int], ...]:
    return tuple((i, i) for i in range(len(sentence.split())))


def said(pair: SentencePair, links: set[tuple[int, int]]) -> str:
    """`links` as "source word→target word (s, t)", the first three."""
    source, target = pair.source.split(), pair.target.split()
    words = [
        f"{source[s] if s < len(source) else f'#{s}'}→"
        f"{target[t] if t < len(target) else f'#{t}'} ({s}, {t})"
        for s, t in sorted(links, key=lambda link: (link[1], link[0]))
    ]
    more = f" and {len(words) - 3} more" if len(words) > 3 else ""
    return ", ".join(words[:3]) + more if words else "none"


def alignment_errors(pairs: Iterable[SentencePair]) -> list[str]:
    """Each sentence whose alignment is not the identity, said so that a reader sees which
    words went where (source word → the target word it was aligned to)."""
    errors = []
    for pair in pairs:
        expected = set(identity(pair.source))
        if pair.alignment == identity(pair.source):
            continue
        got = set(pair.alignment or ())
        errors.append(
            f"{pair.source[:60]!r}: unexpected {said(pair, got - expected)}; "
            f"missing {said(pair, expected - got)}"
        )
    return errors


def assert_identity(pairs: Iterable[SentencePair]) -> None:
    pairs = list(pairs)
    errors = alignment_errors(pairs)
    assert not errors, (
        f"{len(errors)} of {len(pairs)} sentences not aligned word for word:\n- "
        + "\n- ".join(errors[:5])
    )


def translate_seeds(model: TranslationModel, cache: TranslationCache | None) -> list[SentencePair]:
    pairs = []
    for path in SEED_FILES:
        article = read_article(path)
        for paragraph in ArticleTranslator(model, cache).translate(
            paragraph_sources(article.paragraphs)
        ):
            pairs += paragraph.sentences
    return pairs


@pytest.fixture(scope="module", params=PACKAGES)
def model(request: pytest.FixtureRequest) -> TranslationModel:
    return TranslationModel(request.getfixturevalue(request.param), DecodingOptions(threads=2))


def test_every_seed_sentence_is_aligned_word_for_word(model: TranslationModel) -> None:
    pairs = translate_seeds(model, None)
    assert len(pairs) > 30
    assert_identity(pairs)
    for pair in pairs:
        assert len(pair.target.split()) == len(pair.source.split())
        assert isinstance(pair.score, float) and pair.score <= 0
        assert pair.unknown_replaced is False


def test_headings_are_scored_and_aligned(model: TranslationModel) -> None:
    heading = ParagraphSource("Politisk koordinering. Mer – nå", is_heading=True)
    (paragraph,) = ArticleTranslator(model, None).translate([heading])
    (pair,) = paragraph.sentences
    assert pair.alignment == identity(heading.text) and pair.score is not None


def test_unseen_characters_and_double_spaces_keep_the_words_apart(model: TranslationModel) -> None:
    # Byte-fallback pieces (☃, 中文), a double space, punctuation-only words (–, →, ½).
    results = ArticleTranslator(model, None).translate([ParagraphSource(s) for s in UNSEEN])
    pairs = [pair for paragraph in results for pair in paragraph.sentences]
    assert all(pair.target in (pair.source, cipher_text(pair.source)) for pair in pairs)
    assert_identity(pairs)


def test_a_sentence_cut_into_pieces_is_stitched_back(model: TranslationModel) -> None:
    tokens = model._tokenizer.encode(LONG_SENTENCE)
    assert len(LONG_SENTENCE) <= LONG_SENTENCE_CHARS
    assert len(tokens) > MAX_UNIT_TOKENS  # two pieces at least
    assert len(model._units([LONG_SENTENCE])) >= 2
    (paragraph,) = ArticleTranslator(model, None).translate([ParagraphSource(LONG_SENTENCE)])
    (pair,) = paragraph.sentences
    assert len(LONG_SENTENCE.split()) > 150
    assert_identity([pair])
    assert pair.score is not None and pair.score <= 0


def test_a_shifted_alignment_is_reported_word_by_word() -> None:
    # What a broken stitch (target words counted from the wrong piece) would look like.
    source = "Nato møtes i London."
    shifted = SentencePair(source, cipher_text(source), -0.1, ((0, 1), (1, 2), (2, 3)))
    expected = r"unexpected Nato→zøgrf \(0, 1\).*missing Nato→Angb \(0, 0\)"
    with pytest.raises(AssertionError, match=expected):
        assert_identity([shifted])


@pytest.mark.parametrize("which", ["cipher_package", "prefixed_cipher_package"])
def test_score_is_the_mean_log_probability_per_target_token(
    which: str, request: pytest.FixtureRequest
) -> None:
    """The engine's arithmetic against CTranslate2's own per-token log-probabilities
    (`score_batch`), on the second and third best hypotheses, whose scores are far from 0."""
    package = request.getfixturevalue(which)
    prefix = [package.target_prefix] if package.target_prefix else []
    translator = ctranslate2.Translator(str(Path(package.package_path) / "model"))
    options = DecodingOptions()
    source = package.tokenizer.encode("Nato møtes i London 2019.")
    (result,) = translator.translate_batch(
        [source],
        target_prefix=[prefix] if prefix else None,
        beam_size=4,
        num_hypotheses=3,
        length_penalty=options.length_penalty,
        return_scores=True,
        return_attention=True,
    )
    for rank in range(3):
        reading = read_unit(
            _Hypothesis(result, rank),
            source_tokens=source,
            source_words=piece_words(source),
            prefix_length=len(prefix),
            length_penalty=options.length_penalty,
            replace_unknowns=True,
            decode=package.tokenizer.decode,
        )
        (scored,) = translator.score_batch([source], [result.hypotheses[rank]])
        # score_batch scores every target token and </s>; the forced prefix is not the model's.
        expected = float(np.mean(scored.log_probs[len(prefix) :]))
        assert reading.scored_tokens == len(scored.log_probs) - len(prefix)
        assert reading.log_prob / reading.scored_tokens == pytest.approx(expected, abs=1e-3)
        assert (expected < -1) == (rank > 0)


class _Hypothesis:
    """A CTranslate2 result seen through one of its hypotheses."""

    def __init__(self, result: Any, rank: int) -> None:
        self.hypotheses = [result.hypotheses[rank]]
        self.scores = [result.scores[rank]]
        self.attention = [result.attention[rank]]


def test_an_unknown_token_is_replaced_as_ctranslate2_would_and_marked(
    cipher_package: Any,
) -> None:
    """A tokenizer without byte fallback reads ☃ as <unk>; the model copies it, and the engine
    replaces it by the source piece under the alignment head, as CTranslate2's own
    replace_unknowns does (same text), and says so."""
    scored = TranslationModel(cipher_package, DecodingOptions())
    plain = TranslationModel(cipher_package, DecodingOptions(), scored=False)
    for model in (scored, plain):
        model._tokenizer = _UnknownSnowman(cipher_package.tokenizer)
    sentences = ["Det snør ☃ i Oslo.", "Nato møtes i London."]
    (with_unknown, without) = scored.submit(sentences).result()
    assert (with_unknown.unknown_replaced, without.unknown_replaced) == (True, False)
    assert [with_unknown.target, without.target] == plain.translate(sentences)
    assert with_unknown.alignment == identity(sentences[0])


class _UnknownSnowman:
    """A tokenizer that has no piece for ☃."""

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer

    def encode(self, sentence: str) -> list[str]:
        pieces: list[str] = []
        for piece in self._tokenizer.encode(sentence):
            if piece in ("<0xE2>", "<0x98>", "<0x83>"):  # ☃ in UTF-8
                if pieces[-1:] != ["<unk>"]:
                    pieces.append("<unk>")
            else:
                pieces.append(piece)
        return pieces

    def decode(self, tokens: list[str]) -> str:
        text: str = self._tokenizer.decode(tokens)
        return text


def test_piece_words_follow_whitespace_split() -> None:
    pieces = ["▁Det", "▁", "–", "▁Z", "<0xC3>", "<0xBC>", "rich", "▁", "▁kr", "▁"]
    assert piece_words(pieces) == [0, 1, 1, 2, 2, 2, 2, 3, 3, None]
    # On the target side argostranslate's decoder makes "_" a space and <unk> a word of its own.
    assert piece_words(["▁a_b", "<unk>", "c"], target=True) == [0, 2, 3]


# --- the cache ---------------------------------------------------------------------------------


class CountingModel:
    """The real model, its calls counted, and refused when told."""

    def __init__(self, model: TranslationModel, *, refuse: bool = False) -> None:
        self._model = model
        self.key, self.options, self.package = model.key, model.options, model.package
        self.workers = model.workers
        self.calls: list[list[str]] = []
        self.refuse = refuse

    def submit(self, sentences: list[str]) -> Any:
        if self.refuse:
            raise AssertionError("the model ran although every sentence was cached")
        self.calls.append(list(sentences))
        return self._model.submit(sentences)


def test_a_cached_reopen_gives_the_same_scores_and_alignment(
    cipher_package: Any, tmp_path: Path
) -> None:
    model = TranslationModel(cipher_package, DecodingOptions())
    path = tmp_path / "translations.sqlite"
    first = translate_seeds(model, TranslationCache(path))
    again = translate_seeds(CountingModel(model, refuse=True), TranslationCache(path))  # type: ignore[arg-type]
    assert again == first
    assert all(p.score is not None and p.alignment is not None for p in again)
    assert_identity(again)


OLD_SCHEMA = """
CREATE TABLE sentence_translation (
    model TEXT NOT NULL,
    options TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (model, options, source)
) WITHOUT ROWID;
PRAGMA user_version=1;
"""


def test_a_cache_of_the_old_schema_is_migrated_and_its_entries_recomputed(
    cipher_package: Any, tmp_path: Path
) -> None:
    model = TranslationModel(cipher_package, DecodingOptions())
    options = model.options.cache_key()
    path = tmp_path / "translations.sqlite"
    old = sqlite3.connect(path)
    old.executescript(OLD_SCHEMA)
    sentence = "Nato møtes i London."
    old.execute(
        "INSERT INTO sentence_translation VALUES (?, ?, ?, ?)",
        (model.key, options, sentence, "an old translation"),
    )
    old.commit()
    old.close()

    cache = TranslationCache(path)
    assert cache.warning is None
    # The old row is still there for text-only readers, but it is no hit for the translator.
    assert cache.lookup(model.key, options, [sentence]) == {sentence: "an old translation"}
    assert cache.lookup_translations(model.key, options, [sentence]) == {}
    counting = CountingModel(model)
    (paragraph,) = ArticleTranslator(counting, cache).translate([ParagraphSource(sentence)])  # type: ignore[arg-type]
    assert counting.calls == [[sentence]]
    (pair,) = paragraph.sentences
    assert pair.target == cipher_text(sentence) and pair.alignment == identity(sentence)
    cache.close()

    reopened = TranslationCache(path)
    (found,) = reopened.lookup_translations(model.key, options, [sentence]).values()
    assert (found.target, found.score, found.alignment) == (
        pair.target,
        pair.score,
        identity(sentence),
    )
    reopened.close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone() == (2,)
    columns = [row[1] for row in raw.execute("PRAGMA table_info(sentence_translation)")]
    assert columns == [
        "model",
        "options",
        "source",
        "target",
        "score",
        "alignment",
        "unknown_replaced",
    ]
    raw.close()
