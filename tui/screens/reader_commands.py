"""What the reader's keys do: each command reads the open article's model, changes it (the
screen redraws from it) and starts the features' jobs through the screen. The screen's
`action_*` methods (main_keys.py) call these; the dialogs they open report back through callbacks
here. Reviewing the translation has its own commands, in review_commands.py, and the model its
own, in model_commands.py."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tui import messages
from tui.reader import bookmarks

# The dialogs' modules are imported when a dialog first opens: the reader's first frame does
# not wait for them.
if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tui.screens.bookmarks import BookmarkEntry, BookmarkJump
    from tui.screens.keywords import KeywordChoice
    from tui.screens.main import MainScreen
    from tui.screens.search import SearchJump


def opened_or_notify(screen: MainScreen) -> OpenArticle | None:
    """The open article; with none, the user is told to open one first."""
    if screen.current is None:
        screen.notify("Open an article first.")
    return screen.current


class ReaderCommands:
    """The reader's commands, over the screen that owns the model and the features."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen

    # Guards ----------------------------------------------------------------------------------

    def _opened(self) -> OpenArticle | None:
        return opened_or_notify(self._screen)

    def _store_ready(self) -> bool:
        if self._screen.bookmarks.store is None:
            self._screen.notify(bookmarks.OFF)
            return False
        return True

    # The sidebar -----------------------------------------------------------------------------

    def toggle_sidebar(self) -> None:
        sidebar = self._screen.sidebar
        sidebar.toggle_class("-hidden")
        if sidebar.has_class("-hidden") and sidebar.has_focus_within:
            self._screen.reader.focus()

    def filter(self) -> None:
        self._screen.sidebar.remove_class("-hidden")
        self._screen.sidebar.open_filter()

    def only_flagged(self) -> None:
        articles = self._screen.sidebar.article_list
        articles.show_only_flagged(not articles.only_flagged)
        self._screen.sidebar.refresh_status()
        if articles.only_flagged and not articles.marks.looks:
            self._screen.notify("No translated article has a sentence flagged.")

    def only_unreviewed(self) -> None:
        articles = self._screen.sidebar.article_list
        articles.show_only_unreviewed(not articles.only_unreviewed)
        self._screen.sidebar.refresh_status()

    # Bookmarks -------------------------------------------------------------------------------

    def toggle_bookmark(self) -> None:
        screen = self._screen
        if self._store_ready() and (opened := self._opened()) is not None:
            job = screen.bookmarks.toggle(opened, screen.reader.cursor)
            screen.start(job, bookmarks.TITLE, group="store")

    def edit_note(self) -> None:
        screen = self._screen
        if self._store_ready() and (opened := self._opened()) is not None:
            job = screen.bookmarks.note_to_edit(opened, screen.reader.cursor)
            screen.start(job, bookmarks.TITLE, group="store")

    def edit_bookmark_note(self, found: messages.NoteToEdit) -> None:
        screen = self._screen

        def save(text: str | None) -> None:
            if text is not None:
                job = screen.bookmarks.save_note(found.bookmark_id, text)
                screen.start(job, bookmarks.TITLE, group="store")

        title = f"Note on ¶{found.paragraph + 1} of {found.article.title}"
        from tui.screens.note import NoteScreen

        screen.app.push_screen(NoteScreen(title, found.note), save)

    def list_bookmarks(self) -> None:
        screen = self._screen
        if self._store_ready():
            job = screen.bookmarks.list_all(screen.translation.translator)
            screen.start(job, bookmarks.TITLE, group="bookmark-list", exclusive=True)

    def show_bookmarks(self, entries: list[BookmarkEntry]) -> None:
        screen = self._screen

        def delete(bookmark_id: int) -> None:
            screen.start(screen.bookmarks.delete(bookmark_id), bookmarks.TITLE, group="store")

        def jump(target: BookmarkJump | None) -> None:
            screen.library.update_marks()
            if screen.current is not None:
                # Notes or deletions on the open article: mark its paragraphs afresh.
                job = screen.bookmarks.record_opened(screen.current, screen.reader.cursor)
                screen.start(job, bookmarks.TITLE, group="store")
            if target is not None:
                screen.open_path(target.path, target.paragraph)
                screen.reader.focus()

        from tui.screens.bookmarks import BookmarksScreen

        screen.app.push_screen(BookmarksScreen(entries, delete), jump)

    # Keywords and search ---------------------------------------------------------------------

    def next_hit(self) -> None:
        self._jump_to_hit(forward=True)

    def previous_hit(self) -> None:
        self._jump_to_hit(forward=False)

    def _jump_to_hit(self, *, forward: bool) -> None:
        screen = self._screen
        with_hits = sorted(screen.current.source_hits) if screen.current is not None else []
        cursor = screen.reader.cursor
        candidates = (
            [i for i in with_hits if i > cursor]
            if forward
            else [i for i in reversed(with_hits) if i < cursor]
        )
        if not candidates:
            screen.notify(
                "No more keyword hits in this article." if with_hits else "No keyword hits here."
            )
            return
        screen.reader.cursor = candidates[0]
        screen.reader.focus()

    def next_flag(self) -> None:
        self._jump_to_flag(forward=True)

    def previous_flag(self) -> None:
        self._jump_to_flag(forward=False)

    def _jump_to_flag(self, *, forward: bool) -> None:
        """Put the sentence cursor on the next (or previous) sentence that needs a look."""
        screen = self._screen
        opened, reader = screen.current, screen.reader
        if opened is None:
            return
        here = (reader.cursor, reader.sentence)
        flagged = [
            (index, position)
            for index in opened.showable
            if (shown := opened.shown(index)) is not None
            for position, sentence in enumerate(shown.sentences)
            if sentence.needs_look
        ]
        found = (
            [place for place in flagged if place > here]
            if forward
            else [place for place in reversed(flagged) if place < here]
        )
        if not found:
            screen.notify(
                "No more sentences to look at in this article."
                if flagged
                else "No sentence here is flagged."
            )
            return
        reader.cursor, reader.sentence = found[0]
        reader.focus()

    def only_hits(self) -> None:
        screen = self._screen
        articles = screen.sidebar.article_list
        articles.show_only_hits(not articles.only_hits)
        screen.sidebar.refresh_status()
        if articles.only_hits and not articles.marks.hits:
            screen.notify("No article has keyword hits (set keywords with K).")

    def manage_keywords(self) -> None:
        from tui.screens.keywords import KeywordScreen, keyword_entries

        screen = self._screen
        keywords = screen.keywords
        highlighter = keywords.highlighter
        entries = keyword_entries(
            highlighter.keywords, highlighter.colours, keywords.article_hits.values()
        )

        def apply(choice: KeywordChoice | None) -> None:
            if choice is not None:
                self._apply_keywords(choice)

        screen.app.push_screen(KeywordScreen(entries), apply)

    def _apply_keywords(self, choice: KeywordChoice) -> None:
        screen = self._screen
        keywords = screen.keywords
        screen.config = replace(
            screen.config, keywords=choice.keywords, keyword_colours=dict(choice.colours)
        )
        screen.start(keywords.save(choice), "Keywords", group="config")
        keywords.set_keywords(screen.config)
        opened = screen.current
        if opened is not None:
            earlier = set(opened.source_hits)
            opened.source_hits = keywords.source_hits(opened.article)
            for index in sorted(earlier | set(opened.source_hits) | set(opened.showable)):
                screen.drawing.paragraph(index)
        screen.model.translate_keywords()
        screen.library.count_hits()

    def search(self) -> None:
        screen = self._screen
        index = screen.keywords.search_index
        if index is None:
            screen.notify(
                "Search is not available (yet): the index is opening, or the cache "
                "directory cannot be used."
            )
            return

        def jump(target: SearchJump | None) -> None:
            if target is not None:
                screen.open_path(target.path, target.paragraph)
                screen.reader.focus()

        from tui.screens.search import SearchScreen

        screen.app.push_screen(SearchScreen(index, screen.roots), jump)
