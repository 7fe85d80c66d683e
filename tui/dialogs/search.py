"""Full-text search across the library: results as you type, newest first; Enter opens the
article at the hit."""

from __future__ import annotations

from collections.abc import Sequence
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
from textual.worker import get_current_worker

from tolk.search.index import SearchError, SearchIndex, SearchResult

RESULT_LIMIT = 100


@dataclass(frozen=True)
class SearchJump:
    """The result the user chose."""

    path: Path
    paragraph: int


class SearchScreen(Screen[SearchJump | None]):
    """Type to search (Norwegian, and English where translated); Enter opens a result."""

    CSS_PATH = "search.tcss"
    BINDINGS = [Binding("escape", "close", "Back", id="search.close")]  # noqa: RUF012

    class IndexReady(Message):
        """The index now matches the library (or could not be updated: `problem`)."""

        def __init__(self, problem: str | None) -> None:
            super().__init__()
            self.problem = problem

    class Results(Message):
        """Results for `query`."""

        def __init__(self, query: str, results: list[SearchResult], problem: str | None) -> None:
            super().__init__()
            self.query = query
            self.results = results
            self.problem = problem

    def __init__(self, index: SearchIndex, roots: Sequence[Path]) -> None:
        super().__init__()
        self._index = index
        self._roots = list(roots)
        self._results: list[SearchResult] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder='Search the library ("quotes" for a phrase)', id="query")
            yield Static("Updating the index…", id="search-status", markup=False)
            yield OptionList(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._update_index()

    @work(thread=True, exclusive=True, group="search-index")
    def _update_index(self) -> None:
        worker = get_current_worker()
        try:
            self._index.update(self._roots, cancelled=lambda: worker.is_cancelled)
        except SearchError as error:
            self.post_message(self.IndexReady(str(error)))
            return
        self.post_message(self.IndexReady(None))

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        self._status(message.problem or "Type to search.")
        self._search(self.query_one(Input).value)

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @on(Input.Submitted, "#query")
    def _query_submitted(self) -> None:
        if self._results:
            options = self.query_one(OptionList)
            options.highlighted = 0
            options.focus()

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
        self._results = message.results
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([self._option(result) for result in message.results])
        if message.problem:
            self._status(message.problem)
        elif message.query.strip():
            count = len(message.results)
            more = "+" if count >= RESULT_LIMIT else ""
            self._status(f"{count}{more} paragraph" + ("s" if count != 1 else ""))

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
    def _open(self, event: OptionList.OptionSelected) -> None:
        result = self._results[event.option_index]
        self.dismiss(SearchJump(result.path, result.paragraph))

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(text)

    def action_close(self) -> None:
        self.dismiss(None)
