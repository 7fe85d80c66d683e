"""The `?` help screen: every key, as the user's keymap has it, under a heading for each part of
the screen."""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tolk.dictionary.location import ATTRIBUTION
from tui.keys import KeyGroup

# The keys column is as wide as its widest entry, up to this; a longer one (a remapping to many
# keys) wraps within the column.
KEYS_COLUMN_MOST = 16


class HelpScreen(ModalScreen[None]):
    """A list of keys; any of escape, q or ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, groups: list[KeyGroup]) -> None:
        super().__init__()
        self._groups = groups

    def compose(self) -> ComposeResult:
        widest = max(
            (cell_len(key.keys) for group in self._groups for key in group.keys), default=0
        )
        width = min(widest, KEYS_COLUMN_MOST)
        with VerticalScroll(id="help-box"):
            yield Static("tolk — keys", id="help-title", markup=False)
            for group in self._groups:
                yield Static(group.heading, classes="help-heading", markup=False)
                yield Static(_key_table(group, width), classes="help-keys")
            yield Static(
                "Remap any key in config.toml under [keys], by the id in brackets.\n"
                "ctrl+p opens the command palette. The mouse works too.\n"
                f"The dictionary (d): {ATTRIBUTION}.",
                id="help-footnote",
                markup=False,
            )

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


def _key_table(group: KeyGroup, keys_width: int) -> Table:
    """Keys on the left, right-aligned; what they do on the right, a long description wrapping
    under itself, not under the keys. Text objects: descriptions are plain text, not markup."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", width=keys_width, style="bold")
    table.add_column(ratio=1)
    for key in group.keys:
        description = Text(key.description)
        description.append(f"  [{key.id}]", style="dim")
        table.add_row(Text(key.keys), description)
    return table
