"""`tolk export PATH... [--format md|json|tmx] [-o FILE]`: articles with their translation and
the reviewer's corrections, marks and notes, as a bilingual document.

Exporting never needs everything to be there: without a model the Norwegian is exported marked
untranslated, and without the user store the machine translation is exported unreviewed; either
way the user is told on stderr and the exit status is 0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tolk.cli.articles import cli_config, read_articles
from tolk.cli.judging import article_checkings, config_checking
from tolk.cli.output import write_output
from tolk.config import TranslationSettings, write_atomically
from tolk.export import (
    FORMATS,
    ReviewedArticle,
    json_document,
    to_json,
    to_markdown,
    to_tmx,
)
from tolk.library.articles import Article
from tolk.memory.database import exact_matches
from tolk.paths import data_dir
from tolk.translating import CLI_INSTALL_HINT, NoModelError, load_translator, paragraph_sources
from tolk.userdata.review import (
    ReviewBook,
    SentenceKey,
    SentenceReview,
    article_sentences,
    build_reviewed_article,
)
from tolk.userdata.store import DATABASE_NAME, StoreError, open_store
from translation.engine import TranslatedParagraph

MARKDOWN_SEPARATOR = "\n---\n\n"

Reviews = dict[SentenceKey, SentenceReview]


def add_export_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk export`."""
    parser = subparsers.add_parser(
        "export",
        help="export articles with their reviewed translation (Markdown, JSON or TMX)",
        description="Export articles beside their English translation, with the corrections, "
        "review marks and notes made in the reader.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files")
    parser.add_argument("--format", choices=FORMATS, default="md", help="default: md")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )


def run_export(args: argparse.Namespace) -> int:
    """Export the articles; returns the exit status (1 if any could not be read)."""
    articles, failed = read_articles(args.paths)
    if not articles:
        return 1
    config = cli_config()
    translations, model = translate_all(articles, config.translation)
    reviews = load_reviews(articles)
    remembered = load_memory(articles)
    judging = article_checkings(articles, config_checking(config))
    reviewed = [
        build_reviewed_article(
            article,
            translated,
            found,
            model,
            config.keyword_translations,
            remembered,
            checking=checking,
        )
        for article, translated, found, checking in zip(
            articles, translations, reviews, judging, strict=True
        )
    ]
    text = format_export(reviewed, args.format, several=len(args.paths) > 1)
    try:
        if args.output is None:
            write_output(text)
        else:
            write_atomically(args.output, text)
            print(f"Wrote {len(reviewed)} articles to {args.output}", file=sys.stderr)
    except BrokenPipeError:
        raise  # stdout's reader stopped early: `main` ends quietly
    except OSError as error:
        print(f"tolk: error: {error.strerror or error} ({error.filename})", file=sys.stderr)
        return 1
    return 1 if failed else 0


def translate_all(
    articles: Sequence[Article], settings: TranslationSettings
) -> tuple[list[list[TranslatedParagraph] | None], str | None]:
    """Each article's translation in paragraph order and the model's key, or Nones (with a
    note on stderr) when no model is installed. Cached sentences cost nothing."""
    try:
        loaded = load_translator(settings)
    except NoModelError:
        print(
            "tolk: note: no model: sentences that no correction or translation-memory match "
            f"covers are exported untranslated (the Norwegian only). {CLI_INSTALL_HINT}",
            file=sys.stderr,
        )
        return [None] * len(articles), None
    for warning in loaded.warnings:
        print(f"tolk: warning: {warning}", file=sys.stderr)
    translations: list[list[TranslatedParagraph] | None] = []
    for article in articles:
        done = loaded.translator.translate(paragraph_sources(article.paragraphs))
        translations.append(sorted(done, key=lambda paragraph: paragraph.index))
    for warning in loaded.translator.warnings:
        print(f"tolk: warning: {warning}", file=sys.stderr)
    return translations, loaded.translator.model.key


def load_reviews(articles: Sequence[Article], doing: str = "exporting") -> list[Reviews]:
    """Each article's reviews; empty ones (with a note on stderr, saying what goes on
    `doing` without them) when the store is off."""
    none: list[Reviews] = [{} for _ in articles]
    path = data_dir() / DATABASE_NAME
    if not path.exists():
        return none  # nothing reviewed yet: no reason to create the database here
    opened = open_store(path)
    if opened.store is None:
        print(f"tolk: note: {doing} without reviews. {opened.message}", file=sys.stderr)
        return none
    if opened.message:
        print(f"tolk: {opened.message}", file=sys.stderr)
    try:
        with opened.store as store:
            book = ReviewBook(store)
            return [book.reviews_for(article) for article in articles]
    except StoreError as error:
        print(f"tolk: note: {doing} without reviews: {error}", file=sys.stderr)
        return none


def load_memory(articles: Sequence[Article]) -> dict[str, str]:
    """The translation memory's exact matches for the articles' sentences (normalised source
    -> English); empty, with a warning on stderr, when the memory cannot be read."""
    sources = [key.source for article in articles for key in article_sentences(article)]
    found, warning = exact_matches(sources)
    if warning:
        print(f"tolk: warning: {warning}", file=sys.stderr)
    return {key: match.target for key, match in found.items()}


def format_export(reviewed: Sequence[ReviewedArticle], export_format: str, several: bool) -> str:
    """The document: Markdown articles joined by rules, a JSON object (an array when `several`),
    or one TMX document holding every article's units."""
    if export_format == "tmx":
        return to_tmx(reviewed)
    if export_format == "json":
        documents = [to_json(one) for one in reviewed]
        payload = documents if several else documents[0]
        return json_document(payload)
    return MARKDOWN_SEPARATOR.join(to_markdown(one) for one in reviewed)
