"""Words as word alignment counts them: the whitespace-separated tokens of a sentence,
punctuation-only tokens such as `–` included."""

from __future__ import annotations

import re

_WORD = re.compile(r"\S+")


def word_spans(text: str, offset: int = 0) -> tuple[tuple[int, int], ...]:
    """The character spans of `text`'s words, shifted by `offset`."""
    return tuple((m.start() + offset, m.end() + offset) for m in _WORD.finditer(text))
