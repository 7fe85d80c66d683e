"""Unread in the real app: `O` shows only unread articles (the open one stays listed), `A`
marks every article listed read and says how to undo, `Z` undoes exactly that, `t` marks the
article under the list's cursor read or unread; the store keeps it all."""

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
from tests.support.news_library import write_news_library
from tolk.userdata.bookmarks import absolute_path
from tolk.userdata.store import open_store
from tui.widgets.article_row_text import ROW_HEIGHT, UNREAD_MARK
from tui.widgets.listed_articles import OnlyWith


def stored_read() -> set[Path]:
    store = open_store().store
    assert store is not None
    with store:
        return store.read_paths()


async def test_unread_filter_mark_all_read_and_its_undo(tmp_path: Path) -> None:
    library = write_news_library(tmp_path / "news")
    app = make_app(tmp_path / "news")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        articles = screen.sidebar.article_list
        assert articles.marks.read == frozenset()  # the store answered: nothing read yet
        status = screen.sidebar.query_one("#scan-status")

        await pilot.press("O")
        assert articles.showing_only(OnlyWith.UNREAD) and articles.shown_count == len(library)
        assert "unread (O: all)" in str(status.render())

        await open_article(pilot, 0)  # read now, but listed while it is open
        first = articles.shown[0].path
        assert stored_read() == {absolute_path(first)}
        assert articles.shown_count == len(library)

        await pilot.press("A")
        await settle(pilot)
        assert stored_read() == {absolute_path(path) for path in library.values()}
        assert [s.path for s in articles.shown] == [first]  # the rest: read, so hidden
        said = [n.message for n in app._notifications]
        assert (
            "Marked 5 articles read (1 of those listed was read already). Press Z to undo." in said
        )

        await pilot.press("Z")
        await settle(pilot)
        assert stored_read() == {absolute_path(first)}
        assert articles.shown_count == len(library)
        assert "Undone: 5 articles unread again." in [n.message for n in app._notifications]

        articles.focus()
        second = absolute_path(articles.shown[1].path)
        await pilot.press("home", "down", "t")  # the second article: read, so it goes
        await settle(pilot)
        assert stored_read() == {absolute_path(first), second}
        assert articles.shown_count == len(library) - 1

        await pilot.press("O")  # all again; t on a read article makes it unread
        assert not articles.showing_only(OnlyWith.UNREAD) and articles.shown_count == len(library)
        await pilot.press("home", "down", "t")
        await settle(pilot)
        assert stored_read() == {absolute_path(first)}
        rows = rendered_lines(articles)
        assert UNREAD_MARK not in rows[ROW_HEIGHT - 1]  # the first: read
        assert UNREAD_MARK in rows[2 * ROW_HEIGHT - 1]  # the second: unread again
