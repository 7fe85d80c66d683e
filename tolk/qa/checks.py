"""QA checks on a translated sentence: where the English needs a human look.

Small pure functions, one per check, each returning a `Flag` (a code and a one-line message for
a reviewer) or None; `check_sentence` runs them all in the order of `FLAG_CODES`. No I/O, no
UI: the reader, `tolk check` and the exports build on this. Thresholds are the module constants
below; README "QA checks" lists them. Number normalisation lives in `tolk.qa.numbers`, name
detection in `tolk.qa.names`, the word list in `tolk.qa.spelling`, and what `inconsistent`
compares with (the user's other English for the sentence) in `tolk.qa.consistency`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tolk.keywords.matching import WORD
from tolk.qa.consistency import Rendering, consistency_key
from tolk.qa.names import missing_names
from tolk.qa.numbers import source_numbers, target_number_keys
from tolk.qa.spelling import misspelt_words, suggestion
from tolk.qa.terminology import Terminology, missing_message, terms_from_keywords

__all__ = [
    "FLAG_CODES",
    "LOW_CONFIDENCE",
    "Flag",
    "check_brackets",
    "check_confidence",
    "check_inconsistent",
    "check_length",
    "check_names",
    "check_numbers",
    "check_repetition",
    "check_sentence",
    "check_spelling",
    "check_terminology",
    "check_unknown",
    "check_untranslated",
    "confidence",
]

# The codes, in the order `check_sentence` reports them.
FLAG_CODES = (
    "untranslated",
    "numbers",
    "repetition",
    "length",
    "terminology",
    "names",
    "brackets",
    "unknown",
    "inconsistent",
    "spelling",
    # Made from the model's score by `check_confidence`, not by `check_sentence`: only the
    # model's own English has one.
    "confidence",
)

# A sentence whose model confidence (see `confidence`) is below this needs a look too. The
# figure is a first guess for OPUS-MT models (their fluent sentences score about 0.6-0.9),
# uncalibrated until measured on the real model; `[qa] low_confidence` in config.toml sets it.
LOW_CONFIDENCE = 0.4

# untranslated: only sentences of at least this many words (whitespace-separated tokens with a
# letter or digit) are judged, so a short heading or a name left as it is never flags; and of
# the target's words, more than this share being Norwegian words copied from the source flags.
UNTRANSLATED_MIN_WORDS = 4
UNTRANSLATED_SHARE = 0.5
# Words spelt the same in both languages, which a good English sentence may share with its
# source without being untranslated.
# fmt: off
SHARED_WORDS = frozenset({
    "i", "a", "at", "for", "over", "under", "man", "by", "land", "hand", "arm", "side", "sent",
    "bare", "fine", "to", "hit", "store", "plan", "president", "regional", "dollar", "minister",
    "general", "system", "program", "film", "start", "test", "sense",
})
# fmt: on

# repetition: a run of one to this many words repeated this many times in a row ...
REPEAT_MAX_NGRAM = 4
REPEAT_MIN_TIMES = 3
# ... or a target longer than RUNAWAY_RATIO x the source's characters + RUNAWAY_SLACK.
RUNAWAY_RATIO = 3.0
RUNAWAY_SLACK = 20

# length: target/source character ratio outside [LENGTH_MIN_RATIO, LENGTH_MAX_RATIO], judged
# only for sources of at least LENGTH_MIN_SOURCE characters and not for headings (an empty
# target is always flagged). A runaway target is `repetition`, not `length`.
LENGTH_MIN_RATIO = 0.5
LENGTH_MAX_RATIO = 2.0
LENGTH_MIN_SOURCE = 20

# unknown: what the model writes for a token it could not place.
UNKNOWN_MARKERS = ("<unk>", "\ufffd")

# brackets: pairs compared by (opening - closing) count; quotes by the parity of their count, so
# «» in the source and “” or "" in the English are both balanced.
BRACKET_PAIRS = (("(", ")"), ("[", "]"))
QUOTE_MARKS = '«»“”„"'

# inconsistent and spelling: how much of the other English, and how many words, a message
# quotes (it is one line).
QUOTED_CHARS = 80
SPELLING_NAMED = 3


@dataclass(frozen=True)
class Flag:
    """Why a sentence pair needs a look: a `code` from FLAG_CODES and a one-line `message`."""

    code: str
    message: str


def confidence(score: float) -> float:
    """The model's confidence in a sentence, 0-1: the geometric mean of the probabilities of
    its target tokens, from the score (mean log-probability per target token)."""
    return math.exp(min(score, 0.0))


def check_sentence(
    source: str,
    target: str,
    *,
    is_heading: bool = False,
    keyword_translations: Mapping[str, Sequence[str]] | None = None,
    unknown_replaced: bool = False,
    accepted_words: Collection[str] = (),
    renderings: Sequence[Rendering] = (),
    terminology: Terminology | None = None,
) -> tuple[Flag, ...]:
    """All flags for one sentence pair, at most one per code, in the order of FLAG_CODES
    (`confidence` aside: `check_confidence`).

    `keyword_translations` is config's `[keyword_translations]` (keyword -> English
    renderings); `terminology`, when given, is every term to check instead (config's and the
    glossaries', `tolk.qa.checking`); `unknown_replaced` says the model replaced an unknown
    token in this sentence; `accepted_words` are config's `[qa] accept`; `renderings` the
    English the user's corrections and the memory give this Norwegian
    (`RenderingIndex.renderings`).
    """
    checks: tuple[Callable[[], Flag | None], ...] = (
        lambda: check_untranslated(source, target),
        lambda: check_numbers(source, target),
        lambda: check_repetition(source, target),
        lambda: check_length(source, target, is_heading=is_heading),
        lambda: check_terminology(source, target, keyword_translations or {}, terminology),
        lambda: check_names(source, target),
        lambda: check_brackets(source, target),
        lambda: check_unknown(source, target, replaced=unknown_replaced),
        lambda: check_inconsistent(target, renderings),
        lambda: check_spelling(source, target, accepted_words),
    )
    return tuple(flag for check in checks if (flag := check()) is not None)


def check_untranslated(source: str, target: str) -> Flag | None:
    """The target is the source, or mostly the source's Norwegian words (not for sentences of
    fewer than UNTRANSLATED_MIN_WORDS words, nor for names and numbers only)."""
    if _word_count(target) < UNTRANSLATED_MIN_WORDS:
        return None
    source_words = {word.casefold() for word in WORD.findall(source)}
    words = list(WORD.finditer(target))
    if all(not match.group()[0].islower() for match in words):
        return None  # names and numbers only ("Jens Stoltenberg, NATO, 2019")
    copied = [match for match in words if _is_norwegian(target, match, source_words)]
    if not copied:
        return None
    if target.strip() == source.strip():
        return Flag("untranslated", "the English is the Norwegian, unchanged")
    if len(copied) / len(words) > UNTRANSLATED_SHARE:
        return Flag(
            "untranslated",
            f"{len(copied)} of {len(words)} words are the Norwegian's"
            f" (e.g. {', '.join(m.group() for m in copied[:3])})",
        )
    return None


def check_numbers(source: str, target: str) -> Flag | None:
    """A number of the source is missing from the target, after normalising formats."""
    keys = target_number_keys(target)
    missing = [
        number
        for number in source_numbers(source)
        if not (number.keys & keys) and not _literally_in(number.text, target)
    ]
    if not missing:
        return None
    shown = [
        number.english if number.english == number.text else f"{number.english} ({number.text})"
        for number in dict.fromkeys(missing)
    ]
    noun = "number" if len(shown) == 1 else "numbers"
    verb = "is" if len(shown) == 1 else "are"
    return Flag("numbers", f"{noun} {', '.join(shown)} {verb} missing from the English")


def check_repetition(source: str, target: str) -> Flag | None:
    """A word or phrase repeated REPEAT_MIN_TIMES times in a row (unless the source has such a
    run too), or a runaway target longer than RUNAWAY_RATIO x the source + RUNAWAY_SLACK chars."""
    limit = RUNAWAY_RATIO * len(source.strip()) + RUNAWAY_SLACK
    if len(target.strip()) > limit:
        return Flag(
            "repetition",
            f"the English runs on: {len(target.strip())} characters for"
            f" {len(source.strip())} in the Norwegian",
        )
    repeated = _repeated_run(_words(target))
    # A source that repeats itself ("Ja, ja, ja") may be rendered the same way.
    if repeated is None or _repeated_run(_words(source)) is not None:
        return None
    return Flag("repetition", f'"{" ".join(repeated)}" is repeated {REPEAT_MIN_TIMES}+ times')


def check_length(source: str, target: str, *, is_heading: bool = False) -> Flag | None:
    """The target is empty, or its length ratio to the source is outside the band (sources of
    at least LENGTH_MIN_SOURCE characters, not headings; a runaway is `repetition`)."""
    source_length, target_length = len(source.strip()), len(target.strip())
    if source_length and not target_length:
        return Flag("length", "the English is empty")
    if is_heading or source_length < LENGTH_MIN_SOURCE:
        return None
    if target_length > RUNAWAY_RATIO * source_length + RUNAWAY_SLACK:
        return None
    ratio = target_length / source_length
    if LENGTH_MIN_RATIO <= ratio <= LENGTH_MAX_RATIO:
        return None
    adjective = "short" if ratio < LENGTH_MIN_RATIO else "long"
    return Flag(
        "length",
        f"the English is {ratio:.1f}x the Norwegian's length, too {adjective}"
        f" (expected {LENGTH_MIN_RATIO}-{LENGTH_MAX_RATIO}x)",
    )


def check_terminology(
    source: str,
    target: str,
    keyword_translations: Mapping[str, Sequence[str]],
    terminology: Terminology | None = None,
) -> Flag | None:
    """A term (a keyword with renderings, or `terminology`'s terms when given) is in the
    source (inflections included) and none of its renderings is in the target. The message
    names each term, the English expected and where the term comes from."""
    terms = terminology
    if terms is None:
        terms = _keyword_terminology(tuple((k, tuple(v)) for k, v in keyword_translations.items()))
    missing = terms.missing(source, target)
    if not missing:
        return None
    return Flag("terminology", missing_message(missing))


def check_names(source: str, target: str) -> Flag | None:
    """Names of the source (capitalised, not sentence-initial) missing from the target, with
    genitive -s and common Norwegian -> English name changes allowed."""
    missing = missing_names(source, target)
    if not missing:
        return None
    noun, verb = ("name", "is") if len(missing) == 1 else ("names", "are")
    return Flag("names", f"{noun} {', '.join(missing)} {verb} missing from the English")


def check_brackets(source: str, target: str) -> Flag | None:
    """The target's brackets or quotes are unbalanced where the source's are not (or
    differently): () and [] by count, quotes by parity of « » “ ” „ "."""
    problems = [
        f"{opening}{closing}"
        for opening, closing in BRACKET_PAIRS
        if _imbalance(source, opening, closing) != _imbalance(target, opening, closing)
    ]
    if _quote_parity(source) != _quote_parity(target):
        problems.append("quotes")
    if not problems:
        return None
    return Flag("brackets", f"unbalanced {', '.join(problems)} compared with the Norwegian")


def check_confidence(score: float | None, threshold: float = LOW_CONFIDENCE) -> Flag | None:
    """The model's confidence in its own English (from its `score`; None: not the model's
    English) is below `threshold`."""
    if score is None:
        return None
    shown = confidence(score)
    if shown >= threshold:
        return None
    # Whole percents, unless that would read "40%, below 40%".
    digits = 0 if f"{shown:.0%}" != f"{threshold:.0%}" else 1
    return Flag(
        "confidence", f"the model's confidence is {shown:.{digits}%}, below {threshold:.0%}"
    )


def check_unknown(source: str, target: str, *, replaced: bool = False) -> Flag | None:
    """The model replaced an unknown token (`replaced`), or left an unknown marker
    (UNKNOWN_MARKERS) in the target that the source does not have."""
    if replaced:
        return Flag("unknown", "the model did not know a word and copied or guessed it")
    for marker in UNKNOWN_MARKERS:
        if target.count(marker) > source.count(marker):
            return Flag("unknown", f"the English has an unknown-word marker {marker!r}")
    return None


def check_inconsistent(target: str, renderings: Sequence[Rendering]) -> Flag | None:
    """Other English for this Norwegian in the user's corrections or the memory: a rendering
    that differs from `target` after normalising whitespace and quotes."""
    own = consistency_key(target)
    others = [r for r in renderings if consistency_key(r.english) != own]
    if not others:
        return None
    first = others[0]
    english = " ".join(first.english.split())
    if len(english) > QUOTED_CHARS:
        english = english[: QUOTED_CHARS - 1].rstrip() + "…"
    more = f" (and {len(others) - 1} more)" if len(others) > 1 else ""
    message = f'other English for this Norwegian: "{english}", {first.where}{more}'
    return Flag("inconsistent", message)


def check_spelling(source: str, target: str, accepted: Collection[str] = ()) -> Flag | None:
    """Words of the target in no English dictionary (`tolk.qa.spelling`), besides the words of
    the source and the `accepted` ones."""
    # An unknown-word marker is the `unknown` check's business, not a misspelt "unk".
    for marker in UNKNOWN_MARKERS:
        target = target.replace(marker, " ")
    words = misspelt_words(source, target, accepted)
    if not words:
        return None
    named = []
    for word in words[:SPELLING_NAMED]:
        better = suggestion(word)
        named.append(f'"{word}"' + (f" ({better}?)" if better else ""))
    more = f" and {len(words) - SPELLING_NAMED} more" if len(words) > SPELLING_NAMED else ""
    noun = "is" if len(words) == 1 else "are"
    return Flag("spelling", f"{', '.join(named)}{more} {noun} not in the English dictionary")


def _literally_in(text: str, target: str) -> bool:
    """Whether `text` stands in `target` as it is, not as part of a longer number."""
    return re.search(rf"(?<![\d.,]){re.escape(text)}(?![\d]|[.,]\d)", target) is not None


def _word_count(text: str) -> int:
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


def _is_norwegian(text: str, match: re.Match[str], source_words: set[str]) -> bool:
    """Whether a target word is a Norwegian word copied from the source: in the source, not a
    number, not shared with English, not a name (capitalised after the first word, or all
    caps)."""
    word = match.group()
    folded = word.casefold()
    if folded not in source_words or folded in SHARED_WORDS or not any(c.isalpha() for c in word):
        return False
    if word.isupper() and len(word) > 1:
        return False
    first_word = not any(char.isalnum() for char in text[: match.start()])
    return first_word or not word[0].isupper()


def _words(text: str) -> list[str]:
    return [word.casefold() for word in WORD.findall(text)]


def _repeated_run(words: Sequence[str]) -> tuple[str, ...] | None:
    """The first n-gram (n <= REPEAT_MAX_NGRAM) that occurs REPEAT_MIN_TIMES times in a row."""
    for size in range(1, REPEAT_MAX_NGRAM + 1):
        span = size * REPEAT_MIN_TIMES
        for start in range(len(words) - span + 1):
            gram = tuple(words[start : start + size])
            if all(
                tuple(words[start + k * size : start + (k + 1) * size]) == gram
                for k in range(1, REPEAT_MIN_TIMES)
            ):
                return gram
    return None


def _imbalance(text: str, opening: str, closing: str) -> int:
    return text.count(opening) - text.count(closing)


def _quote_parity(text: str) -> int:
    return sum(text.count(mark) for mark in QUOTE_MARKS) % 2


@lru_cache(maxsize=16)
def _keyword_terminology(
    keyword_translations: tuple[tuple[str, tuple[str, ...]], ...],
) -> Terminology:
    return Terminology(terms_from_keywords(dict(keyword_translations)))
