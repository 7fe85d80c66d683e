"""Where each paragraph of the reader sits: its first row and its height, a blank row between
paragraphs (`RowLayout`), and each wrapped when first drawn (`ParagraphLayout`). Plain
bookkeeping, kept apart from drawing, scrolling and events (`ParallelText`)."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from tui.widgets.parallel_rows import Block


class RowLayout:
    """Paragraphs placed one under another; heights change as paragraphs are wrapped."""

    def __init__(self) -> None:
        self.heights: list[int] = []
        self.starts: list[int] = []  # first row of each paragraph
        self.total = 0

    def reset(self, heights: list[int]) -> None:
        """Place paragraphs of these heights."""
        self.heights = heights
        self.reflow()

    def set_height(self, index: int, height: int) -> None:
        """Paragraph `index` is `height` rows now: it and everything below it move."""
        self.heights[index] = height
        self.reflow(index)

    def reflow(self, start: int = 0) -> None:
        """Place the paragraphs from `start` on."""
        del self.starts[start:]
        row = self.starts[-1] + self.heights[start - 1] + 1 if start > 0 else 0
        for index in range(start, len(self.heights)):
            self.starts.append(row)
            row += self.heights[index] + 1
        self.total = row

    def owner(self, row: int) -> int:
        """The paragraph drawn on `row`, or -1 for a blank row between paragraphs."""
        index = bisect.bisect_right(self.starts, row) - 1
        if index < 0 or row >= self.starts[index] + self.heights[index]:
            return -1
        return index

    def at_or_before(self, row: int) -> int:
        """The paragraph on `row`, or the one above a blank row."""
        return max(bisect.bisect_right(self.starts, row) - 1, 0)


@dataclass(frozen=True)
class Grown:
    """A paragraph's height changed as it was wrapped: by `rows`, and whether it lies wholly
    above `scroll_y` (the text being read then moves down by `rows` unless the view follows)."""

    rows: int
    above_view: bool


class ParagraphLayout:
    """The open article's paragraphs in the reader's rows at one width. Each is wrapped into a
    `Block` when first drawn (`block`): until then its height is an estimate from its length,
    so a 3 MB article opens as fast as a short one."""

    def __init__(self) -> None:
        self.rows = RowLayout()
        self.width = -1  # the width laid out at
        self._blocks: list[Block | None] = []

    def __len__(self) -> int:
        return len(self._blocks)

    def reset(self, width: int, estimates: list[int]) -> None:
        """Start over at `width`, every paragraph unwrapped, of these estimated heights."""
        self.width = width
        self._blocks = [None] * len(estimates)
        self.rows.reset(estimates)

    def anchor(self, top: int) -> tuple[int, int] | None:
        """Where row `top` is, as (paragraph, rows into it); None when nothing is laid out."""
        if not self._blocks:
            return None
        index = self.rows.at_or_before(top)
        return index, top - self.rows.starts[index]

    def row_of(self, anchor: tuple[int, int]) -> int | None:
        """The row an `anchor` taken before a reset is at now (None: past the last paragraph);
        inside its paragraph however much that shrank."""
        index, offset = anchor
        if index >= len(self._blocks):
            return None
        return self.rows.starts[index] + max(0, min(offset, self.rows.heights[index] - 1))

    def forget(self, index: int) -> None:
        """Paragraph `index` is wrapped again when next drawn (what it shows changed)."""
        if 0 <= index < len(self._blocks):
            self._blocks[index] = None

    def block(
        self, index: int, wrap: Callable[[int], Block], scroll_y: float
    ) -> tuple[Block, Grown | None]:
        """Paragraph `index` wrapped (by `wrap`, if it was not yet), and how its height changed
        if it did: everything below it has moved."""
        block = self._blocks[index]
        if block is not None:
            return block, None
        block = self._blocks[index] = wrap(index)
        rows = self.rows
        change = block.height - rows.heights[index]
        if not change:
            return block, None
        above_view = rows.starts[index] + rows.heights[index] <= scroll_y
        rows.set_height(index, block.height)
        return block, Grown(change, above_view)
