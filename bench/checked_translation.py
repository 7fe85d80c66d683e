"""Checked translation with every check against the checks of before (issue 24, item 8).

What the reader's translation worker does for an article, timed from the article's opening to
every paragraph drawn: translate it (the transformer-base copy model built here, no cache, so
every round runs the model), check each paragraph as it arrives (`OpenArticle.
check_translation`, in the worker), then lay out every paragraph as the screen draws it
(`OpenArticle.shown`, where the `inconsistent` lookup is made). Two variants, interleaved (the
order alternating), ROUNDS rounds, the median of each:

- *before*: the checks of b21dfb3 — untranslated, numbers, repetition, length, terminology
  from `[keyword_translations]` alone, names, brackets, unknown (no `confidence`,
  `inconsistent` or `spelling` flag);
- *all*: every check, with what they need looked up as the reader does for each article: the
  glossary's terms in the article (`bench.desk`: 20,000 terms imported), the memory's English
  for its sentences (100,000 units) and the user's corrections in other articles (1,000).

The copy model writes the Norwegian back; each sentence's English is replaced by a person's
(`bench.desk.seed_english`) before it is checked, so the checks judge real English while the
model's time is real. The two seed articles are the article (45 sentences, as
`bench/translation.py`). The word list of the `spelling` check loads once per process (in the
warm-up here); that first load is timed on its own, in a fresh process.

Run alone: ``python -m bench.checked_translation``; `make bench` includes it.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.home import temporary_home
from bench.timing import Row

ROUNDS = 9
GOAL = 1.15
KEYWORDS = {"allianse": ["alliance"], "NATO": ["NATO"]}
BEFORE_IGNORED = frozenset({"confidence", "inconsistent", "spelling"})
_FIRST_LOAD = """
import time
from tolk.qa.spelling import known_word
started = time.perf_counter()
known_word("alliance")
print(time.perf_counter() - started)
"""


def _load() -> float:
    return os.getloadavg()[0]


def _measure(workdir: Path) -> dict[str, Any]:
    from bench.corpus import generate_library, seed_text
    from bench.desk import CORRECTED_ARTICLES, english_for, furnish, seed_english
    from tolk.glossary.database import terms_for
    from tolk.library.articles import Article, read_article
    from tolk.memory.database import memory_renderings
    from tolk.paths import bundled_seeds_dir
    from tolk.qa.checking import Checking
    from tolk.qa.terminology import terms_from_keywords
    from tolk.reading.open_article import OpenArticle
    from tolk.reading.other_english import corrected_elsewhere
    from tolk.translating import paragraph_sources
    from tolk.userdata.review import ReviewBook
    from tolk.userdata.store import open_store
    from translation.copy_model import TRANSFORMER_BASE, build_copy_package
    from translation.engine import (
        ArticleTranslator,
        DecodingOptions,
        TranslatedParagraph,
        TranslationModel,
    )
    from translation.packages import install_from_file

    package = install_from_file(
        build_copy_package(workdir / "build", seed_text(), size=TRANSFORMER_BASE)
    )
    translator = ArticleTranslator(TranslationModel(package, DecodingOptions()), None)
    english = seed_english()
    others = generate_library(workdir / "other-work", CORRECTED_ARTICLES, seed=11, paragraphs=2)
    desk = furnish(workdir, sorted(others.rglob("*.txt")), english)
    articles = [read_article(path) for path in sorted(bundled_seeds_dir().glob("*.txt"))]
    keyword_terms = tuple(terms_from_keywords(KEYWORDS))
    checkings = {
        "before": Checking(keyword_terms, ignored=BEFORE_IGNORED),
        "all": Checking(keyword_terms),
    }
    opened_store = open_store()
    assert opened_store.store is not None, opened_store.message
    book = ReviewBook(opened_store.store)

    def in_english(paragraph: TranslatedParagraph) -> TranslatedParagraph:
        pairs = tuple(
            replace(p, target=english_for(p.source, english)) for p in paragraph.sentences
        )
        return replace(paragraph, sentences=pairs)

    def checked(article: Article, variant: str) -> tuple[float, float, Counter[str]]:
        """Seconds for the article, of them the checks' (and their lookups'), and its flags."""
        started = time.perf_counter()
        checking = checkings[variant]
        if variant == "all":  # what the reader's glossary, memory and review workers look up
            checking = checking.with_glossary(terms_for(p.text for p in article.paragraphs)[0])
        opened = OpenArticle(article, checking=checking)
        if variant == "all":
            opened.set_memory({}, memory_renderings(opened.rendering_keys())[0])
            elsewhere = corrected_elsewhere(book.corrections(besides=article))
            opened.other_english.set_corrected_elsewhere(elsewhere)
        checks = time.perf_counter() - started
        for paragraph in translator.translate(paragraph_sources(article.paragraphs)):
            paragraph = in_english(paragraph)
            begun = time.perf_counter()
            opened.add_translation(paragraph, opened.check_translation(paragraph))
            checks += time.perf_counter() - begun
        begun = time.perf_counter()
        shown = [opened.shown(index) for index in opened.showable]
        checks += time.perf_counter() - begun
        flags = Counter(
            flag.code
            for paragraph in shown
            if paragraph is not None
            for sentence in paragraph.sentences
            for flag in sentence.flags
        )
        return time.perf_counter() - started, checks, flags

    def round_of(variant: str) -> tuple[float, float, Counter[str]]:
        results = [checked(article, variant) for article in articles]
        flags: Counter[str] = Counter()
        for _, _, found in results:
            flags += found
        return sum(r[0] for r in results), sum(r[1] for r in results), flags

    for variant in checkings:  # warm up: the model's first call, the word list, the stems
        round_of(variant)
    times: dict[str, list[float]] = {variant: [] for variant in checkings}
    check_times: dict[str, list[float]] = {variant: [] for variant in checkings}
    flags: dict[str, Counter[str]] = {}
    loads = [_load()]
    for number in range(ROUNDS):
        order = list(checkings) if number % 2 == 0 else list(reversed(checkings))
        for variant in order:
            whole, checks, flags[variant] = round_of(variant)
            times[variant].append(whole)
            check_times[variant].append(checks)
        loads.append(_load())
    opened_store.store.close()
    first_loads = [
        float(
            subprocess.run(
                [sys.executable, "-c", _FIRST_LOAD], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(3)
    ]
    return {
        "sentences": len(english),
        "desk": desk,
        "rounds": ROUNDS,
        "times": times,
        "check_times": check_times,
        "flags": {variant: dict(found) for variant, found in flags.items()},
        "word_list_load": statistics.median(first_loads),
        "load": [min(loads), max(loads)],
    }


def run() -> list[Row]:
    """Measure in a child process with a temporary home; returns rows of (figure, value, goal,
    met)."""
    return rows(_child_figures())


def _child_figures() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tolk-bench-checked-") as tmp:
        env = temporary_home(Path(tmp) / "home")
        output = subprocess.run(
            [sys.executable, "-m", "bench.checked_translation", tmp],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout
    figures: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return figures


def rows(figures: dict[str, Any]) -> list[Row]:
    """The report's rows from the child's figures."""
    median = {variant: statistics.median(t) for variant, t in figures["times"].items()}
    checks = {variant: statistics.median(t) for variant, t in figures["check_times"].items()}
    ratio = median["all"] / median["before"]
    low, high = figures["load"]
    desk = figures["desk"]
    flagged = ", ".join(f"{code} {n}" for code, n in sorted(figures["flags"]["all"].items()))
    model = {
        variant: statistics.median(
            whole - part
            for whole, part in zip(
                figures["times"][variant], figures["check_times"][variant], strict=True
            )
        )
        for variant in median
    }
    added = (checks["all"] - checks["before"]) / median["before"]
    return [
        (
            f"checked translation ({figures['sentences']} sentences, base copy model): all "
            "checks / the checks of before",
            f"{ratio:.3f}x ({median['all']:.2f} s / {median['before']:.2f} s), load "
            f"{low:.1f}-{high:.1f}",
            f"<= {GOAL}x",
            ratio <= GOAL,
        ),
        (
            "  the checks and their lookups, all / before; what all add to before's time",
            f"{checks['all'] * 1000:.0f} ms / {checks['before'] * 1000:.0f} ms; +{added:.1%}",
            "report",
            True,
        ),
        (
            "  the rest (the model, the pipeline), all / before: the same work",
            f"{model['all']:.2f} s / {model['before']:.2f} s",
            "report",
            True,
        ),
        (
            f"  desk: glossary {desk['glossary_terms']:,} terms, memory "
            f"{desk['memory_units']:,} units, {desk['corrections']:,} corrections; flags",
            flagged,
            "report",
            True,
        ),
        (
            "  spelling's word list, loaded by a process's first check",
            f"{figures['word_list_load'] * 1000:.0f} ms",
            "report",
            True,
        ),
    ]


def main(argv: list[str]) -> int:
    if len(argv) == 1:  # the child: measure, print the figures as JSON
        print(json.dumps(_measure(Path(argv[0]))))
        return 0
    figures = _child_figures()
    for figure, value, goal, met in rows(figures):
        print(f"{figure}: {value} (goal {goal}: {'met' if met else 'MISSED'})")
    print(json.dumps(figures))  # every round's times, for a closer look
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
