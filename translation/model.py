"""A loaded Argos package's CTranslate2 model: sentences in, English (with score and word
alignment) out, batch by batch on CTranslate2's worker threads."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translation.cores import usable_cores
from translation.hypothesis import (
    MAX_DECODING_LENGTH,
    SentenceTranslation,
    UnitReading,
    clamp_words,
    join_units,
    piece_words,
    read_unit,
)

if TYPE_CHECKING:
    from argostranslate.package import Package

# A sentence longer than this many subword tokens (a run-on paragraph without punctuation) is
# translated in pieces: models have a fixed input length, and decoding cost grows with length.
MAX_UNIT_TOKENS = 200
# Batches translated at once at most: an article is cut into few batches (of 8 sentences), so
# more cores than this go to each batch's own matrix work instead (intra-op threads).
MAX_WORKERS = 4


def thread_layout(threads: int) -> tuple[int, int]:
    """(inter_threads, intra_threads) for `threads` cores: one batch per core, up to
    MAX_WORKERS batches at once, each with its share of the rest as intra-op threads. On two
    cores, two batches of one thread each measured faster than one batch on two threads
    (bench/translation.py tries both); above four cores the split is reasoned, not measured."""
    inter = max(1, min(threads, MAX_WORKERS))
    return inter, max(1, threads // inter)


@dataclass(frozen=True)
class DecodingOptions:
    """How the model decodes; the defaults are argostranslate's, so quality matches it."""

    beam_size: int = 4
    threads: int = field(default_factory=usable_cores)
    compute_type: str = "int8"
    length_penalty: float = 0.2
    replace_unknowns: bool = True

    def cache_key(self) -> str:
        """The options that change the output (threads do not)."""
        return (
            f"beam={self.beam_size};lp={self.length_penalty};"
            f"unk={int(self.replace_unknowns)};ct={self.compute_type}"
        )


@dataclass(frozen=True)
class _Unit:
    """A piece of a sentence as the model gets it: its tokens, and the sentence's word of each."""

    owner: int  # which sentence of the batch
    tokens: list[str]
    words: list[int | None]


class PendingBatch:
    """A batch CTranslate2 is translating; `result()` waits for it."""

    def __init__(
        self,
        results: list[Any],
        units: list[_Unit],
        sentence_count: int,
        read: Callable[[Any, _Unit], UnitReading] | None,
        decode: Callable[[list[str]], str],
        aligned: bool = True,
    ) -> None:
        self._results = results
        self._units = units
        self._count = sentence_count
        self._read = read
        self._decode = decode
        self._aligned = aligned

    def result(self) -> list[SentenceTranslation]:
        """The translations, one per sentence submitted, in order."""
        if self._read is None:  # translated without scores and attention
            texts = [""] * self._count
            for unit, pending in zip(self._units, self._results, strict=True):
                text = self._decode(pending.result().hypotheses[0])
                texts[unit.owner] = f"{texts[unit.owner]} {text}" if texts[unit.owner] else text
            return [SentenceTranslation(text) for text in texts]
        readings: list[list[UnitReading]] = [[] for _ in range(self._count)]
        for unit, pending in zip(self._units, self._results, strict=True):
            readings[unit.owner].append(self._read(pending.result(), unit))
        return [join_units(units, aligned=self._aligned) for units in readings]


class TranslationModel:
    """A loaded Argos package: its tokenizer and its CTranslate2 translator.

    With `scored` (the default) each sentence comes back with its score, word alignment and
    whether an unknown token was replaced (see translation.hypothesis); without, the text only,
    as cheaply as CTranslate2 gives it (the benchmark's baseline).
    """

    def __init__(self, package: Package, options: DecodingOptions, *, scored: bool = True) -> None:
        import ctranslate2  # imported here: only a reader that translates pays for it

        self.package = package
        self.options = options
        self.scored = scored
        self.key = f"{package.package_path.name}@{package.package_version}"
        self._tokenizer = package.tokenizer
        inter, intra = thread_layout(options.threads)
        self._translator = ctranslate2.Translator(
            str(Path(package.package_path) / "model"),
            device="cpu",
            compute_type=options.compute_type,
            intra_threads=intra,
            inter_threads=inter,
        )
        self._workers = inter
        self._prefix: str = package.target_prefix or ""
        # Pieces map to words by SentencePiece's ▁; other tokenizers' pieces give no alignment.
        self._aligned = _is_sentencepiece(self._tokenizer)

    @property
    def workers(self) -> int:
        """How many batches the model translates at once."""
        return self._workers

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate `sentences` in one CTranslate2 batch, in order."""
        return [translation.target for translation in self.submit(sentences).result()]

    def submit(self, sentences: Sequence[str]) -> PendingBatch:
        """Start translating `sentences` as one batch on a free CTranslate2 worker."""
        units = self._units(sentences)
        if not units:
            return PendingBatch([], [], 0, None, self._decode)
        prefix = [[self._prefix]] * len(units) if self._prefix else None
        # Scored: CTranslate2 computes the alignment head's attention for replace_unknowns
        # anyway; asking for it (and doing the replacement here) costs only reading it out.
        results = self._translator.translate_batch(
            [unit.tokens for unit in units],
            target_prefix=prefix,
            beam_size=self.options.beam_size,
            length_penalty=self.options.length_penalty,
            replace_unknowns=self.options.replace_unknowns and not self.scored,
            max_decoding_length=MAX_DECODING_LENGTH,
            return_scores=self.scored,
            return_attention=self.scored,
            asynchronous=True,
        )
        read = self._read if self.scored else None
        return PendingBatch(results, units, len(sentences), read, self._decode, self._aligned)

    def _read(self, result: Any, unit: _Unit) -> UnitReading:
        return read_unit(
            result,
            source_tokens=unit.tokens,
            source_words=unit.words,
            prefix_length=1 if self._prefix else 0,
            length_penalty=self.options.length_penalty,
            replace_unknowns=self.options.replace_unknowns,
            decode=self._decode,
        )

    def _units(self, sentences: Sequence[str]) -> list[_Unit]:
        units: list[_Unit] = []
        for number, sentence in enumerate(sentences):
            tokens = self._tokenizer.encode(sentence)
            words = clamp_words(piece_words(tokens), len(sentence.split())) if self.scored else []
            start = 0
            for piece in _units(tokens):
                units.append(_Unit(number, piece, words[start : start + len(piece)]))
                start += len(piece)
        return units

    def hypotheses(self, sentences: Sequence[str], count: int) -> list[list[str]]:
        """The `count` best translations of each sentence, best first, in one call."""
        units = self._units(sentences)
        if not units:
            return [[""] * count for _ in sentences]
        prefix = [[self._prefix]] * len(units) if self._prefix else None
        results = self._translator.translate_batch(
            [unit.tokens for unit in units],
            target_prefix=prefix,
            beam_size=max(self.options.beam_size, count),
            num_hypotheses=count,
            length_penalty=self.options.length_penalty,
            replace_unknowns=self.options.replace_unknowns,
        )
        output: list[list[str]] = [[""] * count for _ in sentences]
        for unit, result in zip(units, results, strict=True):
            owner = unit.owner
            for rank, tokens in enumerate(result.hypotheses[:count]):
                text = self._decode(tokens)
                joined = f"{output[owner][rank]} {text}" if output[owner][rank] else text
                output[owner][rank] = joined
        return output

    def _decode(self, tokens: list[str]) -> str:
        # The hypothesis starts with the forced prefix token; drop it as a token, since
        # argostranslate's decode turns its underscores ("__en__") into spaces.
        if self._prefix and tokens[:1] == [self._prefix]:
            tokens = tokens[1:]
        text: str = self._tokenizer.decode(tokens)
        return text.strip()


def _units(tokens: list[str]) -> Iterator[list[str]]:
    """`tokens` in pieces of at most MAX_UNIT_TOKENS, cut before a word where possible
    (SentencePiece marks a word's first piece with ▁)."""
    start = 0
    while len(tokens) - start > MAX_UNIT_TOKENS:
        end = start + MAX_UNIT_TOKENS
        cut = next((i for i in range(end, start + 1, -1) if tokens[i].startswith("▁")), end)
        yield tokens[start:cut]
        start = cut
    yield tokens[start:]


def _is_sentencepiece(tokenizer: Any) -> bool:
    from argostranslate.tokenizer import SentencePieceTokenizer

    return isinstance(tokenizer, SentencePieceTokenizer)
