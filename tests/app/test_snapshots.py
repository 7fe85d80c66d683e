"""Snapshots of the main screen at the two sizes tolk must work at (pytest-textual-snapshot).

Regenerate after an intended visual change with `.venv/bin/pytest tests/app/test_snapshots.py
--snapshot-update`, and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.pilot import make_app, open_article, settle, wait_for_scan, write_config
from tests.conftest import SEEDS

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


# With a model: the cipher model's English differs from the Norwegian, so a snapshot shows that
# the English column really is the model's output.


async def _translated(pilot: Pilot[None]) -> None:
    await wait_for_scan(pilot)
    await open_article(pilot, 1)  # Dec 2019: a first paragraph of two sentences
    await settle(pilot)


def test_reader_with_a_translation(snap_compare: SnapCompare, installed_cipher_model: Path) -> None:
    assert snap_compare(make_app(SEEDS), terminal_size=(120, 40), run_before=_translated)


def test_keyword_highlights_in_both_columns(
    snap_compare: SnapCompare, installed_cipher_model: Path
) -> None:
    write_config('keywords = ["allianse", "Stoltenberg"]\n')
    assert snap_compare(make_app(SEEDS), terminal_size=(120, 40), run_before=_translated)


def test_review_marks(snap_compare: SnapCompare, installed_cipher_model: Path) -> None:
    async def review(pilot: Pilot[None]) -> None:
        await _translated(pilot)
        await pilot.press("r", "l", "a")  # first sentence reviewed; the second corrected
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("j", "R")  # the whole second paragraph reviewed
        await settle(pilot)

    assert snap_compare(make_app(SEEDS), terminal_size=(120, 40), run_before=review)


@pytest.mark.parametrize("key", ["a", "e"], ids=["alternatives", "editor"])
def test_review_dialogs(snap_compare: SnapCompare, installed_cipher_model: Path, key: str) -> None:
    async def open_dialog(pilot: Pilot[None]) -> None:
        await _translated(pilot)
        await pilot.press(key)
        await settle(pilot)

    assert snap_compare(make_app(SEEDS), terminal_size=(80, 24), run_before=open_dialog)


def test_help_screen(snap_compare: SnapCompare) -> None:
    async def help_screen(pilot: Pilot[None]) -> None:
        await wait_for_scan(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_app(SEEDS), terminal_size=(100, 40), run_before=help_screen)


def test_dictionary_dialog(
    snap_compare: SnapCompare, installed_cipher_model: Path, dictionary_in_cache: Path
) -> None:
    async def look_up(pilot: Pilot[None]) -> None:
        await _translated(pilot)
        await pilot.press("w", "w", "w", "w", "d")  # "viktig": its entry, its English
        await settle(pilot)

    assert snap_compare(make_app(SEEDS), terminal_size=(80, 24), run_before=look_up)
