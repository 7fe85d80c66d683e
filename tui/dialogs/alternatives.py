"""What can replace a sentence's English: translation-memory matches (near ones with their
similarity), the model's own translation and its n-best; choosing one makes it the correction."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

ALTERNATIVES_HELP = "↑/↓ choose · enter makes it the correction · escape keeps the sentence"


@dataclass(frozen=True)
class Alternative:
    """One English offered for a sentence, and where it comes from ("memory 87% · file.tmx",
    "model", "model n-best")."""

    text: str
    label: str


class AlternativesScreen(ModalScreen[str | None]):
    """Enter takes the highlighted translation; escape keeps the sentence as it is."""

    CSS_PATH = "alternatives.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="alternatives.cancel")]  # noqa: RUF012

    def __init__(self, source: str, alternatives: list[Alternative]) -> None:
        super().__init__()
        self._source = source
        self.alternatives = alternatives

    def compose(self) -> ComposeResult:
        with Vertical(id="alternatives-box"):
            # A run-on sentence must not push the rest off the screen: it scrolls instead.
            with VerticalScroll(id="alternatives-source"):
                yield Static(self._source, markup=False)
            yield OptionList(
                *[Option(_option(n, found)) for n, found in enumerate(self.alternatives, 1)],
                id="alternatives",
            )
            yield Static(ALTERNATIVES_HELP, id="alternatives-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.alternatives[event.option_index].text)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _option(number: int, alternative: Alternative) -> Text:
    """The English, then where it comes from, dimmed (plain text: both are data, not markup)."""
    text = Text(f"{number}. {alternative.text}")
    text.append(f"  ({alternative.label})", style="dim")
    return text
