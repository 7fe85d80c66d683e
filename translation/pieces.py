"""Cutting overlong "sentences" into model-sized pieces before they are tokenized, and stitching
the pieces' translations back into one.

A paragraph without sentence punctuation — 200,000 characters without a space, a pasted log, a
list of names — reaches the engine as one sentence. Tokenized whole it became one batch of
hundreds of 200-token units on one CTranslate2 worker: minutes of decoding (each token's cost
grows with its unit's length) and gigabytes of beam state at once. Cut into pieces of at most
``PIECE_CHARS`` characters first, it becomes ordinary sentences: they stream through the
engine's bounded batches on every worker, are cached one by one, and cancellation is checked
between batches. Real sentences are far below ``LONG_SENTENCE_CHARS`` and are never cut here.

The pieces are the model's business only: `stitch` puts their translations back together into
one translation of the whole sentence (English joined, score over all of it, alignment over the
sentence's words), so everything above the engine — reviews, QA, the reader's word cursor —
sees the sentence `split_sentences` gave, as it does for the model's own token units
(`translation.model`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from translation.hypothesis import SentenceTranslation

__all__ = [
    "LONG_SENTENCE_CHARS",
    "PIECE_CHARS",
    "UNBROKEN_PIECE_CHARS",
    "CutSentence",
    "cut_sentence",
    "model_pieces",
    "stitch",
]

# A sentence longer than this is cut. Argos models are trained on sentences; 1,000 characters is
# some 200 subword tokens of Norwegian, the engine's own unit limit.
LONG_SENTENCE_CHARS = 1_000
# The longest piece of whole words: some 30 words. A SentencePiece token covers at least one
# character, so a piece is at most this many tokens (byte-fallback aside) whatever the text.
PIECE_CHARS = 200
# A longer "word" is cut shorter: unbroken text takes a token every few characters, and decoding
# cost per token grows with the piece's length (measured with the test model: 200,000 unbroken
# characters took 25 s and 420 MB in pieces of 200, 15 s and 190 MB in pieces of 100).
UNBROKEN_PIECE_CHARS = 100
_WORD = re.compile(r"\S+")
_MAX_MARKS = 8


@dataclass(frozen=True)
class CutSentence:
    """A sentence and the pieces it goes to the model in (the sentence alone when it is not
    overlong), with the word of the sentence each piece starts in."""

    text: str
    pieces: tuple[str, ...]
    # 0-based over `text.split()`: a piece that continues a word cut in two starts in that word.
    first_words: tuple[int, ...]


def cut_sentence(sentence: str) -> CutSentence:
    """`sentence` as is, or cut into pieces when it is longer than LONG_SENTENCE_CHARS.

    A piece is whole words, at most PIECE_CHARS long from its first word's start to its last
    word's end (the whitespace between them kept as it was); a word longer than
    UNBROKEN_PIECE_CHARS is cut into pieces of its own of at most that length, never before
    a combining mark. The pieces hold exactly the sentence's non-whitespace characters, in
    order. Linear in the text's length.
    """
    if len(sentence) <= LONG_SENTENCE_CHARS:
        return CutSentence(sentence, (sentence,), (0,))
    pieces: list[str] = []
    first_words: list[int] = []
    word = 0  # the word the next piece starts in
    end = -1  # where the last piece ended
    for start, stop in _cut(sentence):
        if pieces and start > end:  # whitespace between: the next piece starts a new word
            word += 1
        pieces.append(sentence[start:stop])
        first_words.append(word)
        word += len(pieces[-1].split()) - 1  # the word the piece ends in
        end = stop
    return CutSentence(sentence, tuple(pieces), tuple(first_words))


def model_pieces(sentences: Iterable[str]) -> Iterator[str]:
    """The pieces of each sentence (`cut_sentence`), one after the other."""
    for sentence in sentences:
        yield from cut_sentence(sentence).pieces


def stitch(cut: CutSentence, translations: Sequence[SentenceTranslation]) -> SentenceTranslation:
    """The translation of the whole sentence from its pieces' translations, in order.

    The English is the pieces' English joined by spaces; the alignment is every piece's,
    shifted to the words of the whole sentence and of the joined English (None if a piece has
    none); an unknown token replaced in any piece counts. The score is the pieces' mean
    log-probabilities averaged, each weighted by the length of its English: that length stands
    in for the piece's token count (`translation.hypothesis.join_units` weights by the count
    itself, which the cache does not keep), so a stitched sentence reads the same whether its
    pieces were just translated or came from the cache. None if any piece has no score.
    """
    if len(translations) != len(cut.pieces):
        raise ValueError(f"{len(translations)} translations for {len(cut.pieces)} pieces")
    if len(translations) == 1:
        return translations[0]
    targets: list[str] = []
    links: list[tuple[int, int]] | None = []
    target_words = 0
    for first_word, translation in zip(cut.first_words, translations, strict=True):
        if translation.target:
            targets.append(translation.target)
        if links is not None and translation.alignment is not None:
            links += ((first_word + s, target_words + t) for s, t in translation.alignment)
        else:
            links = None
        target_words += len(translation.target.split())
    return SentenceTranslation(
        " ".join(targets),
        _weighted_score(translations),
        tuple(sorted(set(links), key=lambda link: (link[1], link[0])))
        if links is not None
        else None,
        any(translation.unknown_replaced for translation in translations),
    )


def _weighted_score(translations: Sequence[SentenceTranslation]) -> float | None:
    total = weights = 0.0
    for translation in translations:
        if translation.score is None:
            return None
        weight = max(len(translation.target), 1)  # an empty English still scored its </s>
        total += translation.score * weight
        weights += weight
    # "+ 0.0" turns -0.0 (a certain model) into 0.0, as join_units does.
    return min(total / weights, 0.0) + 0.0


def _cut(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each piece of `text`."""
    start = end = -1  # the words of the piece being gathered: text[start:end]
    for word in _WORD.finditer(text):
        if start >= 0 and word.end() - start > PIECE_CHARS:
            yield start, end
            start = -1
        if word.end() - word.start() > UNBROKEN_PIECE_CHARS:
            if start >= 0:
                yield start, end
                start = -1
            yield from _cut_word(text, word.start(), word.end())
            continue
        if start < 0:
            start = word.start()
        end = word.end()
    if start >= 0:
        yield start, end


def _cut_word(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > UNBROKEN_PIECE_CHARS:
        cut = start + UNBROKEN_PIECE_CHARS
        # Keep a letter with its accents: "e\u0301" stays whole (within a bound, so a run of
        # nothing but combining marks still advances by most of a piece).
        while cut > start + UNBROKEN_PIECE_CHARS - _MAX_MARKS and unicodedata.combining(text[cut]):
            cut -= 1
        yield start, cut
        start = cut
    yield start, end
