"""Snapshots of the main screen at the two sizes tolk must work at (pytest-textual-snapshot).

Regenerate after an intended visual change with `.venv/bin/pytest tests/test_snapshots.py
--snapshot-update`, and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.conftest import SEEDS
from tests.pilot import make_app, open_article, wait_for_scan

SnapCompare = Callable[..., bool]


async def _open_newest(pilot: Pilot[None]) -> None:
    await wait_for_scan(pilot)
    await open_article(pilot, 0)
    await pilot.press("j")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_reader_with_article_open(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(SEEDS), terminal_size=size, run_before=_open_newest)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_library_listed_on_start(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(SEEDS), terminal_size=size, run_before=wait_for_scan)
