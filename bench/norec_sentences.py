"""Sentence-splitter boundary F1 on reviews quoting English, from the full NoReC (raw text).

Run: ``python bench/norec_sentences.py [NOREC] [--fine NOREC_FINE] [--show-errors PART]
[--disagreements CANDIDATE] [--tuning-only] [--sizes]``.

NOREC is a folder holding NoReC's ``data/{train,dev,test}/NNNNNN.txt`` (a checkout of
https://github.com/ltgoslo/norec), a git directory of one (read from its ``HEAD``), or, when
not given, ``$TOLK_NOREC``; NOREC_FINE is NoReC_fine's, as for ``bench/review_sentences.py``
(``$TOLK_NOREC_FINE``), read only for its document ids. Both are CC BY-NC 4.0 and are never
copied into this repository, not even in excerpts: they are read where they lie.

NoReC holds some 43,000 reviews from Norwegian newspapers as raw text (no tokenising to undo),
one sentence a line, paragraphs separated by blank lines. A paragraph's id is its document's
and its number in the document from 01 (``000123-04``); its text is its sentences joined by a
space. The boundaries are NoReC's automatic ones (UDPipe), not set by people, and the file does
not say whether there was a space where the pipeline cut ("2011.Det" reads "2011. Det" here).

Only the *English subset* is scored (``review_sentences.quotes_english`` on the whole
paragraph: English titles, initials, acronyms, Mc/O', 's, English function words), in two
fixed random samples (``SEED``), drawn before any rule was written for this benchmark:

- *tuning*: ``TUNING_SIZE`` English paragraphs of ``train`` (its errors were read while writing
  rules; ``--show-errors train`` shows tolk's on all of train's English paragraphs);
- *held out*: ``HELD_OUT_SIZE`` English paragraphs of ``test`` documents that are not in
  NoReC_fine (whose test part was judged and then seen for issue 13). Its errors were not read
  until the rules were final; then every place where tolk, sentence-splitter (both variants) or
  pysbd 'da' disagrees with the corpus was judged by hand (``ADJUDICATION``: paragraph id,
  offset, verdict, kind; no text), scored *raw* and *adjudicated* as in
  ``bench/review_sentences.py``.

``dev`` is not used. Two measures, as there: *prose* cuts a paragraph after each sentence
without final ``. ! ? …``; *as annotated* scores every boundary.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.boundaries import error_lines, found  # noqa: E402
from bench.checkout_files import read_checkout_file, read_checkout_folder  # noqa: E402
from bench.review_sentences import (  # noqa: E402
    VERDICTS,
    ReviewParagraph,
    adjudicated,
    paragraph_pieces,
    quotes_english,
    read_adjudication,
    splitter_named,
    table,
    unjudged,
)

ENV, FINE_ENV = "TOLK_NOREC", "TOLK_NOREC_FINE"
SEED = 13  # issue 13
TUNING_SIZE = 2000
HELD_OUT_SIZE = 800
ADJUDICATION = ROOT / "bench" / "data" / "norec_adjudication.tsv"
JUDGED = ("tolk", "sentence-splitter 'no'", "sentence-splitter +nb", "pysbd 'da'")

# A document: its id (the file name without .txt) and its paragraphs, each a list of sentences.
Document = tuple[str, list[list[str]]]


def read_documents(source: Path, part: str) -> list[Document]:
    """The documents of one NoReC part (train, dev, test), in id order."""
    out = []
    for name, text in sorted(read_checkout_folder(source, f"data/{part}").items()):
        blocks: list[list[str]] = [[]]
        for raw in text.splitlines():
            line = raw.strip()
            if line:
                blocks[-1].append(line)
            elif blocks[-1]:
                blocks.append([])
        out.append((name.removesuffix(".txt"), [b for b in blocks if b]))
    return out


def paragraphs(docs: list[Document], *, prose: bool = False) -> list[ReviewParagraph]:
    """Every paragraph of the documents (``prose``: cut after unpunctuated sentences)."""
    out = []
    for doc, blocks in docs:
        for number, sentences in enumerate(blocks, 1):
            pid = f"{doc}-{number:02d}"
            out += paragraph_pieces(pid, sentences, " ".join(sentences), prose=prose)
    return out


def fine_documents(fine: Path) -> set[str]:
    """The ids of NoReC_fine's documents (all three parts)."""
    ids = set()
    for part in ("train", "dev", "test"):
        text = read_checkout_file(fine, f"{part}.json")
        if text is None:
            raise SystemExit(f"no {part}.json under {fine}")
        ids |= {item["sent_id"].split("-")[0] for item in json.loads(text)}
    return ids


def english_sample(docs: list[Document], size: int) -> tuple[set[str], int]:
    """A fixed random sample (``SEED``) of the English paragraphs' ids, and the pool's size."""
    pool = sorted(p.pid for p in paragraphs(docs) if quotes_english(p.text))
    return set(random.Random(SEED).sample(pool, min(size, len(pool)))), len(pool)


def _only(paras: list[ReviewParagraph], pids: set[str]) -> list[ReviewParagraph]:
    return [p for p in paras if p.pid in pids]


def _holding(docs: list[Document], pids: set[str]) -> list[Document]:
    """The documents with a paragraph in ``pids`` (the rest need not be split at all)."""
    wanted = {pid.split("-")[0] for pid in pids}
    return [d for d in docs if d[0] in wanted]


def _sizes(title: str, docs: list[Document], pids: set[str], pool: int) -> None:
    whole = _only(paragraphs(docs), pids)
    prose = _only(paragraphs(docs, prose=True), pids)
    print(
        f"{title}: {len(whole)} of {pool} English paragraphs, "
        f"from {len({p.pid.split('-')[0] for p in whole})} reviews; "
        f"{sum(len(p.gold) for p in prose)} boundaries as prose, "
        f"{sum(len(p.gold) for p in whole)} as annotated"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("norec", nargs="?", default=os.environ.get(ENV), help=f"or ${ENV}")
    ap.add_argument("--fine", default=os.environ.get(FINE_ENV), help=f"or ${FINE_ENV}")
    ap.add_argument("--show-errors", choices=["train"], help="tolk's errors on train's English")
    ap.add_argument("--as-annotated", action="store_true", help="--show-errors on every boundary")
    ap.add_argument(
        "--disagreements",
        metavar="CANDIDATE",
        help="list a splitter's unjudged disagreements on the held-out sample, to judge by hand",
    )
    ap.add_argument("--tuning-only", action="store_true", help="score the tuning sample only")
    ap.add_argument("--sizes", action="store_true", help="only count the samples")
    args = ap.parse_args()
    if not args.norec or not args.fine:
        print(f"pass NoReC's folder (or ${ENV}) and --fine (or ${FINE_ENV})", file=sys.stderr)
        return 2
    source = Path(args.norec)
    train = read_documents(source, "train")
    if not train:
        print(f"no data/train/*.txt under {source}", file=sys.stderr)
        return 2
    if args.show_errors:
        from translation.sentences import split_sentences

        english = {p.pid for p in paragraphs(train) if quotes_english(p.text)}
        for para in paragraphs(train, prose=not args.as_annotated):
            if para.pid not in english:
                continue
            for line in error_lines(para.text, set(para.gold), found(split_sentences, para.text)):
                print(f"{para.pid} {line}")
        return 0
    fine = fine_documents(Path(args.fine))
    tuning, tuning_pool = english_sample(train, TUNING_SIZE)
    train = _holding(train, tuning)
    test = [d for d in read_documents(source, "test") if d[0] not in fine]
    held_out, held_out_pool = english_sample(test, HELD_OUT_SIZE)
    test = _holding(test, held_out)

    def sizes() -> None:
        _sizes("tuning sample (train)", train, tuning, tuning_pool)
        _sizes("held-out sample (test, not in NoReC_fine)", test, held_out, held_out_pool)

    if args.sizes:
        sizes()
        return 0
    judged = read_adjudication(ADJUDICATION)
    if args.disagreements:
        whole = _only(paragraphs(test), held_out)
        pieces = _only(paragraphs(test, prose=True), held_out)
        print("\n".join(unjudged(splitter_named(args.disagreements), whole, pieces, judged)))
        return 0
    for prose in (True, False):
        measure = "prose" if prose else "as annotated"
        none = frozenset[int]()
        tuned = [(p, none) for p in _only(paragraphs(train, prose=prose), tuning)]
        table(f"tuning (train, English sample), {measure}", tuned)
        if args.tuning_only:
            continue
        unseen = _only(paragraphs(test, prose=prose), held_out)
        table(f"held out (test, English sample), {measure}, raw", [(p, none) for p in unseen])
        table(
            f"held out (test, English sample), {measure}, adjudicated",
            adjudicated(unseen, judged),
        )
    print()
    sizes()
    if not args.tuning_only:
        counts = {v: sum(j.verdict == v for j in judged) for v in VERDICTS}
        print(f"judged places on the held-out sample: {len(judged)}, the corpus {counts}")
        whole = _only(paragraphs(test), held_out)
        prose_pieces = _only(paragraphs(test, prose=True), held_out)
        for name in JUDGED:
            left = len(unjudged(splitter_named(name), whole, prose_pieces, judged))
            print(f"{name}'s disagreements with the corpus not judged: {left}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
