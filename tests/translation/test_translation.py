"""The translation pipeline on a real CTranslate2 cipher model: its English for a sentence is
`cipher_text(sentence)`, so every check of translated text can tell an echoed, swapped or
shortened sentence from the model's own translation."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from tests.support.english import assert_english, cipher_text
from tolk.library.articles import read_article
from tolk.translating import paragraph_sources
from translation.batching import BATCH_SIZE, IN_FLIGHT_PER_WORKER, WAVE_PER_WORKER
from translation.cache import TranslationCache
from translation.engine import (
    MAX_UNIT_TOKENS,
    ArticleTranslator,
    DecodingOptions,
    ParagraphSource,
    TranslationModel,
)
from translation.model import thread_layout

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def model(cipher_package: Any) -> TranslationModel:
    return TranslationModel(cipher_package, DecodingOptions(threads=2))


def cache_at(tmp_path: Path) -> TranslationCache:
    return TranslationCache(tmp_path / "cache" / "translations.sqlite")


class CountingModel:
    """The real model, with its calls counted and, when told, refused."""

    def __init__(self, model: TranslationModel, *, refuse: bool = False) -> None:
        self._model = model
        self.key = model.key
        self.options = model.options
        self.package = model.package
        self.workers = model.workers
        self.calls: list[list[str]] = []
        self.refuse = refuse

    def submit(self, sentences: list[str]) -> Any:
        if self.refuse:
            raise AssertionError("the model ran although every sentence was cached")
        self.calls.append(list(sentences))
        return self._model.submit(sentences)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_every_sentence_gets_its_own_english(
    model: TranslationModel, tmp_path: Path, path: Path
) -> None:
    article = read_article(path)
    translator = ArticleTranslator(model, cache_at(tmp_path))
    results = list(translator.translate(paragraph_sources(article.paragraphs)))
    assert sorted(r.index for r in results) == list(range(len(article.paragraphs)))
    pairs = [(pair.source, pair.target) for result in results for pair in result.sentences]
    assert_english(pairs)
    for result in results:
        assert result.source == article.paragraphs[result.index].text
        assert result.target == cipher_text(article.paragraphs[result.index].text)


def test_a_batch_comes_back_in_order(model: TranslationModel) -> None:
    sentences = ["Nato møtes i London.", "Det var kaldt i går.", "Ja.", "Stoltenberg er enig."]
    translated = model.translate(sentences)
    assert_english(zip(sentences, translated, strict=True))


def test_target_prefix_is_forced_and_never_shown(prefixed_cipher_package: Any) -> None:
    # The package's model only translates when the decoder starts from its prefix token: without
    # it, every source piece is read one place off.
    model = TranslationModel(prefixed_cipher_package, DecodingOptions(threads=1))
    sentences = ["Nato møtes i London.", "Han mener alliansen står sammen."]
    assert_english(zip(sentences, model.translate(sentences), strict=True))
    (alternatives,) = model.hypotheses(sentences[:1], 3)
    assert alternatives[0] == cipher_text(sentences[0])
    assert all("_" not in text and not text.startswith("en ") for text in alternatives)


def test_paragraphs_stream_in_order_with_few_calls(model: TranslationModel, tmp_path: Path) -> None:
    article = read_article(SEED_FILES[1])
    counting = CountingModel(model)
    translator = ArticleTranslator(counting, None)  # type: ignore[arg-type]
    progress: list[tuple[int, int]] = []
    yielded: list[tuple[int, int, int]] = []  # (paragraph, calls made, pieces done) on arrival
    for paragraph in translator.translate(
        paragraph_sources(article.paragraphs), on_progress=lambda d, t: progress.append((d, t))
    ):
        yielded.append((paragraph.index, len(counting.calls), progress[-1][0]))
    assert [index for index, _, _ in yielded] == list(range(len(article.paragraphs)))
    # The first paragraph arrives after its own small batch, while the next are under way
    # (two batches per worker in flight), before the rest is translated.
    assert yielded[0][1] <= IN_FLIGHT_PER_WORKER * counting.workers
    assert yielded[0][2] == len(counting.calls[0]) < progress[-1][1]
    assert len(counting.calls[0]) == len(
        translator._plan(paragraph_sources(article.paragraphs[:1])).sentences[0]
    )
    # The rest (one wave) goes in batches of like lengths: longest first, evenly cut.
    rest = [sentence for call in counting.calls[1:] for sentence in call]
    assert len(rest) <= WAVE_PER_WORKER * counting.workers
    assert [len(s) for s in rest] == sorted((len(s) for s in rest), reverse=True)
    assert max(len(call) for call in counting.calls[1:]) <= BATCH_SIZE
    assert len(counting.calls) == 1 + -(-len(rest) // BATCH_SIZE)
    total = sum(len(call) for call in counting.calls)
    assert progress[0] == (0, total) and progress[-1] == (total, total)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)


def test_reopening_never_runs_the_model(model: TranslationModel, tmp_path: Path) -> None:
    sources = paragraph_sources(read_article(SEED_FILES[0]).paragraphs)
    first = list(ArticleTranslator(model, cache_at(tmp_path)).translate(sources))
    again = ArticleTranslator(CountingModel(model, refuse=True), cache_at(tmp_path))  # type: ignore[arg-type]
    second = list(again.translate(sources))
    assert sorted(first, key=lambda p: p.index) == sorted(second, key=lambda p: p.index)


def test_cache_is_keyed_by_decoding_options(model: TranslationModel, tmp_path: Path) -> None:
    cache = cache_at(tmp_path)
    cache.store(model.key, DecodingOptions(beam_size=4).cache_key(), {"Hei.": "Hello."})
    assert cache.lookup(model.key, DecodingOptions(beam_size=4).cache_key(), ["Hei."]) == {
        "Hei.": "Hello."
    }
    assert cache.lookup(model.key, DecodingOptions(beam_size=2).cache_key(), ["Hei."]) == {}
    assert cache.lookup("other@1.0", DecodingOptions(beam_size=4).cache_key(), ["Hei."]) == {}


def test_damaged_cache_is_set_aside_with_a_warning(model: TranslationModel, tmp_path: Path) -> None:
    path = tmp_path / "cache" / "translations.sqlite"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    cache = TranslationCache(path)
    assert cache.warning is not None and "damaged" in cache.warning
    (aside,) = path.parent.glob("translations.sqlite.damaged-*")
    assert aside.read_bytes().startswith(b"this is not a database")
    results = list(ArticleTranslator(model, cache).translate([ParagraphSource("Hei på deg.")]))
    assert results[0].target == cipher_text("Hei på deg.")


def test_headings_are_not_split_and_long_sentences_are_chunked(model: TranslationModel) -> None:
    long_sentence = " ".join(["Stoltenberg snakket med allierte i Brussel"] * 60)
    sources = [
        ParagraphSource("Politisk koordinering. Mer", is_heading=True),
        ParagraphSource(long_sentence),
    ]
    counting = CountingModel(model)
    results = {
        r.index: r
        for r in ArticleTranslator(counting, None).translate(sources)  # type: ignore[arg-type]
    }
    assert [p.source for p in results[0].sentences] == ["Politisk koordinering. Mer"]
    assert len(model._tokenizer.encode(long_sentence)) > MAX_UNIT_TOKENS
    assert results[1].target == cipher_text(long_sentence)


def test_cancel_stops_between_calls(model: TranslationModel) -> None:
    sources = paragraph_sources(read_article(SEED_FILES[0]).paragraphs)
    counting = CountingModel(model)
    translator = ArticleTranslator(counting, None)  # type: ignore[arg-type]
    got = []
    for paragraph in translator.translate(sources, cancelled=lambda: len(counting.calls) >= 2):
        got.append(paragraph)
    assert len(counting.calls) == 2
    assert 0 < len(got) < len(sources)


def test_alternatives_come_from_one_call(model: TranslationModel) -> None:
    (hypotheses,) = model.hypotheses(["Nato møtes i London."], 3)
    assert len(hypotheses) == 3 and hypotheses[0] == cipher_text("Nato møtes i London.")


def test_many_articles_come_back_whole_in_order_from_batches_cut_across_them(
    model: TranslationModel, tmp_path: Path
) -> None:
    articles = [paragraph_sources(read_article(path).paragraphs) for path in SEED_FILES]
    articles.insert(1, [])  # an article without paragraphs still gets its (empty) turn
    articles.append(articles[0][:2])  # its sentences are all translated already, above
    one_by_one = [
        sorted(ArticleTranslator(model, None).translate(article), key=lambda p: p.index)
        for article in articles
    ]
    counting = CountingModel(model)
    cache = cache_at(tmp_path)
    together = list(ArticleTranslator(counting, cache).translate_articles(articles))  # type: ignore[arg-type]
    assert together == one_by_one
    # Every distinct sentence went to the model once, in batches of like lengths that mix
    # the articles: no article's first paragraph went alone.
    sent = [sentence for call in counting.calls for sentence in call]
    assert (
        len(sent)
        == len(set(sent))
        == len({s.source for a in one_by_one for p in a for s in p.sentences})
    )
    first_article = {s.source for p in one_by_one[0] for s in p.sentences}
    assert any(first_article & set(call) and set(call) - first_article for call in counting.calls)
    assert max(len(call) for call in counting.calls) <= BATCH_SIZE
    # A second run is answered by the cache alone.
    again = ArticleTranslator(CountingModel(model, refuse=True), cache)  # type: ignore[arg-type]
    assert list(again.translate_articles(articles)) == one_by_one


def test_many_articles_stop_when_cancelled(model: TranslationModel) -> None:
    articles = [paragraph_sources(read_article(path).paragraphs) for path in SEED_FILES]
    counting = CountingModel(model)
    translator = ArticleTranslator(counting, None)  # type: ignore[arg-type]
    got = list(translator.translate_articles(articles, cancelled=lambda: len(counting.calls) >= 1))
    assert len(counting.calls) == 1 and got == []


def test_threads_are_one_batch_per_core_up_to_four_then_threads_within_each() -> None:
    assert [thread_layout(n) for n in (1, 2, 3, 4, 6, 8, 16)] == [
        (1, 1),
        (2, 1),
        (3, 1),
        (4, 1),
        (4, 1),
        (4, 2),
        (4, 4),
    ]
    assert DecodingOptions().threads == len(os.sched_getaffinity(0))
