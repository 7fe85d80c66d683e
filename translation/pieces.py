"""Cutting overlong "sentences" into model-sized pieces before they are tokenized.

A paragraph without sentence punctuation — 200,000 characters without a space, a pasted log, a
list of names — reaches the engine as one sentence. Tokenized whole it became one batch of
hundreds of 200-token units on one CTranslate2 worker: minutes of decoding (each token's cost
grows with its unit's length) and gigabytes of beam state at once. Cut into pieces of at most
``PIECE_CHARS`` characters first, it becomes ordinary sentences: they stream through the
engine's bounded batches on every worker, are cached one by one, and cancellation is checked
between batches. Real sentences are far below ``LONG_SENTENCE_CHARS`` and are never cut here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

__all__ = ["LONG_SENTENCE_CHARS", "PIECE_CHARS", "UNBROKEN_PIECE_CHARS", "model_pieces"]

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


def model_pieces(sentences: Iterable[str]) -> Iterator[str]:
    """Each sentence as is, or cut into pieces when it is longer than LONG_SENTENCE_CHARS.

    A piece is whole words, at most PIECE_CHARS long from its first word's start to its last
    word's end (the whitespace between them kept as it was); a word longer than
    UNBROKEN_PIECE_CHARS is cut into pieces of its own of at most that length, never before
    a combining mark. The pieces hold exactly the sentence's non-whitespace characters, in
    order. Linear in the text's length.
    """
    for sentence in sentences:
        if len(sentence) <= LONG_SENTENCE_CHARS:
            yield sentence
        else:
            yield from _cut(sentence)


def _cut(text: str) -> Iterator[str]:
    start = end = -1  # the words of the piece being gathered: text[start:end]
    for word in _WORD.finditer(text):
        if start >= 0 and word.end() - start > PIECE_CHARS:
            yield text[start:end]
            start = -1
        if word.end() - word.start() > UNBROKEN_PIECE_CHARS:
            if start >= 0:
                yield text[start:end]
                start = -1
            yield from _cut_word(text, word.start(), word.end())
            continue
        if start < 0:
            start = word.start()
        end = word.end()
    if start >= 0:
        yield text[start:end]


def _cut_word(text: str, start: int, end: int) -> Iterator[str]:
    while end - start > UNBROKEN_PIECE_CHARS:
        cut = start + UNBROKEN_PIECE_CHARS
        # Keep a letter with its accents: "e\u0301" stays whole (within a bound, so a run of
        # nothing but combining marks still advances by most of a piece).
        while cut > start + UNBROKEN_PIECE_CHARS - _MAX_MARKS and unicodedata.combining(text[cut]):
            cut -= 1
        yield text[start:cut]
        start = cut
    yield text[start:end]
