"""Keyword matching that understands Norwegian inflection (and English, for translations).

Words are compared by their Snowball stems, so "allianse" finds "alliansen", "alliansens" and
"alliansene"; in Norwegian, once the dictionary is prepared (`tolk.dictionary`), also by the
forms its inflection tables give a keyword's headword, so "gå" finds "gikk" and "gått", which
no stemmer relates to it. A word is a run of letters and digits (with inner apostrophes,
"Nato's"); hyphens split words, so "Nato" finds the first part of "Nato-allierte". Matching
runs on a paragraph's text and reports character offsets into that string, never positions on
wrapped lines.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from tolk.dictionary import Dictionary, shared

# Letters and digits; `_` is left out because SQLite's FTS5 tokenizer splits on it too, and the
# search index must see exactly the words matching sees.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# What may stand between the words of a multi-word keyword: spaces and hyphens, not punctuation
# (so "Jens. Stoltenberg" across a sentence end is not "Jens Stoltenberg").
_PHRASE_GAP = re.compile(r"[\s\-\u2010\u2011]+")
# Bump when matching changes, so counts cached under the old rules are not reused.
# 2: Norwegian stems undouble a final "mm" ("strømmen" → "strøm", as "strøm").
# 3: Norwegian keywords also match their headword's forms from the dictionary ("gå": "gikk").
_MATCHING_VERSION = 3
# The memo of stems is dropped when it grows past this, to bound memory on huge libraries.
_MEMO_LIMIT = 200_000


class WordStemmer:
    """Snowball stems for one language, memoized; safe to share between threads.

    Snowball's stemmer objects keep state while stemming, so a lock guards them; the memo makes
    that rare (a library has far fewer distinct words than words).
    """

    def __init__(self, language: str) -> None:
        self.language = language
        # Norwegian never writes a double m at the end of a word ("strøm", "strømmen"; "dom",
        # "dommen"; "hjem", "hjemme"), and its Snowball stemmer, unlike the Danish one, does
        # not undo the doubling: "strømmen" stems to "strømm", so the keyword "strøm" missed
        # it. Undoubled, every form has the base form's stem.
        self._undouble_m = language == "norwegian"
        # Made on the first word to stem: importing snowballstemmer loads every language's
        # stemmer (0.3-0.7 s), which the reader's first frame must not wait for.
        self._stemmer: Any = None
        self._lock = threading.Lock()
        self._memo: dict[str, str] = {}

    def stem(self, word: str) -> str:
        """The lower-case stem of `word` (any case)."""
        found = self._memo.get(word)
        if found is not None:
            return found
        with self._lock:
            if self._stemmer is None:
                import snowballstemmer

                self._stemmer = snowballstemmer.stemmer(self.language)
            stem: str = self._stemmer.stemWord(word.lower())
        if self._undouble_m and stem.endswith("mm"):
            stem = stem[:-1]
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo = {}
        self._memo[word] = stem
        return stem

    def stems(self, text: str) -> list[str]:
        """The stems of every word in `text`, in order."""
        stem = self.stem
        return [stem(word) for word in WORD.findall(text)]


@cache
def word_stemmer(language: str) -> WordStemmer:
    """The shared stemmer for `language` ("norwegian", "english", or any Snowball language)."""
    return WordStemmer(language)


@dataclass(frozen=True)
class KeywordHit:
    """A keyword found at text[start:end]; `keyword` is its index in the matcher's list."""

    start: int
    end: int
    keyword: int


class KeywordMatcher:
    """Finds whole-word, case-insensitive, inflection-aware keyword matches in text.

    A keyword of several words ("Jens Stoltenberg") matches those words in a row, separated only
    by spaces or hyphens. Where keywords overlap, the longer one wins, then the earlier in the
    list, so hits never overlap. Keywords without any letters or digits never match.
    """

    def __init__(
        self,
        keywords: Sequence[str],
        language: str = "norwegian",
        dictionary: Dictionary | None = None,
    ) -> None:
        """`dictionary`: where a Norwegian keyword's forms come from (the shared, prepared
        one by default; without one, stems alone match)."""
        self.keywords = tuple(keywords)
        self.language = language
        self._stemmer = word_stemmer(language)
        self.stemmed = tuple(tuple(self._stemmer.stems(keyword)) for keyword in self.keywords)
        if language == "norwegian":
            self.forms = _dictionary_forms(self.keywords, self.stemmed, dictionary or shared())
        else:
            self.forms = {}
        # A word's key: its stem, or the stem of the keyword word it is a form of. Only the
        # matchers with forms pay for the lower-casing and the second look-up.
        self._key = self._stemmer.stem if not self.forms else self._key_with_forms
        self._keys: dict[str, str] = {}
        # First word's stem -> (the other words' stems, keyword index), longest phrase first.
        by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for index, stems in enumerate(self.stemmed):
            if stems:
                by_first.setdefault(stems[0], []).append((stems[1:], index))
        for candidates in by_first.values():
            candidates.sort(key=lambda candidate: (-len(candidate[0]), candidate[1]))
        self._by_first = by_first
        self._single_words = all(len(stems) <= 1 for stems in self.stemmed)

    @property
    def fingerprint(self) -> str:
        """Changes exactly when the matches could: the stems, their order, the language."""
        text = repr((_MATCHING_VERSION, self.language, self.stemmed, sorted(self.forms.items())))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def find(self, text: str, only: Collection[int] | None = None) -> list[KeywordHit]:
        """The hits in `text`, in order and non-overlapping; `only` limits them to those
        keyword indexes (applied before overlaps are settled)."""
        if not self._by_first:
            return []
        if self._single_words:
            return self._find_words(text, only)
        return self._find_phrases(text, only)

    def _key_with_forms(self, word: str) -> str:
        # Memoized as the stems are, so a word costs one look-up once seen.
        found = self._keys.get(word)
        if found is None:
            found = self.forms.get(word.lower()) or self._stemmer.stem(word)
            if len(self._keys) >= _MEMO_LIMIT:
                self._keys = {}
            self._keys[word] = found
        return found

    def count(self, text: str) -> list[int]:
        """How many hits each keyword has in `text`, indexed like the keyword list."""
        counts = [0] * len(self.keywords)
        for hit in self.find(text):
            counts[hit.keyword] += 1
        return counts

    def _find_words(self, text: str, only: Collection[int] | None) -> list[KeywordHit]:
        stem, by_first = self._key, self._by_first
        hits = []
        for match in WORD.finditer(text):
            candidates = by_first.get(stem(match.group()))
            if candidates is None:
                continue
            for _, index in candidates:
                if only is None or index in only:
                    hits.append(KeywordHit(match.start(), match.end(), index))
                    break
        return hits

    def _find_phrases(self, text: str, only: Collection[int] | None) -> list[KeywordHit]:
        stem, by_first = self._key, self._by_first
        words = list(WORD.finditer(text))
        hits = []
        position = 0
        while position < len(words):
            word = words[position]
            candidates = by_first.get(stem(word.group()), ())
            taken = 0
            for rest, index in candidates:
                if (only is None or index in only) and self._continues(text, words, position, rest):
                    last = words[position + len(rest)]
                    hits.append(KeywordHit(word.start(), last.end(), index))
                    taken = len(rest)
                    break
            position += 1 + taken
        return hits

    def _continues(
        self, text: str, words: list[re.Match[str]], position: int, rest: tuple[str, ...]
    ) -> bool:
        """Whether the words after `position` are `rest`, each joined by a space or hyphen."""
        if position + len(rest) >= len(words):
            return False
        for offset, wanted in enumerate(rest, start=1):
            before, word = words[position + offset - 1], words[position + offset]
            if self._key(word.group()) != wanted:
                return False
            if not _PHRASE_GAP.fullmatch(text, before.end(), word.start()):
                return False
        return True


def _dictionary_forms(
    keywords: Sequence[str], stemmed: Sequence[Sequence[str]], dictionary: Dictionary | None
) -> dict[str, str]:
    """Each form (lower case) of each keyword word's headword → that word's stem: "gikk" →
    stem("gå"). A keyword word that is no headword ("gikk") takes its headwords' forms."""
    if dictionary is None:
        return {}
    forms: dict[str, str] = {}
    try:
        for keyword, stems in zip(keywords, stemmed, strict=True):
            for word, stem in zip(WORD.findall(keyword), stems, strict=True):
                found = dictionary.forms(word)
                if not found:
                    for lemma in dictionary.lemmas(word):
                        found |= dictionary.forms(lemma)
                for form in found:
                    forms.setdefault(form, stem)
    except sqlite3.Error:
        # A dictionary file damaged past its header: keywords match by stem, as without one
        # (the reader's `d` says what is wrong with it).
        return {}
    return forms


class CounterpartMatcher:
    """Finds keywords' English renderings in a translation.

    `renderings` maps a keyword's index to the English words that may stand for it
    (e.g. {0: ["alliance", "NATO"]}); hits report the keyword's index, so the reader can mark
    the English words that answer a Norwegian hit in the paired sentence.
    """

    def __init__(self, renderings: Mapping[int, Sequence[str]], language: str = "english") -> None:
        self._owners: list[int] = []
        phrases: list[str] = []
        for keyword, words in renderings.items():
            for word in words:
                phrases.append(word)
                self._owners.append(keyword)
        self._matcher = KeywordMatcher(phrases, language)

    def find(self, english_text: str, keywords_present: Collection[int]) -> list[KeywordHit]:
        """Renderings in `english_text` of the keywords in `keywords_present` (the keywords
        that hit the Norwegian sentence), in order and non-overlapping."""
        allowed = {i for i, owner in enumerate(self._owners) if owner in keywords_present}
        if not allowed:
            return []
        return [
            KeywordHit(hit.start, hit.end, self._owners[hit.keyword])
            for hit in self._matcher.find(english_text, only=allowed)
        ]


def find_counterparts(
    english_text: str,
    renderings: Mapping[int, Sequence[str]],
    keywords_present: Collection[int],
) -> list[KeywordHit]:
    """`CounterpartMatcher(renderings).find(...)`, reusing the matcher for the same renderings."""
    key = tuple((keyword, tuple(words)) for keyword, words in renderings.items())
    return _counterpart_matcher(key).find(english_text, keywords_present)


@lru_cache(maxsize=16)
def _counterpart_matcher(key: tuple[tuple[int, tuple[str, ...]], ...]) -> CounterpartMatcher:
    return CounterpartMatcher(dict(key))


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where the words of `text` are, as (start, end) offsets."""
    for match in WORD.finditer(text):
        yield match.span()
