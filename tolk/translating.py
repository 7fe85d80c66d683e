"""Glue between articles and the translation package: which model, which cache, which text.

Used by the reader's workers and by `tolk translate`; nothing here imports Textual.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tolk import paths
from tolk.config import TranslationSettings
from tolk.library.articles import Paragraph, ParagraphKind
from tolk.qa.checking import Checking
from tolk.qa.checks import Flag, check_sentence
from tolk.qa.consistency import Rendering
from translation.cache import TranslationCache
from translation.damaged_database import failure_message
from translation.engine import (
    ArticleTranslator,
    DecodingOptions,
    ParagraphSource,
    SentencePair,
    TranslatedParagraph,
    TranslationModel,
)

SOURCE_LANGUAGE = "nb"
TARGET_LANGUAGE = "en"
INSTALL_HINT = (
    "No Norwegian→English model is installed. Press i to download and install it, "
    "or run `tolk models install` (or `tolk models install FILE.argosmodel` offline)."
)
CLI_INSTALL_HINT = (
    "No Norwegian→English model is installed. Run `tolk models install` to download it, "
    "or `tolk models install FILE.argosmodel` to install one offline."
)


class NoModelError(Exception):
    """No nb→en package is installed; the message says how to get one."""


@dataclass(frozen=True)
class LoadedTranslator:
    """A ready translator and anything the user should be told about getting it."""

    translator: ArticleTranslator
    warnings: tuple[str, ...]


def decoding_options(settings: TranslationSettings) -> DecodingOptions:
    """The model's decoding options from the user's `[translation]` settings."""
    return DecodingOptions(
        beam_size=settings.beam_size, threads=settings.threads, compute_type=settings.compute_type
    )


def load_translator(settings: TranslationSettings) -> LoadedTranslator:
    """Find the installed nb→en package, load its model and open the cache (slow: run it in a
    worker). Raises NoModelError when there is no package."""
    from translation.packages import find_package, installed_packages

    _, broken = installed_packages()
    warnings = [f"Skipped a damaged model package at {b.path}: {b.reason}" for b in broken]
    package = find_package(SOURCE_LANGUAGE, TARGET_LANGUAGE)
    if package is None:
        raise NoModelError(INSTALL_HINT)
    model = TranslationModel(package, decoding_options(settings))
    cache: TranslationCache | None
    cache_path = paths.cache_dir() / "translations.sqlite"
    try:
        cache = TranslationCache(cache_path)
    except (OSError, sqlite3.Error) as error:
        # A read-only or full cache dir costs speed (nothing is remembered), not translation.
        cache = None
        if isinstance(error, sqlite3.Error):
            why = failure_message(cache_path, error)
        else:
            why = paths.unusable_folder(cache_path, "XDG_CACHE_HOME") or (
                f"{error.strerror or error} ({error.filename or cache_path})."
            )
        warnings.append(f"The translation cache is off, translations are not kept: {why}")
    if cache is not None and cache.warning:
        warnings.append(cache.warning)
    return LoadedTranslator(ArticleTranslator(model, cache), tuple(warnings))


def translate_texts(translator: ArticleTranslator, texts: Sequence[str]) -> list[str]:
    """The model's English of short texts (a dictionary's definitions), each translated whole
    as a heading is, through the cache; in the order given."""
    english = [""] * len(texts)
    sources = [ParagraphSource(text, True) for text in texts]
    for paragraph in translator.translate(sources):
        english[paragraph.index] = paragraph.target
    return english


def paragraph_sources(paragraphs: Sequence[Paragraph]) -> list[ParagraphSource]:
    """What the translator needs of an article's paragraphs."""
    return [ParagraphSource(p.text, p.kind is ParagraphKind.HEADING) for p in paragraphs]


def sentence_flags(
    pair: SentencePair,
    *,
    is_heading: bool = False,
    keyword_translations: Mapping[str, Sequence[str]] | None = None,
    accepted_words: Collection[str] = (),
    renderings: Sequence[Rendering] = (),
    checking: Checking | None = None,
) -> tuple[Flag, ...]:
    """The QA flags (`tolk.qa.checks`) of `pair`'s English. What the model alone can know (it
    replaced an unknown token, its confidence) comes from the pair, so for English that is not
    the model's pass a pair without it (`counted_pair`). With `checking` (the user's settings
    and terms, `tolk.qa.checking`), only the checks that count, confidence included, and its
    accepted words; `renderings`: the user's other English for this Norwegian (`inconsistent`).
    """
    if checking is not None:
        return checking.flags(
            pair.source,
            pair.target,
            is_heading=is_heading,
            unknown_replaced=pair.unknown_replaced,
            score=pair.score,
            renderings=renderings,
        )
    return check_sentence(
        pair.source,
        pair.target,
        is_heading=is_heading,
        keyword_translations=keyword_translations,
        unknown_replaced=pair.unknown_replaced,
        accepted_words=accepted_words,
        renderings=renderings,
    )


@dataclass(frozen=True)
class CountingEnglish:
    """The English that counts for a sentence and where it comes from: "corrected" (the
    reviewer's), "memory" (an exact translation-memory match) or "model"."""

    target: str
    origin: str


def counting_english(
    machine: SentencePair | None, correction: str | None, remembered: str | None
) -> CountingEnglish | None:
    """A correction wins over the memory, the memory over the model (`machine`, None without
    one); None when nothing gives the sentence English."""
    if correction is not None:
        return CountingEnglish(correction, "corrected")
    if remembered is not None:
        return CountingEnglish(remembered, "memory")
    if machine is not None:
        return CountingEnglish(machine.target, "model")
    return None


def counted_pair(pair: SentencePair, english: CountingEnglish) -> SentencePair:
    """`pair` with the English that counts: the model's own pair, or that English without the
    model's score, alignment and unknown-token mark (they describe the model's words)."""
    if english.origin == "model":
        return pair
    return SentencePair(pair.source, english.target)


def sentence_json(
    source: str,
    machine: SentencePair | None,
    flags: Sequence[Flag],
    english: CountingEnglish | None,
) -> dict[str, Any]:
    """A sentence as `tolk translate --json` prints it: its text, the English that counts
    (`target`) and its `origin` (both null when nothing gives it English), the model's own
    English (`model_target`, null without a model) and what describes it: the model's score
    (mean log-probability per target token, ≤ 0), its QA flags and its word alignment
    ([source word, target word] pairs, 0-based over the whitespace-separated words of `source`
    and `model_target`)."""
    alignment = machine.alignment if machine is not None else None
    return {
        "source": source,
        "target": english.target if english is not None else None,
        "origin": english.origin if english is not None else None,
        "model_target": machine.target if machine is not None else None,
        "score": machine.score if machine is not None else None,
        "flags": [{"code": flag.code, "message": flag.message} for flag in flags],
        "alignment": (
            [[source, target] for source, target in alignment] if alignment is not None else None
        ),
    }


@dataclass(frozen=True)
class AlignedSentence:
    """Where sentence i sits in a paragraph's source text and in its translation."""

    source_start: int
    source_end: int
    target_start: int
    target_end: int


def align_sentences(source_text: str, translated: TranslatedParagraph) -> list[AlignedSentence]:
    """Character spans of each sentence pair, from the pipeline's own split (not a guess on
    screen text). The target text is the sentence targets joined by single spaces, as
    `TranslatedParagraph.target` builds it."""
    spans: list[AlignedSentence] = []
    source_at = 0
    target_at = 0
    for pair in translated.sentences:
        found = source_text.find(pair.source, source_at)
        start = found if found >= 0 else source_at
        end = (
            start + len(pair.source)
            if found >= 0
            else min(len(source_text), source_at + len(pair.source))
        )
        if pair.target:
            target_end = target_at + len(pair.target)
            spans.append(AlignedSentence(start, end, target_at, target_end))
            target_at = target_end + 1
        else:
            spans.append(AlignedSentence(start, end, target_at, target_at))
        source_at = end
    return spans
