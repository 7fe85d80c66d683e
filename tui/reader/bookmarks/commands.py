"""What the reader's bookmark keys do: bookmark a paragraph, write its note, list every
bookmark and jump to one. The reading position is kept by the screen, through the feature."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.reader.bookmarks.messages import ArticleBookmarks, BookmarkList, NoteToEdit
from tui.reader.bookmarks.state import OFF, TITLE, BookmarkFeature
from tui.reader.host import Changed, ReaderHost
from tui.reader.messages import ReaderMessage

# The dialogs' modules are imported when a dialog first opens: the first frame does not wait.
if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tui.dialogs.bookmarks import BookmarkEntry, BookmarkJump


class BookmarkCommands:
    """The bookmark commands, over the host and the bookmark feature."""

    def __init__(self, host: ReaderHost, bookmarks: BookmarkFeature) -> None:
        self._host = host
        self.bookmarks = bookmarks

    def receive(self, message: ReaderMessage) -> None:
        match message:
            case ArticleBookmarks():
                if self._host.shows(message.opened):
                    message.opened.bookmarked = message.marked
                    self._host.changed(Changed(message.opened, bookmarks=True))
            case BookmarkList():
                self._show_bookmarks(message.entries)
            case NoteToEdit():
                self._edit_note(message)

    def _ready(self) -> OpenArticle | None:
        """The open article, if bookmarks can be kept; else the user is told why not."""
        if self.bookmarks.store is None:
            self._host.notify(OFF)
            return None
        opened = self._host.opened
        if opened is None:
            self._host.notify("Open an article first.")
        return opened

    def toggle_bookmark(self) -> None:
        if (opened := self._ready()) is not None:
            job = self.bookmarks.toggle(opened, self._host.cursor[0])
            self._host.start(job, TITLE, group="store")

    def edit_note(self) -> None:
        if (opened := self._ready()) is not None:
            job = self.bookmarks.note_to_edit(opened, self._host.cursor[0])
            self._host.start(job, TITLE, group="store")

    def _edit_note(self, found: NoteToEdit) -> None:
        def save(text: str | None) -> None:
            if text is not None:
                job = self.bookmarks.save_note(found.bookmark_id, text)
                self._host.start(job, TITLE, group="store")

        from tui.dialogs.note import NoteScreen

        title = f"Note on ¶{found.paragraph + 1} of {found.article.title}"
        self._host.ask(NoteScreen(title, found.note), save)

    def list_bookmarks(self) -> None:
        if self.bookmarks.store is None:
            self._host.notify(OFF)
            return
        job = self.bookmarks.list_all(self._host.translator)
        self._host.start(job, TITLE, group="bookmark-list", exclusive=True)

    def _show_bookmarks(self, entries: list[BookmarkEntry]) -> None:
        host = self._host

        def delete(bookmark_id: int) -> None:
            host.start(self.bookmarks.delete(bookmark_id), TITLE, group="store")

        def jump(target: BookmarkJump | None) -> None:
            host.start(self.bookmarks.library_marks(), TITLE, group="store")
            if host.opened is not None:
                # Notes or deletions on the open article: mark its paragraphs afresh.
                job = self.bookmarks.record_opened(host.opened, host.cursor[0])
                host.start(job, TITLE, group="store")
            if target is not None:
                host.open_path(target.path, target.paragraph)

        from tui.dialogs.bookmarks import BookmarksScreen

        host.ask(BookmarksScreen(entries, delete), jump)
