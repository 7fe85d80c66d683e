"""Terms and their expected English, for the `terminology` check and the reader's glossary marks.

A term is one or more Norwegian words, matched by their Snowball stems as keywords are
(`tolk.keywords.matching`: "allianse" finds "alliansen", "Nato" the first part of
"Nato-allierte"), and one or more accepted English renderings, found in the English the same
way. Terms come from two places: `[keyword_translations]` in `config.toml`, and the glossaries
the user imported (`tolk.glossary`). Two terms with the same stems are one entry whose English
is either's, and whose message names both places.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from tolk.keywords.matching import CounterpartMatcher, KeywordMatcher, word_stemmer

__all__ = [
    "KEYWORD_TRANSLATIONS",
    "Term",
    "TermEntry",
    "TermHit",
    "Terminology",
    "terms_from_keywords",
]

# Where a term from config.toml comes from, as messages name it.
KEYWORD_TRANSLATIONS = "[keyword_translations]"


@dataclass(frozen=True)
class Term:
    """A Norwegian term, its accepted English renderings and where it comes from: a
    glossary's name (as `tolk glossary list` shows it) or KEYWORD_TRANSLATIONS."""

    source: str
    renderings: tuple[str, ...]
    origin: str


@dataclass(frozen=True)
class TermEntry:
    """The terms that match alike (the same stems), as one: the source as first given, every
    rendering any of them accepts, and every place they come from."""

    source: str
    renderings: tuple[str, ...]
    origins: tuple[str, ...]

    @property
    def where(self) -> str:
        """Where the entry comes from, in words: "glossary nato.tbx", "config.toml
        [keyword_translations]"."""
        return ", ".join(
            f"config.toml {origin}" if origin == KEYWORD_TRANSLATIONS else f"glossary {origin}"
            for origin in self.origins
        )

    @property
    def from_glossary(self) -> bool:
        """Whether a glossary gives the term (not only config's `[keyword_translations]`)."""
        return any(origin != KEYWORD_TRANSLATIONS for origin in self.origins)

    @property
    def expected(self) -> str:
        """The accepted English, as the reader and the check's message show it."""
        return " / ".join(self.renderings)


@dataclass(frozen=True)
class TermHit:
    """Entry number `entry` found at text[start:end]."""

    start: int
    end: int
    entry: int


def terms_from_keywords(keyword_translations: Mapping[str, Sequence[str]]) -> list[Term]:
    """`[keyword_translations]` as terms (a keyword without renderings is none)."""
    return [
        Term(keyword, tuple(words), KEYWORD_TRANSLATIONS)
        for keyword, words in keyword_translations.items()
        if words
    ]


class Terminology:
    """Terms to find in Norwegian and to expect in English. Immutable once made; the matchers
    are made when first used. Safe to share between threads (the stemmer is)."""

    def __init__(self, terms: Iterable[Term]) -> None:
        stemmer = word_stemmer("norwegian")
        merged: dict[tuple[str, ...], tuple[str, dict[str, None], dict[str, None]]] = {}
        for term in terms:
            stems = tuple(stemmer.stems(term.source))
            renderings = [r for r in term.renderings if r.strip()]
            if not stems or not renderings:
                continue  # no word to find, or nothing to expect
            _, english, origins = merged.setdefault(stems, (term.source, {}, {}))
            english.update(dict.fromkeys(renderings))
            origins[term.origin] = None
        self.entries = tuple(
            TermEntry(source, tuple(english), tuple(origins))
            for source, english, origins in merged.values()
        )

    def __bool__(self) -> bool:
        return bool(self.entries)

    @cached_property
    def _source_matcher(self) -> KeywordMatcher:
        return KeywordMatcher([entry.source for entry in self.entries], "norwegian")

    @cached_property
    def _english_matcher(self) -> CounterpartMatcher:
        return CounterpartMatcher({i: e.renderings for i, e in enumerate(self.entries)})

    def find(self, norwegian: str) -> list[TermHit]:
        """The entries found in `norwegian`, in order and non-overlapping (the longer term wins
        where two overlap)."""
        if not self.entries:
            return []
        return [TermHit(h.start, h.end, h.keyword) for h in self._source_matcher.find(norwegian)]

    def missing(self, source: str, target: str) -> list[TermEntry]:
        """The entries found in `source` none of whose renderings is in `target`."""
        present = {hit.entry for hit in self.find(source)}
        if not present:
            return []
        found = {hit.keyword for hit in self._english_matcher.find(target, present)}
        return [self.entries[index] for index in sorted(present - found)]


def missing_message(missing: Sequence[TermEntry]) -> str:
    """The `terminology` flag's message: each term, the English expected, and where the term
    comes from."""
    parts = [f'"{entry.source}": expected {entry.expected} ({entry.where})' for entry in missing]
    return f"no English rendering of {'; '.join(parts)}"
