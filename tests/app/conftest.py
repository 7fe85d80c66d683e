"""Fixtures for the Pilot tests: the real app started on the seeds, its scan done."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.pilot import make_app, open_article, reader_screen, wait_for_scan
from tests.conftest import SEEDS
from tui.app import TolkApp
from tui.reader import screen as screen_module
from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.library.jobs import scan
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


@pytest.fixture
def scan_held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The reader's scan waits before its first file until the test sets the event this gives
    (at the latest when the test ends): until then the reader is as it is before its first
    titles, its own widgets not in yet."""
    release = threading.Event()

    def held_scan(roots: list[Path], index_listed: threading.Event) -> Job:
        job = scan(roots, index_listed)

        def run(post: Post, cancelled: Cancelled) -> None:
            release.wait(10)
            job(post, cancelled)

        return run

    monkeypatch.setattr(screen_module, "scan", held_scan)
    yield release
    release.set()
