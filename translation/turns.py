"""Who gets the model next: what the user waits for before what is done ahead of time.

CTranslate2 runs batches in the order they were submitted, and a batch cannot be stopped once
it was submitted. So what is translated ahead of time (the next articles in the list, the
whole library while the user is idle) must not put batches in the model's queue that the
user's article would wait behind. Work ahead of time therefore:

- takes a *slot* for each batch it submits, and there are fewer slots than the model has
  workers where it has two or more: a worker is always free for the article the user opens,
  whose first paragraph starts at once;
- takes a slot only while no translation of a higher priority takes part (the open article
  before reading ahead, reading ahead before the idle pass over the library);
- submits small batches (`BACKGROUND_BATCH`), so that on one worker the open article waits
  for at most one of them;
- takes no slot for a moment after the user did something (`hold`): a batch ahead of time
  takes a core, and what the user just asked for (drawing an article, translating it) wants
  every core there is.

The open article's own batches (`FOREGROUND`) take no slot and never wait here.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Priorities, most urgent first.
FOREGROUND = 0  # what the user is waiting for: the open article, a definition, `tolk translate`
READ_AHEAD = 1  # the next articles in the list
IDLE = 2  # the whole library, while the user does nothing

# Pieces per batch of work ahead of time: per sentence, batches of 4 cost the CPU 1.2x batches
# of 8 (docs/benchmarks.md), and the open article on a one-worker model waits for half as long.
BACKGROUND_BATCH = 4
# How often a waiting translation looks whether it was cancelled meanwhile.
_POLL_SECONDS = 0.05


class Turns:
    """The turns of the translations that share one model (thread-safe)."""

    def __init__(self, workers: int) -> None:
        # Work ahead of time leaves one worker free, unless there is only one.
        self.slots = max(1, workers - 1)
        self._busy = 0
        self._held_until = 0.0  # time.monotonic(): no slot is taken before it
        self._taking_part: Counter[int] = Counter()
        self._changed = threading.Condition()

    @contextmanager
    def taking_part(self, priority: int) -> Iterator[None]:
        """While inside, translations of a lower priority submit nothing."""
        with self._changed:
            self._taking_part[priority] += 1
        try:
            yield
        finally:
            with self._changed:
                self._taking_part[priority] -= 1
                self._changed.notify_all()

    def hold(self, seconds: float) -> None:
        """Take no slot for `seconds` from now (0: from now on, slots again): the user is here.
        Batches already in the model finish."""
        with self._changed:
            self._held_until = time.monotonic() + seconds
            self._changed.notify_all()

    def share(self, priority: int, cancelled: Callable[[], bool]) -> Share:
        """The slots one translation of `priority` (below FOREGROUND) takes its batches in."""
        return Share(self, priority, cancelled)

    def _take(self, priority: int, cancelled: Callable[[], bool], *, wait: bool) -> bool:
        with self._changed:
            while not cancelled():
                held = self._held_until - time.monotonic()
                if held <= 0 and self._busy < self.slots and not self._outranked(priority):
                    self._busy += 1
                    return True
                if not wait:
                    return False
                # Woken by a change, at the hold's end, or to see whether it was cancelled.
                self._changed.wait(min(_POLL_SECONDS, held) if held > 0 else _POLL_SECONDS)
            return False

    def _give(self) -> None:
        with self._changed:
            self._busy -= 1
            self._changed.notify_all()

    def _outranked(self, priority: int) -> bool:
        return any(self._taking_part[above] for above in range(priority))


class Share:
    """One translation's way into the slots (translation.batching.Slots)."""

    def __init__(self, turns: Turns, priority: int, cancelled: Callable[[], bool]) -> None:
        self._turns = turns
        self._priority = priority
        self._cancelled = cancelled

    @property
    def slots(self) -> int:
        return self._turns.slots

    def take(self, *, wait: bool) -> bool:
        """A slot for one batch: True once taken; False when cancelled, or (not `wait`) when
        none is free now."""
        return self._turns._take(self._priority, self._cancelled, wait=wait)

    def give(self) -> None:
        """One batch is done: its slot is free again."""
        self._turns._give()
