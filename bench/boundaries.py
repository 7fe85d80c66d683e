"""Sentence-boundary counting shared by the splitter benchmarks.

A boundary is a position counted in non-whitespace characters from the start of the paragraph,
so a splitter that changes whitespace is not penalised, and a gold set may be given as the
paragraph's sentences or as the text and its set of boundary positions. A splitter that drops or
rewrites characters drifts and loses points: the honest outcome for a splitter whose output tolk
must re-join.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

Splitter = Callable[[str], list[str]]
# A gold paragraph: its text and its inner boundaries.
GoldParagraph = tuple[str, set[int]]


def boundaries(sentences: Iterable[str]) -> set[int]:
    """Inner boundary offsets of consecutive sentences, counted in non-whitespace characters."""
    out: set[int] = set()
    pos = 0
    for i, sentence in enumerate(sentences):
        if i:
            out.add(pos)
        pos += len("".join(sentence.split()))
    return out


def joined(sentences: list[str]) -> GoldParagraph:
    """A paragraph made of gold sentences joined by one space, and their boundaries."""
    return " ".join(sentences), boundaries(sentences)


def found(split: Splitter, text: str) -> set[int]:
    """The boundaries a splitter puts into ``text``."""
    return boundaries(s for s in split(text) if s.strip())


@dataclass
class Tally:
    """True, false and missed boundaries summed over paragraphs."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, want: set[int], got: set[int]) -> None:
        self.tp += len(want & got)
        self.fp += len(got - want)
        self.fn += len(want - got)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def tally(split: Splitter, gold: Iterable[GoldParagraph]) -> Tally:
    """Score a splitter on gold paragraphs."""
    total = Tally()
    for text, want in gold:
        total.add(want, found(split, text))
    return total


HEADER = f"{'candidate':32} {'P':>6} {'R':>6} {'F1':>6} {'false':>6} {'missed':>6}"


def row(name: str, score: Tally) -> str:
    """One line of a score table, under ``HEADER``."""
    p, r, f = score.precision, score.recall, score.f1
    return f"{name:32} {p:6.3f} {r:6.3f} {f:6.3f} {score.fp:6d} {score.fn:6d}"


def text_offset(text: str, nonspace: int) -> int:
    """The index in ``text`` of its ``nonspace``-th non-whitespace character (or its end)."""
    k = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            if k == nonspace:
                return i
            k += 1
    return len(text)


def context(text: str, nonspace: int, width: int = 60) -> str:
    """The text around a boundary, the boundary drawn as ‖."""
    i = text_offset(text, nonspace)
    return f"…{text[max(0, i - width) : i]}‖{text[i : i + width * 2 // 3]}…"


def error_lines(text: str, want: set[int], got: set[int]) -> list[str]:
    """Each false split (+) and missed boundary (-) of one paragraph, with its context."""
    lines = [f"+ {context(text, off)}" for off in sorted(got - want)]
    lines += [f"- {context(text, off)}" for off in sorted(want - got)]
    return lines
