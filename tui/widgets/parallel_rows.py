"""How the reader's rows look: a paragraph wrapped into its two columns (`Block`), the mark cell
before each column and the gutter between them, a paragraph's estimated height before it is
wrapped, and the message shown instead of an article.

Pure drawing from what `ParallelText` hands over (its styles, the console), so the widget keeps
to layout, cursors and events.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.views.paragraph_view import ParagraphView
from tui.widgets.paragraph_text import cell
from tui.widgets.word_cursor import SOURCE, TARGET, WordFocus, Wrapped, focus_in

GUTTER = " │ "
CURSOR_MARK = "▌"
BOOKMARK_MARK = "◆"


@dataclass
class Block:
    """One paragraph laid out at the current width."""

    source: Wrapped
    target: Wrapped

    @property
    def height(self) -> int:
        return max(len(self.source.lines), len(self.target.lines))


def column_width(width: int) -> int:
    """The width of each column (its mark cell included) in a widget `width` cells wide."""
    return max((width - len(GUTTER)) // 2, 4)


def estimated_height(source_length: int, target_length: int, width: int) -> int:
    """Rows a paragraph of these lengths (in characters) will take, before it is wrapped."""
    text_width = max(column_width(width) - 1, 1)
    longest = max(source_length, target_length)
    # Word wrapping leaves lines a little short of full.
    return max(1, -(-longest * 10 // (text_width * 9)))


def message_lines(message: str, width: int) -> list[str]:
    """The message shown instead of an article, wrapped to the widget's `width`."""
    return textwrap.wrap(message, max(width - 4, 8)) or [""]


def message_row(message: str, row: int, width: int, base: Style) -> Strip:
    """Row `row` of the widget while it shows a message (a blank row above it)."""
    lines = message_lines(message, width)
    if 1 <= row <= len(lines):
        return Strip([Segment("  " + lines[row - 1], base)]).adjust_cell_length(width, base)
    return Strip.blank(width, base)


def divider_row(width: int, base: Style, style: Callable[[str], Style]) -> Strip:
    """The blank row between paragraphs: it keeps the gutter."""
    gutter = Segment(GUTTER, base + style("parallel-text--gutter"))
    blank = Segment(" " * column_width(width), base)
    return Strip([blank, gutter]).adjust_cell_length(width, base)


def paragraph_row(
    console: Console,
    block: Block,
    offset: int,
    width: int,
    base: Style,
    style: Callable[[str], Style],
    on_cursor: bool,
    marked: bool,
) -> Strip:
    """Row `offset` of a paragraph: its Norwegian, the gutter, its English, each after a mark
    cell (the paragraph cursor's, or the bookmark's on the first row of a `marked` one)."""
    column = column_width(width)
    line_style = base + style("parallel-text--cursor") if on_cursor else base
    symbol = BOOKMARK_MARK if marked and offset == 0 else (CURSOR_MARK if on_cursor else " ")
    mark = Segment(symbol, line_style + style("parallel-text--mark"))
    segments = [
        *cell(console, block.source.lines, offset, column, line_style, mark),
        Segment(GUTTER, base + style("parallel-text--gutter")),
        *cell(console, block.target.lines, offset, column, line_style, mark),
    ]
    return Strip(segments).adjust_cell_length(width, base)


def focus_at(view: ParagraphView, block: Block, line: int, x: int, width: int) -> WordFocus | None:
    """The word drawn at cell `x` of line `line` of a paragraph, in either column."""
    column = column_width(width)
    if x < column:  # past the mark cell of each column
        return focus_in(view, SOURCE, block.source, line, x - 1)
    x -= column + len(GUTTER) + 1
    return focus_in(view, TARGET, block.target, line, x)
