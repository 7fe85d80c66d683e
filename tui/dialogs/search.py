"""Full-text search across the library: results as you type, newest first; ↓/↑ move through
them from the box, Enter opens the article at the highlighted hit. The screen starts with the
query it is given (the reader's last, selected so that typing replaces it) and answers with the
query it ends with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from tolk.search.index import SearchError, SearchIndex, SearchResult
from tolk.text import count

RESULT_LIMIT = 100


@dataclass(frozen=True)
class SearchJump:
    """The result the user chose."""

    path: Path
    paragraph: int


@dataclass(frozen=True)
class SearchAnswer:
    """How the search ended: the query as it was left, and the result chosen (None: none)."""

    query: str
    jump: SearchJump | None


class SearchScreen(Screen[SearchAnswer]):
    """Type to search (Norwegian, and English where translated); ↓/↑ choose, Enter opens."""

    CSS_PATH = "search.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "close", "Back", id="search.close"),
        # Priority: Enter opens the highlighted result wherever the focus is (the box's own
        # Enter would only submit it), and the footer says so.
        Binding(
            "enter",
            "open",
            "Open",
            tooltip="Open the highlighted result",
            priority=True,
            id="search.open",
        ),
        # The box has no use for ↓/↑: they move through the results wherever the focus is
        # (priority, or the box's own scroll bindings would be the ones the footer shows).
        Binding("down", "move(1)", "Results", key_display="↓↑", priority=True, id="search.down"),
        Binding("up", "move(-1)", "Previous result", show=False, priority=True, id="search.up"),
        Binding("pagedown", "page(1)", "Next page", show=False, id="search.page_down"),
        Binding("pageup", "page(-1)", "Previous page", show=False, id="search.page_up"),
    ]

    class Results(Message):
        """Results for `query`."""

        def __init__(self, query: str, results: list[SearchResult], problem: str | None) -> None:
            super().__init__()
            self.query = query
            self.results = results
            self.problem = problem

    def __init__(self, index: SearchIndex, query: str = "", building: str | None = None) -> None:
        """`building`: how far the index is being brought up to date (None: it is), said while
        results can still be missing; `index_status` says when that changes."""
        super().__init__()
        self._index = index
        self._query = query
        self._building = building
        self._results: list[SearchResult] = []
        # The query the results shown are for, and whether Enter came before its results did.
        self._results_query: str | None = None
        self._open_when_shown = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(
                self._query, placeholder='Search the library ("quotes" for a phrase)', id="query"
            )
            yield Static(self._building or "Type to search.", id="search-status", markup=False)
            yield OptionList(id="results")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one(Input)
        box.focus()
        box.select_all()  # the last query, offered: typing replaces it, ←/→ keep it
        if self._query.strip():
            self._search(self._query)

    def index_status(self, building: str | None, *, grown: bool = False) -> None:
        """The reader's word on the index: still being built (how far; `grown`: it holds more
        articles than before, so the results so far are searched again while there is room
        for more), or up to date (None: the results shown are searched again, now that
        nothing is missing)."""
        was_building, self._building = self._building, building
        query = self.query_one(Input).value
        if building is not None:
            self._status(self._counted(len(self._results)) if query.strip() else building)
            if grown and query.strip() and len(self._results) < RESULT_LIMIT:
                self._search(query)
        elif was_building is not None:
            self._search(query)
            if not query.strip():
                self._status("Type to search.")

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        if not query.strip():
            self.post_message(self.Results(query, [], None))
            return
        try:
            results = self._index.search(query, limit=RESULT_LIMIT)
        except SearchError as error:
            self.post_message(self.Results(query, [], str(error)))
            return
        self.post_message(self.Results(query, results, None))

    @on(Results)
    def _show_results(self, message: Results) -> None:
        if message.query != self.query_one(Input).value:
            return  # typing has moved on
        options = self.query_one(OptionList)
        # The same query searched again (the index grew): the highlight stays on its result.
        chosen = None
        if message.query == self._results_query and options.highlighted is not None:
            chosen = _place(self._results[options.highlighted])
        self._results = message.results
        self._results_query = message.query
        options.clear_options()
        options.add_options([self._option(result) for result in message.results])
        if message.results:
            places = [_place(result) for result in message.results]
            # What Enter opens, before any ↓: the first, or the one highlighted before.
            options.highlighted = places.index(chosen) if chosen in places else 0
        if message.problem:
            self._status(message.problem)
        elif message.query.strip():
            self._status(self._counted(len(message.results)))
        if self._open_when_shown:
            self._open_when_shown = False
            self.action_open()

    def _counted(self, found: int) -> str:
        """How many results, and (while the index is being built) that more may come."""
        full = found >= RESULT_LIMIT  # the first RESULT_LIMIT: there may be more
        said = f"{found}+ paragraphs" if full else count(found, "paragraph")
        return f"{said} so far · {self._building}" if self._building else said

    def _option(self, result: SearchResult) -> Option:
        head = Text()
        head.append(str(result.date) if result.date is not None else "undated", style="bold")
        head.append(f" · {result.title}", style="bold")
        head.append(f"  ¶{result.paragraph + 1} · {result.language}", style="dim")
        # Text objects, never markup: snippets are article text.
        snippet = Text("  " + result.snippet)
        for start, end in result.snippet_matches:
            snippet.stylize("reverse", start + 2, end + 2)
        return Option(Group(head, snippet))

    @on(OptionList.OptionSelected, "#results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option_index)

    def action_open(self) -> None:
        """Open the highlighted result; typed faster than the search ran, when it arrives."""
        if self._results_query != self.query_one(Input).value:
            self._open_when_shown = bool(self.query_one(Input).value.strip())
            return
        self._open(self.query_one(OptionList).highlighted)

    def action_move(self, step: int) -> None:
        """Highlight the next (1) or previous (-1) result, from the box or the list."""
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_page(self, step: int) -> None:
        """A page of results down (1) or up (-1)."""
        options = self.query_one(OptionList)
        if step > 0:
            options.action_page_down()  # type: ignore[no-untyped-call]  # Textual leaves it untyped
        else:
            options.action_page_up()  # type: ignore[no-untyped-call]

    def _open(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self._results):
            return
        result = self._results[index]
        self._answer(SearchJump(result.path, result.paragraph))

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(text)

    def action_close(self) -> None:
        self._answer(None)

    def _answer(self, jump: SearchJump | None) -> None:
        self.dismiss(SearchAnswer(self.query_one(Input).value, jump))


def _place(result: SearchResult) -> tuple[Path, int, str]:
    """Where a result is: the same place in the results of a search made again."""
    return result.path, result.paragraph, result.language
