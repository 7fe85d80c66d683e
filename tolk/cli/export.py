"""`tolk export PATH... [--format md|json|tmx|xliff] [-o FILE]`: articles with their translation and
the reviewer's corrections, marks and notes, as a bilingual document.

Paths are files or folders (walked for articles, as `translate` and `check` do). Several
articles make one document: a JSON array (as soon as a folder or more than one file is given,
however many articles it holds), one TMX file holding every article's units, or the Markdown
articles one after another, each under its own heading, separated by a rule.

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

from tolk.cli.articles import cli_config, names_one_file, read_articles_under
from tolk.cli.consistency import load_renderings
from tolk.cli.judging import article_checkings, config_checking
from tolk.cli.output import write_output
from tolk.cli.user_work import load_user_work
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
from tolk.text import count, printable
from tolk.translating import CLI_INSTALL_HINT, NoModelError, load_translator, paragraph_sources
from tolk.userdata.review import build_reviewed_article
from tolk.xliff.writing import to_xliff
from translation.argos_dirs import ArgosFoldersError
from translation.engine import TranslatedParagraph

MARKDOWN_SEPARATOR = "\n---\n\n"


def add_export_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk export`."""
    parser = subparsers.add_parser(
        "export",
        help="export articles with their reviewed translation (Markdown, JSON, TMX or XLIFF)",
        description="Export articles beside their English translation, with the corrections, "
        "review marks and notes made in the reader. Folders are searched for articles. Several "
        "articles make one document: a JSON array, one TMX file with every article's units, or "
        "Markdown articles one after another under their own headings.",
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="article files or folders"
    )
    parser.add_argument("--format", choices=FORMATS, default="md", help="default: md")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )


def run_export(args: argparse.Namespace) -> int:
    """Export the articles; returns the exit status (1 if any could not be read)."""
    articles, failed = read_articles_under(args.paths)
    if not articles:
        return 1
    config = cli_config()
    translations, model = translate_all(articles, config.translation)
    work = load_user_work(articles, "exporting")
    others = load_renderings(articles)
    judging = article_checkings(articles, config_checking(config))
    reviewed = [
        build_reviewed_article(
            article,
            translated,
            found,
            model,
            config.keyword_translations,
            work.memory,
            renderings=others,
            checking=checking,
        )
        for article, translated, found, checking in zip(
            articles, translations, work.reviews, judging, strict=True
        )
    ]
    text = format_export(reviewed, args.format, several=not names_one_file(args.paths))
    try:
        if args.output is None:
            write_output(text)
        else:
            write_atomically(args.output, text)
            shown = printable(str(args.output))
            print(f"Wrote {count(len(reviewed), 'article')} to {shown}", file=sys.stderr)
    except BrokenPipeError:
        raise  # stdout's reader stopped early: `main` ends quietly
    except OSError as error:
        where = printable(str(error.filename))
        print(f"tolk: error: {error.strerror or error} ({where})", file=sys.stderr)
        return 1
    return 1 if failed else 0


def translate_all(
    articles: Sequence[Article], settings: TranslationSettings
) -> tuple[list[list[TranslatedParagraph] | None], str | None]:
    """Each article's translation in paragraph order and the model's key, or Nones (with a
    note on stderr) when no model is installed. Cached sentences cost nothing."""
    try:
        loaded = load_translator(settings)
    except (NoModelError, ArgosFoldersError) as error:
        why = printable(str(error)) if isinstance(error, ArgosFoldersError) else CLI_INSTALL_HINT
        print(
            "tolk: note: no model: sentences that no correction or translation-memory match "
            f"covers are exported untranslated (the Norwegian only). {why}",
            file=sys.stderr,
        )
        return [None] * len(articles), None
    for warning in loaded.warnings:
        print(f"tolk: warning: {printable(warning)}", file=sys.stderr)
    # All the articles at once: the model's batches are cut across them.
    translations: list[list[TranslatedParagraph] | None] = list(
        loaded.translator.translate_articles(
            [paragraph_sources(article.paragraphs) for article in articles]
        )
    )
    for warning in loaded.translator.warnings:
        print(f"tolk: warning: {printable(warning)}", file=sys.stderr)
    return translations, loaded.translator.model.key


def format_export(reviewed: Sequence[ReviewedArticle], export_format: str, several: bool) -> str:
    """The document: Markdown articles joined by rules, a JSON object (an array when `several`),
    or one TMX or XLIFF document holding every article."""
    if export_format == "tmx":
        return to_tmx(reviewed)
    if export_format == "xliff":
        return to_xliff(reviewed)
    if export_format == "json":
        documents = [to_json(one) for one in reviewed]
        payload = documents if several else documents[0]
        return json_document(payload)
    return MARKDOWN_SEPARATOR.join(to_markdown(one) for one in reviewed)
