"""Norwegian-aware sentence splitting for news paragraphs.

Rule-based on the standard library only. Measured in ``bench/sentence_splitters.py``:
sentencex has no Norwegian rules and no way to add them, pysbd has no Norwegian at all, and
sentence-splitter only gets close with these same abbreviation lists fed in as a prefix file
plus a dialogue-dash patch, while running ~15x slower; a library would add nothing but cost.

Every gap after ``. ! ? …`` (plus closing quotes/brackets) followed by whitespace is a
candidate; a candidate becomes a boundary when the next word looks like a sentence start
and the word before the period is not an abbreviation, an initial or the like.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# A run of terminators, optionally closed by quotes/brackets, then whitespace. Only whitespace
# gaps are candidates, so dots inside URLs, e-mails, "bl.a" and "14.30" never are.
_CLOSERS = "»”\"’')]"
# The look-behind and possessive quantifiers keep long runs of "…" or "." without a following
# space from being rescanned from every position (quadratic backtracking).
_CANDIDATE = re.compile(r"(?<![.!?…])[.!?…]++[»”\"’')\]]*+(?=\s)|\n[ \t\r\f\v]*+\n")

# Characters a sentence may open with before its first letter or digit.
_OPENERS = "«“„\"'‘(–—-[ \t"

# How far back to look for the word before a period; abbreviations are short, and a bound
# keeps the whole pass linear even on 200,000-char paragraphs without spaces.
_LOOKBACK = 24
_LOOKAHEAD = 8

# Abbreviations (lowercase, final dot removed) that practically never end a sentence: they
# stand before a name, a number or a phrase, and that next word is often capitalised
# ("dr. Hansen", "bl.a. Ap", "St. Olavs"), so a capital after them says nothing.
# fmt: off
_NEVER_END = frozenset({
    "adm", "ang", "ant", "art", "avd", "bl.a", "ca", "d.d", "d.e", "d.s", "ds", "dir", "div",
    "dvs", "dr", "eks", "ekskl", "el", "evt", "ev", "f", "f.eks", "f.o.m", "fhv", "fr", "fork",
    "gen", "hhv", "hr", "ift", "ifm", "iht", "inkl", "jf", "jfr", "kap", "kl", "lnr", "m.a.o",
    "m.h.t", "mht", "nr", "o.a", "p.t", "pga", "pkt", "pr", "prof", "ref", "resp", "s", "sekr",
    "sml", "st", "t.o.m", "tlf", "utg", "vedr", "vs",
})
# fmt: on

# Abbreviations that often end a sentence ("... og andre land osv. Neste setning."): a
# boundary only if an upper-case letter, dash or quote follows, never before a digit
# ("8. jan. 2020", "60 mrd. 2024" is not a start).
# fmt: off
_CAN_END = frozenset({
    "osv", "m.m", "o.l", "e.l", "etc", "mv", "m.fl", "mfl", "o.s.v", "mill", "mrd", "mnd", "kr",
    "stk", "sek", "min", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
    "nov", "des",
})
# fmt: on


def _next_start(text: str, pos: int) -> str:
    """Classify the text after a gap: 'upper', 'digit', 'lower' or '' (nothing usable)."""
    end = min(len(text), pos + _LOOKAHEAD)
    dash = False
    for ch in text[pos:end]:
        if ch in _OPENERS:
            dash = dash or ch in '–—«“„"'
            continue
        if ch.isdigit():
            return "digit"
        if ch.isalpha():
            # A dialogue dash or opening quote before a lower-case letter is still unusual
            # enough mid-sentence to keep the text together.
            return "upper" if ch.isupper() else "lower"
        return "upper" if dash else ""
    return "upper" if dash else ""


def _word_before(text: str, start: int, floor: int) -> str:
    """The whitespace-delimited token that ends at ``start``, lower-cased, quotes stripped."""
    parts = text[max(floor, start - _LOOKBACK) : start].split()
    return parts[-1].lstrip("«“„\"'‘([").lower() if parts else ""


def _is_boundary(text: str, m: re.Match[str], floor: int) -> bool:
    """Decide whether the terminator run ``m`` ends a sentence."""
    run = m.group()
    if run[0] == "\n":
        return True  # a blank line inside a "paragraph" always separates.
    nxt = _next_start(text, m.end())
    if nxt in ("lower", ""):
        # Norwegian sentences start with a capital, digit or dash: "– Nei! sier hun" and
        # "8. januar", "kl. ni" stay whole.
        return False
    core = run.rstrip(_CLOSERS)
    if core != ".":
        return True  # ! ? … "?!" "..." are not abbreviation dots.
    if core != run:
        return True  # "senere.»": a period inside closing quotes ends the quoted sentence.
    word = _word_before(text, m.start(), floor)
    if word in _NEVER_END:
        return False
    if word in _CAN_END:
        return nxt == "upper"
    if len(word) == 1 and word.isalpha() and text[m.start() - 1].isupper():
        return nxt != "upper"  # an initial: "Jens S. Stoltenberg", "J. R. R. Tolkien".
    # Ordinals/numbers ("kl. 16. Statsministeren", "i 2024. Neste") and ordinary words end
    # a sentence before a capital or digit ("... av Iran. 22 raketter ...").
    return True


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into whitespace-stripped, non-empty sentences.

    Never raises; runs in linear time; the sentences together hold exactly the paragraph's
    non-whitespace characters in their original order.
    """
    if not isinstance(paragraph, str) or not paragraph.strip():
        return []
    out: list[str] = []
    start = 0
    for m in _CANDIDATE.finditer(paragraph):
        if not _is_boundary(paragraph, m, start):
            continue
        piece = paragraph[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out
