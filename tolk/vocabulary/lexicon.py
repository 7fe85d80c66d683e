"""What the vocabulary asks of a dictionary: a word form's lemma (for saving and for the
shares) and, for saving, its word class and first definition.

The dictionary (`tolk.dictionary`) is used when it is prepared; without it each form is its
own lemma and nothing more is known, and the vocabulary works the same. A failing dictionary
never stops a word being saved: the form stands in for its lemma.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tolk.dictionary.errors import DictionaryError

if TYPE_CHECKING:
    from tolk.dictionary import Dictionary

__all__ = ["Lexicon", "WordSense"]

_FAILURES = (DictionaryError, sqlite3.Error, OSError)


@dataclass(frozen=True)
class WordSense:
    """What is known of a word form: its lemma (the dictionary form, lower case), and with a
    dictionary its word class and first definition."""

    lemma: str
    word_class: str | None = None
    definition: str | None = None


class Lexicon:
    """Lemmas and senses of word forms, from `dictionary` (None: forms only). Lemmas are
    remembered per form: an article asks for the same forms again and again.

    With `follow`, a lexicon made before the dictionary was prepared (its first preparation
    runs in the background as the reader starts) takes it up once it is there, looking at most
    every FOLLOW_EVERY_S seconds."""

    FOLLOW_EVERY_S = 5.0

    def __init__(self, dictionary: Dictionary | None = None, *, follow: bool = False) -> None:
        self._dictionary = dictionary
        self._follow = follow and dictionary is None
        self._next_look = 0.0
        self._lemmas: dict[str, str] = {}
        self._lock = threading.Lock()  # a dictionary's connection is not for two threads

    @classmethod
    def current(cls) -> Lexicon:
        """The lexicon of the dictionary prepared in the cache dir (taken up when it is
        prepared later), or forms only."""
        return cls(_shared(), follow=True)

    @property
    def has_dictionary(self) -> bool:
        return self._now() is not None

    def _now(self) -> Dictionary | None:
        """The dictionary, looking for it again if it was not there and it is time to."""
        if self._follow and time.monotonic() >= self._next_look:
            with self._lock:
                self._next_look = time.monotonic() + self.FOLLOW_EVERY_S
                found = _shared()
                if found is not None:
                    self._dictionary, self._follow = found, False
                    self._lemmas = {}  # forms taken for lemmas until now
        return self._dictionary

    def lemma(self, form: str) -> str:
        """The likeliest lemma of `form` (lower case); the form itself when not found."""
        lower = form.casefold()
        self._now()  # a dictionary prepared since drops the forms taken for lemmas
        found = self._lemmas.get(lower)
        if found is None:
            found = self._lemmas[lower] = self._look_up_lemma(lower)
        return found

    def sense(self, form: str) -> WordSense:
        """The lemma of `form` with its word class and first definition, when the dictionary
        has them."""
        lemma = self.lemma(form)
        dictionary = self._now()
        if dictionary is None:
            return WordSense(lemma)
        try:
            with self._lock:
                entries = dictionary.lookup(form)
        except _FAILURES:  # see _look_up_lemma
            return WordSense(lemma)
        entry = next((entry for entry in entries if entry.lemma == lemma), None)
        if entry is None:
            return WordSense(lemma)
        definition = entry.definitions[0].text if entry.definitions else None
        return WordSense(lemma, entry.word_class or None, definition)

    def _look_up_lemma(self, lower: str) -> str:
        dictionary = self._now()
        if dictionary is None:
            return lower
        try:
            with self._lock:
                lemmas = dictionary.lemmas(lower)
        except _FAILURES:  # a dictionary that fails mid-way: the form will do
            return lower
        return lemmas[0].casefold() if lemmas else lower


def _shared() -> Dictionary | None:
    from tolk.dictionary import shared

    try:
        return shared()
    except _FAILURES:  # no dictionary is a lexicon of forms, not a failure
        return None
