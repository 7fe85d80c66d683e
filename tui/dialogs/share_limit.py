"""A small dialog asking for the most new words (percent) an article may have to be listed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

DEFAULT_PERCENT = 10


def parse_percent(text: str) -> int | None:
    """A whole percent from 0 to 100 ("15", "15%"), or None when `text` is none."""
    cleaned = text.strip().removesuffix("%").strip()
    if not cleaned.isdigit():
        return None
    value = int(cleaned)
    return value if 0 <= value <= 100 else None


class ShareLimitScreen(ModalScreen[int | None]):
    """Enter a share; Enter filters, escape cancels (None)."""

    CSS_PATH = "share_limit.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="share_limit.cancel")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        with Vertical(id="share-box"):
            yield Static("Show articles with at most this share of new words (%)", id="share-title")
            yield Input(placeholder=f"{DEFAULT_PERCENT} (enter alone)", id="share-input")
            yield Static(
                "Only articles opened once have a share · enter shows · escape cancels",
                id="share-help",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _chosen(self, event: Input.Submitted) -> None:
        percent = parse_percent(event.value or str(DEFAULT_PERCENT))
        if percent is None:
            self.notify("A whole percent from 0 to 100, please.", severity="warning")
            return
        self.dismiss(percent)

    def action_cancel(self) -> None:
        self.dismiss(None)
