"""The correction editor: a sentence's Norwegian above, its English in a TextArea."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

# f7 is TextArea's own select-all (its ctrl+a goes to the line start): with the machine's
# sentence selected, what the reviewer types replaces it.
EDITOR_HELP = "f7 selects all, typing replaces it · ctrl+s or f2 saves · escape cancels"


class CorrectionEditor(ModalScreen[str | None]):
    """ctrl+s (or f2) saves the text, escape cancels (returns None)."""

    CSS_PATH = "editor.tcss"
    # ctrl+s is swallowed by some terminals (XON/XOFF flow control), so f2 saves too.
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+s,f2", "save", "Save", tooltip="Save the correction", id="editor.save"),
        Binding("escape", "cancel", "Cancel", id="editor.cancel"),
    ]

    def __init__(self, source: str, target: str) -> None:
        super().__init__()
        self._source = source
        self._target = target

    def compose(self) -> ComposeResult:
        with Vertical(id="editor-box"):
            # A run-on sentence must not push the rest off the screen: it scrolls instead.
            with VerticalScroll(id="editor-source"):
                yield Static(self._source, markup=False)
            yield TextArea(self._target, id="editor-text", soft_wrap=True)
            yield Static(EDITOR_HELP, id="editor-help", markup=False)

    def on_mount(self) -> None:
        text_area = self.query_one(TextArea)
        text_area.focus()
        text_area.move_cursor(text_area.document.end)

    def action_save(self) -> None:
        # One sentence is one line: newlines typed by habit become spaces.
        self.dismiss(" ".join(self.query_one(TextArea).text.split()))

    def action_cancel(self) -> None:
        self.dismiss(None)
