"""`tolk translate PATH... [--json]`: the reader's translation, printed, for scripts.

Each sentence gets the English that counts: the reviewer's correction, else the translation
memory's exact match, else the model's. No model is needed for what corrections and the memory
cover; a sentence nothing covers is marked in the text (`[no English: …]`), null in JSON, and
the exit status says so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tolk.cli.articles import cli_config, names_one_file, read_articles_under
from tolk.cli.english import ArticleEnglish, english_of, say_what_is_missing
from tolk.cli.judging import article_checkings, config_checking
from tolk.cli.output import write_output
from tolk.export import json_document
from tolk.library.articles import Article, ParagraphKind
from tolk.library.language import article_language
from tolk.qa.checking import Checking
from tolk.reading.counted_english import CountedParagraph
from tolk.text import printable
from tolk.translating import sentence_flags, sentence_json

# Stands in the printed text for a sentence that has no English, keeping its Norwegian.
NO_ENGLISH = "[no English: {source}]"

EXIT_STATUS = (
    "Exit status: 0 when every sentence of every article has English; 1 when a path cannot be "
    "read, or when, without an installed model, some sentence has no English (no correction or "
    "translation-memory match covers it); 141 when the output's reader stops early (a pipe "
    "into head), as for any tool ended by SIGPIPE."
)


def add_translate_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk translate`."""
    parser = subparsers.add_parser(
        "translate",
        help="print the English translation of articles",
        description="Print the English of articles, paragraph-aligned with the files: your "
        "corrections, else the translation memory's exact matches, else the installed nb→en "
        "model's translation. Without a model, what corrections and the memory cover is "
        "printed and every other sentence is marked [no English: …] (null in --json).",
        epilog=EXIT_STATUS,
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="article files or folders"
    )
    parser.add_argument("--json", action="store_true", help="print JSON (sentence by sentence)")


def run_translate(args: argparse.Namespace) -> int:
    """Translate each article; returns the exit status."""
    articles, failed = read_articles_under(args.paths)
    if not articles:
        return 1
    config = cli_config()
    english = english_of(articles, config, "translating")
    if english.none_at_all:
        print(f"tolk: error: {english.no_model}", file=sys.stderr)
        return 1
    if args.json:
        renderings = config.keyword_translations
        judging = article_checkings(
            [article.article for article in english.articles], config_checking(config)
        )
        documents = [
            _as_json(article, renderings, checking)
            for article, checking in zip(english.articles, judging, strict=True)
        ]
        one_file = names_one_file(args.paths) and len(documents) == 1
        payload = documents[0] if one_file else documents
        write_output(json_document(payload))
    else:
        for number, article in enumerate(english.articles):
            if len(english.articles) > 1:
                heading = f"== {printable(str(article.article.path))} =="
                write_output(("\n" if number else "") + heading + "\n")
            write_output("\n\n".join(paragraph_text(p) for p in article.paragraphs) + "\n")
    marked = "their target and origin are null" if args.json else "they are marked [no English: …]"
    say_what_is_missing(english, marked)
    return 1 if failed or english.missing else 0


def paragraph_text(paragraph: CountedParagraph) -> str:
    """The paragraph's English as printed, a sentence without English marked in its place: one
    line, printable (a correction or the memory's English may hold control characters)."""
    return printable(
        " ".join(
            sentence.english.target
            if sentence.english is not None
            else NO_ENGLISH.format(source=sentence.source)
            for sentence in paragraph.sentences
            if sentence.english is None or sentence.english.target
        )
    )


def _as_json(
    english: ArticleEnglish,
    keyword_translations: Mapping[str, Sequence[str]],
    checking: Checking | None = None,
) -> dict[str, Any]:
    article: Article = english.article

    def sentences(paragraph: CountedParagraph) -> list[dict[str, Any]]:
        heading = article.paragraphs[paragraph.index].kind is ParagraphKind.HEADING
        return [
            sentence_json(
                sentence.source,
                sentence.machine,
                sentence_flags(
                    sentence.machine,
                    is_heading=heading,
                    keyword_translations=keyword_translations,
                    checking=checking,
                )
                if sentence.machine is not None
                else (),
                sentence.english,
            )
            for sentence in paragraph.sentences
        ]

    return {
        "article": {
            "path": str(article.path),
            "title": article.title,
            "date": article.date.iso() if article.date is not None else None,
            # Where a fetched article came from (its trailer); null for the user's own files.
            "source_url": article.source.url if article.source is not None else None,
            "feed": article.source.feed if article.source is not None else None,
            # nb, nn, another ISO 639-1 code, or und (too short to tell): the nb→en model
            # translates anything but Bokmål poorly.
            "language": article_language(article),
        },
        "paragraphs": [
            {
                "index": paragraph.index,
                "kind": article.paragraphs[paragraph.index].kind.value,
                "source": article.paragraphs[paragraph.index].text,
                "target": paragraph.target,
                "sentences": sentences(paragraph),
            }
            for paragraph in english.paragraphs
        ],
    }
