"""Every saved word: the word and its lemma, what it means, the sentence it was met in and its
English, the article. Type to filter; Enter opens the article at that paragraph, k marks a word
known (again: learning), d deletes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from tolk.text import count
from tolk.vocabulary.entries import SavedWord, WordState


@dataclass(frozen=True)
class WordJump:
    """Where the user chose to go: the article a word was met in, at its paragraph."""

    path: Path
    paragraph: int


class WordsScreen(Screen[WordJump | None]):
    """Lists saved words newest first; the answer is where to go (None: back to reading)."""

    CSS_PATH = "words.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "close", "Back", id="words.close"),
        Binding("slash", "find", "Filter", tooltip="Filter the words", id="words.filter"),
        Binding(
            "k",
            "toggle_known",
            "Known/learning",
            tooltip="Known, or learning again",
            id="words.known",
        ),
        Binding("d,delete", "delete", "Delete", tooltip="Delete this word", id="words.delete"),
    ]

    def __init__(
        self,
        words: list[SavedWord],
        delete: Callable[[int], object],
        set_state: Callable[[int, WordState], object],
    ) -> None:
        """`delete(word_id)` and `set_state(word_id, state)` change the store (the caller's
        workers)."""
        super().__init__()
        self._words = list(words)
        self._delete = delete
        self._set_state = set_state
        self._shown: list[SavedWord] = list(words)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._heading(), id="words-title", markup=False)
            yield Input(placeholder="/ filter: a word, lemma or English…", id="words-filter")
            yield OptionList(*[self._option(word) for word in self._shown], id="words")
        yield Footer()

    def _heading(self) -> str:
        if not self._words:
            return "No words saved yet: put the word cursor on a word (w) and press S."
        known = sum(word.state is WordState.KNOWN for word in self._words)
        shown = "" if len(self._shown) == len(self._words) else f"{len(self._shown)} shown of "
        return f"{shown}{count(len(self._words), 'word')} · {known} known"

    @staticmethod
    def _option(word: SavedWord) -> Option:
        # Text objects, never markup strings: words and sentences are article data.
        head = Text()
        head.append(word.word, style="bold")
        if word.lemma != word.word.casefold():
            head.append(f" → {word.lemma}")
        if word.word_class:
            head.append(f" ({word.word_class})", style="italic")
        if word.english:
            head.append(f" · {word.english}")
        head.append(f"  [{word.state.value}]", style="dim" if word.state is WordState.KNOWN else "")
        lines = [head]
        if word.definition:
            lines.append(Text(f"  {word.definition}"))
        lines.append(Text(f"  “{word.sentence}”"))
        if word.sentence_english:
            lines.append(Text(f"  “{word.sentence_english}”", style="italic"))
        if word.source is not None:
            where = word.source.title + (f" ({word.source.date})" if word.source.date else "")
            lines.append(Text(f"  {where}", style="dim"))
        return Option(Group(*lines), id=str(word.id))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(Input.Changed, "#words-filter")
    def _filter(self, event: Input.Changed) -> None:
        needle = event.value.casefold().strip()
        self._shown = [word for word in self._words if _matches(word, needle)]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([self._option(word) for word in self._shown])
        self.query_one("#words-title", Static).update(self._heading())

    @on(Input.Submitted, "#words-filter")
    def _filtered(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _jump(self, event: OptionList.OptionSelected) -> None:
        word = self._word(event.option_index)
        if word is None:
            return
        if word.source is None:
            self.notify("This word was saved without its article.", severity="warning")
            return
        self.dismiss(WordJump(word.source.path, word.source.paragraph))

    def _word(self, index: int | None) -> SavedWord | None:
        if index is None or not 0 <= index < len(self._shown):
            return None
        return self._shown[index]

    def action_find(self) -> None:
        self.query_one("#words-filter", Input).focus()

    def action_toggle_known(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        word = self._word(index)
        if word is None or index is None:
            return
        known = word.state is WordState.KNOWN
        state = WordState.LEARNING if known else WordState.KNOWN
        self._set_state(word.id, state)
        changed = replace(word, state=state)
        self._words[self._words.index(word)] = changed
        self._shown[index] = changed
        options.replace_option_prompt_at_index(index, self._option(changed).prompt)
        self.query_one("#words-title", Static).update(self._heading())

    def action_delete(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        word = self._word(index)
        if word is None or index is None:
            return
        self._delete(word.id)
        options.remove_option_at_index(index)
        self._words.remove(word)
        self._shown.remove(word)
        self.query_one("#words-title", Static).update(self._heading())

    def action_close(self) -> None:
        self.dismiss(None)


def _matches(word: SavedWord, needle: str) -> bool:
    if not needle:
        return True
    texts = (word.word, word.lemma, word.english or "", word.definition or "")
    return any(needle in text.casefold() for text in texts)
