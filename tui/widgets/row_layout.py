"""Where each paragraph of the reader sits: its first row and its height, a blank row between
paragraphs. Plain bookkeeping, kept apart from drawing."""

from __future__ import annotations

import bisect


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
