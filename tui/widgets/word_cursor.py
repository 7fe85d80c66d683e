"""The word cursor: one word of a sentence pair and the words aligned with it in the other
column, and finding the word under the mouse in wrapped text."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.text import Text

from tui.views.paragraph_view import Highlight, ParagraphView, text_offset, word_at

SOURCE, TARGET = 0, 1


@dataclass(frozen=True)
class WordFocus:
    """Word `word` of column `side` (SOURCE or TARGET) in sentence `sentence` of a paragraph."""

    sentence: int
    side: int
    word: int


def word_highlights(
    view: ParagraphView, focus: WordFocus, focused: Style, counterpart: Style
) -> tuple[list[Highlight], list[Highlight]]:
    """The focused word and its counterparts, as highlights of the source and the target."""
    if focus.sentence >= len(view.words):
        return [], []
    words = view.words[focus.sentence]
    spans = (words.source, words.target)
    if focus.word >= len(spans[focus.side]):
        return [], []
    found: tuple[list[Highlight], list[Highlight]] = ([], [])
    start, end = spans[focus.side][focus.word]
    found[focus.side].append(Highlight(start, end, focused))
    other = 1 - focus.side
    for word in words.counterparts(focus.side, focus.word):
        if word < len(spans[other]):
            start, end = spans[other][word]
            found[other].append(Highlight(start, end, counterpart))
    return found


def focus_at(view: ParagraphView, side: int, offset: int) -> WordFocus | None:
    """The word at character `offset` of the paragraph's Norwegian (side 0) or its
    translation (side 1), if a sentence with words is there."""
    for sentence, words in enumerate(view.words):
        spans = words.source if side == SOURCE else words.target
        word = word_at(spans, offset)
        if word is not None:
            return WordFocus(sentence, side, word)
    return None


@dataclass(frozen=True)
class Wrapped:
    """A text wrapped to a width, with the character offset each line starts at."""

    lines: list[Text]
    starts: list[int]


def wrap(console: Console, text: Text, width: int) -> Wrapped:
    """`text` wrapped to `width` cells."""
    lines = list(text.wrap(console, max(width, 1), overflow="fold")) or [Text("")]
    plain, starts, at = text.plain, [], 0
    for line in lines:
        # Wrapping cuts the text into consecutive pieces, dropping only spaces at the cuts.
        found = plain.find(line.plain, at) if line.plain else at
        start = found if found >= 0 else at
        starts.append(start)
        at = start + len(line.plain)
    return Wrapped(lines, starts)


def focus_in(
    view: ParagraphView, side: int, wrapped: Wrapped, line: int, x: int
) -> WordFocus | None:
    """The word drawn at cell `x` of line `line` of one column of a paragraph."""
    if x < 0 or line >= len(wrapped.lines) or (side == TARGET and view.translation is None):
        return None
    drawn = offset_at(wrapped.lines[line], wrapped.starts[line], x)
    offset = drawn if side == SOURCE or drawn is None else text_offset(drawn, view.marks)
    return focus_at(view, side, offset) if offset is not None else None


def step_word(
    view: ParagraphView, sentence: int, current: WordFocus | None, step: int
) -> WordFocus | None:
    """The word cursor moved `step` words along the Norwegian words of `sentence` (from the
    first or last word when it is not on one yet); None when the sentence has no words."""
    if sentence >= len(view.words) or not view.words[sentence].source:
        return current
    count = len(view.words[sentence].source)
    at = current.word if current is not None and current.side == SOURCE else None
    word = (0 if step > 0 else count - 1) if at is None else max(0, min(at + step, count - 1))
    return WordFocus(sentence, SOURCE, word)


def offset_at(line: Text, start: int, x: int) -> int | None:
    """The character offset (in the whole text) drawn at cell `x` of a wrapped line."""
    cells = 0
    for index, char in enumerate(line.plain):
        cells += cell_len(char)
        if x < cells:
            return start + index
    return None
