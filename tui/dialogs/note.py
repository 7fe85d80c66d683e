"""A small dialog for a bookmark's note."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class NoteScreen(ModalScreen[str | None]):
    """Edit a note; Enter saves (an empty note clears it), escape cancels (returns None)."""

    CSS_PATH = "note.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note.cancel")]  # noqa: RUF012

    def __init__(self, title: str, note: str | None) -> None:
        super().__init__()
        self._title = title
        self._note = note or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(self._title, id="note-title", markup=False)
            yield Input(self._note, placeholder="A note for this bookmark…", id="note-input")
            yield Static("enter saves · escape cancels", id="note-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
