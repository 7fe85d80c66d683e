"""Work ahead of time waits its turn on the real cipher model: it never holds every worker, it
submits nothing while the user's translation takes part, and a cancelled one gives its room
back (translation/turns.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from tests.conftest import SEEDS
from tests.support.english import assert_english, cipher_text
from tolk.library.articles import read_article
from tolk.translating import paragraph_sources
from translation.engine import (
    ArticleTranslator,
    DecodingOptions,
    ParagraphSource,
    PendingBatch,
    TranslatedParagraph,
    TranslationModel,
)
from translation.hypothesis import SentenceTranslation
from translation.turns import BACKGROUND_BATCH, FOREGROUND, IDLE, READ_AHEAD

# Long enough for many batches ahead of time: every seed paragraph.
AHEAD = [
    source
    for path in sorted(SEEDS.glob("*.txt"))
    for source in paragraph_sources(read_article(path).paragraphs)
]
# The user's article: sentences of its own, so that nothing of it is known from the other.
USERS = [ParagraphSource(f"Artikkel {n}: Nato møtes i London for {n}. gang.") for n in range(9)]


@pytest.fixture(scope="module")
def model(cipher_package: Any) -> TranslationModel:
    return TranslationModel(cipher_package, DecodingOptions(threads=2))


class _Answer:
    """The real model's answer to one batch, noting when it was taken."""

    def __init__(self, log: RecordingModel, batch: list[str], pending: PendingBatch) -> None:
        self._log = log
        self._batch = batch
        self._pending = pending

    def result(self) -> list[SentenceTranslation]:
        try:
            return self._pending.result()
        finally:
            self._log.answered(self._batch)


class RecordingModel:
    """The real model, with each batch submitted and answered written down in order."""

    def __init__(self, model: TranslationModel) -> None:
        self._model = model
        self.key = model.key
        self.options = model.options
        self.package = model.package
        self.workers = model.workers
        self.events: list[tuple[str, tuple[str, ...]]] = []  # ("submit" | "answer", batch)
        self._lock = threading.Lock()

    def submit(self, sentences: Sequence[str]) -> _Answer:
        batch = list(sentences)
        with self._lock:
            self.events.append(("submit", tuple(batch)))
        return _Answer(self, batch, self._model.submit(batch))

    def answered(self, batch: list[str]) -> None:
        with self._lock:
            self.events.append(("answer", tuple(batch)))

    def submitted(self, sentences: set[str]) -> list[tuple[str, ...]]:
        """The batches of `sentences` submitted so far."""
        with self._lock:
            return [b for kind, b in self.events if kind == "submit" and set(b) <= sentences]

    def most_in_flight(self, sentences: set[str]) -> int:
        """The most batches of `sentences` submitted and not yet answered at once."""
        most = now = 0
        for kind, batch in list(self.events):
            if set(batch) <= sentences:
                now += 1 if kind == "submit" else -1
                most = max(most, now)
        return most


def sentences_of(translator: ArticleTranslator, paragraphs: list[ParagraphSource]) -> set[str]:
    plan = translator._plan(paragraphs)
    return {piece for pieces in plan.pieces for piece in pieces}


def english(paragraphs: list[TranslatedParagraph]) -> list[tuple[str, str]]:
    return [(pair.source, pair.target) for p in paragraphs for pair in p.sentences]


def watched(after: int) -> tuple[Callable[[], bool], threading.Event]:
    """A `cancelled` that never cancels, and an event set once it was asked `after` times: a
    translation asks it each time it looks whether it may go on, also while it waits its turn."""
    asked = 0
    seen = threading.Event()

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        if asked >= after:
            seen.set()
        return False

    return cancelled, seen


def test_ahead_of_time_leaves_a_worker_free_in_small_batches(model: TranslationModel) -> None:
    recording = RecordingModel(model)
    translator = ArticleTranslator(recording, None)  # type: ignore[arg-type]
    translated = list(translator.translate(AHEAD, priority=READ_AHEAD))
    assert_english(english(translated))
    ahead = sentences_of(translator, AHEAD)
    batches = recording.submitted(ahead)
    assert batches and max(len(batch) for batch in batches) <= BACKGROUND_BATCH
    # Two workers: one batch ahead of time in the model at most, the other worker is free.
    assert recording.most_in_flight(ahead) == translator.turns.slots == model.workers - 1
    # The user's own translation keeps the model busy as before.
    list(translator.translate(USERS))
    assert recording.most_in_flight(sentences_of(translator, USERS)) > 1


@pytest.mark.parametrize(
    ("first", "ahead"), [(FOREGROUND, READ_AHEAD), (READ_AHEAD, IDLE)], ids=["user", "read-ahead"]
)
def test_work_ahead_waits_while_more_urgent_work_takes_part(
    model: TranslationModel, first: int, ahead: int
) -> None:
    recording = RecordingModel(model)
    translator = ArticleTranslator(recording, None)  # type: ignore[arg-type]
    urgent = translator.translate(USERS, priority=first)
    arrived = [next(urgent)]  # under way: it takes part until its last paragraph is out
    later: list[TranslatedParagraph] = []
    cancelled, waited = watched(after=5)

    def in_the_background() -> None:
        later.extend(translator.translate(AHEAD, cancelled=cancelled, priority=ahead))

    thread = threading.Thread(target=in_the_background)
    thread.start()
    # It has looked several times whether it may go on, and submitted nothing.
    assert waited.wait(timeout=30)
    assert recording.submitted(sentences_of(translator, AHEAD)) == []
    arrived += list(urgent)
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert_english(english(arrived))
    assert_english(english(later))
    # Every batch of the urgent work went in before the first of the work ahead.
    urgent_batches = recording.submitted(sentences_of(translator, USERS))
    kinds = [batch in urgent_batches for kind, batch in recording.events if kind == "submit"]
    assert kinds == sorted(kinds, reverse=True)


def test_cancelled_work_ahead_gives_its_room_back(cipher_package: Any) -> None:
    # Three workers: two slots, so a batch is still in the model when a paragraph comes out.
    recording = RecordingModel(TranslationModel(cipher_package, DecodingOptions(threads=3)))
    translator = ArticleTranslator(recording, None)  # type: ignore[arg-type]
    assert translator.turns.slots == 2
    stop = threading.Event()
    stream = translator.translate(AHEAD, cancelled=stop.is_set, priority=READ_AHEAD)
    next(stream)  # the first paragraph is in; a batch of the rest is in the model
    stop.set()
    assert list(stream) == []
    # The next translation ahead of time has both slots again.
    done = list(translator.translate(USERS, priority=IDLE))
    assert [pair.target for p in done for pair in p.sentences] == [
        cipher_text(source.text) for source in USERS
    ]
    assert recording.most_in_flight(sentences_of(translator, USERS)) == 2


def test_work_ahead_starts_no_batch_while_the_user_is_here(model: TranslationModel) -> None:
    recording = RecordingModel(model)
    translator = ArticleTranslator(recording, None)  # type: ignore[arg-type]
    translator.turns.hold(3600)  # a key was pressed: the user asks for something now
    cancelled, waited = watched(after=5)
    later: list[TranslatedParagraph] = []
    thread = threading.Thread(
        target=lambda: later.extend(
            translator.translate(AHEAD, cancelled=cancelled, priority=READ_AHEAD)
        )
    )
    thread.start()
    assert waited.wait(timeout=30)
    assert recording.submitted(sentences_of(translator, AHEAD)) == []
    # What the user asks for meanwhile is not held.
    assert_english(english(list(translator.translate(USERS))))
    translator.turns.hold(0)
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert_english(english(later))
