"""The row above the reader naming its two columns."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class ColumnTitles(Horizontal):
    """`Norsk | English`, aligned with the reader's columns."""

    def compose(self) -> ComposeResult:
        yield Static("Norsk", markup=False)
        yield Static("English", id="target-title", markup=False)

    def set_target_title(self, text: str) -> None:
        """Say what the English column holds (model name, progress)."""
        self.query_one("#target-title", Static).update(text)
