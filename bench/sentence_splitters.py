"""Compare sentence splitters on the Norwegian gold set (tests/data/sentences_nb.txt).

Run: ``python bench/sentence_splitters.py [--repeat N]``.

Boundaries are counted by ``bench/boundaries.py``: by position in non-whitespace characters, so
a candidate that drops or rewrites characters (pysbd can) drifts and loses points.
stanza is not evaluated: its models cannot be downloaded in this environment.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.boundaries import Splitter, joined, tally  # noqa: E402

GOLD = ROOT / "tests" / "data" / "sentences_nb.txt"


def load_gold(path: Path = GOLD) -> list[list[str]]:
    """Paragraphs as lists of sentences: one sentence a line, blocks split by blank lines."""
    blocks: list[list[str]] = [[]]
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            continue
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    return [b for b in blocks if b]


def ms_per_1000(split: Splitter, gold: list[list[str]], repeat: int) -> float:
    paragraphs = [" ".join(s) for s in gold]
    n = sum(len(s) for s in gold) * repeat
    t0 = time.perf_counter()
    for _ in range(repeat):
        for p in paragraphs:
            split(p)
    return (time.perf_counter() - t0) / n * 1000 * 1000


def _naive_regex() -> Splitter:
    rx = re.compile(r"(?<=[.!?…])\s+")
    return lambda t: rx.split(t)


def _capital_regex() -> Splitter:
    # Boundary only when the next token looks like a sentence start.
    rx = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][»”\"]))\s+(?=[–«\"A-ZÆØÅ0-9])")
    return lambda t: rx.split(t)


def _sentence_splitter() -> Splitter:
    from sentence_splitter import SentenceSplitter  # type: ignore[import-untyped]

    s = SentenceSplitter(language="no")
    return lambda t: list(s.split(t))


def _sentence_splitter_nb() -> Splitter:
    """sentence-splitter extended the way it allows: a prefix file, plus a dash post-split."""
    import tempfile

    import sentence_splitter as ss  # type: ignore[import-untyped]

    from translation.sentence_words import CAN_END, NEVER_END

    base = Path(ss.__file__).parent / "non_breaking_prefixes" / "no.txt"
    extra = sorted(NEVER_END) + [f"{w} #NUMERIC_ONLY#" for w in sorted(CAN_END)]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(base.read_text(encoding="utf-8") + "\n" + "\n".join(extra) + "\n")
    s = ss.SentenceSplitter(language="no", non_breaking_prefix_file=f.name)
    dash = re.compile(r"(?<=[.!?…])\s+(?=[–—]\s)")
    return lambda t: [p for piece in s.split(t) for p in dash.split(piece)]


def _pysbd(lang: str) -> Callable[[], Splitter]:
    def make() -> Splitter:
        import pysbd  # type: ignore[import-untyped]

        seg = pysbd.Segmenter(language=lang, clean=False)
        return lambda t: list(seg.segment(t))

    return make


def _sentencex(lang: str) -> Callable[[], Splitter]:
    def make() -> Splitter:
        import sentencex  # type: ignore[import-untyped]

        return lambda t: list(sentencex.segment(lang, t))

    return make


def _ours() -> Splitter:
    from translation.sentences import split_sentences

    return split_sentences


CANDIDATES: list[tuple[str, Callable[[], Splitter]]] = [
    ("regex naive  [.!?…]\\s+", _naive_regex),
    ("regex + next-is-capital", _capital_regex),
    ("sentence-splitter 'no'", _sentence_splitter),
    ("sentence-splitter +nb prefixes", _sentence_splitter_nb),
    ("pysbd 'da' (no nb/no)", _pysbd("da")),
    ("pysbd 'en'", _pysbd("en")),
    ("sentencex 'nb'", _sentencex("nb")),
    ("sentencex 'da'", _sentencex("da")),
    ("translation.sentences (ours)", _ours),
]


def installed() -> Iterator[tuple[str, Splitter]]:
    """Each candidate that can be made here, by name; the others are reported as missing."""
    for name, make in CANDIDATES:
        try:
            split = make()
        except ImportError:
            print(f"{name:32} not installed")
            continue
        yield name, split


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="timing passes over the gold set")
    args = ap.parse_args()
    gold = load_gold()
    n_sent = sum(len(s) for s in gold)
    n_bound = sum(len(s) - 1 for s in gold)
    print(f"gold: {len(gold)} paragraphs, {n_sent} sentences, {n_bound} inner boundaries")
    print(f"{'candidate':32} {'P':>6} {'R':>6} {'F1':>6} {'ms/1000 sent':>13}")
    for name, split in installed():
        score = tally(split, map(joined, gold))
        ms = ms_per_1000(split, gold, args.repeat)
        print(f"{name:32} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} {ms:13.1f}")
    print(f"{'stanza':32} skipped (models cannot be downloaded here)")


if __name__ == "__main__":
    main()
