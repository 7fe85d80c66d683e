"""The line under the reader that says why the sentence under the cursor needs a look."""

from __future__ import annotations

from textual.widgets import Static

from tui.widgets.styles import css_beside


class SentenceNote(Static):
    """One row under the reader, about the sentence under the cursor: why it needs a look
    (highlighted), or else the model's confidence in it. Shown whenever there is a model, so
    the reader does not change height as the cursor moves."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, *, id: str | None = None) -> None:
        # Plain text: the messages quote the article's words, which are data, never markup.
        super().__init__("", id=id, markup=False)
        self.text = ""

    def say(self, text: str, *, look: bool) -> None:
        """Show `text`; `look`: the sentence needs a look."""
        self.text = text
        self.update(text)
        self.set_class(look, "-look")

    @property
    def look(self) -> bool:
        """Whether the line says the sentence needs a look."""
        return self.has_class("-look")
