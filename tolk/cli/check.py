"""`tolk check PATH... [--json]`: the QA checks over articles' machine translations, printed
like a linter's findings, for translation teams' scripts.

Each flag is one line, `file:paragraph:sentence: code message` (paragraph and sentence counted
from 1, the sentence within its paragraph). Folders are searched for articles as the reader
does. Exit status: 0 when nothing is flagged, 1 when anything is, 2 on an error (no model, a
path that cannot be read), which wins over 1. Translation goes through the same cache as
`tolk translate`, so checking an article already read costs no model time.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tolk.articles import Article, ArticleSummary, ParagraphKind
from tolk.cli.articles import cli_config, read_articles
from tolk.cli.translate import Progress, counted_articles
from tolk.export import json_document
from tolk.library import find_article_files
from tolk.qa import Flag
from tolk.text import printable
from tolk.translating import (
    CLI_INSTALL_HINT,
    CountingEnglish,
    NoModelError,
    counted_pair,
    load_translator,
    paragraph_sources,
    sentence_flags,
)
from translation.engine import SentencePair, TranslatedParagraph

CLEAN, FLAGGED, ERROR = 0, 1, 2


@dataclass(frozen=True)
class Finding:
    """A flagged sentence: where it is (1-based) and why."""

    path: Path
    paragraph: int
    sentence: int
    pair: SentencePair  # the English that counts (correction, memory or the model's)
    flags: tuple[Flag, ...]
    origin: str = "model"

    def lines(self) -> Iterator[str]:
        where = f"{printable(str(self.path))}:{self.paragraph}:{self.sentence}"
        for flag in self.flags:
            yield f"{where}: {flag.code} {printable(flag.message)}"

    def as_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "paragraph": self.paragraph,
            "sentence": self.sentence,
            "source": self.pair.source,
            "target": self.pair.target,
            "origin": self.origin,
            "score": self.pair.score,
            "flags": [{"code": flag.code, "message": flag.message} for flag in self.flags],
        }


def add_check_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk check`."""
    parser = subparsers.add_parser(
        "check",
        help="list the sentences whose translation a QA check flags (exit 1 if any)",
        description="Translate articles (cached) and print each sentence a QA check flags, as "
        "file:paragraph:sentence: code message. Exit status 0: nothing flagged; 1: flagged "
        "sentences; 2: an error.",
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="article files or folders"
    )
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")


def run_check(args: argparse.Namespace) -> int:
    """Check each article; returns the exit status."""
    failed = False

    def unreadable(row: ArticleSummary) -> None:
        nonlocal failed
        failed = True
        print(f"tolk: error: {printable(str(row.path))}: {row.error}", file=sys.stderr)

    files = list(find_article_files(args.paths, on_error=unreadable))
    articles, unread = read_articles(files)
    failed = failed or unread
    config = cli_config()
    if not articles:
        if not failed:
            print("tolk: error: no articles (.txt, .md) under the given paths", file=sys.stderr)
        return ERROR
    try:
        loaded = load_translator(config.translation)
    except NoModelError:
        print(f"tolk: error: {CLI_INSTALL_HINT}", file=sys.stderr)
        return ERROR
    for warning in loaded.warnings:
        print(f"tolk: warning: {warning}", file=sys.stderr)
    progress = Progress(sys.stderr)
    renderings = config.keyword_translations
    findings: list[Finding] = []
    sentences = 0
    results = []
    for article in articles:
        progress.article = printable(article.path.name)
        done = loaded.translator.translate(
            paragraph_sources(article.paragraphs), on_progress=progress.update
        )
        results.append((article, sorted(done, key=lambda paragraph: paragraph.index)))
    progress.finish()
    for (article, translated), counted in zip(
        results, counted_articles(results, "checking"), strict=True
    ):
        for paragraph in translated:
            sentences += len(paragraph.sentences)
            findings += article_findings(article, paragraph, renderings, counted[paragraph.index])
    for warning in loaded.translator.warnings:
        print(f"tolk: warning: {warning}", file=sys.stderr)
    if args.json:
        sys.stdout.write(json_document([finding.as_json() for finding in findings]))
    else:
        for finding in findings:
            print("\n".join(finding.lines()))
    print(
        f"tolk: {len(findings)} of {sentences} sentences flagged in {len(articles)} articles",
        file=sys.stderr,
    )
    if failed:
        return ERROR
    return FLAGGED if findings else CLEAN


def article_findings(
    article: Article,
    paragraph: TranslatedParagraph,
    keyword_translations: Mapping[str, Sequence[str]],
    counted: Sequence[CountingEnglish] | None = None,
) -> list[Finding]:
    """The paragraph's flagged sentences: the QA checks of the English that counts (`counted`,
    the reviewer's or the memory's where there is one; default: the model's)."""
    heading = article.paragraphs[paragraph.index].kind is ParagraphKind.HEADING
    found = []
    for number, pair in enumerate(paragraph.sentences, start=1):
        english = (
            counted[number - 1] if counted is not None else CountingEnglish(pair.target, "model")
        )
        shown = counted_pair(pair, english)
        flags = sentence_flags(shown, is_heading=heading, keyword_translations=keyword_translations)
        if flags:
            found.append(
                Finding(article.path, paragraph.index + 1, number, shown, flags, english.origin)
            )
    return found
