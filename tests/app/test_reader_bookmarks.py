"""Bookmarks and reading state in the reader, kept in a real SQLite file in the data dir."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.app.pilot import (
    columns,
    make_app,
    open_article,
    reader_screen,
    refreshed,
    rendered_lines,
    settle,
    wait_for_scan,
)
from tests.conftest import SEEDS
from tolk import paths
from tolk.userdata.bookmarks import absolute_path
from tolk.userdata.store import open_store
from tui.dialogs.bookmarks import BookmarksScreen
from tui.widgets.article_row_text import BOOKMARK_MARK as LIST_BOOKMARK
from tui.widgets.article_row_text import UNREAD_MARK
from tui.widgets.parallel_rows import BOOKMARK_MARK, CURSOR_MARK


def marked_rows(lines: list[str]) -> tuple[list[int], list[int]]:
    left = [i for i, line in enumerate(lines) if columns(line)[0].startswith(BOOKMARK_MARK)]
    right = [i for i, line in enumerate(lines) if columns(line)[1].startswith(BOOKMARK_MARK)]
    return left, right


async def test_b_marks_the_paragraph_in_both_columns_and_the_sidebar() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        await settle(pilot)
        screen = reader_screen(pilot)
        await pilot.press("j", "b")
        await settle(pilot)
        assert screen.parallel_text.marked == {1}
        left, right = marked_rows(rendered_lines(screen.parallel_text))
        expected = screen.parallel_text.paragraph_rows(1).start - int(screen.parallel_text.scroll_y)
        assert left == right == [expected]
        sidebar_text = "\n".join(rendered_lines(screen.sidebar.article_list))
        assert LIST_BOOKMARK in sidebar_text
        await pilot.press("b")
        await settle(pilot)
        assert screen.parallel_text.marked == set()


async def test_first_paragraph_right_after_opening_and_unread_marks() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)
        articles = reader_screen(pilot).sidebar.article_list
        assert "\n".join(rendered_lines(articles)).count(UNREAD_MARK) == 2
        await open_article(pilot, 0)
        await pilot.press("b")
        await settle(pilot)
        assert reader_screen(pilot).parallel_text.marked == {0}
        assert "\n".join(rendered_lines(articles)).count(UNREAD_MARK) == 1


async def test_bookmark_and_position_survive_a_restart() -> None:
    # The position waits far longer than the test for the cursor to rest: only writing it
    # when the reader closes can save it (as when a user quits at once).
    app = make_app(SEEDS, position_delay=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await pilot.press("j", "j", "b", *["j"] * 6)  # paragraph 8: below the first screen
        await settle(pilot)
        opened = reader_screen(pilot).article
        assert opened is not None
        await pilot.press("q")
    again = make_app(SEEDS)
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)
        screen = reader_screen(pilot)
        assert screen.article is not None and screen.article.path == opened.path
        assert screen.parallel_text.cursor == 8
        assert screen.parallel_text.marked == {2}
        # ...and the reader is scrolled to it: the cursor's gutter mark is on screen.
        await refreshed(screen.parallel_text)
        shown = rendered_lines(screen.parallel_text)
        assert any(columns(line)[0].startswith(CURSOR_MARK) for line in shown)
        # The list's cursor is on the article shown (enter opens it again, not another).
        articles = screen.sidebar.article_list
        assert articles.highlighted_summary is not None
        assert articles.highlighted_summary.path == opened.path
    listed = subprocess.run(
        [sys.executable, "-m", "tui", "bookmarks", "list", "--json"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert listed.returncode == 0, listed.stderr
    (bookmark,) = json.loads(listed.stdout)
    assert bookmark["paragraph_index"] == 2
    assert bookmark["path"] == str(absolute_path(opened.path))
    assert bookmark["paragraph_text"] == opened.paragraphs[2].text


async def test_note_and_the_bookmarks_screen() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        await pilot.press("j", "B")
        await settle(pilot)
        await pilot.press(*"viktig sitat", "enter")
        await settle(pilot)
        opened = open_store().store
        assert opened is not None
        (bookmark,) = opened.all_bookmarks()
        assert (bookmark.paragraph_index, bookmark.note) == (1, "viktig sitat")
        opened.close()
        await pilot.press("k", "m")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        # What the footer draws: Enter, shown, as "Open".
        enter = app.screen.active_bindings["enter"].binding
        assert enter.show and enter.description == "Open"
        await pilot.press("enter")
        await settle(pilot)
        screen = reader_screen(pilot)
        assert screen.parallel_text.cursor == 1
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("d", "escape")
        await settle(pilot)
        reopened = open_store().store
        assert reopened is not None and reopened.all_bookmarks() == []
        reopened.close()


async def test_unusable_data_dir_leaves_reading_working() -> None:
    data = paths.data_dir()
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text("a file where the data folder should be")
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        await settle(pilot)
        screen = reader_screen(pilot)
        assert screen.parts.bookmark_feature.store is None
        assert any(n.title == "Bookmarks" for n in app._notifications)
        await pilot.press("j", "b")
        assert screen.parallel_text.cursor == 1 and screen.parallel_text.marked == set()
        assert Path(data).read_text().startswith("a file")


async def test_the_last_article_is_not_reopened_from_outside_the_paths_given(
    tmp_path: Path,
) -> None:
    app = make_app(SEEDS, position_delay=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await pilot.press("j")
        await settle(pilot)
    other = tmp_path / "other"
    other.mkdir()
    (other / "one.txt").write_text(" date 2021-03 – Et annet land.\n", encoding="utf-8")
    again = make_app(other)
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)
        # The seed read last is not in this list: nothing opens by itself.
        assert reader_screen(pilot).article is None


async def test_the_paragraph_reopened_at_is_the_first_on_screen() -> None:
    app = make_app(SEEDS, position_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        await pilot.press("j")
        await settle(pilot)
        opened = reader_screen(pilot).article
        assert opened is not None
    again = make_app(SEEDS)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)  # reopened; the model's absence redrew the English column
        text = reader_screen(pilot).parallel_text
        assert text.cursor == 1
        top = columns(rendered_lines(text)[0])[0]
        # Whole, from its first line: not the tail of the paragraph before.
        assert top.startswith(CURSOR_MARK)
        assert " ".join(opened.paragraphs[1].text.split()[:2]) in top
