"""Helpers for driving the real app in tests."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerCancelled, WorkerState

from tolk import paths
from tolk.config import load_config
from tui.app import TolkApp
from tui.reader.screen import ReaderScreen

_BUSY = (WorkerState.PENDING, WorkerState.RUNNING)


def write_config(text: str) -> None:
    """Write the test's config.toml, as the user would."""
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text(text)


def make_app(*roots: Path, position_delay: float = 1.0) -> TolkApp:
    """The app as `tolk PATH...` starts it, reading config.toml from the test's config dir."""
    return TolkApp(list(roots), load_config(), position_delay=position_delay)


async def settle(pilot: Pilot[None], *, rounds: int = 100) -> None:
    """Wait until no worker is running and every message they posted has been handled.

    Handlers start new workers (a loaded article starts its translation, a stored bookmark
    refreshes the sidebar), so one wait is not enough: wait for the workers, let the messages
    through, and repeat until a round ends with nothing running."""
    for _ in range(rounds):
        # A worker of an exclusive group replaced by a newer one: the next round waits.
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.state in _BUSY for worker in pilot.app.workers):
            return
    raise AssertionError(f"the app was still busy after {rounds} rounds of work")


async def refreshed(widget: Widget) -> None:
    """Wait until what `widget` asked to do after its next refresh is done (a scroll to the
    cursor waits for the layout that gives the rows their height): its callbacks run in order,
    so one asked for now runs after them. `settle` does not wait for a refresh."""
    done = asyncio.Event()
    widget.call_after_refresh(done.set)
    await done.wait()


def reader_screen(pilot: Pilot[None]) -> ReaderScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def wait_for_scan(pilot: Pilot[None]) -> None:
    """Wait until the library scan has listed every file."""
    await pilot.pause()
    await settle(pilot)


async def open_article(pilot: Pilot[None], index: int) -> None:
    """Highlight the `index`th article in the list and press Enter, as a user would."""
    screen = reader_screen(pilot)
    articles = screen.sidebar.article_list
    articles.focus()
    await pilot.press("home", *["down"] * index, "enter")
    await settle(pilot)


def rendered_lines(widget: Widget) -> list[str]:
    """The text of each line the widget shows now, as the terminal would get it."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def wait_for_group(pilot: Pilot[None], group: str) -> None:
    """Wait for the workers of `group` that are running now, then for their messages."""
    for worker in [w for w in pilot.app.workers if w.group == group]:
        await worker.wait()
    await pilot.pause()


def column_text(widget: Widget, side: int) -> str:
    """What one column of the reader shows (0: Norwegian, 1: English), its rows joined and
    its whitespace (wrapping, the cursor's gutter cell) made single spaces."""
    return " ".join(" ".join(columns(line)[side][1:] for line in rendered_lines(widget)).split())


def columns(line: str) -> tuple[str, str]:
    """A reader line split into its Norwegian and English halves."""
    from tui.widgets.parallel_rows import GUTTER

    left, _, right = line.partition(GUTTER)
    return left, right
