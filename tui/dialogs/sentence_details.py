"""The whole story of one sentence, for when the line under the reader is cut: its Norwegian,
the English shown and where it comes from, the model's own English when something else is
shown, every QA flag in full, the review mark and the note."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class SentenceDetails(ModalScreen[None]):
    """Labelled fields, each wrapped in full; escape (or D again) closes."""

    CSS_PATH = "sentence_details.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("escape,D,q", "close", "Close", id="details.close"),
    ]

    def __init__(self, fields: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._fields = fields

    def compose(self) -> ComposeResult:
        with Vertical(id="details-box"):
            yield Static("This sentence", id="details-title")
            with VerticalScroll(id="details-fields"):
                for label, value in self._fields:
                    # Article text and the model's English are data: never markup.
                    yield Static(Text(label), classes="details-label")
                    yield Static(Text(value), classes="details-value")
            yield Static("escape closes", id="details-help")

    def action_close(self) -> None:
        self.dismiss(None)
