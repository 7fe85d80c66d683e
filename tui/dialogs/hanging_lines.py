"""Lines with a hanging indent: each line's lead (its indent and a number or bullet, "  1. ")
stands before its first row, and the rows its text wraps onto start under the text, not under
the lead, nor at column 0 — as a dictionary sets its definitions.

A Rich renderable, drawn by Rich's own wrapping: a Text handed to a Static as a whole loses the
spaces a line starts with when it is wrapped (Textual's content wrapping folds them away), and
a run-on definition would read as a new paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text


@dataclass(frozen=True)
class HangingLine:
    """One line: its lead (spaces and a marker, drawn before its first row), its text, and
    the style of the lead."""

    lead: str
    text: Text
    lead_style: str = ""


class HangingLines:
    """Lines, each wrapped to the width it is drawn at, its later rows indented as far as its
    first row's text."""

    def __init__(self, lines: Iterable[HangingLine]) -> None:
        self.lines = list(lines)

    @property
    def plain(self) -> str:
        """The lines unwrapped, leads and all: what they say, whatever the width."""
        return "\n".join(line.lead + line.text.plain for line in self.lines)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for line in self.lines:
            yield from self._rows(console, line, width)

    def _rows(self, console: Console, line: HangingLine, width: int) -> Iterator[Segment]:
        indent = min(cell_len(line.lead), max(width - 1, 0))
        lead_style = Style.parse(line.lead_style) if line.lead_style else Style()
        rows = line.text.wrap(console, max(width - indent, 1)) if line.text.plain else [Text()]
        for number, row in enumerate(rows):
            yield Segment(line.lead[:indent] if number == 0 else " " * indent, lead_style)
            row.rstrip()
            yield from row.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line.lead) + line.text.cell_len for line in self.lines), default=0)
        return Measurement(1, min(widest, options.max_width))
