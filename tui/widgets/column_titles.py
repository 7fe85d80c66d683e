"""The row above the reader naming its two columns, with the translation's progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from tui.widgets.styles import css_beside


class ColumnTitles(Horizontal):
    """`Norsk | English · status`, aligned with the reader's columns."""

    DEFAULT_CSS = css_beside(__file__)

    def compose(self) -> ComposeResult:
        yield Static("Norsk", id="source-title", markup=False)
        yield Static("English", id="target-title", markup=False)
        # The download's bar is mounted when a download starts: most starts have none, and
        # the first frame need not build it.

    target_title = ""

    def set_source_title(self, text: str) -> None:
        """Say what the Norwegian column holds (where the article came from)."""
        self.query_one("#source-title", Static).update(text)

    def set_target_title(self, text: str) -> None:
        """Say what the English column holds (model name, progress)."""
        self.target_title = text
        self.query_one("#target-title", Static).update(text)

    def show_download(self, done: int, total: int | None, bytes_per_second: float) -> None:
        """Show a model download: size so far, total and speed, and a bar."""
        size = f"{_megabytes(done)}" + (f" of {_megabytes(total)}" if total else "")
        self.set_target_title(f"Installing model · {size} · {_megabytes(bytes_per_second)}/s")
        bars = self.query("#download").results(ProgressBar)
        bar = next(bars, None)
        if bar is None:
            bar = ProgressBar(id="download", show_eta=False)
            self.mount(bar)
        bar.display = True
        bar.update(total=total, progress=done)

    def hide_download(self) -> None:
        """The download is over."""
        for bar in self.query("#download"):
            bar.display = False


def _megabytes(count: float) -> str:
    return f"{count / 1_000_000:.1f} MB"
