"""The bookmark commands with a fake host: no terminal, a real user store (SQLite in the test's
data dir). A bookmark and its note reach the store and come back as the article's marks; the
list of bookmarks opens the article chosen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import SEEDS
from tests.reader.fake_host import FakeHost
from tolk.library.articles import read_article
from tolk.reading.open_article import OpenArticle
from tolk.userdata.store import UserStore, open_store
from tui.dialogs.bookmarks import BookmarkJump, BookmarksScreen
from tui.dialogs.note import NoteScreen
from tui.reader.bookmarks.commands import BookmarkCommands
from tui.reader.bookmarks.messages import ArticleBookmarks, BookmarkList, LibraryMarks, NoteToEdit
from tui.reader.bookmarks.state import OFF, BookmarkFeature

SEED = SEEDS / "000_4a397d34e890302c.txt"


@pytest.fixture
def store() -> Iterator[UserStore]:
    opened = open_store().store
    assert opened is not None
    yield opened
    opened.close()


def bookmark_commands(store: UserStore | None) -> tuple[BookmarkCommands, FakeHost]:
    host = FakeHost(opened=OpenArticle(read_article(SEED)), cursor=(2, 0))
    feature = BookmarkFeature()
    feature.store = store
    return BookmarkCommands(host, feature), host


def test_b_bookmarks_the_paragraph_and_marks_it(store: UserStore) -> None:
    commands, host = bookmark_commands(store)
    commands.toggle_bookmark()
    posted = host.run_jobs()
    marks = next(m for m in posted if isinstance(m, ArticleBookmarks))
    assert marks.marked == frozenset({2})
    assert any(isinstance(m, LibraryMarks) and m.bookmarked for m in posted)
    commands.receive(marks)
    assert host.opened is not None and host.opened.bookmarked == frozenset({2})
    assert host.changes[-1].bookmarks
    assert [b.paragraph_index for b in store.all_bookmarks()] == [2]
    commands.toggle_bookmark()  # again: off
    host.run_jobs()
    assert store.all_bookmarks() == []


def test_marks_for_an_article_no_longer_open_are_dropped(store: UserStore) -> None:
    commands, host = bookmark_commands(store)
    commands.toggle_bookmark()
    posted = host.run_jobs()
    marks = next(m for m in posted if isinstance(m, ArticleBookmarks))
    host.opened = OpenArticle(read_article(SEED))  # another opening of it replaced the model
    commands.receive(marks)
    assert host.opened.bookmarked == frozenset() and not host.changes


def test_a_note_makes_a_bookmark_and_is_stored(store: UserStore) -> None:
    commands, host = bookmark_commands(store)
    commands.edit_note()
    to_edit = next(m for m in host.run_jobs() if isinstance(m, NoteToEdit))
    commands.receive(to_edit)
    ((dialog, answered),) = host.dialogs
    assert isinstance(dialog, NoteScreen)
    answered("Check the quote.")
    host.run_jobs()
    (bookmark,) = store.all_bookmarks()
    assert (bookmark.paragraph_index, bookmark.note) == (2, "Check the quote.")


def test_the_bookmark_list_opens_the_article_chosen(store: UserStore) -> None:
    commands, host = bookmark_commands(store)
    commands.toggle_bookmark()
    host.run_jobs()
    commands.list_bookmarks()
    (listed,) = host.run_jobs()
    assert isinstance(listed, BookmarkList) and len(listed.entries) == 1
    commands.receive(listed)
    ((dialog, answered),) = host.dialogs
    assert isinstance(dialog, BookmarksScreen)
    answered(BookmarkJump(SEED, 2))
    assert host.opened_paths == [(SEED, 2)]


def test_without_a_store_the_user_is_told(store: UserStore) -> None:
    commands, host = bookmark_commands(None)
    commands.toggle_bookmark()
    commands.edit_note()
    commands.list_bookmarks()
    assert host.notices == [OFF, OFF, OFF] and not host.jobs
