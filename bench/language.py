"""Bokmål or Nynorsk: how well tolk tells them apart (`tolk/library/language.py`), on real text
of both kinds, and what telling costs.

Run: ``python -m bench.language [NYNORSK] [BOKMAAL]`` (also part of ``make bench`` when the
corpora are given).

NYNORSK is a folder holding ``no_nynorsk-ud-{dev,test}.conllu`` (a checkout of
https://github.com/UniversalDependencies/UD_Norwegian-Nynorsk) or its git directory, else
``$TOLK_UD_NYNORSK``; BOKMAAL the same for UD_Norwegian-Bokmaal (``$TOLK_UD_BOKMAAL``, as
``bench/ud_sentences.py`` reads it). Both treebanks are the Norwegian Dependency Treebank's
text (news, blogs, government reports, parliament debates), each written in its own standard
and annotated by people, so the labels owe nothing to a language identifier. They are
CC BY-SA 4.0 and are read where they lie, never copied here.

An "article" is consecutive sentences of one part, joined with spaces, from the first until
it reaches a length (300 characters: the issue's floor, the hard case; or `SAMPLE_CHARS`, what
tolk tells an article by); what is left at the end of a part is dropped. `train` is not used
(its file is too large for the mirror). The classifier never saw these texts' labels: nothing
here was tuned on them.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.checkout_files import read_checkout_file  # noqa: E402
from bench.timing import Row  # noqa: E402
from tolk.library.language import (  # noqa: E402
    BOKMAL,
    NYNORSK,
    SAMPLE_CHARS,
    language_sample,
    tell_language,
)

NYNORSK_ENV, BOKMAAL_ENV = "TOLK_UD_NYNORSK", "TOLK_UD_BOKMAAL"
PARTS = ("dev", "test")
SHORT = 300
GOAL = 0.98


def sentences(conllu: str) -> list[str]:
    """The treebank's sentences (`# text`), in order."""
    prefix = "# text = "
    return [line[len(prefix) :].strip() for line in conllu.splitlines() if line.startswith(prefix)]


def articles(texts: list[str], length: int) -> list[str]:
    """Consecutive sentences joined into texts of at least `length` characters."""
    made, block = [], ""
    for sentence in texts:
        block = f"{block} {sentence}" if block else sentence
        if len(block) >= length:
            made.append(block)
            block = ""
    return made


def corpus(source: Path, name: str) -> list[str]:
    """Every sentence of the dev and test parts of a treebank (`name`: its file prefix)."""
    found: list[str] = []
    for part in PARTS:
        text = read_checkout_file(source, f"{name}-ud-{part}.conllu")
        if text is None:
            raise SystemExit(f"{source}: no {name}-ud-{part}.conllu (a UD checkout or git dir?)")
        found += sentences(text)
    return found


def accuracy(texts: list[str], expected: str) -> tuple[float, Counter[str]]:
    told = Counter(tell_language(language_sample([text])) for text in texts)
    return told[expected] / len(texts), told


def measure(nynorsk: Path, bokmaal: Path) -> list[Row]:
    nn_sentences = corpus(nynorsk, "no_nynorsk")
    nb_sentences = corpus(bokmaal, "no_bokmaal")
    tell_language(language_sample(["Eg veit ikkje kva som skjer, men det blir nok bra til slutt."]))
    rows: list[Row] = []
    for length in (SHORT, SAMPLE_CHARS):
        nn_texts, nb_texts = articles(nn_sentences, length), articles(nb_sentences, length)
        nn_right, nn_told = accuracy(nn_texts, NYNORSK)
        nb_right, nb_told = accuracy(nb_texts, BOKMAL)
        right = nn_right * len(nn_texts) + nb_right * len(nb_texts)
        overall = right / (len(nn_texts) + len(nb_texts))
        wrong = (nn_told - Counter({NYNORSK: nn_told[NYNORSK]})) + (
            nb_told - Counter({BOKMAL: nb_told[BOKMAL]})
        )
        rows.append(
            (
                f"Nynorsk/Bokmål told apart, UD texts of {length}+ characters",
                f"{overall:.1%} (nn {nn_right:.1%} of {len(nn_texts)}, nb {nb_right:.1%} of "
                f"{len(nb_texts)}; wrong: {dict(wrong) or 'none'})",
                f"≥ {GOAL:.0%}",
                overall >= GOAL,
            )
        )
    samples = (
        articles(nn_sentences, SAMPLE_CHARS)[:200] + articles(nb_sentences, SAMPLE_CHARS)[:200]
    )
    times = []
    for text in samples:
        start = time.perf_counter()
        tell_language(language_sample([text]))
        times.append(time.perf_counter() - start)
    rows.append(
        (
            f"telling one article ({SAMPLE_CHARS:,}-character sample)",
            f"median {statistics.median(times) * 1000:.2f} ms",
            "report",
            True,
        )
    )
    return rows


def load_time() -> Row:
    """Loading the classifier, in a fresh process (it is loaded once, in a worker)."""
    import subprocess

    code = (
        "import time; t = time.perf_counter(); "
        "from tolk.library.language import tell_language; "
        "tell_language('x' * 100); print(time.perf_counter() - t)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return ("loading the language classifier (once)", f"{float(done.stdout):.2f} s", "report", True)


def run() -> list[Row]:
    """`make bench`'s rows: measured where both corpora are given, else said so."""
    nynorsk, bokmaal = os.environ.get(NYNORSK_ENV), os.environ.get(BOKMAAL_ENV)
    if not (nynorsk and bokmaal):
        return [
            (
                "Nynorsk/Bokmål told apart",
                f"not measured: set {NYNORSK_ENV} and {BOKMAAL_ENV} (bench/language.py)",
                "report",
                True,
            )
        ]
    return [*measure(Path(nynorsk), Path(bokmaal)), load_time()]


def main(argv: list[str]) -> int:
    nynorsk = argv[0] if argv else os.environ.get(NYNORSK_ENV)
    bokmaal = argv[1] if len(argv) > 1 else os.environ.get(BOKMAAL_ENV)
    if not (nynorsk and bokmaal):
        print(f"give NYNORSK and BOKMAAL (or set {NYNORSK_ENV}, {BOKMAAL_ENV})", file=sys.stderr)
        return 2
    rows = [*measure(Path(nynorsk), Path(bokmaal)), load_time()]
    for figure, value, goal, met in rows:
        print(f"{figure}: {value}  goal {goal}  {'met' if met else 'MISSED'}")
    return 0 if all(met for *_, met in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
