"""The `spelling` check: words of the English that are in no English dictionary.

The word list is pyspellchecker's English one (about 160,000 words and their inflections, from
a word-frequency list cleaned against SCOWL; MIT licence), read once per process, when the
first sentence is checked (0.3 s, about 20 MB), so a reader that never checks pays nothing.
It is American English; a British form is accepted when its American form is in the list
(`american_forms`: colour, centre, organise, analyse, travelled, defence, programme…).

Left out, because a word list cannot judge them: words that also occur in the Norwegian (names,
terms, a quoted title), words with a digit or in a URL, an e-mail address or a domain,
abbreviations with inner dots (`e.g.`), acronyms in capitals (NATO, UN), single letters, and the
words the user accepted (`[qa] accept` in config.toml, or `+` on a word in the reader).
"""

from __future__ import annotations

import gzip
import json
import pkgutil
import re
import threading
from collections.abc import Collection, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spellchecker import SpellChecker

__all__ = [
    "ENTRIES_PER_PIECE",
    "american_forms",
    "json_pieces",
    "known_word",
    "load_word_list",
    "misspelt_words",
    "suggestion",
    "word_counts",
    "word_in",
]

# A chunk of the English (whitespace-separated) that is an address, not words.
_ADDRESS = re.compile(r"://|^www\.|@|\.[a-z]{2,}(?:/|$)", re.IGNORECASE)
# Letters, with inner apostrophes (don't, Norway's).
_LETTERS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_DIGIT = re.compile(r"\d")
# Parts of a chunk: compounds and alternatives are checked word by word (long-term, and/or).
_PARTS = re.compile(r"[-/–—]+")
_CURLY_APOSTROPHES = ("’", "‘", "ʼ")

# British spellings whose American form the word list has: each rule is tried alone, and all
# together, on a word the list does not know.
_BRITISH = (
    (re.compile(r"our(?=s?$|ed$|ing$|ite|able|ful|less|er)"), "or"),  # colour, favourite
    (re.compile(r"is(?=e$|es$|ed$|ing$|ation|er$|ers$)"), "iz"),  # organise, organisation
    (re.compile(r"ys(?=e$|es$|ed$|ing$)"), "yz"),  # analyse, paralysed
    (re.compile(r"tre(?=s?$)"), "ter"),  # centre, kilometres
    (re.compile(r"ence(?=s?$)"), "ense"),  # defence, licence
    (re.compile(r"ll(?=ed$|ing$|er$|ers$)"), "l"),  # travelled, modelling
    (re.compile(r"ogue(?=s?$)"), "og"),  # catalogue
    (re.compile(r"mme(?=s?$)"), "m"),  # programme
    (re.compile(r"(?<=[^aeiou])ae"), "e"),  # paediatric, encyclopaedia
)
_EXTRA_WORDS = frozenset({"tonne", "tonnes", "whilst", "amongst", "storey", "storeys", "kerb"})

# How many entries of the word list's JSON are decoded at a time (`word_counts`): about 3 ms
# of holding the GIL each on this project's machine.
ENTRIES_PER_PIECE = 4_000

# How many words `known_word` remembers (a few MB).
KNOWN_MEMO = 50_000

_lock = threading.Lock()
_checker: SpellChecker | None = None


def _dictionary() -> SpellChecker:
    """The word list, loaded once per process (threads may ask at the same time)."""
    global _checker
    with _lock:
        if _checker is None:
            # Imported here: 0.3 s and 20 MB, paid by the first check, not by a start.
            from spellchecker import SpellChecker

            checker = SpellChecker(language=None, distance=1, case_sensitive=False)
            checker.word_frequency.load_json(word_counts())
            _checker = checker
        return _checker


def word_counts() -> dict[str, int]:
    """pyspellchecker's English word list (word -> frequency), as `SpellChecker(language=
    "en")` reads it, but decoded in pieces of ENTRIES_PER_PIECE entries: `json.loads` holds the
    GIL for all of its text (2.8 MB, a second on a busy machine), so a worker reading the list
    in one piece would freeze the reader's screen; between pieces, the screen gets its turn."""
    data = pkgutil.get_data("spellchecker", "resources/en.json.gz")
    if data is None:
        raise FileNotFoundError("spellchecker/resources/en.json.gz")
    text = gzip.decompress(data).decode("utf-8")
    counts: dict[str, int] = {}
    for piece in json_pieces(text, ENTRIES_PER_PIECE):
        counts.update(json.loads(piece))
    return counts


def json_pieces(text: str, entries: int) -> Iterator[str]:
    """`text`, a JSON object written one entry a line (as the word list is), as objects of
    `entries` entries each; any other layout as it is, in one piece."""
    body = text.strip()
    lines = body[1:-1].strip().split(",\n") if body[:1] == "{" and body[-1:] == "}" else []
    if len(lines) <= entries:
        yield text
        return
    for start in range(0, len(lines), entries):
        yield "{" + ",".join(lines[start : start + entries]) + "}"


def load_word_list() -> None:
    """Load the word list now, if no check has: a worker calls this so that the first check on
    the UI thread does not wait for it."""
    _dictionary()


def american_forms(word: str) -> Iterator[str]:
    """The American spellings `word` (lower case) may be the British form of: each rule alone,
    then all of them together."""
    together = word
    for pattern, replacement in _BRITISH:
        changed = pattern.sub(replacement, word)
        if changed != word:
            yield changed
        together = pattern.sub(replacement, together)
    if together != word:
        yield together


def known_word(word: str) -> bool:
    """Whether `word` (any case) is English: in the word list (also without a possessive 's),
    or the British form of a word in it."""
    return _known(_straight(word.casefold()))


# Remembered: a library repeats its words (`tolk check` over 10,000 articles asks about each
# word thousands of times), and the word list's own lookup goes through three calls.
@lru_cache(maxsize=KNOWN_MEMO)
def _known(folded: str) -> bool:
    dictionary = _dictionary()
    if folded in dictionary or folded in _EXTRA_WORDS:
        return True
    for ending in ("'s", "'"):
        if folded.endswith(ending) and len(folded) > len(ending):
            return _known(folded[: -len(ending)])
    return any(form in dictionary for form in american_forms(folded))


def misspelt_words(source: str, target: str, accepted: Collection[str] = ()) -> list[str]:
    """The words of `target` that are in no English dictionary, in order, each once; words of
    `source` (the Norwegian) and `accepted` ones (compared case-insensitively) are left out,
    as are numbers, addresses, abbreviations, acronyms and single letters."""
    source_words = {_fold(word) for word in _LETTERS.findall(_straight(source))}
    allowed = source_words | {_fold(word) for word in accepted}
    found: dict[str, str] = {}  # folded -> the word as first written
    for word in _candidates(_straight(target)):
        folded = _fold(word)
        if folded in found or folded in allowed:
            continue
        possessive = folded.endswith(("'", "'s"))
        if possessive and _fold(_without_possessive(word)) in allowed:
            continue
        if not _known(folded):
            found[folded] = word
    return list(found.values())


def suggestion(word: str) -> str | None:
    """The likeliest English word one edit away from `word`, or None."""
    dictionary = _dictionary()
    candidates = dictionary.candidates(word.casefold())
    if not candidates:
        return None
    best = max(candidates, key=lambda candidate: (dictionary[candidate], candidate))
    return best if best != word.casefold() else None


def word_in(text: str) -> str | None:
    """The word in `text` (a word as the reader's word cursor takes it, punctuation and all),
    its letters and inner apostrophes only; None when it has no letters."""
    found = _LETTERS.search(_straight(text))
    return found.group() if found else None


def _candidates(text: str) -> Iterator[str]:
    """The words of `text` the word list can judge."""
    for chunk in text.split():
        if _ADDRESS.search(chunk):
            continue
        for part in _PARTS.split(chunk):
            if _DIGIT.search(part):
                continue  # 1990s, 3rd, COVID-19
            for match in _LETTERS.finditer(part):
                word = match.group()
                end = match.end()
                if end < len(part) and part[end] == "." and part[end + 1 : end + 2].isalpha():
                    continue  # e.g., U.S.
                if match.start() > 0 and part[match.start() - 1] == ".":
                    continue
                letters = word.replace("'", "")
                if len(letters) < 2 or letters.isupper():
                    continue  # a letter, an acronym
                yield word


def _without_possessive(word: str) -> str:
    for ending in ("'s", "'"):
        if word.casefold().endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


def _straight(text: str) -> str:
    """`text` with its curly apostrophes straight. (Not str.translate, which looks every
    character up: three times as slow on a sentence, and the checks do this to each.)"""
    for curly in _CURLY_APOSTROPHES:
        if curly in text:
            text = text.replace(curly, "'")
    return text


def _fold(word: str) -> str:
    return word.casefold()
