"""Glue between articles and the translation package: which model, which cache, which text.

Used by the reader's workers and by `tolk translate`; nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tolk import paths
from tolk.articles import Paragraph, ParagraphKind
from tolk.config import TranslationSettings
from translation.cache import TranslationCache
from translation.engine import ArticleTranslator, DecodingOptions, ParagraphSource, TranslationModel

SOURCE_LANGUAGE = "nb"
TARGET_LANGUAGE = "en"
INSTALL_HINT = (
    "No Norwegian→English model is installed. Press i to download and install it, "
    "or run `tolk models install` (or `tolk models install FILE.argosmodel` offline)."
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
    cache = TranslationCache(paths.cache_dir() / "translations.sqlite")
    if cache.warning:
        warnings.append(cache.warning)
    return LoadedTranslator(ArticleTranslator(model, cache), tuple(warnings))


def paragraph_sources(paragraphs: Sequence[Paragraph]) -> list[ParagraphSource]:
    """What the translator needs of an article's paragraphs."""
    return [ParagraphSource(p.text, p.kind is ParagraphKind.HEADING) for p in paragraphs]
