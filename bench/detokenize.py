"""Undo the tokenisation of NoReC's text: "god , og ( i hvert fall ) billig" → "god, og (i hvert
fall) billig".

NoReC (and so NoReC_fine) ships each sentence as tokens separated by single spaces; a splitter
must see text as a newspaper prints it, because its decisions hang on the spaces (a period
followed by a space is a candidate, "« Hei" is not a quote opening a word). The detokeniser
only decides, for each gap between two tokens, whether to keep its space; it never adds, drops
or changes a character, so boundary positions counted in non-whitespace characters
(``bench/boundaries.py``) are the same before and after. The rules, in order, for the gap
between token ``a`` and the next token ``b``:

1. ``a`` is a dash (``- – —``): keep the space ("– ... men", "1775 - 1851" stay as they are).
2. ``b`` is closing punctuation, made only of ``, . ; : ! ? … % ) ] } »``: no space
   ("vent ..." → "vent...", "Dr ." → "Dr.", "f.eks . i regn" → "f.eks. i regn").
3. ``a`` opens, made only of ``( [ { « „``: no space ("( i" → "(i", "« Hei" → "«Hei").
4. A straight or curly double quote (``" “ ”``, all three used both ways in the reviews) is
   closing when punctuation of rule 2 follows it or nothing does, opening when it starts the
   paragraph or follows an opener or a dash, and otherwise the opposite of the last double
   quote in the paragraph (the quotes alternate); an opening quote sticks to the next token, a
   closing one to the previous: 'spilte " Ask " , og' → 'spilte "Ask", og'.
5. A lone apostrophe (``'`` or ``’``): before ``s``, ``t``, ``d``, ``m``, ``ll``, ``re``,
   ``ve`` after a word it joins both ("Nobody ’ s Fault" → "Nobody’s Fault"); after a word
   ending in s, x or z it is a possessive and sticks to that word ("Jones ’ bok" → "Jones’
   bok"); otherwise it is a single quote, alternating like rule 4.
6. Any other gap keeps its space: "AC / DC" and "Kr . 198 , -" → "Kr. 198, -".

What it cannot undo: the tokeniser also cut some initials and acronyms apart ("J. K."
for "J.K."), and there the printed spelling is not recoverable; a quote that
opens in one paragraph and closes in the next flips rule 4's alternation for the rest of the
paragraph. Both only move spaces next to the tokens involved.
"""

from __future__ import annotations

__all__ = ["detokenize"]

_CLOSING = frozenset(",.;:!?…%)]}»")
_OPENING = frozenset("([{«„")
_DASHES = frozenset({"-", "–", "—", "\x96"})
_DOUBLE_QUOTES = frozenset({'"', "“", "”"})
_APOSTROPHES = frozenset({"'", "’"})
_CONTRACTED = frozenset({"s", "t", "d", "m", "ll", "re", "ve"})


def _is_closing(token: str | None) -> bool:
    return token is not None and all(ch in _CLOSING for ch in token)


def _is_opening(token: str | None) -> bool:
    return token is not None and all(ch in _OPENING for ch in token)


def _quote_opens(prev: str | None, nxt: str | None, was_open: bool) -> bool:
    """Rule 4: whether a symmetric quote between ``prev`` and ``nxt`` opens a quotation."""
    if nxt is None or _is_closing(nxt):
        return False
    if prev is None or _is_opening(prev) or prev in _DASHES:
        return True
    return not was_open


def detokenize(tokens: list[str]) -> str:
    """Tokens joined as printed text: a space kept or dropped in each gap, nothing else."""
    # For each token: does it stick to the token before / after it?
    glue_left = [False] * len(tokens)
    glue_right = [False] * len(tokens)
    double_open = single_open = False
    for i, token in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if token in _DOUBLE_QUOTES:
            double_open = _quote_opens(prev, nxt, double_open)
            glue_right[i], glue_left[i] = double_open, not double_open
        elif token in _APOSTROPHES:
            word_before = prev is not None and prev[-1:].isalnum()
            if word_before and nxt is not None and nxt.lower() in _CONTRACTED:
                glue_left[i] = glue_right[i] = True
            elif word_before and prev is not None and prev[-1:].lower() in "sxz":
                glue_left[i] = True
            else:
                single_open = _quote_opens(prev, nxt, single_open)
                glue_right[i], glue_left[i] = single_open, not single_open
        elif _is_closing(token):
            glue_left[i] = True
        elif _is_opening(token):
            glue_right[i] = True
    out: list[str] = []
    for i, token in enumerate(tokens):
        if i and (tokens[i - 1] in _DASHES or not (glue_right[i - 1] or glue_left[i])):
            out.append(" ")
        out.append(token)
    return "".join(out)
