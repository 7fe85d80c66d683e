"""What the reader draws for one paragraph: its translation and the styling laid over both texts.

The strings are the article's and the model's (or the reviewer's) exactly; highlights and marks
are drawn over them at character offsets of those strings, so a mark never becomes part of the
text that highlighting, alignment or export read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:
    from tolk.translating import AlignedSentence


@dataclass(frozen=True)
class Highlight:
    """A styled span of a paragraph's text, by character offsets."""

    start: int
    end: int
    style: Style


@dataclass(frozen=True)
class Mark:
    """A glyph drawn into the English column after character `offset` of the translation (a
    review mark after its sentence, say). It is not part of the translation's text."""

    offset: int
    glyph: str
    component: str = ""  # the reader's component class that styles it, if any
    # The sentence (its index in the paragraph) whose missing English this mark stands in
    # for: the sentence cursor underlines it as it would the English.
    stands_for: int | None = None


@dataclass(frozen=True)
class SentenceWords:
    """One sentence pair's words, as character spans of the paragraph's Norwegian and of its
    translation, and which English word renders which Norwegian one."""

    source: tuple[tuple[int, int], ...]
    target: tuple[tuple[int, int], ...]
    links: tuple[tuple[int, int], ...]  # (source word, target word)

    def counterparts(self, side: int, word: int) -> list[int]:
        """The words of the other side aligned with word `word` of `side` (0: Norwegian)."""
        return sorted({pair[1 - side] for pair in self.links if pair[side] == word})


@dataclass(frozen=True)
class ParagraphView:
    """Paragraph i of the reader: its translation (None until it arrives) and what is drawn
    over the Norwegian and the English."""

    translation: str | None = None
    alignment: tuple[AlignedSentence, ...] = ()
    source_highlights: tuple[Highlight, ...] = ()
    target_highlights: tuple[Highlight, ...] = ()
    marks: tuple[Mark, ...] = ()
    words: tuple[SentenceWords, ...] = ()  # by sentence, as `alignment`


def display_offset(offset: int, marks: Sequence[Mark]) -> int:
    """Where character `offset` of a translation is drawn, after the marks inserted before it."""
    return offset + sum(len(mark.glyph) for mark in marks if mark.offset <= offset)


def text_offset(drawn: int, marks: Sequence[Mark]) -> int | None:
    """The translation's character drawn at `drawn`, or None where a mark is drawn."""
    shift = 0
    for mark in sorted(marks, key=lambda m: m.offset):
        start = mark.offset + shift
        if drawn < start:
            break
        if drawn < start + len(mark.glyph):
            return None
        shift += len(mark.glyph)
    return drawn - shift


def word_at(spans: Sequence[tuple[int, int]], offset: int) -> int | None:
    """The index of the word whose span holds character `offset`."""
    return next((i for i, (start, end) in enumerate(spans) if start <= offset < end), None)


def styled_text(
    text: str,
    base: Style | None,
    highlights: Sequence[Highlight],
    marks: Sequence[Mark] = (),
    sentence: tuple[int, int, Style] | None = None,
    component_style: Callable[[str], Style] | None = None,
    sentence_index: int | None = None,
) -> Text:
    """`text` as rich Text (plain: article text is data, never markup) with highlights, the
    sentence cursor's span (sentence `sentence_index`) and marks drawn over it."""
    styled = Text(text, style=base or "")
    for highlight in highlights:
        styled.stylize(highlight.style, highlight.start, highlight.end)
    if sentence is not None:
        start, end, style = sentence
        styled.stylize(style, start, end)
    # From the last mark back, so the offsets of the earlier ones still hold (marks at one
    # offset are drawn in their order).
    for mark in reversed(sorted(marks, key=lambda m: m.offset)):
        at = max(0, min(mark.offset, len(styled)))
        style = component_style(mark.component) if mark.component and component_style else Style()
        standing_in = mark.stands_for is not None and mark.stands_for == sentence_index
        if sentence is not None and standing_in:
            style += sentence[2]  # the cursor's sentence: its placeholder is underlined
        styled = Text.assemble(styled[:at], (mark.glyph, style), styled[at:])
        if base is not None:
            styled.style = base
    return styled
