"""The `?` help screen: every key, as the user's keymap has it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keys import KeyHelp


class HelpScreen(ModalScreen[None]):
    """A list of keys; any of escape, q or ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, keys: list[KeyHelp]) -> None:
        super().__init__()
        self._keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static("tolk — keys", id="help-title", markup=False)
            for key in self._keys:
                yield Static(f"{key.keys:>18}  {key.description}", markup=False)
            yield Static(
                "\nRemap any key in config.toml under [keys], by the id in brackets.\n"
                "ctrl+p opens the command palette. The mouse works too.",
                markup=False,
            )

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
