"""Where quotations open and close in a paragraph, found in one linear pass.

The sentence splitter asks whether a terminator lies inside a quotation that a sentence opened
around it: "… låter som «Oh! Pretty Woman» og …".
"""

from __future__ import annotations

import re

# A span: the index of the opening character and of the closing one.
Span = tuple[int, int]

_QUOTE = re.compile(r"[«»“”„\"]")
# Characters after which a quote that is not « or » opens rather than closes.
_BEFORE_OPENING = "([{–—-/"


def quotation_spans(text: str, limit: int) -> list[Span]:
    """The quotations of ``text`` at most ``limit`` characters long, in order.

    « and „ open, » closes; “ ” and " (used both ways in Norwegian print: ”Tittel”) open after
    a space, a bracket or a dash and before a non-space, and close otherwise. A quotation still
    open when another opens is dropped (a stray quote must not swallow the paragraph), and so
    is one not closed within ``limit``.
    """
    spans: list[Span] = []
    open_at = -1
    for m in _QUOTE.finditer(text):
        i, ch = m.start(), m.group()
        before = text[i - 1] if i else " "
        after = text[i + 1 : i + 2] or " "
        opens = ch in "«„" or (
            ch != "»" and (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()
        )
        if opens:
            open_at = i
        elif open_at >= 0:
            if i - open_at <= limit:
                spans.append((open_at, i))
            open_at = -1
    return spans


class SpanCursor:
    """Walks forward over sorted, non-overlapping spans: which one holds a position."""

    def __init__(self, spans: list[Span]) -> None:
        self._spans = spans
        self._next = 0

    def around(self, pos: int) -> Span | None:
        """The span whose opening is before ``pos`` and whose closing is at or after it.

        Positions must be asked for in increasing order (each call moves past closed spans).
        """
        spans = self._spans
        while self._next < len(spans) and spans[self._next][1] < pos:
            self._next += 1
        if self._next < len(spans) and spans[self._next][0] < pos:
            return spans[self._next]
        return None
