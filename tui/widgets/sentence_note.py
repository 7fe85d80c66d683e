"""The line under the reader that says why the sentence under the cursor needs a look."""

from __future__ import annotations

from textual.widgets import Static

from tui.widgets.styles import css_beside


class SentenceNote(Static):
    """Hidden until the sentence cursor is on a flagged or low-confidence sentence."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, *, id: str | None = None) -> None:
        # Plain text: the messages quote the article's words, which are data, never markup.
        super().__init__("", id=id, markup=False)
        self.text = ""

    def say(self, text: str | None) -> None:
        """Show `text`, or hide the line (None)."""
        self.text = text or ""
        self.update(self.text)
        self.display = text is not None
