"""One real tolk reader in a process of its own, for tests/app/test_two_readers.py.

Run: ``python -m tests.support.reader_process BASE PARAGRAPH ROUNDS`` from the repository root. Per
round it points every XDG directory at a brand-new home under ``BASE/<round>/``, says
``ready <round>`` on stdout and waits for ``go <round>`` on stdin: the test sends it to both
readers once both are ready, so they start at the same instant (a barrier over pipes). It then
runs the real TolkApp headless on the seed articles, opens the first article, bookmarks
paragraph PARAGRAPH, quits, and reports ``result {json}``: whether bookmarks were on, the
paragraphs the reader showed as bookmarked, its notifications and the database's path.

A second barrier sits where the reader's own start-up job opens the user database: the job
says ``opening <round>`` and waits for ``open <round>``, then opens it as always. Without it
the two openings began 6-230 ms apart (12 rounds measured here), most often the second after
the first had finished (an opening takes 1-150 ms under load); with it they begin within a few
milliseconds and overlap in nearly every round.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from tests.app.pilot import make_app, open_article, reader_screen, settle, wait_for_scan
from tests.conftest import SEEDS
from tolk import paths
from tolk.userdata.store import DATABASE_NAME, OpenedStore
from tui.reader.bookmarks import state as bookmarks

HOME_DIRS = (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"))


async def read_and_bookmark(paragraph: int) -> dict[str, Any]:
    """Start the reader, bookmark `paragraph` of the first article, quit; what happened."""
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)
        screen = reader_screen(pilot)
        bookmarks_on = screen.parts.bookmark_feature.store is not None
        await open_article(pilot, 0)
        await pilot.press(*["j"] * paragraph, "b")
        await settle(pilot)
        opened = screen.article
        report = {
            "bookmarks_on": bookmarks_on,
            "article": str(opened.path) if opened is not None else None,
            "marked": sorted(screen.parallel_text.marked),
            "notices": [f"{n.title}: {n.message}" for n in app._notifications],
            "database": str(paths.data_dir() / DATABASE_NAME),
        }
        await pilot.press("q")
    return report


def _wait_for(line: str) -> None:
    if sys.stdin.readline().strip() != line:
        raise SystemExit(f"the test gave up waiting for {line!r}")


@contextmanager
def open_with_peer(number: int) -> Iterator[None]:
    """The reader's start-up job opens the store only when the peer's does (second barrier)."""
    real_open = bookmarks.open_store

    def open_store(path: Path | None = None) -> OpenedStore:
        print(f"opening {number}", flush=True)
        _wait_for(f"open {number}")
        return real_open(path)

    with mock.patch.object(bookmarks, "open_store", open_store):
        yield


def main() -> None:
    base, paragraph, rounds = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    for number in range(rounds):
        home = base / str(number)
        for name, sub in HOME_DIRS:
            os.environ[name] = str(home / sub)
        print(f"ready {number}", flush=True)
        _wait_for(f"go {number}")
        with open_with_peer(number):
            report = asyncio.run(read_and_bookmark(paragraph))
        print("result " + json.dumps({"round": number, **report}), flush=True)


if __name__ == "__main__":
    main()
