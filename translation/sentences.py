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

# Characters a sentence may open with before its first letter or digit. ” opens as well as
# closes a quotation in much Norwegian print: "… bor i England. ”Kveldsmat” handler om …".
_OPENERS = "«“„”\"'‘(–—-[ \t"
_DASHES = '–—«“„”"'

# Initials and dotted acronyms, the final dot left out: "J", "J.J", "C.S", "U.S", "S.H.I.E.L.D".
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
# A sentence may start with a link: "… les mer. www.nrk.no har saken."
_LINK_STARTS = ("http://", "https://", "www.")
# Words that open Norwegian sentences and are never a name, so never the surname after an
# initial: "… bandet K.L.M. Det …", "… i U.S.A. Det …", "… klasse C. Blant annet …".
# Not "Hans" ("Georg V. Hans …" is ambiguous) nor "I", a Roman numeral after an initial.
# fmt: off
_OPENING_WORDS = frozenset({
    "Alle", "Alt", "Av", "Bare", "Blant", "Både", "Da", "De", "Dem", "Den", "Denne", "Der",
    "Deres", "Derfor", "Dermed", "Dessuten", "Det", "Dette", "Disse", "Du", "Ei", "En", "Enda",
    "Er", "Et", "Etter", "Fra", "Før", "Han", "Hadde", "Har", "Heller", "Her", "Hun", "Hva",
    "Hvem", "Hvis", "Hvor", "Hvordan", "Hvorfor", "Ikke", "Ingen", "Jeg", "Kanskje", "Likevel",
    "Mange", "Med", "Mens", "Nå", "Når", "Også", "Og", "Om", "På", "Samtidig", "Selv", "Siden",
    "Slik", "Som", "Så", "Til", "Vi",
})
# fmt: on

# Words before a small number that make "N." an ordinal or a list number, not a sentence end:
# "Ridder av 1. klasse", "nr. 1. Den", "todelt: 1. Bush …".
_BEFORE_ORDINAL = frozenset({"av", "nr", "nr."})

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
    "dvs", "dr", "eks", "ekskl", "el", "evt", "ev", "f", "f.eks", "f.o.m", "feat", "fhv", "fr",
    "fork", "gen", "hhv", "hr", "ift", "ifm", "iht", "inkl", "jf", "jfr", "kap", "kl", "lnr",
    "m.a.o", "m.h.t", "mht", "nr", "o.a", "p.t", "pga", "pkt", "pr", "prof", "ref", "resp", "s",
    "sekr", "sml", "st", "str", "t.o.m", "tlf", "utg", "vedr", "vol", "vs",
    # English titles before a name, common in reviews: "Mr. Bean", "Mrs. Hughes".
    "mr", "mrs", "ms",
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
    # Dotted place names that end sentences as often as they stand before a name.
    "d.c", "u.s.a",
    # Numbered works: "Sonate no. 3", "op. 10" (but "Eg kjem no. Han …" in Nynorsk ends).
    "no", "op",
})
# fmt: on


def _next_start(text: str, pos: int) -> str:
    """Classify the text after a gap: 'upper', 'digit', 'lower' or '' (nothing usable)."""
    end = min(len(text), pos + _LOOKAHEAD)
    dash = paren = False
    for i in range(pos, end):
        ch = text[i]
        if ch in _OPENERS:
            paren = paren or ch == "("
            # "- " (a hyphen and a space) is the dialogue dash of many newspapers.
            dash = dash or ch in _DASHES or (ch == "-" and text[i + 1 : i + 2].isspace())
            continue
        if ch in "wWhH" and text.startswith(_LINK_STARTS, i):
            return "upper"
        if ch.isdigit():
            # A year or number in brackets continues: "… «Live i Bergen!» (1984) og …".
            return "" if paren else "digit"
        if ch.isalpha():
            # A dialogue dash or opening quote before a lower-case letter is still unusual
            # enough mid-sentence to keep the text together.
            return "upper" if ch.isupper() else "lower"
        return "upper" if dash else ""
    return "upper" if dash else ""


def _next_word(text: str, pos: int) -> str:
    """The word after a gap, openers and trailing punctuation left out (bounded look-ahead)."""
    head = text[pos : pos + _LOOKAHEAD + _LOOKBACK].lstrip(_OPENERS + "\n\r\f\v")
    word = head.split(maxsplit=1)[0] if head.strip() else ""
    return word.rstrip(",.;:!?…»”\"’')]")


def _words_before(text: str, start: int, floor: int) -> tuple[str, str | None]:
    """The token that ends at ``start`` (quotes stripped, case kept) and the one before it.

    The second is None when the first opens the sentence (nothing before it since ``floor``),
    and "" when it lies beyond the bounded look-back.
    """
    lo = max(floor, start - 2 * _LOOKBACK)
    parts = text[lo:start].split()
    if not parts:
        return "", None
    word = parts[-1].lstrip("«“„\"'‘([")
    if len(parts) >= 2:
        return word, parts[-2]
    return word, (None if lo == floor else "")


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
    raw, before = _words_before(text, m.start(), floor)
    word = raw.lower()
    if word in _NEVER_END:
        return False
    if word in _CAN_END:
        return nxt == "upper"
    if raw[-1:].isupper() and _INITIALS.fullmatch(raw):
        # Initials and dotted acronyms: "Jens S. Stoltenberg", "J.K. Rowling", "U.S. Air
        # Force", "H.M. Dronning Sonja" go on; a word no name is ends them: "U.S.A. Det".
        return nxt != "upper" or _next_word(text, m.end()) in _OPENING_WORDS
    if word.isdigit() and len(word) <= 2 and _is_list_number(before):
        return False
    # Units and specs before a number ("1 t. 53 min.", "(2x4GB. 1 ledig slot)") go on;
    # ordinals/numbers ("kl. 16. Statsministeren", "i 2024. Neste") and ordinary words end
    # a sentence before a capital or digit ("... av Iran. 22 raketter ...").
    return not (nxt == "digit" and _is_unit_or_spec(word))


def _is_list_number(before: str | None) -> bool:
    """Whether "N." after ``before`` is a list number or an ordinal, not a sentence end.

    "todelt: 1. Bush …", "Ridder av 1. Klasse", "nr. 1. Den"; a sentence is never just "2.".
    """
    return before is None or before.endswith(":") or before.lower() in _BEFORE_ORDINAL


def _is_unit_or_spec(word: str) -> bool:
    """A one-letter unit ("t", "m") or a token mixing digits and letters ("2x4gb")."""
    if len(word) == 1:
        return word.isalpha()
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


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
