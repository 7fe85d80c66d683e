"""Fixtures for the Pilot tests: the real app started on the seeds, its scan done."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from textual.pilot import Pilot

from tests.app.pilot import make_app, open_article, reader_screen, wait_for_scan
from tests.conftest import SEEDS
from tui.app import TolkApp
from tui.reader.screen import ReaderScreen


@pytest.fixture(autouse=True)
def dictionary_prepared(request: pytest.FixtureRequest) -> None:
    """Every reader here finds the dictionary prepared, as on any start after a user's first
    (the session's, prepared once by the real code and linked into the test's cache dir):
    prepared anew in each test's cache dir, it cost every test seconds of a core. A test of
    the first start, which prepares it, is marked `dictionary_unprepared`."""
    if request.node.get_closest_marker("dictionary_unprepared") is None:
        request.getfixturevalue("dictionary_in_cache")


@dataclass
class RunningReader:
    """The app, its pilot and the reader screen, as a user sees them after start."""

    app: TolkApp
    pilot: Pilot[None]

    @property
    def screen(self) -> ReaderScreen:
        return reader_screen(self.pilot)

    async def open(self, index: int) -> None:
        """Highlight the `index`th article in the list and press Enter."""
        await open_article(self.pilot, index)


@pytest.fixture
async def reader() -> AsyncIterator[RunningReader]:
    """`tolk SEEDS` at 120x40, its library listed."""
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        yield RunningReader(app, pilot)
