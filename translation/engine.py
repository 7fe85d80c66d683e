"""Translating an article's paragraphs with an Argos package's CTranslate2 model.

Cached sentences are never translated again. The rest go through the model in batches: the
first holds only the first paragraph, so it arrives quickly; the others are cut from the rest by
length (`translation.batching`), several in flight on CTranslate2's workers. Each paragraph is
handed over as soon as its last sentence is done, and cancellation is checked between batches.
Translations ahead of time (the next articles, the library while the user is idle) go in small
batches and wait their turn (`translation.turns`): the article the user opens goes first.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field

from translation.batching import Slots, length_batches, run_batches
from translation.cache import TranslationCache
from translation.hypothesis import SentenceTranslation
from translation.model import MAX_UNIT_TOKENS, DecodingOptions, PendingBatch, TranslationModel
from translation.pieces import CutSentence, cut_sentence, stitch
from translation.sentences import split_sentences
from translation.turns import BACKGROUND_BATCH, FOREGROUND, Turns

# The model's half lives in translation.model; these names are the engine's public face too.
__all__ = [
    "MAX_UNIT_TOKENS",
    "ArticleTranslator",
    "DecodingOptions",
    "ParagraphSource",
    "PendingBatch",
    "SentencePair",
    "TranslatedParagraph",
    "TranslationModel",
]

# The most pieces of one model call outside the length batches (the first paragraph's batch,
# an overlong sentence's alternatives).
_MAX_BATCH = 64


@dataclass(frozen=True)
class SentencePair:
    """One source sentence and its translation, with the model's score (mean log-probability
    per target token, ≤ 0), its word alignment ((source word, target word) pairs, 0-based over
    the whitespace-separated words of `source` and `target`) and whether it replaced an unknown
    token; None where not known (see translation.hypothesis)."""

    source: str
    target: str
    score: float | None = None
    alignment: tuple[tuple[int, int], ...] | None = None
    unknown_replaced: bool = False


@dataclass(frozen=True)
class TranslatedParagraph:
    """A paragraph's translation, sentence by sentence."""

    index: int
    sentences: tuple[SentencePair, ...]

    @property
    def source(self) -> str:
        return " ".join(pair.source for pair in self.sentences)

    @property
    def target(self) -> str:
        return " ".join(pair.target for pair in self.sentences if pair.target)


@dataclass(frozen=True)
class ParagraphSource:
    """What the translator needs of a paragraph: its text, and whether it is a heading
    (headings are translated whole, never split)."""

    text: str
    is_heading: bool = False


@dataclass
class _Plan:
    """Which sentences each paragraph has, the pieces they go to the model in (an overlong
    sentence's model-sized pieces, any other sentence whole), and which pieces still need the
    model. `known` and the cache hold pieces; a paragraph's pairs are stitched from them."""

    sentences: list[list[CutSentence]]
    pieces: list[list[str]]  # each paragraph's pieces, in order
    known: dict[str, SentenceTranslation]
    missing: list[str] = field(default_factory=list)


class ArticleTranslator:
    """Translates paragraphs through a model and a cache, streaming each paragraph when done."""

    def __init__(self, model: TranslationModel, cache: TranslationCache | None) -> None:
        self.model = model
        self.cache = cache
        self.warnings: list[str] = []
        # Every translation through this model, in whatever thread, waits its turn here.
        self.turns = Turns(model.workers)

    def translate(
        self,
        paragraphs: Sequence[ParagraphSource],
        *,
        on_progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        priority: int = FOREGROUND,
    ) -> Generator[TranslatedParagraph, None, None]:
        """Yield each paragraph's translation as soon as it is complete (cached ones first);
        closed early, it gives its turn at the model back (`translation.turns`).

        Each sentence of `split_sentences` (a heading: its whole text) is one `SentencePair`,
        an overlong one stitched from its pieces (`translation.pieces`).
        `on_progress(done, total)` counts sentences, an overlong one by its pieces (the model's
        units of work, so that its progress moves); `cancelled` is checked between model
        calls, so a new article can take over the model quickly. A `priority` below
        FOREGROUND (`translation.turns`) translates ahead of time: in small batches, each
        waiting until nothing more urgent uses the model.
        """
        with self.turns.taking_part(priority):
            plan = self._plan(paragraphs)
            complete = [i for i in range(len(plan.sentences)) if self._complete(plan, i)]
            # Paragraphs already complete from the cache go first, wherever they are.
            for index in complete:
                yield self._paragraph(index, plan)
            done = set(complete)
            pending = [i for i in range(len(plan.sentences)) if i not in done]
            ahead = priority != FOREGROUND
            batches = self._batches(plan, pending, BACKGROUND_BATCH if ahead else None)
            slots = self.turns.share(priority, cancelled) if ahead else None
            yield from self._stream(plan, pending, batches, on_progress, cancelled, slots)

    def translate_articles(
        self,
        articles: Sequence[Sequence[ParagraphSource]],
        *,
        on_progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Iterator[list[TranslatedParagraph]]:
        """Yield each article's translation (its paragraphs in order), article after article,
        for many at once (`tolk translate` on a folder): the model's batches are cut across
        articles by length, so no article's first paragraph goes alone and no article's last
        batch leaves a worker idle. `on_progress` and `cancelled` are as for `translate`, over
        all the articles' pieces."""
        with self.turns.taking_part(FOREGROUND):
            paragraphs = [paragraph for article in articles for paragraph in article]
            plan = self._plan(paragraphs)
            order = [s for s in dict.fromkeys(_flatten(plan.pieces)) if s not in plan.known]
            stream = self._stream(
                plan,
                list(range(len(paragraphs))),
                length_batches(order, self.model.workers),
                on_progress,
                cancelled,
            )
            start = 0
            for article in articles:
                translated = list(itertools.islice(stream, len(article)))
                if len(translated) < len(article):  # cancelled
                    return
                # Numbered within the article, as `translate` numbers them.
                yield [TranslatedParagraph(p.index - start, p.sentences) for p in translated]
                start += len(article)

    def _stream(
        self,
        plan: _Plan,
        pending: list[int],
        batches: Iterator[list[str]],
        on_progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool],
        slots: Slots | None = None,
    ) -> Iterator[TranslatedParagraph]:
        """Run `batches` through the model and yield the `pending` paragraphs, in that order,
        each as soon as its pieces are known (`slots`: work ahead of time, see run_batches)."""
        # Progress counts every occurrence of a piece, kept as a running sum: recounting
        # after each batch made a 3 MB article quadratic.
        occurrences = Counter(_flatten(plan.pieces))
        total = sum(occurrences.values())
        done = sum(count for s, count in occurrences.items() if s in plan.known)
        waiting = deque(pending)

        def ready() -> Iterator[TranslatedParagraph]:
            while waiting and self._complete(plan, waiting[0]):
                yield self._paragraph(waiting.popleft(), plan)

        if on_progress is not None:
            on_progress(done, total)
        yield from ready()
        for fresh in run_batches(self.model, batches, cancelled, slots):
            done += sum(occurrences[s] for s in fresh if s not in plan.known)
            plan.known.update(fresh)
            self._store(fresh)
            if on_progress is not None:
                on_progress(done, total)
            yield from ready()
            if cancelled():
                return
        yield from ready()

    def alternatives(
        self, sentence: str, count: int, *, cancelled: Callable[[], bool] = lambda: False
    ) -> list[str]:
        """The model's `count` best translations of `sentence` (distinct, best first), computed
        once and then kept in the cache; none if `cancelled` (checked between model calls).

        An overlong sentence goes to the model in its pieces, in bounded batches, and the
        pieces' hypotheses are joined rank by rank, as the model joins its token units."""
        options = f"{self.model.options.cache_key()};nbest={count}"
        if self.cache is not None:
            try:
                found = self.cache.lookup(self.model.key, options, [sentence])
            except sqlite3.Error:
                found = {}
            if sentence in found:
                cached: list[str] = json.loads(found[sentence])
                return cached
        pieces = cut_sentence(sentence).pieces
        ranks: list[list[str]] = [[] for _ in range(count)]  # each rank's English, by piece
        with self.turns.taking_part(FOREGROUND):  # the user asked: work ahead of time waits
            for start in range(0, len(pieces), _MAX_BATCH):
                if cancelled():
                    return []
                for ranked in self.model.hypotheses(pieces[start : start + _MAX_BATCH], count):
                    for parts, text in zip(ranks, ranked, strict=True):
                        if text:
                            parts.append(text)
        hypotheses = [" ".join(parts) for parts in ranks]
        distinct = list(dict.fromkeys(text for text in hypotheses if text))
        if self.cache is not None:
            with contextlib.suppress(sqlite3.Error):
                self.cache.store(self.model.key, options, {sentence: json.dumps(distinct)})
        return distinct

    def _plan(self, paragraphs: Sequence[ParagraphSource]) -> _Plan:
        # Overlong "sentences" (a paragraph without punctuation) go to the model in pieces.
        sentences = [[cut_sentence(s) for s in _sentences_of(p)] for p in paragraphs]
        pieces = [[piece for cut in paragraph for piece in cut.pieces] for paragraph in sentences]
        unique = list(dict.fromkeys(_flatten(pieces)))
        known: dict[str, SentenceTranslation] = {}
        if self.cache is not None:
            try:
                # Entries from before scores were kept are misses: translated again, and kept
                # with their score and alignment this time.
                known = self.cache.lookup_translations(
                    self.model.key, self.model.options.cache_key(), unique
                )
            except sqlite3.Error as error:
                self.warnings.append(f"The translation cache could not be read: {error}")
        return _Plan(sentences, pieces, known, [s for s in unique if s not in known])

    def _batches(self, plan: _Plan, pending: list[int], size: int | None) -> Iterator[list[str]]:
        """Missing pieces: the first unfinished paragraph's alone, so that it arrives early,
        then the rest in batches of like lengths (`translation.batching`); none of more than
        `size` pieces where given (work ahead of time)."""
        unique = dict.fromkeys(s for i in pending for s in plan.pieces[i])
        order = [s for s in unique if s not in plan.known]
        if not order:
            return
        first = {s for s in plan.pieces[pending[0]] if s not in plan.known} if pending else set()
        # At most a batch even when the first paragraph is huge (pieces of a run-on paragraph);
        # ahead of time, the first paragraph in batches of `size`, still before the rest.
        head = ([s for s in order if s in first] or order[:1])[:_MAX_BATCH]
        step = size or len(head)
        for start in range(0, len(head), step):
            yield head[start : start + step]
        taken = set(head)
        rest = [s for s in order if s not in taken]
        if size is None:
            yield from length_batches(rest, self.model.workers)
        else:
            yield from length_batches(rest, self.model.workers, size)

    def _store(self, fresh: dict[str, SentenceTranslation]) -> None:
        if self.cache is None:
            return
        try:
            self.cache.store_translations(self.model.key, self.model.options.cache_key(), fresh)
        except sqlite3.Error as error:
            # A full disk or read-only cache costs speed next time, never this translation.
            self.warnings.append(f"The translation cache could not be written: {error}")

    @staticmethod
    def _complete(plan: _Plan, index: int) -> bool:
        return all(s in plan.known for s in plan.pieces[index])

    @staticmethod
    def _paragraph(index: int, plan: _Plan) -> TranslatedParagraph:
        pairs = tuple(
            _pair(cut.text, stitch(cut, [plan.known[piece] for piece in cut.pieces]))
            for cut in plan.sentences[index]
        )
        return TranslatedParagraph(index, pairs)


def _pair(source: str, translation: SentenceTranslation) -> SentencePair:
    return SentencePair(
        source,
        translation.target,
        translation.score,
        translation.alignment,
        translation.unknown_replaced,
    )


def _sentences_of(paragraph: ParagraphSource) -> list[str]:
    text = paragraph.text.strip()
    return [text] if paragraph.is_heading and text else split_sentences(paragraph.text)


def _flatten(nested: list[list[str]]) -> Iterator[str]:
    for items in nested:
        yield from items
