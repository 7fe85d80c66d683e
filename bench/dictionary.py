"""The dictionary (`tolk.dictionary`): preparing it, looking words up, keywords that match the
dictionary's forms, and how much of real Norwegian it covers.

Run: ``python -m bench.dictionary [TREEBANK]`` (also part of ``make bench``).

TREEBANK is UD Norwegian Bokmål, as for ``bench/ud_sentences.py`` (a checkout of
https://github.com/UniversalDependencies/UD_Norwegian-Bokmaal or its git directory; else
``$TOLK_UD_BOKMAAL``), read where it lies. Its word tokens are the coverage corpus: letters
only, without what its annotators marked as names (PROPN), foreign words (``Foreign=Yes``, the
English ones) or other (X). ``dev`` was looked at while writing the lookup rules (its misses
were read); ``test`` is held out (its misses were not read). A token counts as covered when the
lookup gives it at least one entry: its own, its genitive's noun, or its compound's parts (the
rows say how many of each). The treebank's lemmas, made by people, also measure how often the
lookup's first reading is the right headword.

Without a treebank, coverage is not measured, and the lookup is timed on the seeds' words.
"""

from __future__ import annotations

import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.checkout_files import read_checkout_file  # noqa: E402
from bench.corpus import seed_paragraphs  # noqa: E402
from bench.timing import RUNS, Row  # noqa: E402
from tolk.dictionary import COMPOUND, FORM, GENITIVE, Dictionary, prepare  # noqa: E402
from tolk.keywords.matching import WORD, KeywordMatcher  # noqa: E402

ENV = "TOLK_UD_BOKMAAL"
PREPARE_GOAL_S = 15.0
LOOKUP_GOAL_MS = 30.0
KEYWORDS_GOAL = 1.2
COVERAGE_GOAL = 0.97
ARTICLES = 10_000
KEYWORDS = ["gå", "si", "allianse", "Nato", "Jens Stoltenberg"]
_LETTERS = re.compile(r"^[^\W\d_]+$")
_LEFT_OUT = frozenset({"PROPN", "PUNCT", "SYM", "X"})


def tokens(conllu: str) -> list[tuple[str, str]]:
    """The treebank's word tokens that count (form, gold lemma): letters only, no names, no
    foreign words."""
    found = []
    for line in conllu.splitlines():
        if not line or line.startswith("#"):
            continue
        columns = line.split("\t")
        if "-" in columns[0] or "." in columns[0]:
            continue  # a multiword token's line, or an empty node
        form, lemma, upos, feats = columns[1], columns[2], columns[3], columns[5]
        if upos in _LEFT_OUT or "Foreign=Yes" in feats or not _LETTERS.match(form):
            continue
        found.append((form, lemma))
    return found


def preparation(folder: Path) -> tuple[Path, Row]:
    """Prepare the dictionary once (it is done once per install): wall and CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    path = prepare(folder / "prepared.sqlite")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    size = path.stat().st_size / 1e6
    value = f"{wall:.1f} s ({cpu:.1f} s CPU; one run), {size:.0f} MB in the cache dir"
    return path, ("preparing the dictionary (once, in a worker)", value, "≤ 15 s", wall <= 15)


def lookups(path: Path, words: list[str]) -> Row:
    """Every distinct word looked up once, as the reader's `d` does (`look_up`: near
    spellings for a word not found), in a dictionary just opened."""
    dictionary = Dictionary.open(path)
    dictionary.load_suggestions()  # as the reader's preparing worker does
    times = []
    for word in dict.fromkeys(words):
        start = time.perf_counter()
        dictionary.look_up(word)
        times.append(time.perf_counter() - start)
    dictionary.close()
    times.sort()
    p95 = times[int(len(times) * 0.95)] * 1000
    value = (
        f"p95 {p95:.2f} ms, median {statistics.median(times) * 1000:.2f} ms, "
        f"worst {times[-1] * 1000:.0f} ms ({len(times):,} distinct words)"
    )
    return ("looking up a word (first time, dictionary prepared)", value, "≤ 30 ms", p95 <= 30)


def keyword_counts(path: Path) -> list[Row]:
    """Counting keywords over 10,000 generated articles (the seeds' paragraphs, 8 an article,
    held in memory: the matching, not the reading), with the dictionary's forms and without,
    interleaved."""
    rng = random.Random(7)
    texts = seed_paragraphs()
    paragraphs = [p for _ in range(ARTICLES) for p in rng.sample(texts, k=min(8, len(texts)))]
    dictionary = Dictionary.open(path)
    timed: dict[bool, list[float]] = {True: [], False: []}
    hits: dict[bool, int] = {}
    for _ in range(RUNS):
        for lemmas in (False, True):
            matcher = KeywordMatcher(KEYWORDS, dictionary=dictionary if lemmas else None)
            start = time.perf_counter()
            total = sum(sum(matcher.count(paragraph)) for paragraph in paragraphs)
            timed[lemmas].append(time.perf_counter() - start)
            hits[lemmas] = total
    dictionary.close()
    with_lemmas, without = statistics.median(timed[True]), statistics.median(timed[False])
    ratio = with_lemmas / without
    return [
        (
            f"keyword counts with the dictionary's forms / stems only, {ARTICLES:,} articles",
            f"{ratio:.2f}x ({with_lemmas:.2f} s / {without:.2f} s)",
            f"≤ {KEYWORDS_GOAL}x",
            ratio <= KEYWORDS_GOAL,
        ),
        (
            f"keyword hits with the dictionary's forms / stems only ({', '.join(KEYWORDS)})",
            f"{hits[True]:,} / {hits[False]:,} ({hits[True] / hits[False]:.2f}x)",
            "report",
            True,
        ),
    ]


def coverage(path: Path, treebank: Path) -> tuple[list[Row], list[str]]:
    """Coverage of the treebank's word tokens, dev and test, and the first reading's lemma
    against the treebank's; also every test word, for timing lookups."""
    dictionary = Dictionary.open(path)
    rows: list[Row] = []
    words: list[str] = []
    for part, role in (("dev", "tuning"), ("test", "held out")):
        text = read_checkout_file(treebank, f"no_bokmaal-ud-{part}.conllu")
        if text is None:
            raise SystemExit(f"{treebank}: no no_bokmaal-ud-{part}.conllu (a UD checkout?)")
        counted = tokens(text)
        how: Counter[str] = Counter()
        right = 0
        for form, lemma in counted:
            entries = dictionary.lookup(form)
            if entries:
                how[entries[0].via] += 1
                first = dictionary.lemmas(form)[:1]
                right += bool(first) and first[0].lower() == lemma.lower()
        covered = sum(how.values()) / len(counted)
        rows.append(
            (
                f"dictionary coverage of word tokens, UD Bokmål {part} ({role})",
                f"{covered:.1%} of {len(counted):,} (forms {how[FORM] / len(counted):.1%}, "
                f"genitives {how[GENITIVE] / len(counted):.1%}, compound parts "
                f"{how[COMPOUND] / len(counted):.1%})",
                f"≥ {COVERAGE_GOAL:.0%}",
                covered >= COVERAGE_GOAL,
            )
        )
        rows.append(
            (
                f"first reading's headword is the treebank's lemma, UD Bokmål {part}",
                f"{right / len(counted):.1%}",
                "report",
                True,
            )
        )
        if part == "test":
            words = [form for form, _ in counted]
    dictionary.close()
    return rows, words


def measure(treebank: Path | None) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="tolk-dictionary-") as tmp:
        path, prepared = preparation(Path(tmp))
        rows = [prepared]
        if treebank is not None:
            covered, words = coverage(path, treebank)
        else:
            words = [w for p in seed_paragraphs() for w in WORD.findall(p)]
            covered = [
                (
                    "dictionary coverage of word tokens",
                    f"not measured: set {ENV} (bench/dictionary.py)",
                    "report",
                    True,
                )
            ]
        rows.append(lookups(path, words))
        rows += keyword_counts(path)
        rows += covered
    return rows


def run() -> list[Row]:
    """`make bench`'s rows."""
    treebank = os.environ.get(ENV)
    return measure(Path(treebank) if treebank else None)


def main(argv: list[str]) -> int:
    treebank = argv[0] if argv else os.environ.get(ENV)
    rows = measure(Path(treebank) if treebank else None)
    for figure, value, goal, met in rows:
        print(f"{figure}: {value}  goal {goal}  {'met' if met else 'MISSED'}")
    return 0 if all(met for *_, met in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
