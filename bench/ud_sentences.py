"""Sentence-splitter boundary F1 on the UD Norwegian Bokmål treebank (real, hand-split text).

Run: ``python bench/ud_sentences.py [TREEBANK] [--show-errors PART]``.

TREEBANK is a folder holding ``no_bokmaal-ud-{train,dev,test}.conllu`` (a checkout of
https://github.com/UniversalDependencies/UD_Norwegian-Bokmaal), a git directory of such a checkout
(the files are read from its ``HEAD``), or, when not given, ``$TOLK_UD_BOKMAAL``. The treebank is
never copied into this repository: it is read where it lies.

Paragraphs are rebuilt from the ``# text`` of consecutive sentences, cut at ``# newdoc`` and
``# newpar`` markers, and at most ``MAX_SENTENCES`` sentences long (most of the treebank has no
paragraph markers; the cap keeps a paragraph news-sized). The sentences are joined with one
space, and a splitter is scored on the inner boundaries (``bench/boundaries.py``).

Two measures: *as annotated* scores every boundary of the rebuilt paragraphs; *prose* also
ends a paragraph after each sentence without final ``. ! ? …`` -- headings, bylines, photo
credits and lead-ins ending with a colon, which the treebank makes sentences of but which stand
on their own line in an article (tolk never splits at a colon or without a terminator).

Parts: ``dev`` is the tuning set (rules were written looking at its errors); ``test`` is held
out (never shown with ``--show-errors`` while writing rules). ``train`` is scored when present.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.boundaries import HEADER, Splitter, error_lines, found, joined, row, tally  # noqa: E402
from bench.checkout_files import read_checkout_file  # noqa: E402
from bench.sentence_splitters import installed  # noqa: E402

ENV = "TOLK_UD_BOKMAAL"
MAX_SENTENCES = 8
PARTS = ("dev", "test", "train")
TUNING, HELD_OUT = "dev", "test"
_CLOSERS = "»”\"’')] "


def read_part(source: Path, part: str) -> str | None:
    """The text of one .conllu part, from a folder or a git directory; None when absent."""
    return read_checkout_file(source, f"no_bokmaal-ud-{part}.conllu")


def _ends_prose(sentence: str) -> bool:
    """Whether a sentence ends with . ! ? or … (closing quotes and brackets aside)."""
    return sentence.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def paragraphs(
    conllu: str, *, prose: bool = False, max_sentences: int = MAX_SENTENCES
) -> Iterator[list[str]]:
    """Consecutive sentences grouped into paragraphs (newdoc/newpar markers, then the cap).

    ``prose``: also end a paragraph after a sentence without final punctuation (a heading, a
    photo credit, a lead-in ending with a colon), as an article file has it on its own line.
    """
    block: list[str] = []
    for line in conllu.splitlines():
        if line.startswith(("# newdoc", "# newpar")) and block:
            yield block
            block = []
        elif line.startswith("# text = "):
            sentence = line[len("# text = ") :].strip()
            block.append(sentence)
            if len(block) >= max_sentences or (prose and not _ends_prose(sentence)):
                yield block
                block = []
    if block:
        yield block


def show_errors(split: Splitter, gold: list[list[str]]) -> None:
    """Print each false split (+) and missed boundary (-) with its context."""
    for text, want in map(joined, gold):
        for line in error_lines(text, want, found(split, text)):
            print(line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("treebank", nargs="?", default=os.environ.get(ENV), help=f"or ${ENV}")
    ap.add_argument("--show-errors", choices=PARTS, help="print tolk's errors on one part")
    ap.add_argument("--as-annotated", action="store_true", help="--show-errors on every boundary")
    args = ap.parse_args()
    if not args.treebank:
        print(f"no treebank: pass its folder or set {ENV}", file=sys.stderr)
        return 2
    source = Path(args.treebank)
    texts = {part: text for part in PARTS if (text := read_part(source, part)) is not None}
    if not texts:
        print(f"no no_bokmaal-ud-*.conllu under {source}", file=sys.stderr)
        return 2
    if args.show_errors:
        from translation.sentences import split_sentences

        text = texts[args.show_errors]
        show_errors(split_sentences, list(paragraphs(text, prose=not args.as_annotated)))
        return 0
    for (part, text), prose in itertools.product(texts.items(), (False, True)):
        gold = list(paragraphs(text, prose=prose))
        role = {TUNING: "tuning", HELD_OUT: "held out"}.get(part, "")
        n_bound = sum(len(s) - 1 for s in gold)
        measure = "prose" if prose else "as annotated"
        print(f"\n{part} ({role}), {measure}: {len(gold)} paragraphs, {n_bound} inner boundaries")
        print(HEADER)
        for name, split in installed():
            print(row(name, tally(split, map(joined, gold))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
