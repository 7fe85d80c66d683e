"""The keyword screen: add, remove and recolour keywords; a sparkline of hits per month."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from tolk.keywords.hits import ArticleHits, monthly_hits, sparkline
from tolk.library.dates import ArticleDate, Precision
from tolk.text import count
from tui.keyword_styles import KEYWORD_COLOURS

# Keywords longer than this (in cells) are cut with "…", so the sparklines keep their room.
LABEL_MOST = 24


@dataclass(frozen=True)
class KeywordEntry:
    """A keyword as the screen shows it."""

    keyword: str
    colour: str
    months: tuple[tuple[int, int, int], ...]  # (year, month, hits), a continuous range


@dataclass(frozen=True)
class KeywordChoice:
    """The keywords and colours the user left the screen with."""

    keywords: tuple[str, ...]
    colours: tuple[tuple[str, str], ...]


def keyword_entries(
    keywords: Sequence[str], colours: Sequence[str], hits: Iterable[ArticleHits]
) -> list[KeywordEntry]:
    """Entries for the screen, with each keyword's hits per month across the library."""
    monthly = monthly_hits(hits)
    return [
        KeywordEntry(keyword, colour, tuple(monthly.get(index, ())))
        for index, (keyword, colour) in enumerate(zip(keywords, colours, strict=True))
    ]


class KeywordScreen(ModalScreen[KeywordChoice | None]):
    """a adds, d deletes, c changes the colour; escape saves and closes."""

    CSS_PATH = "keywords.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "close", "Save and close", id="keywords.close"),
        Binding("a", "add", "Add", tooltip="Add a keyword", id="keywords.add"),
        Binding("d,delete", "delete", "Delete", tooltip="Delete the keyword", id="keywords.delete"),
        Binding("c", "recolour", "Colour", tooltip="Next colour", id="keywords.colour"),
    ]

    def __init__(self, entries: list[KeywordEntry]) -> None:
        super().__init__()
        self._entries = list(entries)
        self._changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="keywords-box"):
            yield Static(self._title(), id="keywords-title", markup=False)
            yield OptionList(id="keyword-list")
            yield Input(placeholder="New keyword (enter adds, escape cancels)", id="new-keyword")
        yield Footer()

    def on_mount(self) -> None:
        self._refill()
        self.query_one(OptionList).focus()

    def _title(self) -> str:
        """The title, with the months the sparklines span: every keyword's span the same."""
        title = "Keywords · hits per month across the library"
        months = next((entry.months for entry in self._entries if entry.months), ())
        if not months:
            return title
        (first_year, first_month, _), (last_year, last_month, _) = months[0], months[-1]
        first = ArticleDate(first_year, first_month, precision=Precision.MONTH)
        last = ArticleDate(last_year, last_month, precision=Precision.MONTH)
        return f"{title}, {first}" + (f" – {last}" if last != first else "")

    def _refill(self, highlight: int | None = None) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        # One column for the labels and one for the counts, so the sparklines line up.
        label_width = min(max((cell_len(e.keyword) for e in self._entries), default=0), LABEL_MOST)
        number_width = max((len(f"{_total(e):,}") for e in self._entries), default=1)
        options.add_options(
            [Option(KeywordLine(entry, label_width, number_width)) for entry in self._entries]
        )
        if self._entries:
            options.highlighted = min(highlight or 0, len(self._entries) - 1)

    def action_add(self) -> None:
        field = self.query_one("#new-keyword", Input)
        field.add_class("-shown")
        field.focus()

    @on(Input.Submitted, "#new-keyword")
    def _added(self, event: Input.Submitted) -> None:
        keyword = " ".join(event.value.split())
        event.input.value = ""
        event.input.remove_class("-shown")
        self.query_one(OptionList).focus()
        if not keyword or keyword.casefold() in (e.keyword.casefold() for e in self._entries):
            return
        taken = {e.colour for e in self._entries}
        colour = next((c for c in KEYWORD_COLOURS if c not in taken), KEYWORD_COLOURS[0])
        self._entries.append(KeywordEntry(keyword, colour, ()))
        self._changed = True
        self._refill(len(self._entries) - 1)

    def action_delete(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self._entries:
            return
        del self._entries[index]
        self._changed = True
        self._refill(index)

    def action_recolour(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self._entries:
            return
        entry = self._entries[index]
        colour = KEYWORD_COLOURS[(KEYWORD_COLOURS.index(entry.colour) + 1) % len(KEYWORD_COLOURS)]
        self._entries[index] = KeywordEntry(entry.keyword, colour, entry.months)
        self._changed = True
        self._refill(index)

    def action_close(self) -> None:
        field = self.query_one("#new-keyword", Input)
        if field.has_class("-shown"):
            field.value = ""
            field.remove_class("-shown")
            self.query_one(OptionList).focus()
            return
        if not self._changed:
            self.dismiss(None)
            return
        self.dismiss(
            KeywordChoice(
                tuple(e.keyword for e in self._entries),
                tuple((e.keyword, e.colour) for e in self._entries),
            )
        )


def _total(entry: KeywordEntry) -> int:
    return sum(hits for _, _, hits in entry.months)


@dataclass(frozen=True)
class KeywordLine:
    """A keyword's line: its label and hit count in columns as wide as the widest of the
    screen's, then its sparkline in the room left (drawn at the list's width, so it fits any
    terminal). Text objects throughout: keywords are the user's text, not markup."""

    entry: KeywordEntry
    label_width: int
    number_width: int

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        entry = self.entry
        keyword = entry.keyword
        if cell_len(keyword) > self.label_width:
            keyword = set_cell_size(keyword, self.label_width - 1) + "…"
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(
            f" {set_cell_size(keyword, self.label_width)} ", style=f"bold black on {entry.colour}"
        )
        total = count(_total(entry), "hit", width=self.number_width)
        line.append(f"  {total:<{self.number_width + len(' hits')}}  ")
        room = options.max_width - line.cell_len
        if entry.months and room > 0:
            counts = [hits for _, _, hits in entry.months]
            line.append(sparkline(counts, width=room), style=entry.colour)
        yield line
