"""What the reader shows for a sentence and a paragraph of the open article: the English (the
model's, the memory's, a correction's, or none yet), where it comes from, its QA flags, and
where each sentence sits in the Norwegian and in the English drawn beside it.

Plain data made by `OpenArticle.shown`; nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from tolk.qa.checks import Flag, confidence
from tolk.translating import AlignedSentence, align_sentences
from tolk.userdata.review import SentenceKey, SentenceReview
from translation.engine import SentencePair, TranslatedParagraph

__all__ = ["Origin", "ShownParagraph", "ShownSentence", "lay_out"]


class Origin(Enum):
    """Where the English the reader shows for a sentence came from."""

    MACHINE = "machine"
    CORRECTION = "correction"
    MEMORY = "memory"  # an exact match of the whitespace-normalised source in the memory


@dataclass(frozen=True)
class ShownSentence:
    """One sentence as the reader shows it. A sentence of a paragraph that shows English may
    have none yet (no correction or memory match, and no model's translation: there is no
    model, or it has not got this far): its `target` and `origin` are None, and the reader
    draws a placeholder in its place."""

    key: SentenceKey
    target: str | None  # the machine's, the memory's or the reviewer's English, untouched
    origin: Origin | None
    review: SentenceReview
    # Where the pair sits in the source paragraph and in the paragraph's English (an empty
    # span, between two spaces, for a sentence without English).
    span: AlignedSentence
    # What the model made of it (with its score and word alignment); None before the model's
    # translation of the paragraph arrives, and without a model.
    machine: SentencePair | None
    # QA checks on the English shown: those that count (`tolk.qa.checking`), `confidence`
    # among them for the model's own English
    flags: tuple[Flag, ...]
    memory_name: str | None = None  # for the memory's English: the import it came from

    @property
    def confidence(self) -> float | None:
        """The model's confidence in the machine translation shown (None for the reviewer's
        or the memory's English)."""
        if self.origin is not Origin.MACHINE or self.machine is None or self.machine.score is None:
            return None
        return confidence(self.machine.score)

    @property
    def needs_look(self) -> bool:
        """Flagged by a QA check that counts (low confidence is the `confidence` check), as
        `tolk check` would list it."""
        return bool(self.flags)

    @property
    def links(self) -> tuple[tuple[int, int], ...]:
        """(source word, target word) pairs of the words shown; none for a correction or a
        memory match (the model's alignment is of its own words, not theirs)."""
        if (
            self.origin is not Origin.MACHINE
            or self.machine is None
            or self.machine.alignment is None
        ):
            return ()
        return self.machine.alignment


@dataclass(frozen=True)
class ShownParagraph:
    """A paragraph as the reader shows it: corrections and memory matches in place of the
    machine's sentences, joined with single spaces. A sentence without English keeps its place
    as an empty slot between the spaces around it, where the reader draws its placeholder."""

    index: int
    target: str
    sentences: tuple[ShownSentence, ...]

    @property
    def alignment(self) -> list[AlignedSentence]:
        return [sentence.span for sentence in self.sentences]

    @property
    def complete(self) -> bool:
        """Every sentence has English."""
        return all(sentence.target is not None for sentence in self.sentences)


def lay_out(
    source_text: str, sentences: Sequence[tuple[str, str | None]]
) -> tuple[str, list[AlignedSentence]]:
    """A paragraph's English from its sentences' (None: no English yet) and where each
    sentence sits in the Norwegian and in it. English sentences are joined by single spaces
    as `TranslatedParagraph.target` joins them, and an empty one takes no place; a sentence
    without English keeps an empty slot of its own, so the spaces on both sides of it stay and
    a placeholder drawn there stands apart from its neighbours."""
    pairs = TranslatedParagraph(
        0, tuple(SentencePair(s, english or "") for s, english in sentences)
    )
    spans = align_sentences(source_text, pairs)
    if all(english is not None for _, english in sentences):
        return pairs.target, spans
    parts: list[str] = []
    placed: list[AlignedSentence] = []
    at = 0
    for (_, english), span in zip(sentences, spans, strict=True):
        if english is None or english:
            placed.append(replace(span, target_start=at, target_end=at + len(english or "")))
            parts.append(english or "")
            at += len(english or "") + 1
        else:  # empty English takes no place, as in `align_sentences`
            placed.append(replace(span, target_start=at, target_end=at))
    return " ".join(parts), placed
