"""What the vocabulary asks of a dictionary: a word form's lemma (for saving and for the
shares) and, for saving, its word class and first definition.

The dictionary (`tolk.dictionary`) is used when it is prepared; without it each form is its
own lemma and nothing more is known, and the vocabulary works the same. A failing dictionary
never stops a word being saved: the form stands in for its lemma.
"""

from __future__ import annotations

import sqlite3
import threading
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
    remembered per form: an article asks for the same forms again and again."""

    def __init__(self, dictionary: Dictionary | None = None) -> None:
        self._dictionary = dictionary
        self._lemmas: dict[str, str] = {}
        self._lock = threading.Lock()  # a dictionary's connection is not for two threads

    @classmethod
    def current(cls) -> Lexicon:
        """The lexicon of the dictionary prepared in the cache dir, or forms only."""
        from tolk.dictionary import shared

        try:
            return cls(shared())
        except _FAILURES:  # no dictionary is a lexicon of forms, not a failure
            return cls(None)

    @property
    def has_dictionary(self) -> bool:
        return self._dictionary is not None

    def lemma(self, form: str) -> str:
        """The likeliest lemma of `form` (lower case); the form itself when not found."""
        lower = form.casefold()
        found = self._lemmas.get(lower)
        if found is None:
            found = self._lemmas[lower] = self._look_up_lemma(lower)
        return found

    def sense(self, form: str) -> WordSense:
        """The lemma of `form` with its word class and first definition, when the dictionary
        has them."""
        lemma = self.lemma(form)
        dictionary = self._dictionary
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
        dictionary = self._dictionary
        if dictionary is None:
            return lower
        try:
            with self._lock:
                lemmas = dictionary.lemmas(lower)
        except _FAILURES:  # a dictionary that fails mid-way: the form will do
            return lower
        return lemmas[0].casefold() if lemmas else lower
