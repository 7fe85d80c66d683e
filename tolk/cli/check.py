"""`tolk check PATH... [--json]`: the QA checks over the English that counts for each sentence
of the articles, printed like a linter's findings, for translation teams' scripts.

What is checked is the English a reader of the translation gets
(`tolk.reading.counted_english`): the reviewer's correction, else the translation memory's exact
match, else the model's. The text checks (`tolk.qa.checks`) judge any of them alike; what only
the model can tell (that it replaced an unknown token, its confidence) counts only for the
model's own English. Each finding says its origin.

Each flag is one line, `file:paragraph:sentence: code message` (paragraph and sentence counted
from 1, the sentence within its paragraph). Folders are searched for articles as the reader
does. Translation goes through the same cache as `tolk translate`, so checking an article
already read costs no model time. No model is needed for what corrections and the memory
cover; a sentence nothing covers cannot be checked, and is reported as such. Which checks
count, the confidence threshold and the terms (config's `[keyword_translations]` and the
glossaries') are the reader's (`tolk.cli.judging`), narrowed by `--only` and `--ignore`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tolk.cli.articles import cli_config, read_articles_under
from tolk.cli.consistency import load_renderings
from tolk.cli.english import english_of, say_what_is_missing
from tolk.cli.judging import article_checkings, config_checking
from tolk.cli.output import write_output
from tolk.export import json_document
from tolk.library.articles import Article, ParagraphKind
from tolk.library.language import article_language
from tolk.qa.checking import Checking, parse_codes, unknown_codes
from tolk.qa.checks import FLAG_CODES, Flag
from tolk.qa.consistency import RenderingIndex
from tolk.reading.counted_english import CountedParagraph
from tolk.text import count, printable
from tolk.translating import sentence_flags

CLEAN, FLAGGED, ERROR = 0, 1, 2


EXIT_STATUS = (
    "Exit status: 0 when every sentence was checked and none is flagged; 1 when any is "
    "flagged; 2 on an error, which wins over 1: a path that cannot be read, or, without an "
    "installed model, a sentence with no English to check (no correction or "
    "translation-memory match covers it); 141 when the output's reader stops early (a pipe "
    "into head), as for any tool ended by SIGPIPE."
)


@dataclass(frozen=True)
class Finding:
    """A sentence to report (1-based place): flagged, or, with no English, not checked."""

    path: Path
    paragraph: int
    sentence: int
    source: str
    target: str | None  # the English that counts; None: there is none, nothing was checked
    origin: str | None  # "corrected", "memory" or "model"
    score: float | None  # the model's, for the model's own English
    flags: tuple[Flag, ...]
    language: str | None = None  # the article's (`article_language`), told for --json

    def lines(self) -> Iterator[str]:
        where = f"{printable(str(self.path))}:{self.paragraph}:{self.sentence}"
        for flag in self.flags:
            yield f"{where}: {flag.code} {printable(flag.message)}"

    def as_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "paragraph": self.paragraph,
            "sentence": self.sentence,
            "source": self.source,
            "target": self.target,
            "origin": self.origin,
            "score": self.score,
            "flags": [{"code": flag.code, "message": flag.message} for flag in self.flags],
            "language": self.language,
        }


def add_check_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk check`."""
    parser = subparsers.add_parser(
        "check",
        help="list the sentences whose English a QA check flags (exit 1 if any)",
        description="Print each sentence whose English a QA check flags, as "
        "file:paragraph:sentence: code message. The English checked is the one that counts: "
        "your correction, else the translation memory's exact match, else the installed "
        "model's translation (cached). Without a model, what corrections and the memory cover "
        "is checked and the rest is reported on stderr as not checked. The model's own "
        "English is also flagged `confidence` below config.toml's [qa] low_confidence; "
        "`terminology` uses [keyword_translations] and the glossaries (`tolk glossary`).",
        epilog=EXIT_STATUS,
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="article files or folders"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the findings as JSON (sentences not checked: null target and origin)",
    )
    parser.add_argument(
        "--only",
        type=_codes,
        metavar="CODE,...",
        help="run only these checks (config.toml's [qa] ignore does not apply); codes: "
        + ", ".join(FLAG_CODES),
    )
    parser.add_argument(
        "--ignore",
        type=_codes,
        default=[],
        metavar="CODE,...",
        help="leave out these checks too, besides config.toml's [qa] ignore",
    )


def _codes(text: str) -> list[str]:
    """`--only`/`--ignore`'s value: check codes, comma-separated; any other word is refused."""
    codes = parse_codes(text)
    unknown = unknown_codes(codes)
    if unknown:
        raise argparse.ArgumentTypeError(
            f"no check {', '.join(unknown)}; the checks are {', '.join(FLAG_CODES)}"
        )
    return codes


def run_check(args: argparse.Namespace) -> int:
    """Check each article; returns the exit status."""
    articles, failed = read_articles_under(args.paths)
    config = cli_config()
    if not articles:
        return ERROR
    checking = config_checking(config)
    if args.only is not None:
        checking = checking.only(args.only)
    checking = checking.ignoring(args.ignore)
    english = english_of(articles, config, "checking")
    if english.none_at_all:
        print(f"tolk: error: {english.no_model}", file=sys.stderr)
        return ERROR
    renderings = config.keyword_translations
    others = load_renderings(articles)  # for `inconsistent`: the user's other English
    judging = article_checkings([article.article for article in english.articles], checking)
    findings: list[Finding] = []
    for article, judged in zip(english.articles, judging, strict=True):
        found = [
            finding
            for paragraph in article.paragraphs
            for finding in paragraph_findings(
                article.article, paragraph, renderings, checking=judged, others=others
            )
        ]
        if args.json:  # told only for JSON: loading the classifier takes a second or two
            language = article_language(article.article)
            found = [replace(finding, language=language) for finding in found]
        _say_unchecked(article.article.path, [f for f in found if f.target is None])
        findings += found
    flagged = [finding for finding in findings if finding.flags]
    if args.json:
        write_output(json_document([finding.as_json() for finding in findings]))
    else:
        write_output("".join(f"{line}\n" for finding in flagged for line in finding.lines()))
    summary = (
        f"tolk: {len(flagged)} of {count(english.total, 'sentence')} flagged "
        f"in {count(len(articles), 'article')}"
    )
    if english.missing:
        summary += f"; {english.missing} not checked (no English)"
    print(summary, file=sys.stderr)
    say_what_is_missing(english, "they were not checked")
    if failed or english.missing:
        return ERROR
    return FLAGGED if flagged else CLEAN


# How many sentences the "not checked" line names before it counts the rest: the line is read
# by a person (--json has every one, with null target and origin).
_UNCHECKED_NAMED = 10


def _say_unchecked(path: Path, unchecked: Sequence[Finding]) -> None:
    """One stderr line per article naming the sentences (paragraph:sentence) that had no
    English to check: the first few, then how many more."""
    if unchecked:
        places = ", ".join(f"{f.paragraph}:{f.sentence}" for f in unchecked[:_UNCHECKED_NAMED])
        rest = len(unchecked) - _UNCHECKED_NAMED
        more = f" and {rest:,} more (--json lists every one)" if rest > 0 else ""
        print(
            f"tolk: error: {printable(str(path))}: {count(len(unchecked), 'sentence')} "
            f"not checked, no English: {places}{more}",
            file=sys.stderr,
        )


def paragraph_findings(
    article: Article,
    paragraph: CountedParagraph,
    keyword_translations: Mapping[str, Sequence[str]],
    *,
    checking: Checking | None = None,
    others: RenderingIndex | None = None,
) -> list[Finding]:
    """The paragraph's sentences to report: those whose English that counts a QA check flags,
    and those with no English (not checked). With `checking` (the checks that count, the
    terms, the accepted words), it judges instead of `keyword_translations` alone; `others`:
    the user's other English, for `inconsistent`."""
    heading = article.paragraphs[paragraph.index].kind is ParagraphKind.HEADING
    found = []
    for number, sentence in enumerate(paragraph.sentences, start=1):
        place = (article.path, paragraph.index + 1, number, sentence.source)
        checked = sentence.checked_pair
        if checked is None or sentence.english is None:
            found.append(Finding(*place, None, None, None, ()))
            continue
        flags = sentence_flags(
            checked,
            is_heading=heading,
            keyword_translations=keyword_translations,
            renderings=others.renderings(sentence.source) if others is not None else (),
            checking=checking,
        )
        if flags:
            origin = sentence.english.origin
            found.append(Finding(*place, checked.target, origin, checked.score, flags))
    return found
