"""What a CTranslate2 hypothesis says about a sentence besides its text: how sure the model was
(the mean log-probability per target token) and which source word each target word renders (the
attention of the model's alignment head).

Words are the whitespace-separated tokens of the sentence's source and target strings (what
`str.split()` gives), punctuation-only tokens such as `–` included. Subword pieces are mapped to
words the way SentencePiece writes them: `▁` (and, on the target side, `_`, which argostranslate's
decoder turns into a space) is whitespace, every other character belongs to a word, and a
whitespace-only piece belongs to the word after it. Byte-fallback pieces (`<0xC3>`) are read
as the bytes they stand for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

# CTranslate2's default maximum decoding length, passed explicitly so that the score arithmetic
# below knows when a hypothesis was cut off instead of ending with </s>.
MAX_DECODING_LENGTH = 256
UNKNOWN_TOKEN = "<unk>"
# Pieces that stand for no text at all.
_SILENT = frozenset({"<s>", "</s>", "<pad>"})
_BYTE = re.compile(r"<0x([0-9A-Fa-f]{2})>")

Alignment = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class SentenceTranslation:
    """A sentence's English and what the model knows about it.

    `score` is the mean log-probability per target token (≤ 0; 0 is certainty), None when not
    computed; `alignment` holds (source word, target word) pairs, 0-based over the words of the
    source sentence and of `target`, None when not computed; `unknown_replaced` says the model
    wrote an unknown token that was replaced by the source piece it attended most.
    """

    target: str
    score: float | None = None
    alignment: Alignment | None = None
    unknown_replaced: bool = False


@dataclass(frozen=True)
class UnitReading:
    """One piece of a sentence (a unit given to the model) as read from its hypothesis."""

    text: str
    log_prob: float  # summed over the scored tokens
    scored_tokens: int  # tokens the model chose: the hypothesis and </s>, not the prefix
    links: tuple[tuple[int, int], ...]  # (source word in the sentence, target word in `text`)
    unknown_replaced: bool


def piece_words(pieces: Sequence[str], *, target: bool = False) -> list[int | None]:
    """The 0-based word each piece belongs to (None: a piece with no text, or whitespace at the
    end). `target`: pieces of the model's output, decoded by argostranslate (`_` is a space,
    `<unk>` reads " ⁇ "); otherwise pieces of a source sentence (`<unk>` is part of a word)."""
    words: list[int | None] = [None] * len(pieces)
    word = -1
    in_word = False
    waiting: list[int] = []  # whitespace-only pieces: they belong to the next word
    index = 0
    while index < len(pieces):
        group, text = _piece_text(pieces, index, target=target)
        first: int | None = None
        for char in text:
            if char == "▁" or char.isspace() or (target and char == "_"):
                in_word = False
                continue
            if not in_word:
                word += 1
                in_word = True
            if first is None:
                first = word
        members = range(index, index + group)
        if first is None:
            if text:
                waiting.extend(members)
        else:
            for member in (*waiting, *members):
                words[member] = first
            waiting = []
        index += group
    return words


def _piece_text(pieces: Sequence[str], index: int, *, target: bool) -> tuple[int, str]:
    """How many pieces from `index` read as one text (a run of byte pieces is one character
    sequence), and that text."""
    piece = pieces[index]
    if _BYTE.fullmatch(piece):
        end = index
        raw = bytearray()
        while end < len(pieces) and (match := _BYTE.fullmatch(pieces[end])):
            raw.append(int(match[1], 16))
            end += 1
        return end - index, raw.decode("utf-8", errors="replace")
    if piece in _SILENT:
        return 1, ""
    if piece == UNKNOWN_TOKEN:
        return 1, " ⁇ " if target else "?"
    return 1, piece


def clamp_words(words: Sequence[int | None], count: int) -> list[int | None]:
    """`words` kept inside a text of `count` words: a tokenizer that normalises text (NFKC can
    drop a zero-width character) must not produce an index past the last word."""
    if count <= 0:
        return [None] * len(words)
    return [None if w is None else min(w, count - 1) for w in words]


def read_unit(
    result: Any,
    *,
    source_tokens: Sequence[str],
    source_words: Sequence[int | None],
    prefix_length: int,
    length_penalty: float,
    replace_unknowns: bool,
    decode: Callable[[list[str]], str],
) -> UnitReading:
    """Read the best hypothesis of a CTranslate2 result (translated with `return_scores` and
    `return_attention`, without `replace_unknowns`, which is done here as CTranslate2 does it:
    an <unk> becomes the source piece its attention row peaks on, so the replacement is seen).

    The score: CTranslate2 reports the cumulative log-probability divided by
    `length ** length_penalty`, where `length` counts the hypothesis with its target prefix and
    its </s> (none when cut off at the maximum length); the prefix tokens are forced and add
    nothing to the log-probability. So the sum is the reported score times that factor, over the
    tokens after the prefix, </s> included.
    """
    hypothesis: list[str] = result.hypotheses[0]
    attention = result.attention[0]
    length = len(hypothesis) + (1 if len(hypothesis) < MAX_DECODING_LENGTH else 0)
    log_prob = float(result.scores[0]) * length**length_penalty
    tokens = list(hypothesis[prefix_length:])
    rows = attention[prefix_length:]
    numpy = _numpy()
    peaks: list[int] = (
        numpy.asarray(rows, dtype=numpy.float32).argmax(axis=1).tolist()
        if tokens and source_tokens
        else []
    )
    replaced = False
    if replace_unknowns:
        for position, token in enumerate(tokens):
            if token == UNKNOWN_TOKEN and peaks:
                tokens[position] = source_tokens[peaks[position]]
                replaced = True
    text = decode(tokens)
    target_words = clamp_words(piece_words(tokens, target=True), len(text.split()))
    links = (
        {
            (source_word, target_word)
            for peak, target_word in zip(peaks, target_words, strict=True)
            if target_word is not None and (source_word := source_words[peak]) is not None
        }
        if peaks
        else set()
    )
    return UnitReading(
        text, min(log_prob, 0.0), max(length - prefix_length, 0), tuple(sorted(links)), replaced
    )


def join_units(units: Sequence[UnitReading], *, aligned: bool = True) -> SentenceTranslation:
    """A sentence translated in pieces, put back together: the texts joined by spaces, the
    score over all its tokens, each piece's target words shifted by the words before it."""
    target = ""
    links: set[tuple[int, int]] = set()
    offset = 0
    for unit in units:
        target = f"{target} {unit.text}" if target else unit.text
        links.update((source, offset + word) for source, word in unit.links)
        offset += len(unit.text.split())
    tokens = sum(unit.scored_tokens for unit in units)
    # "+ 0.0" turns -0.0 (a certain model) into 0.0, which prints as it reads.
    score = min(sum(unit.log_prob for unit in units) / tokens, 0.0) + 0.0 if tokens else 0.0
    return SentenceTranslation(
        target,
        score,
        tuple(sorted(links, key=lambda link: (link[1], link[0]))) if aligned else None,
        any(unit.unknown_replaced for unit in units),
    )


def format_alignment(alignment: Alignment) -> str:
    """`alignment` as Pharaoh text ("0-0 1-2"), the format of fast_align and Moses."""
    return " ".join(f"{source}-{target}" for source, target in alignment)


def parse_alignment(text: str) -> Alignment:
    """The pairs of a Pharaoh alignment string."""
    pairs = []
    for pair in text.split():
        source, _, target = pair.partition("-")
        pairs.append((int(source), int(target)))
    return tuple(pairs)


def _numpy() -> Any:
    """numpy, imported when first needed (0.3-0.8 s): not before the reader's first frame."""
    import numpy

    return numpy
