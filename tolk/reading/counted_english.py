"""The English that counts for each sentence of an article, with or without a model: what
`tolk translate` prints and `tolk check` judges.

A reviewer's correction wins over the translation memory's exact match, the memory over the
model. Without a model, a sentence that neither a correction nor the memory covers has no
English (None): the commands print every sentence that has some and mark the others, so nothing
the user already has is held back for want of a model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tolk.library.articles import Article
from tolk.text import normalise
from tolk.translating import CountingEnglish, counted_pair, counting_english
from tolk.userdata.review import SentenceKey, SentenceReview, paragraph_sentences
from translation.engine import SentencePair, TranslatedParagraph

__all__ = ["CountedParagraph", "CountedSentence", "count_english", "missing_count"]


@dataclass(frozen=True)
class CountedSentence:
    """One sentence, the model's translation of it and the English that counts."""

    source: str
    machine: SentencePair | None  # the model's translation; None without a model
    english: CountingEnglish | None  # None: no correction, memory match or model covers it

    @property
    def checked_pair(self) -> SentencePair | None:
        """What the QA checks judge: the English that counts, with the model's score and
        unknown-token mark only when it is the model's own; None without English."""
        if self.english is None:
            return None
        if self.machine is not None:
            return counted_pair(self.machine, self.english)
        return SentencePair(self.source, self.english.target)


@dataclass(frozen=True)
class CountedParagraph:
    """A paragraph's sentences with the English that counts for each."""

    index: int
    sentences: tuple[CountedSentence, ...]

    @property
    def complete(self) -> bool:
        """Every sentence has English."""
        return all(sentence.english is not None for sentence in self.sentences)

    @property
    def target(self) -> str | None:
        """The paragraph's English (sentences joined by spaces); None while a sentence has
        none, so a paragraph is never passed off as whole with a sentence left out."""
        if not self.complete:
            return None
        return " ".join(s.english.target for s in self.sentences if s.english and s.english.target)


def count_english(
    article: Article,
    translated: Sequence[TranslatedParagraph] | None,
    reviews: Mapping[SentenceKey, SentenceReview],
    memory: Mapping[str, str],
) -> list[CountedParagraph]:
    """Each paragraph of `article` with the English that counts for each sentence.
    `translated`: the model's translation (None without a model; a paragraph missing from it
    is split as the translator would); `memory`: the memory's English by normalised source."""
    by_index = {paragraph.index: paragraph for paragraph in translated or ()}
    counted = []
    for index, paragraph in enumerate(article.paragraphs):
        done = by_index.get(index)
        pairs: list[tuple[str, SentencePair | None]] = (
            [(pair.source, pair) for pair in done.sentences]
            if done is not None
            else [(source, None) for source in paragraph_sentences(paragraph)]
        )
        sentences = tuple(
            CountedSentence(
                source,
                machine,
                counting_english(
                    machine,
                    reviews.get(SentenceKey(index, source), SentenceReview()).correction,
                    memory.get(normalise(source)),
                ),
            )
            for source, machine in pairs
        )
        counted.append(CountedParagraph(index, sentences))
    return counted


def missing_count(paragraphs: Sequence[CountedParagraph]) -> tuple[int, int]:
    """(sentences without English, sentences) over `paragraphs`."""
    sentences = [sentence for paragraph in paragraphs for sentence in paragraph.sentences]
    return sum(sentence.english is None for sentence in sentences), len(sentences)
