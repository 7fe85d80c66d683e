"""A small dialog that asks for the URL of an article page to add to the library."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tolk.feeds.links import url_problem


class AddUrlScreen(ModalScreen[str | None]):
    """Ask for an http(s) URL; Enter answers it (a URL tolk would not ask for is said, and
    the dialog stays), escape cancels (None)."""

    CSS_PATH = "add_url.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="add_url.cancel")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        with Vertical(id="add-url-box"):
            yield Static("Add an article by its URL", id="add-url-title", markup=False)
            yield Input(placeholder="https://www.nrk.no/…", id="add-url-input")
            problem = Static("", id="add-url-problem", markup=False)
            problem.display = False  # until there is one to show
            yield problem
            yield Static(
                "enter fetches the page and saves its article · escape cancels",
                id="add-url-help",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        url = event.value.strip()
        problem = url_problem(url)
        if problem is not None:
            # The text is the user's own and the reason tolk's: shown as text, never markup.
            shown = self.query_one("#add-url-problem", Static)
            shown.update(f"{problem}: type an http(s) URL")
            shown.display = True
            return
        self.dismiss(url)

    def action_cancel(self) -> None:
        self.dismiss(None)
