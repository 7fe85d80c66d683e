"""`tolk translate PATH... [--json]`: the reader's translation, printed, for scripts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from tolk.articles import Article, ParagraphKind
from tolk.cli.articles import cli_config, read_articles
from tolk.export import json_document
from tolk.memory_import import normalise
from tolk.review import SentenceKey, SentenceReview
from tolk.text import printable
from tolk.translating import (
    CLI_INSTALL_HINT,
    CountingEnglish,
    NoModelError,
    counting_english,
    load_translator,
    paragraph_sources,
    sentence_flags,
    sentence_json,
)
from translation.engine import TranslatedParagraph


def add_translate_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk translate`."""
    parser = subparsers.add_parser(
        "translate",
        help="print the English translation of articles",
        description="Translate articles with the installed nb→en model; output is "
        "paragraph-aligned with the files.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files")
    parser.add_argument("--json", action="store_true", help="print JSON (sentence by sentence)")


def run_translate(args: argparse.Namespace) -> int:
    """Translate each article; returns the exit status."""
    articles, failed = read_articles(args.paths)
    if not articles:
        return 1
    config = cli_config()
    try:
        loaded = load_translator(config.translation)
    except NoModelError:
        print(f"tolk: error: {CLI_INSTALL_HINT}", file=sys.stderr)
        return 1
    for warning in loaded.warnings:
        print(f"tolk: warning: {warning}", file=sys.stderr)
    progress = Progress(sys.stderr)
    results = []
    for article in articles:
        progress.article = printable(article.path.name)
        translated = sorted(
            loaded.translator.translate(
                paragraph_sources(article.paragraphs), on_progress=progress.update
            ),
            key=lambda paragraph: paragraph.index,
        )
        results.append((article, translated))
    progress.finish()
    for warning in loaded.translator.warnings:
        print(f"tolk: warning: {warning}", file=sys.stderr)
    counted = counted_articles(results, "translating")
    if args.json:
        renderings = config.keyword_translations
        documents = [
            _as_json(article, translated, english, renderings)
            for (article, translated), english in zip(results, counted, strict=True)
        ]
        payload = documents[0] if len(args.paths) == 1 else documents
        sys.stdout.write(json_document(payload))
    else:
        for number, ((article, translated), english) in enumerate(
            zip(results, counted, strict=True)
        ):
            if len(results) > 1:
                print(("\n" if number else "") + f"== {article.path} ==")
            print("\n\n".join(_paragraph_text(english[p.index]) for p in translated))
    return 1 if failed else 0


# Per article: paragraph index -> the English that counts for each of its sentences.
CountedArticle = dict[int, list[CountingEnglish]]


def counted_articles(
    results: Sequence[tuple[Article, Sequence[TranslatedParagraph]]], doing: str
) -> list[CountedArticle]:
    """The English that counts for every translated sentence: the reviewer's correction
    (user store), else the translation memory's exact match, else the model's."""
    from tolk.cli.export import load_memory, load_reviews

    articles = [article for article, _ in results]
    reviews = load_reviews(articles, doing)
    remembered = load_memory(articles)
    counted: list[CountedArticle] = []
    for (_, translated), found in zip(results, reviews, strict=True):
        counted.append(
            {
                paragraph.index: [
                    counting_english(
                        pair,
                        found.get(
                            SentenceKey(paragraph.index, pair.source), SentenceReview()
                        ).correction,
                        remembered.get(normalise(pair.source)),
                    )
                    for pair in paragraph.sentences
                ]
                for paragraph in translated
            }
        )
    return counted


def _paragraph_text(english: Sequence[CountingEnglish]) -> str:
    return " ".join(sentence.target for sentence in english if sentence.target)


def _as_json(
    article: Article,
    translated: list[TranslatedParagraph],
    counted: CountedArticle,
    keyword_translations: Mapping[str, Sequence[str]],
) -> dict[str, Any]:
    def sentences(paragraph: TranslatedParagraph) -> list[dict[str, Any]]:
        heading = article.paragraphs[paragraph.index].kind is ParagraphKind.HEADING
        return [
            sentence_json(
                pair,
                sentence_flags(pair, is_heading=heading, keyword_translations=keyword_translations),
                english,
            )
            for pair, english in zip(paragraph.sentences, counted[paragraph.index], strict=True)
        ]

    return {
        "article": {
            "path": str(article.path),
            "title": article.title,
            "date": article.date.iso() if article.date is not None else None,
        },
        "paragraphs": [
            {
                "index": paragraph.index,
                "kind": article.paragraphs[paragraph.index].kind.value,
                "source": article.paragraphs[paragraph.index].text,
                "target": _paragraph_text(counted[paragraph.index]),
                "sentences": sentences(paragraph),
            }
            for paragraph in translated
        ],
    }


class Progress:
    """How much of the article is translated, as a share, on stderr, redrawn in place; silent
    when stderr is not a TTY. (A share: the engine counts an overlong sentence by its pieces.)"""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._enabled = stream.isatty()
        self.article = ""

    def update(self, done: int, total: int) -> None:
        if self._enabled:
            share = done * 100 // total if total else 100
            self._stream.write(f"\r\x1b[Ktranslating {self.article}: {share}%")
            self._stream.flush()

    def finish(self) -> None:
        if self._enabled:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
