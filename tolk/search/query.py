"""Search queries: splitting what the user typed into terms, and turning the terms into an FTS5
match expression over the index's stemmed columns.

FTS5's tokenizers know no Norwegian, so the index holds Snowball stems (the same ones keyword
matching uses); a query is stemmed the same way, once per indexed language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from tolk.keywords.matching import WORD, word_stemmer

__all__ = [
    "STEMMER_LANGUAGE",
    "Language",
    "exact_phrases",
    "index_words",
    "match_expression",
    "query_terms",
]

Language = Literal["nb", "en"]
# The index's columns, by language, with the Snowball stemmer each is stemmed with.
STEMMER_LANGUAGE: dict[Language, str] = {"nb": "norwegian", "en": "english"}

_QUOTED = re.compile(r'"([^"]*)"?')


def query_terms(query: str) -> list[str]:
    """A query's terms: each "quoted phrase" and each other word, in order."""
    terms = []
    position = 0
    for quoted in _QUOTED.finditer(query):
        terms += query[position : quoted.start()].split()
        terms.append(quoted[1])
        position = quoted.end()
    terms += query[position:].split()
    return [term for term in terms if WORD.search(term)]


def exact_phrases(query: str) -> list[re.Pattern[str]]:
    """The query's "quoted phrases", each as a pattern for exactly those words in that order
    (case aside, any whitespace or punctuation between them): quotes mean no inflections, so
    "ikke verdt" does not find *verden*."""
    found = []
    for quoted in _QUOTED.finditer(query):
        words = WORD.findall(quoted[1])
        if words:
            between = r"\W+"
            body = between.join(re.escape(word) for word in words)
            found.append(re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE))
    return found


def match_expression(terms: Sequence[str]) -> str | None:
    """`nb : (…) OR en : (…)`: every term, stemmed for each column's language."""
    parts = []
    for language, name in STEMMER_LANGUAGE.items():
        stemmer = word_stemmer(name)
        phrases = [f'"{index_words(stemmer.stems(term))}"' for term in terms]
        if phrases:
            parts.append(f"{language} : ({' AND '.join(phrases)})")
    return " OR ".join(parts) or None


def index_words(stems: Sequence[str]) -> str:
    """Stems as one FTS5 text, for the index and for queries alike."""
    # FTS5 splits on apostrophes; a stem keeps its inner one ("nato's"), so drop it here and in
    # queries alike.
    return " ".join(stems).replace("'", "").replace("’", "")
