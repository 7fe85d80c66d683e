"""The model's n-best translations of a sentence; choosing one makes it the correction."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class AlternativesScreen(ModalScreen[str | None]):
    """Enter takes the highlighted translation; escape keeps the sentence as it is."""

    CSS_PATH = "alternatives.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="alternatives.cancel")]  # noqa: RUF012

    def __init__(self, source: str, alternatives: list[str]) -> None:
        super().__init__()
        self._source = source
        self.alternatives = alternatives

    def compose(self) -> ComposeResult:
        with Vertical(id="alternatives-box"):
            yield Static(self._source, id="alternatives-source", markup=False)
            yield OptionList(
                *[Option(Text(f"{n}. {text}")) for n, text in enumerate(self.alternatives, 1)],
                id="alternatives",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.alternatives[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
