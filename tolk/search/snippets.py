"""Snippets: the window of a matching paragraph that a search result shows."""

from __future__ import annotations

from collections.abc import Sequence

from tolk.keywords.matching import KeywordHit

__all__ = ["SNIPPET_CHARS", "make_snippet"]

SNIPPET_CHARS = 140
# How much text to keep before the first hit, so it is read in context.
_SNIPPET_LEAD = 40


def make_snippet(text: str, hits: Sequence[KeywordHit]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of `text` around the first hit, cut at spaces and marked with `…`, and the
    spans of the hits inside it (offsets into the snippet)."""
    if len(text) <= SNIPPET_CHARS:
        return text, tuple((hit.start, hit.end) for hit in hits)
    anchor = hits[0].start if hits else 0
    start = max(0, anchor - _SNIPPET_LEAD)
    if start > 0:
        space = text.find(" ", start, anchor)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", hits[0].end if hits else start, end)
        end = space if space > start else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    spans = tuple(
        (hit.start + shift, min(hit.end, end) + shift)
        for hit in hits
        if hit.start >= start and hit.start < end
    )
    return prefix + text[start:end] + suffix, spans
