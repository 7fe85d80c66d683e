"""What the user store's jobs report: the store opened, where the user was, bookmarks, marks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tolk.library.articles import Article
    from tolk.reading.open_article import OpenArticle
    from tolk.userdata.store import ReadingPosition, UserStore
    from tui.dialogs.bookmarks import BookmarkEntry


@dataclass(eq=False)
class StoreOpened(Message):
    """The user database is open (`store` None when it cannot be used)."""

    store: UserStore | None


@dataclass(eq=False)
class LastPosition(Message):
    """Where the user was when tolk last closed."""

    position: ReadingPosition


@dataclass(eq=False)
class ArticleBookmarks(ReaderMessage):
    """The bookmarked paragraphs of `opened`, after it opened or a bookmark changed."""

    receivers = ("bookmarks",)
    opened: OpenArticle
    marked: frozenset[int]


@dataclass(eq=False)
class LibraryMarks(ReaderMessage):
    """Which files have bookmarks and which have been read (absolute paths)."""

    receivers = ("listing",)
    bookmarked: frozenset[Path]
    read: frozenset[Path]


@dataclass(eq=False)
class BookmarkList(ReaderMessage):
    """Every bookmark, checked against its file, for the bookmarks screen."""

    receivers = ("bookmarks",)
    entries: list[BookmarkEntry]


@dataclass(eq=False)
class NoteToEdit(ReaderMessage):
    """The bookmark on paragraph `paragraph` of `article` exists; open its note editor."""

    receivers = ("bookmarks",)
    article: Article
    paragraph: int
    bookmark_id: int
    note: str | None
