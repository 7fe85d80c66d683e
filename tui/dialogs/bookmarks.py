"""Every bookmark: where it is, the paragraph in both languages, the note. Enter jumps there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tolk.text import count
from tolk.userdata.bookmarks import Bookmark, BookmarkStatus


@dataclass(frozen=True)
class BookmarkEntry:
    """A bookmark as the list shows it."""

    bookmark: Bookmark
    status: BookmarkStatus
    index: int | None  # its paragraph now; None when orphaned or the file is gone
    translation: str | None  # the paragraph's English, where cached


@dataclass(frozen=True)
class BookmarkJump:
    """Where the user chose to go."""

    path: Path
    paragraph: int


class BookmarksScreen(Screen[BookmarkJump | None]):
    """Lists bookmarks newest first; Enter opens one, d deletes, escape goes back."""

    CSS_PATH = "bookmarks.tcss"
    BINDINGS = [  # noqa: RUF012
        # Priority: the list's own Enter (which this runs) is hidden from the footer.
        Binding(
            "enter",
            "open",
            "Open",
            tooltip="Go to this bookmark",
            priority=True,
            id="bookmarks.open",
        ),
        Binding("escape,q", "close", "Back", id="bookmarks.close"),
        Binding(
            "d,delete", "delete", "Delete", tooltip="Delete this bookmark", id="bookmarks.delete"
        ),
    ]

    def __init__(self, entries: list[BookmarkEntry], delete: Callable[[int], object]) -> None:
        """`delete(bookmark_id)` removes a bookmark from the store (the caller's worker)."""
        super().__init__()
        self._entries = entries
        self._delete = delete

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._heading(), id="bookmarks-title", markup=False)
            yield OptionList(*[self._option(e) for e in self._entries], id="bookmarks")
        yield Footer()

    def _heading(self) -> str:
        if not self._entries:
            return "No bookmarks yet: press b on a paragraph to keep it."
        return count(len(self._entries), "bookmark")

    def _option(self, entry: BookmarkEntry) -> Option:
        bookmark = entry.bookmark
        # Text objects, never markup strings: bookmarked text is article data.
        head = Text()
        head.append(bookmark.date or "undated", style="bold")
        head.append(f" · {bookmark.title}", style="bold")
        if entry.status in (BookmarkStatus.ORPHANED, BookmarkStatus.MISSING):
            head.append(f"  ({entry.status.value}: its saved text is below)", style="italic")
        paragraph = entry.index if entry.index is not None else bookmark.paragraph_index
        lines: list[Text] = [head, Text(f"¶{paragraph + 1}  {bookmark.paragraph_text}")]
        if entry.translation:
            lines.append(Text(f"     {entry.translation}", style="italic"))
        if bookmark.note:
            lines.append(Text(f"  ✎ {bookmark.note}"))
        lines.append(Text(f"  made {bookmark.created[:16].replace('T', ' ')} UTC", style="dim"))
        return Option(Group(*lines), id=str(bookmark.id))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _jump(self, event: OptionList.OptionSelected) -> None:
        entry = self._entry(event.option_index)
        if entry is None:
            return
        if entry.index is None:
            self.notify("This bookmark's paragraph is gone from the article.", severity="warning")
            return
        self.dismiss(BookmarkJump(entry.bookmark.path, entry.index))

    def _entry(self, index: int | None) -> BookmarkEntry | None:
        if index is None or not 0 <= index < len(self._entries):
            return None
        return self._entries[index]

    def action_open(self) -> None:
        self.query_one(OptionList).action_select()

    def action_delete(self) -> None:
        options = self.query_one(OptionList)
        entry = self._entry(options.highlighted)
        if entry is None or options.highlighted is None:
            return
        self._delete(entry.bookmark.id)
        options.remove_option_at_index(options.highlighted)
        self._entries.remove(entry)
        self.query_one("#bookmarks-title", Static).update(self._heading())

    def action_close(self) -> None:
        self.dismiss(None)
