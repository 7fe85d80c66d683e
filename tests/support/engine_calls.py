"""What the reader asks of CTranslate2, written down: each `translate_batch` call's sentences,
and (when a test says so) its answers held back until the test lets them through, as a slow
model would hold them.

`record_engine_calls` replaces `ctranslate2.Translator` with a maker of real translators
wrapped in `RecordingTranslator`, so it must run before the reader loads its model.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class EngineCall:
    """One `translate_batch` call: its sentences (the source pieces, as text), whether its
    answers are held, and whether they were taken yet."""

    sentences: tuple[str, ...]
    held: bool
    answered: bool = False


@dataclass
class EngineCalls:
    """Every call so far, in order; `hold` says which calls' answers wait for `release`."""

    calls: list[EngineCall] = field(default_factory=list)
    hold: Callable[[tuple[str, ...]], bool] = lambda sentences: False
    released: threading.Event = field(default_factory=threading.Event)
    # Set once a thread waits for a held answer: it has submitted all it would before it.
    awaited: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def sentences(self, start: int = 0) -> set[str]:
        """Every sentence sent to the model since call number `start`."""
        with self.lock:
            return {s for call in self.calls[start:] for s in call.sentences}

    def count(self) -> int:
        with self.lock:
            return len(self.calls)

    def waiting(self) -> list[EngineCall]:
        """The held calls whose answers were not taken yet."""
        with self.lock:
            return [call for call in self.calls if call.held and not call.answered]


class _HeldResult:
    """A CTranslate2 asynchronous result whose answer waits for the release when held."""

    def __init__(self, real: Any, call: EngineCall, calls: EngineCalls) -> None:
        self._real = real
        self._call = call
        self._calls = calls

    def result(self) -> Any:
        if self._call.held:
            self._calls.awaited.set()
            assert self._calls.released.wait(timeout=60), "the held answers were never released"
        answer = self._real.result()
        with self._calls.lock:
            self._call.answered = True
        return answer

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class RecordingTranslator:
    """A real `ctranslate2.Translator`, each `translate_batch` call written down."""

    def __init__(self, real: Any, calls: EngineCalls) -> None:
        self._real = real
        self._calls = calls

    def translate_batch(self, source: list[list[str]], *args: Any, **kwargs: Any) -> Any:
        sentences = tuple(_text(tokens) for tokens in source)
        call = EngineCall(sentences, held=self._calls.hold(sentences))
        with self._calls.lock:
            self._calls.calls.append(call)
        results = self._real.translate_batch(source, *args, **kwargs)
        if not kwargs.get("asynchronous"):
            with self._calls.lock:
                call.answered = True
            return results
        return [_HeldResult(result, call, self._calls) for result in results]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def record_engine_calls(monkeypatch: pytest.MonkeyPatch) -> EngineCalls:
    """From now on, every CTranslate2 translator made is recorded in the calls returned."""
    import ctranslate2

    calls = EngineCalls()
    real_translator = ctranslate2.Translator

    def make(*args: Any, **kwargs: Any) -> RecordingTranslator:
        return RecordingTranslator(real_translator(*args, **kwargs), calls)

    monkeypatch.setattr(ctranslate2, "Translator", make)
    return calls


def _text(tokens: list[str]) -> str:
    # SentencePiece pieces back to the text they came from (the copy and cipher models'
    # tokenizers know every piece of the tests' text).
    return "".join(tokens).replace("▁", " ").strip()
