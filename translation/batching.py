"""How pieces go to the model: in batches of similar length, with the model's workers kept busy.

CTranslate2 pads a batch to its longest sentence and runs it until its longest hypothesis ends,
so batches of similar lengths waste less; on two cores batches of 8 sentences spent the least
CPU per sentence (1 to 23 tried, see docs/benchmarks.md). Pieces are taken in file order in
waves; each wave is sorted by length, longest first, so the last batches are the shortest and
the workers finish together. Enough batches are kept in flight that a worker never waits for
the Python thread to hand it the next one, few enough that a cancelled article hands the model
over after about two batches per worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

from translation.hypothesis import SentenceTranslation

# Pieces per batch: the least CPU per sentence on two cores (batches of 1 to 23 measured).
BATCH_SIZE = 8
# Pieces sorted together, per worker: enough to form batches of like lengths, few enough that
# the paragraphs of a long article still arrive in waves, in order.
WAVE_PER_WORKER = 4 * BATCH_SIZE
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


def length_batches(pieces: Sequence[str], workers: int) -> Iterator[list[str]]:
    """`pieces` in batches of about BATCH_SIZE: wave after wave in their order, each wave sorted
    by length (characters, a close stand-in for tokens), longest first, and cut evenly."""
    wave = max(workers, 1) * WAVE_PER_WORKER
    for start in range(0, len(pieces), wave):
        ordered = sorted(pieces[start : start + wave], key=len, reverse=True)
        count = -(-len(ordered) // BATCH_SIZE)
        size = -(-len(ordered) // count)
        for first in range(0, len(ordered), size):
            yield ordered[first : first + size]


def run_batches(
    model: BatchModel,
    batches: Iterable[list[str]],
    cancelled: Callable[[], bool],
) -> Iterator[dict[str, SentenceTranslation]]:
    """Translate `batches` in order, yielding each one's translations (piece → translation) as
    it completes. Up to IN_FLIGHT_PER_WORKER batches per worker are submitted ahead; `batches`
    is read lazily, only as room frees up. When `cancelled()`, nothing more is submitted, the
    batches already running are waited for (a new article would queue behind them anyway) and
    the iteration ends."""
    window = max(model.workers, 1) * IN_FLIGHT_PER_WORKER
    source = iter(batches)
    in_flight: list[tuple[list[str], Pending]] = []
    while True:
        while len(in_flight) < window and not cancelled():
            batch = next(source, None)
            if batch is None:
                break
            in_flight.append((batch, model.submit(batch)))
        if not in_flight:
            return
        batch, pending = in_flight.pop(0)
        yield dict(zip(batch, pending.result(), strict=True))
        if cancelled():
            for _, abandoned in in_flight:
                abandoned.result()
            return
