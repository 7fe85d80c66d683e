"""Norwegian-aware sentence splitting for news paragraphs.

Rule-based on the standard library only. Measured in ``bench/sentence_splitters.py``:
sentencex has no Norwegian rules and no way to add them, pysbd has no Norwegian at all, and
sentence-splitter only gets close with these same abbreviation lists fed in as a prefix file
plus a dialogue-dash patch, while running ~15x slower; a library would add nothing but cost.

Every gap after ``. ! ? …`` (plus closing quotes/brackets) followed by whitespace is a
candidate; a candidate becomes a boundary when the next word looks like a sentence start,
the word before the period is not an abbreviation, an initial or the like, and the terminator
is not inside a quotation or an aside that a sentence opened around it. The word lists are in
``translation/sentence_words.py``, quotations and brackets are found by
``translation/quotations.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from translation.quotations import SpanCursor, quotation_spans
from translation.sentence_words import (
    BEFORE_ORDINAL,
    CAN_END,
    NAME_SUFFIXES,
    NEVER_END,
    OPENING_WORDS,
    WRITTEN_IN_CAPITALS,
)

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
# Characters no abbreviation holds: what comes before the last of them is glued on
# ("Bokanmeldelse:A.J.", "”Mr.", "«L.A."). Not an apostrophe ("McDonald's."), a slash ("MB/s.")
# or a colon in a time or ratio ("kl. 17:25.", "16:9.").
_GLUED = re.compile(r".*(?:[;«“„”\"‘(\[]|:(?!\d))")

# How far back to look for the word before a period; abbreviations are short, and a bound
# keeps the whole pass linear even on 200,000-char paragraphs without spaces.
_LOOKBACK = 24
_LOOKAHEAD = 8
# How far around a number to look for its neighbours in a numbered list ("… 2. Crystal 3.").
_LIST_WINDOW = 120
# How far back to look for a word before a quotation or bracket (does it open mid-sentence?).
_CONTEXT = 100
# The longest quotation, and bracketed aside, that keeps its terminators to itself.
_QUOTATION_LIMIT = 100
_BRACKET_LIMIT = 60


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
            if ch.isupper() or _is_lower_brand(text, i):
                return "upper"
            return "lower"
        return "upper" if dash else ""
    return "upper" if dash else ""


def _is_lower_brand(text: str, i: int) -> bool:
    """A name written with a lower-case first letter: "iPhone", "i10", "eBay", "e-Golf"."""
    second = text[i + 1 : i + 2]
    if second == "-":
        return text[i + 2 : i + 3].isupper()
    return second.isupper() or second.isdigit()


def _next_word(text: str, pos: int) -> str:
    """The word after a gap, openers and trailing punctuation left out (bounded look-ahead)."""
    head = text[pos : pos + _LOOKAHEAD + _LOOKBACK].lstrip(_OPENERS + "\n\r\f\v")
    word = head.split(maxsplit=1)[0] if head.strip() else ""
    return word.rstrip(",.;:!?…»”\"’')]")


def _words_before(text: str, start: int, floor: int) -> tuple[str, str | None]:
    """The word that ends at ``start`` (case kept) and the token before it.

    Quotes, brackets and a label glued on in front are cut off the word ("”Mr", "A.J" of
    "Bokanmeldelse:A.J"; what was cut off is then the token before it). The second is None
    when the word opens the sentence (nothing before it since ``floor``), and "" when it lies
    beyond the bounded look-back.
    """
    lo = max(floor, start - 2 * _LOOKBACK)
    parts = text[lo:start].split()
    if not parts:
        return "", None
    glued = _GLUED.match(parts[-1])
    if glued:
        word, before = parts[-1][glued.end() :], parts[-1][: glued.end()]
        # A bare opening quote or bracket is not a word before: "«1. Tittel»" opens.
        if not any(ch.isalnum() for ch in before):
            parts[-1] = word
        else:
            return word, before
    else:
        word = parts[-1].lstrip("'")
    if len(parts) >= 2:
        return word, parts[-2]
    return word, (None if lo == floor else "")


def _is_acronym(raw: str) -> bool:
    """Written like an acronym or initials, not a lower-case abbreviation: "E.L", "DS", "S"."""
    return raw[:1].isupper() and (len(raw) == 1 or any(ch.isupper() for ch in raw[1:]))


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
        if run.endswith(")") and _closes_aside(text, m.start(), floor):
            # "… fire (!) USA-turneer …", "(ikke minst!) «Red Dead»" go on; "Dame Edna (!)
            # Flere gjester …" ends.
            return _next_word(text, m.end()) in OPENING_WORDS
        return True  # ! ? … "?!" "..." are not abbreviation dots.
    if core != run:
        return True  # "senere.»": a period inside closing quotes ends the quoted sentence.
    raw, before = _words_before(text, m.start(), floor)
    word = raw.lower()
    heading = not any(ch.islower() for ch in _next_word(text, m.end()))
    if not _is_acronym(raw) or word in WRITTEN_IN_CAPITALS or heading:
        # "E.L. James" and "Nintendo DS. Det" are no "e.l." or "ds."; "D.C." is, and so is
        # any in a heading in capitals ("MR. TURNER", "VOL. 2").
        if word in NEVER_END:
            return False
        if word in CAN_END:
            return nxt == "upper"
    if word in NAME_SUFFIXES and _next_start_is_word(text, m.end()):
        return True  # "… Robert Downey Jr. Tropic Thunder er …"; "Jr. – «Tittel»" goes on.
    if word in NAME_SUFFIXES or (raw[-1:].isupper() and _INITIALS.fullmatch(raw)):
        # Initials and dotted acronyms: "Jens S. Stoltenberg", "J.K. Rowling", "U.S. Air
        # Force", "H.M. Dronning Sonja", "Mozarts K. 581" go on; a word no name is ends them:
        # "U.S.A. Det".
        return nxt == "upper" and _next_word(text, m.end()) in OPENING_WORDS
    if word.isdigit() and len(word) <= 2 and _is_list_number(text, m.start(), floor, word, before):
        return False
    # Units and specs before a number ("1 t. 53 min.", "(2x4GB. 1 ledig slot)") go on;
    # ordinals/numbers ("kl. 16. Statsministeren", "i 2024. Neste") and ordinary words end
    # a sentence before a capital or digit ("... av Iran. 22 raketter ...").
    return not (nxt == "digit" and _is_unit_or_spec(word))


def _is_list_number(text: str, start: int, floor: int, number: str, before: str | None) -> bool:
    """Whether "N." (ending at ``start``) is a list number or an ordinal, not a sentence end.

    "todelt: 1. Bush …", "Ridder av 1. Klasse", "nr. 1. Den"; a sentence is never just "2.";
    and "N." in a numbered list: N-1 shortly before it in the same sentence ("1. Elegia 2.
    Crystal 3. Regret"), or, for 1, a 2 shortly after ("svarene 1. Messi og 2. FIFA"). A list
    ended by a sentence end does not reach into the next sentence ("… 4. Slutt. Den får
    terningkast 5. Neste …"), nor a later "5." make a list of "terningkast 4.".
    """
    if before is None or before.endswith(":") or before.lower() in BEFORE_ORDINAL:
        return True
    n = int(number)
    if n == 1:
        return _numbered(text[start + 1 : start + 1 + _LIST_WINDOW], 2)
    behind = text[max(floor, start - len(number) - _LIST_WINDOW) : start - len(number)]
    return _numbered(behind, n - 1)


def _numbered(window: str, n: int) -> bool:
    """Whether ``window`` holds "n." as a list number (a token of its own, then a space)."""
    token = f"{n}."
    i = window.find(token)
    while i >= 0:
        before = window[i - 1 : i] if i else " "
        after = window[i + len(token) : i + len(token) + 1]
        if not (before.isalnum() or before in ".,") and after.isspace():
            return True
        i = window.find(token, i + 1)
    return False


def _is_unit_or_spec(word: str) -> bool:
    """A one-letter unit ("t", "m") or a token mixing digits and letters ("2x4gb")."""
    if len(word) == 1:
        return word.isalpha()
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _closes_aside(text: str, start: int, floor: int) -> bool:
    """Whether the terminator at ``start`` closes a short bracket opened mid-sentence, and is
    the only one in it: "fire (!)", "nye(?)", "(ikke minst!)"."""
    opening = text.rfind("(", max(floor, start - _BRACKET_LIMIT), start)
    if opening < 0 or any(ch in ".!?…()" for ch in text[opening + 1 : start]):
        return False
    return _opens_mid_sentence(text, opening, floor)


def _next_start_is_word(text: str, pos: int) -> bool:
    """Whether the first thing after a gap is a letter (no dash, quote or bracket first)."""
    head = text[pos : pos + _LOOKAHEAD].lstrip()
    return head[:1].isalpha()


def _opens_mid_sentence(text: str, opening: int, floor: int) -> bool:
    """Whether a word of the sentence comes before ``opening`` (a quote or bracket)."""
    before = text[max(floor, opening - _CONTEXT) : opening].rstrip()
    return not before.endswith(":") and any(ch.isalnum() for ch in before)


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into whitespace-stripped, non-empty sentences.

    Never raises; runs in linear time; the sentences together hold exactly the paragraph's
    non-whitespace characters in their original order.
    """
    if not isinstance(paragraph, str) or not paragraph.strip():
        return []
    return list(_sentences(paragraph))


def first_sentence(paragraph: str) -> str | None:
    """`split_sentences(paragraph)[0]` (None for no sentence), looking no further than its end:
    a library's titles are first sentences."""
    if not isinstance(paragraph, str) or not paragraph.strip():
        return None
    return next(_sentences(paragraph), None)


def _sentences(paragraph: str) -> Iterator[str]:
    # A quotation a sentence opened around keeps its terminators: "… låter som «Oh! Pretty
    # Woman» og …", "… synger «I wanna be the minority. I don't need your authority» i kor".
    quotations = SpanCursor(quotation_spans(paragraph, _QUOTATION_LIMIT))
    start = 0
    for m in _CANDIDATE.finditer(paragraph):
        quoted = quotations.around(m.start())
        if quoted and m.end() <= quoted[1] and _opens_mid_sentence(paragraph, quoted[0], start):
            continue
        if not _is_boundary(paragraph, m, start):
            continue
        piece = paragraph[start : m.end()].strip()
        if piece:
            yield piece
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        yield tail
