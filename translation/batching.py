"""How pieces go to the model: in batches of similar length, with the model's workers kept busy.

CTranslate2 pads a batch to its longest sentence and runs it until its longest hypothesis ends,
so batches of similar lengths waste less; on two cores batches of 4 sentences spend the least
CPU per sentence (3 to 8 tried on the base-size model at beam 4, see docs/benchmarks.md).
Pieces are taken in file order in waves; each wave is sorted by length, longest first, so the
last batches are the shortest and the workers finish together. Enough batches are kept in
flight that a worker never waits for the Python thread to hand it the next one, few enough
that a cancelled article hands the model over after about two batches per worker.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

from translation.hypothesis import SentenceTranslation

# Pieces per batch: the least CPU per sentence on two cores (3 to 8 measured; 4 spent 4-7%
# less than 8 on an article and on a folder, as the bare engine's best chunks are of 4).
BATCH_SIZE = 4
# Pieces sorted together, per worker: enough to form batches of like lengths, few enough that
# the paragraphs of a long article still arrive in waves, in order.
WAVE_PER_WORKER = 32
# Batches in flight per worker: one running, one queued behind it.
IN_FLIGHT_PER_WORKER = 2


class Pending(Protocol):
    """A batch being translated."""

    def result(self) -> list[SentenceTranslation]:
        """Wait for the batch: one translation per piece, in order."""
        ...


class BatchModel(Protocol):
    """What the scheduler needs of a model."""

    @property
    def workers(self) -> int:
        """How many batches the model translates at once."""
        ...

    def submit(self, sentences: Sequence[str]) -> Pending:
        """Start translating one batch."""
        ...


def length_batches(
    pieces: Sequence[str], workers: int, size: int = BATCH_SIZE
) -> Iterator[list[str]]:
    """`pieces` in batches of about `size`: wave after wave in their order, each wave sorted
    by length (characters, a close stand-in for tokens), longest first, and cut evenly."""
    wave = max(workers, 1) * WAVE_PER_WORKER
    for start in range(0, len(pieces), wave):
        ordered = sorted(pieces[start : start + wave], key=len, reverse=True)
        count = -(-len(ordered) // size)
        each = -(-len(ordered) // count)
        for first in range(0, len(ordered), each):
            yield ordered[first : first + each]


class Slots(Protocol):
    """Room in the model for work that must let other work go first (translation.turns)."""

    @property
    def slots(self) -> int:
        """How many batches such work may have in the model at once."""
        ...

    def take(self, *, wait: bool) -> bool:
        """A slot for one batch: True once taken; False when cancelled, or (not `wait`) when
        none is free now."""
        ...

    def give(self) -> None:
        """One batch is done: its slot is free again."""
        ...


def run_batches(
    model: BatchModel,
    batches: Iterable[list[str]],
    cancelled: Callable[[], bool],
    slots: Slots | None = None,
) -> Iterator[dict[str, SentenceTranslation]]:
    """Translate `batches` in order, yielding each one's translations (piece → translation) as
    it completes. Up to IN_FLIGHT_PER_WORKER batches per worker are submitted ahead; `batches`
    is read lazily, only as room frees up. With `slots`, each batch first takes a slot (and no
    more are in flight than there are slots): work ahead of time waits its turn there. When
    `cancelled()`, nothing more is submitted, the batches already running are waited for (a new
    article would queue behind them anyway) and the iteration ends."""
    window = max(model.workers, 1) * IN_FLIGHT_PER_WORKER if slots is None else slots.slots
    source = iter(batches)
    in_flight: list[tuple[list[str], Pending]] = []
    try:
        while True:
            while len(in_flight) < window and not cancelled():
                batch = next(source, None)
                if batch is None:
                    break
                # Waiting for a slot only with nothing of ours in flight: our own batches
                # hold slots that are given back only once we take their results.
                if slots is not None and not slots.take(wait=not in_flight):
                    source = itertools.chain([batch], source)
                    break
                in_flight.append((batch, model.submit(batch)))
            if not in_flight:
                return
            batch, pending = in_flight.pop(0)
            try:
                translations = pending.result()
            finally:
                if slots is not None:
                    slots.give()
            yield dict(zip(batch, translations, strict=True))
            if cancelled():
                _wait_for(in_flight, slots)
                return
    finally:
        # Failed, or abandoned by the caller: work ahead of time frees its slots only once the
        # model is done with its batches (the user's own batches are not waited for).
        if slots is not None:
            _wait_for(in_flight, slots)


def _wait_for(in_flight: list[tuple[list[str], Pending]], slots: Slots | None) -> None:
    """Wait for the batches in flight (the model runs them all the same), freeing their
    slots; the first failure is the one told, so these are not."""
    while in_flight:
        _, abandoned = in_flight.pop(0)
        try:
            with contextlib.suppress(Exception):
                abandoned.result()
        finally:
            if slots is not None:
                slots.give()
