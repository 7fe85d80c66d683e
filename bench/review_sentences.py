"""Sentence-splitter boundary F1 on Norwegian newspaper reviews (NoReC_fine).

Run: ``python bench/review_sentences.py [CORPUS] [--show-errors PART] [--disagreements]``.

CORPUS is a folder holding NoReC_fine's ``train.json``, ``dev.json`` and ``test.json`` (a
checkout of https://github.com/ltgoslo/norec_fine), a git directory of one (read from its
``HEAD``), or, when not given, ``$TOLK_NOREC_FINE``. The corpus is CC BY-NC 4.0 and is never
copied into this repository, not even in excerpts: it is read where it lies.

NoReC_fine holds about 11,000 sentences of some 400 reviews (books, films, music, games,
products, restaurants) from Norwegian newspapers, each with a ``sent_id`` of the form
document-paragraph-sentence. Paragraphs are rebuilt from it, whole (no paragraph has a missing
sentence), and their tokenised text is put back as printed by ``bench/detokenize.py``.

Caveat: the sentence boundaries are NoReC's own, made by its automatic pipeline (UDPipe), not
by people. So there are three figures per measure: *tuning* (train + dev; their errors were
read while writing rules), *held out, raw* (test, the corpus's boundaries as they are; never
read while writing rules), and *held out, adjudicated*: after the rules were final, every place
on test where tolk, sentence-splitter (both variants) or pysbd 'da' disagrees with the corpus
was looked at by hand and judged (``bench/data/review_adjudication.tsv``: paragraph id, offset,
whether the corpus has a boundary there, the verdict, the kind; offsets only, no text). Where
the corpus is judged wrong its boundary is flipped; "ambiguous" places are left out of scoring
for every splitter. Places where all the judged splitters agree with the corpus were not looked
at: a boundary that all of them and the corpus get wrong stays wrong, and the other libraries'
disagreements were not judged (their adjudicated figures gain nothing where only they are
right).

Two measures, as in ``bench/ud_sentences.py``: *as annotated* scores every boundary; *prose*
also cuts the paragraph after each sentence without final ``. ! ? …`` (see ``paragraphs``).

*English subset*: the paragraphs with an English title (Mr., Mrs., Ms., Dr., Jr., Sr., Sir,
Prof.), an initial or dotted acronym (a capital letter followed by a period: "J.J.", "U.S.",
"George W."), an all-capital acronym of 2-6 letters (USA, FBI; not in a paragraph that is
mostly capitals), an English name prefix (Mc, Mac, O'), an English possessive ('s) or an
English function word (the, of, and, you, your, my, with, from, are, was, this, that, what, it,
we, our).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.boundaries import (  # noqa: E402
    HEADER,
    Splitter,
    Tally,
    boundaries,
    context,
    error_lines,
    found,
    row,
    text_offset,
)
from bench.checkout_files import read_checkout_file  # noqa: E402
from bench.detokenize import detokenize  # noqa: E402
from bench.sentence_splitters import CANDIDATES, installed  # noqa: E402

ENV = "TOLK_NOREC_FINE"
TUNING = ("train", "dev")
HELD_OUT = "test"
ADJUDICATION = ROOT / "bench" / "data" / "review_adjudication.tsv"
VERDICTS = ("right", "wrong", "ambiguous")  # the corpus, judged at one place
# Splitters whose every disagreement with the corpus on the held-out part was judged.
JUDGED = ("tolk", "sentence-splitter 'no'", "sentence-splitter +nb", "pysbd 'da'")


_CLOSERS = "»”\"’')] "


@dataclass(frozen=True)
class ReviewParagraph:
    """A rebuilt paragraph, or a piece of one (prose): its NoReC id (document-paragraph), where
    it starts in the paragraph (in non-whitespace characters), printed text, gold boundaries."""

    pid: str
    start: int
    text: str
    gold: frozenset[int]


def _ends_prose(sentence: str) -> bool:
    """Whether a sentence ends with . ! ? or … (closing quotes and brackets aside)."""
    return sentence.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def paragraphs(corpus_json: str, *, prose: bool = False) -> list[ReviewParagraph]:
    """The paragraphs of one NoReC_fine part, in document order.

    ``prose``: cut a paragraph after each sentence without final punctuation (a heading run
    into the paragraph, a lead-in ending with a colon, a fact box's "Regi: … Med: …"), as
    ``bench/ud_sentences.py`` does: tolk never splits there by design.
    """
    grouped: dict[str, list[tuple[int, str]]] = {}
    for item in json.loads(corpus_json):
        doc, par, sent = item["sent_id"].split("-")
        grouped.setdefault(f"{doc}-{par}", []).append((int(sent), item["text"]))
    out = []
    for pid, numbered in grouped.items():
        sentences = [text for _, text in sorted(numbered)]
        text = detokenize([token for sentence in sentences for token in sentence.split()])
        out += paragraph_pieces(pid, sentences, text, prose=prose)
    return out


def paragraph_pieces(
    pid: str, sentences: list[str], text: str, *, prose: bool
) -> list[ReviewParagraph]:
    """A paragraph of gold ``sentences`` printed as ``text``: whole, or cut as prose."""
    gold = boundaries(sentences)
    ends = list(itertools.accumulate(len("".join(s.split())) for s in sentences))
    cuts = [0]
    if prose:
        cuts += [end for end, s in zip(ends[:-1], sentences, strict=False) if not _ends_prose(s)]
    cuts.append(ends[-1])
    out = []
    for lo, hi in itertools.pairwise(cuts):
        piece = text[text_offset(text, lo) : text_offset(text, hi)].strip()
        inner = frozenset(b - lo for b in gold if lo < b < hi)
        out.append(ReviewParagraph(pid, lo, piece, inner))
    return out


_ENGLISH = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|Prof)\.|\bSir\b"  # titles
    r"|\b[A-ZÆØÅ]\."  # initials, dotted acronyms
    r"|\b(?:Mc|Mac)[A-Z]|\bO['’][A-Z]|\w['’]s\b"  # name prefixes, possessive 's
    r"|\b(?i:the|of|and|you|your|my|with|from|are|was|this|that|what|it|we|our)\b"
)
_ACRONYM = re.compile(r"\b(?=[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z])[A-Z0-9]{2,6}\b")


def quotes_english(text: str) -> bool:
    """Whether a paragraph holds English names, titles, initials or acronyms (module doc)."""
    if _ENGLISH.search(text):
        return True
    letters = [ch for ch in text if ch.isalpha()]
    shouting = sum(ch.isupper() for ch in letters) * 2 > len(letters)
    return not shouting and _ACRONYM.search(text) is not None


@dataclass(frozen=True)
class Judgement:
    """One hand-judged disagreement on the held-out part."""

    pid: str
    offset: int
    corpus: bool  # the corpus has a boundary here
    verdict: str  # the corpus is: one of VERDICTS
    kind: str


def read_adjudication(path: Path = ADJUDICATION) -> list[Judgement]:
    """The judged disagreements (tab-separated; '#' lines are comments)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pid, offset, corpus, verdict, kind = line.split("\t")
        if verdict not in VERDICTS:
            raise ValueError(f"{path}: unknown verdict {verdict!r} in {line!r}")
        out.append(Judgement(pid, int(offset), corpus == "1", verdict, kind))
    return out


def adjudicated(
    paras: list[ReviewParagraph], judged: list[Judgement]
) -> list[tuple[ReviewParagraph, frozenset[int]]]:
    """Each paragraph (or piece) with its judged gold boundaries and the places left out."""
    by_pid: dict[str, list[Judgement]] = {}
    for j in judged:
        by_pid.setdefault(j.pid, []).append(j)
    unseen = set(by_pid)
    out = []
    for para in paras:
        unseen.discard(para.pid)
        gold, skip = set(para.gold), set()
        length = len("".join(para.text.split()))
        for j in by_pid.get(para.pid, []):
            offset = j.offset - para.start
            if not 0 < offset < length:
                continue  # in another piece, or at a cut (never scored)
            if (offset in para.gold) != j.corpus:
                raise ValueError(f"{j}: the corpus no longer reads so (another version?)")
            if j.verdict == "wrong":
                gold.symmetric_difference_update({offset})
            elif j.verdict == "ambiguous":
                skip.add(offset)
        out.append((replace(para, gold=frozenset(gold)), frozenset(skip)))
    if unseen:
        raise ValueError(f"judged paragraphs not in the corpus: {sorted(unseen)[:5]}")
    return out


def score(split: Splitter, gold: list[tuple[ReviewParagraph, frozenset[int]]]) -> Tally:
    """A splitter's tally over paragraphs, leaving out each paragraph's skipped places."""
    total = Tally()
    for para, skip in gold:
        total.add(set(para.gold - skip), found(split, para.text) - skip)
    return total


def table(title: str, gold: list[tuple[ReviewParagraph, frozenset[int]]]) -> None:
    n_bound = sum(len(p.gold - skip) for p, skip in gold)
    print(f"\n{title}: {len(gold)} paragraphs, {n_bound} inner boundaries")
    print(HEADER)
    for name, split in installed():
        print(row(name, score(split, gold)))


def disagreements(split: Splitter, paras: list[ReviewParagraph]) -> set[tuple[str, int, bool]]:
    """Where a splitter and the corpus disagree: paragraph id, offset in it, corpus boundary."""
    out = set()
    for para in paras:
        got = found(split, para.text)
        out |= {(para.pid, para.start + off, off in para.gold) for off in got ^ para.gold}
    return out


def unjudged(
    split: Splitter,
    whole_paragraphs: list[ReviewParagraph],
    prose_pieces: list[ReviewParagraph],
    judged: list[Judgement],
) -> list[str]:
    """A splitter's disagreements with the corpus, as annotated or as prose, not judged yet."""
    whole = {p.pid: p for p in whole_paragraphs}
    places = disagreements(split, whole_paragraphs) | disagreements(split, prose_pieces)
    seen = {(j.pid, j.offset) for j in judged}
    return [
        f"{pid}\t{offset}\t{int(corpus)}\t?\t{context(whole[pid].text, offset)}"
        for pid, offset, corpus in sorted(places)
        if (pid, offset) not in seen
    ]


def splitter_named(name: str) -> Splitter:
    """The candidate whose name starts with ``name`` (``tolk``: ours)."""
    if name == "tolk":
        from translation.sentences import split_sentences

        return split_sentences
    for candidate, make in CANDIDATES:
        if candidate.startswith(name):
            return make()
    raise SystemExit(f"no candidate named {name!r}")


def _held_out(corpus_json: str) -> tuple[list[ReviewParagraph], list[ReviewParagraph]]:
    """The held-out part's whole paragraphs and its prose pieces."""
    return paragraphs(corpus_json), paragraphs(corpus_json, prose=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=os.environ.get(ENV), help=f"or ${ENV}")
    ap.add_argument("--show-errors", choices=[*TUNING, HELD_OUT], help="tolk's errors on a part")
    ap.add_argument("--as-annotated", action="store_true", help="--show-errors on every boundary")
    ap.add_argument(
        "--disagreements",
        metavar="CANDIDATE",
        help="list a splitter's unjudged disagreements on the held-out part, to judge by hand "
        "('tolk', or the start of a candidate's name)",
    )
    ap.add_argument("--tuning-only", action="store_true", help="score train + dev only")
    args = ap.parse_args()
    if not args.corpus:
        print(f"no corpus: pass NoReC_fine's folder or set {ENV}", file=sys.stderr)
        return 2
    source = Path(args.corpus)
    texts = {p: read_checkout_file(source, f"{p}.json") for p in (*TUNING, HELD_OUT)}
    parts = {part: text for part, text in texts.items() if text is not None}
    if len(parts) < len(texts):
        print(f"no train.json, dev.json and test.json under {source}", file=sys.stderr)
        return 2
    judged = read_adjudication()
    if args.disagreements:
        split = splitter_named(args.disagreements)
        print("\n".join(unjudged(split, *_held_out(parts[HELD_OUT]), judged)))
        return 0
    if args.show_errors:
        from translation.sentences import split_sentences

        for para in paragraphs(parts[args.show_errors], prose=not args.as_annotated):
            for line in error_lines(para.text, set(para.gold), found(split_sentences, para.text)):
                print(f"{para.pid} {line}")
        return 0
    english = {p.pid for text in parts.values() for p in paragraphs(text) if quotes_english(p.text)}
    for prose in (True, False):
        measure = "prose" if prose else "as annotated"
        paras = {part: paragraphs(text, prose=prose) for part, text in parts.items()}
        tuning = [(p, frozenset[int]()) for part in TUNING for p in paras[part]]
        sets = [(f"tuning (train + dev), {measure}", tuning)]
        if not args.tuning_only:
            held_out = [(p, frozenset[int]()) for p in paras[HELD_OUT]]
            sets.append((f"held out (test), {measure}, raw", held_out))
            sets.append(
                (f"held out (test), {measure}, adjudicated", adjudicated(paras[HELD_OUT], judged))
            )
        for title, gold in sets:
            table(title, gold)
            table(f"{title}, English subset", [g for g in gold if g[0].pid in english])
    print()
    for part, text in parts.items():
        pids = {p.pid for p in paragraphs(text)}
        print(f"{part}: {len(pids)} paragraphs, {len(pids & english)} in the English subset")
    if not args.tuning_only:
        counts = {v: sum(j.verdict == v for j in judged) for v in VERDICTS}
        print(f"judged places on test: {len(judged)}, the corpus {counts}")
        for name in JUDGED:
            left = len(unjudged(splitter_named(name), *_held_out(parts[HELD_OUT]), judged))
            print(f"{name}'s disagreements with the corpus on test not judged: {left}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
