"""The reader's bookmarks and reading state, kept in the user store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual import on, work

from tolk.articles import Article
from tolk.bookmarks import check_against_file
from tolk.review import ReviewBook
from tolk.store import StoreError, open_store
from translation.sentences import split_sentences
from tui import messages
from tui.screens.bookmarks import BookmarkEntry, BookmarkJump, BookmarksScreen
from tui.screens.main_base import ReaderScreen
from tui.screens.note import NoteScreen
from tui.widgets.article_list import ArticleMarks
from tui.widgets.parallel_text import ParallelText


class BookmarkFeatures(ReaderScreen):
    """The reader's bookmarks and reading state, kept in the user store."""

    # Bookmarks and reading state ------------------------------------------------------------

    @work(thread=True, group="store")
    def _open_store(self) -> None:
        opened = open_store()
        self.post_message(messages.StoreOpened(opened.store, opened.message))

    @on(messages.StoreOpened)
    def _store_opened(self, message: messages.StoreOpened) -> None:
        self.store = message.store
        if message.problem:
            if message.store is not None:
                self.notify(message.problem, title="Bookmarks", severity="warning", timeout=20)
            else:
                self.notify(message.problem, title="Bookmarks", severity="error", timeout=20)
        if self.store is None:
            return
        self.review_book = ReviewBook(self.store)
        self._load_reviews()
        self._refresh_library_marks()
        if self.article is not None:
            self._record_opened(self.article, self.reader.cursor)
        elif self._reopen:
            self._reopen_last()

    @work(thread=True, group="store")
    def _reopen_last(self) -> None:
        if self.store is None:
            return
        try:
            position = self.store.last_position()
        except StoreError:
            return
        if position is not None and position.path.is_file():
            self.app.call_from_thread(self._reopen_at, position.path, position.paragraph)

    def _reopen_at(self, path: Path, paragraph: int) -> None:
        # The user may have opened an article while the store was answering: theirs wins.
        if self._reopen and self.article is None:
            self._load(path, paragraph)

    @work(thread=True, group="store")
    def _record_opened(self, article: Article, paragraph: int) -> None:
        """Mark the article read, remember where the user is, and find its bookmarks."""
        if self.store is None:
            return
        try:
            self.store.mark_opened(article, paragraph)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        self._find_bookmarks(article)

    @work(thread=True, group="store")
    def _find_bookmarks(self, article: Article) -> None:
        """Mark the open article's bookmarked paragraphs, and refresh the sidebar's marks."""
        if self.store is None:
            return
        try:
            resolved = self.store.bookmarks_for(article)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        marked = {r.index for r in resolved if r.index is not None}
        self.post_message(messages.ArticleBookmarks(article.path, marked))
        self._post_library_marks()

    def _refresh_library_marks(self) -> None:
        self.run_worker(self._post_library_marks, thread=True, group="store")

    def _post_library_marks(self) -> None:
        if self.store is None:
            return
        try:
            bookmarked = frozenset(self.store.bookmarked_paths())
            read = frozenset(self.store.read_paths())
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        self.post_message(messages.LibraryMarks(bookmarked, read))

    @on(messages.ArticleBookmarks)
    def _article_bookmarks(self, message: messages.ArticleBookmarks) -> None:
        if self.article is not None and message.path == self.article.path:
            self.reader.set_marked(message.marked)

    @on(messages.LibraryMarks)
    def _library_marks(self, message: messages.LibraryMarks) -> None:
        self.sidebar.article_list.set_marks(
            ArticleMarks(bookmarked=message.bookmarked, read=message.read, hits=self._hits)
        )
        self.sidebar.refresh_status()

    @on(messages.StoreFailed)
    def _store_failed(self, message: messages.StoreFailed) -> None:
        self.notify(message.reason, title="Bookmarks", severity="error", timeout=15)

    @on(ParallelText.CursorMoved)
    def _cursor_moved(self) -> None:
        if self.store is not None and self.article is not None:
            if self._position_timer is not None:
                self._position_timer.stop()
            self._position_timer = self.set_timer(1.0, self._save_position)

    def _save_position(self) -> None:
        self._position_timer = None
        if self.store is not None and self.article is not None:
            self._write_position(self.article, self.reader.cursor)

    @work(thread=True, exclusive=True, group="position")
    def _write_position(self, article: Article, paragraph: int) -> None:
        if self.store is None:
            return
        try:
            self.store.set_position(article, paragraph)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))

    def _bookmarks_ready(self) -> bool:
        if self.store is None:
            self.notify("Bookmarks are off: the user data directory cannot be used.")
            return False
        if self.article is None:
            self.notify("Open an article first.")
            return False
        return True

    def action_toggle_bookmark(self) -> None:
        if self._bookmarks_ready() and self.article is not None:
            self._toggle_bookmark(self.article, self.reader.cursor)

    @work(thread=True, group="store")
    def _toggle_bookmark(self, article: Article, paragraph: int) -> None:
        assert self.store is not None
        try:
            self.store.toggle_bookmark(article, paragraph)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        self._find_bookmarks(article)

    def action_edit_note(self) -> None:
        if not self._bookmarks_ready() or self.article is None:
            return
        article, paragraph = self.article, self.reader.cursor
        self._open_note_editor(article, paragraph)

    @work(thread=True, group="store")
    def _open_note_editor(self, article: Article, paragraph: int) -> None:
        assert self.store is not None
        try:
            resolved = self.store.bookmarks_for(article)
            here = next((r.bookmark for r in resolved if r.index == paragraph), None)
            if here is None:  # a note makes a bookmark
                here = self.store.toggle_bookmark(article, paragraph)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        if here is None:
            return
        self.app.call_from_thread(self._edit_note, article, paragraph, here.id, here.note)
        self._find_bookmarks(article)

    def _edit_note(
        self, article: Article, paragraph: int, bookmark_id: int, note: str | None
    ) -> None:
        def save(text: str | None) -> None:
            if text is not None:
                self._save_note(bookmark_id, text)

        title = f"Note on ¶{paragraph + 1} of {article.title}"
        self.app.push_screen(NoteScreen(title, note), save)

    @work(thread=True, group="store")
    def _save_note(self, bookmark_id: int, text: str) -> None:
        assert self.store is not None
        try:
            self.store.set_note(bookmark_id, text)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))

    def action_bookmarks(self) -> None:
        if self.store is None:
            self.notify("Bookmarks are off: the user data directory cannot be used.")
            return
        self._list_bookmarks()

    @work(thread=True, exclusive=True, group="bookmark-list")
    def _list_bookmarks(self) -> None:
        assert self.store is not None
        try:
            bookmarks = self.store.all_bookmarks()
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        entries = []
        for bookmark in bookmarks:
            found = check_against_file(bookmark)
            translation = self._cached_translation(bookmark.paragraph_text)
            entries.append(BookmarkEntry(bookmark, found.status, found.index, translation))
        self.post_message(messages.BookmarkList(entries))

    def _cached_translation(self, text: str) -> str | None:
        """The paragraph's English if every sentence is in the translation cache."""
        translator = self.translator
        if translator is None or translator.cache is None:
            return None
        sentences = split_sentences(text)
        model = translator.model
        try:
            known = translator.cache.lookup(model.key, model.options.cache_key(), sentences)
        except sqlite3.Error:
            return None
        if not sentences or any(s not in known for s in sentences):
            return None
        return " ".join(known[s] for s in sentences)

    @on(messages.BookmarkList)
    def _show_bookmarks(self, message: messages.BookmarkList) -> None:
        def jump(target: BookmarkJump | None) -> None:
            self._refresh_library_marks()
            if self.article is not None:
                self._find_bookmarks(self.article)
            if target is not None:
                self._load(target.path, target.paragraph)
                self.reader.focus()

        self.app.push_screen(BookmarksScreen(message.entries, self._delete_bookmark), jump)

    @work(thread=True, group="store")
    def _delete_bookmark(self, bookmark_id: int) -> None:
        assert self.store is not None
        try:
            self.store.remove_bookmark(bookmark_id)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
