"""What is a word to look up: a token's letters, and the tokens that are not words at all."""

from __future__ import annotations

import re

# What surrounds a word in running text and is not part of it: punctuation, quotes, dashes.
_EDGES = re.compile(r"^[^\w]+|[^\w]+$")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)|@|\.(?:no|com|org|net)\b", re.IGNORECASE)
# Letters only, with inner hyphens ("Nato-allierte") or apostrophes ("Nato's").
_LETTERS = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")


def clean(token: str) -> str:
    """The word in a token as running text has it: "«Gikk»," → "Gikk" (soft hyphens dropped)."""
    return _EDGES.sub("", token.replace("\u00ad", ""))


def not_a_word(token: str) -> str | None:
    """Why `token` is not looked up as a word ("a number", "a web address"), None when it is
    one. Names are told later: a capitalised word is looked up first ("Gikk" opens a
    sentence)."""
    word = clean(token)
    if not word:
        return "not a word"
    if _URL.search(token):
        return "a web address"
    if any(character.isdigit() for character in word):
        return "a number"
    if not _LETTERS.match(word):
        return "not a word"
    return None


def looks_like_name(word: str) -> bool:
    """Whether a word the dictionary lacks is most likely a name: it starts with a capital
    ("Støre", "NRK")."""
    return word[:1].isupper()
