"""The sidebar's marks come from every feature at once: no feature's update wipes another's."""

from __future__ import annotations

from pathlib import Path

from tests.app.pilot import (
    make_app,
    open_article,
    reader_screen,
    rendered_lines,
    settle,
    wait_for_scan,
)
from tests.conftest import SEEDS
from tui.widgets.article_row_text import BOOKMARK_MARK, ROW_HEIGHT, UNREAD_MARK


def date_row(pilot, listed: int) -> str:  # type: ignore[no-untyped-def]
    """The date line of the `listed`th article in the sidebar (where its marks are)."""
    lines = rendered_lines(reader_screen(pilot).sidebar.article_list)
    return lines[listed * ROW_HEIGHT + ROW_HEIGHT - 1].rstrip()


async def test_read_bookmark_hits_and_review_marks_all_show_together(
    installed_cipher_model: Path,
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)  # Dec 2019
        screen = reader_screen(pilot)
        assert screen.opened is not None
        total = screen.opened.sentence_total
        assert total is not None and total > 1
        await pilot.press("r")  # review the first sentence
        await settle(pilot)
        assert date_row(pilot, 1).endswith(f"1/{total}✓")
        await pilot.press("j", "b")  # bookmark the second paragraph: the review mark stays
        await settle(pilot)
        row = date_row(pilot, 1)
        assert BOOKMARK_MARK in row and row.endswith(f"1/{total}✓"), row
        await pilot.press("K")  # add a keyword the article has
        await pilot.press("a", *"allianse", "enter", "escape")
        await settle(pilot)
        await open_article(pilot, 0)  # another article, then back
        await open_article(pilot, 1)
        row = date_row(pilot, 1)
        assert UNREAD_MARK not in row  # read
        assert BOOKMARK_MARK in row
        assert " hit" in row
        assert row.endswith(f"1/{total}✓"), row
        assert UNREAD_MARK not in date_row(pilot, 0)  # the other one was read on the way
