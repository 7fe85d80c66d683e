"""Bookmarks and reading state in the reader, kept in the user store."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from tolk.library.articles import Article
from tolk.userdata.bookmarks import check_against_file
from tolk.userdata.store import StoreError, UserStore, open_store
from translation.sentences import split_sentences
from tui.reader.bookmarks.messages import (
    ArticleBookmarks,
    BookmarkList,
    LastPosition,
    LibraryMarks,
    NoteToEdit,
    StoreOpened,
)
from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.messages import Notice

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from translation.engine import ArticleTranslator

TITLE = "Bookmarks"
OFF = "Bookmarks are off: the user data directory cannot be used."


class BookmarkFeature:
    """The user store (None until open, or when it cannot be used), and the reading position
    waiting to be written."""

    def __init__(self) -> None:
        self.store: UserStore | None = None
        # The cursor's last resting place, written after a pause (one write, not one a key),
        # and at once when another article opens or the reader closes.
        self._unsaved: tuple[Article, int] | None = None

    # Reading position ------------------------------------------------------------------------

    def moved(self, article: Article, paragraph: int) -> None:
        """The cursor moved: remember where, to write later."""
        if self.store is not None:
            self._unsaved = (article, paragraph)

    def take_unsaved(self) -> tuple[Article, int] | None:
        unsaved, self._unsaved = self._unsaved, None
        return unsaved

    def save_position(self) -> Job | None:
        """Job: write the position the cursor rests at."""
        unsaved, store = self.take_unsaved(), self.store
        if unsaved is None or store is None:
            return None
        article, paragraph = unsaved

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                store.set_position(article, paragraph)
            except StoreError as error:
                post(Notice(TITLE, str(error)))

        return job

    def flush(self) -> None:
        """Write the unsaved position now, on this thread (the reader is closing: a worker
        would not outlive it). One row: quick."""
        unsaved, store = self.take_unsaved(), self.store
        if unsaved is not None and store is not None:
            # Closing: nobody is left to tell; the last saved position stands.
            with contextlib.suppress(StoreError):
                store.set_position(*unsaved)

    def close(self) -> None:
        """The reader is closing: write the unsaved position, then close the store (the
        review and read-state features hold the same one)."""
        self.flush()
        if self.store is not None:
            self.store.close()

    # Jobs ------------------------------------------------------------------------------------

    @staticmethod
    def open(post: Post, cancelled: Cancelled) -> None:
        """Job: open the user store."""
        opened = open_store()
        if opened.message:
            # With a store (a damaged file was kept aside, say) reading state still works.
            post(Notice(TITLE, opened.message, "warning" if opened.store else "error"))
        if post(StoreOpened(opened.store)) is False and opened.store is not None:
            opened.store.close()  # the reader closed meanwhile: nobody will close it

    def find_last_position(self) -> Job | None:
        """Job: where the user was when tolk last closed."""
        store = self.store
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                position = store.last_position()
            except StoreError:
                return
            if position is not None and position.path.is_file():
                post(LastPosition(position))

        return job

    def record_opened(self, opened: OpenArticle, paragraph: int) -> Job | None:
        """Job: write where the user was in the last article, mark `opened` read (it is now
        where to reopen) and find its bookmarks; then refresh the library's marks."""
        store, left = self.store, self.take_unsaved()
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                if left is not None:
                    store.set_position(*left)
                store.mark_opened(opened.article, paragraph)
            except StoreError as error:
                post(Notice(TITLE, str(error)))
                return
            _post_bookmarks(store, opened, post)

        return job

    def library_marks(self) -> Job | None:
        """Job: which articles are bookmarked and which were read."""
        store = self.store
        if store is None:
            return None
        return lambda post, cancelled: _post_library_marks(store, post)

    def toggle(self, opened: OpenArticle, paragraph: int) -> Job | None:
        """Job: bookmark paragraph `paragraph`, or remove its bookmark."""
        store = self.store
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                store.toggle_bookmark(opened.article, paragraph)
            except StoreError as error:
                post(Notice(TITLE, str(error)))
                return
            _post_bookmarks(store, opened, post)

        return job

    def note_to_edit(self, opened: OpenArticle, paragraph: int) -> Job | None:
        """Job: the bookmark on `paragraph` (made now if there is none) for its note editor."""
        store = self.store
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            article = opened.article
            try:
                resolved = store.bookmarks_for(article)
                here = next((r.bookmark for r in resolved if r.index == paragraph), None)
                if here is None:  # a note makes a bookmark
                    here = store.toggle_bookmark(article, paragraph)
            except StoreError as error:
                post(Notice(TITLE, str(error)))
                return
            if here is not None:
                post(NoteToEdit(article, paragraph, here.id, here.note))
            _post_bookmarks(store, opened, post)

        return job

    def save_note(self, bookmark_id: int, text: str) -> Job | None:
        """Job: keep a bookmark's note."""
        return self._write(lambda store: store.set_note(bookmark_id, text))

    def delete(self, bookmark_id: int) -> Job | None:
        """Job: remove a bookmark."""
        return self._write(lambda store: store.remove_bookmark(bookmark_id))

    def _write(self, change: Callable[[UserStore], object]) -> Job | None:
        store = self.store
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                change(store)
            except StoreError as error:
                post(Notice(TITLE, str(error)))

        return job

    def list_all(self, translator: ArticleTranslator | None) -> Job | None:
        """Job: every bookmark checked against its file, with its English where cached."""
        store = self.store
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            from tui.dialogs.bookmarks import BookmarkEntry  # the dialog's, loaded when used

            try:
                bookmarks = store.all_bookmarks()
            except StoreError as error:
                post(Notice(TITLE, str(error)))
                return
            entries = []
            for bookmark in bookmarks:
                found = check_against_file(bookmark)
                english = _cached_translation(translator, bookmark.paragraph_text)
                entries.append(BookmarkEntry(bookmark, found.status, found.index, english))
            post(BookmarkList(entries))

        return job


def _post_bookmarks(store: UserStore, opened: OpenArticle, post: Post) -> None:
    try:
        resolved = store.bookmarks_for(opened.article)
    except StoreError as error:
        post(Notice(TITLE, str(error)))
        return
    marked = frozenset(r.index for r in resolved if r.index is not None)
    post(ArticleBookmarks(opened, marked))
    _post_library_marks(store, post)


def _post_library_marks(store: UserStore, post: Post) -> None:
    try:
        bookmarked = frozenset(store.bookmarked_paths())
        read = frozenset(store.read_paths())
    except StoreError as error:
        post(Notice(TITLE, str(error)))
        return
    post(LibraryMarks(bookmarked, read))


def _cached_translation(translator: ArticleTranslator | None, text: str) -> str | None:
    """The paragraph's English if every sentence is in the translation cache."""
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
