"""What Bokmålsordboka says of a word: its headwords (homonyms apart), word class, gender,
forms, definitions with their examples, the definitions' English from the model (machine
translation, once it arrives) and the English this sentence's alignment gave the word."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tolk.dictionary import ATTRIBUTION, COMPOUND, GENITIVE, Entry, Lookup
from tui.dialogs.hanging_lines import HangingLine, HangingLines

# Examples shown under a definition (a common verb has a hundred).
EXAMPLES_SHOWN = 3
MACHINE = "machine translation"


class DictionaryDialog(ModalScreen[None]):
    """The entries of one word; escape (or d again) closes."""

    CSS_PATH = "dictionary.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("escape,d,q", "close", "Close", id="dictionary.close"),
    ]

    def __init__(self, lookup: Lookup, aligned: str, *, machine_english: bool) -> None:
        """`aligned`: the English words the sentence's alignment gave the word ("" when
        none); `machine_english`: the definitions' English is on its way from the model."""
        super().__init__()
        self.lookup = lookup
        self.word = lookup.word
        self._aligned = aligned
        self._english: dict[str, str] = {}
        self._waiting = machine_english and any(e.definitions for e in lookup.entries)

    def compose(self) -> ComposeResult:
        with Vertical(id="dictionary-box"):
            yield Static(self._title(), id="dictionary-title")
            with VerticalScroll(id="dictionary-body"):
                yield Static(self._body(), id="dictionary-entries")
            yield Static(Text(f"{ATTRIBUTION} · escape closes"), id="dictionary-help")

    def set_english(self, english: dict[str, str]) -> None:
        """The model's English of the definitions has arrived."""
        self._english = english
        self._waiting = False
        self.query_one("#dictionary-entries", Static).update(self._body())

    def action_close(self) -> None:
        self.dismiss(None)

    def _title(self) -> Text:
        # The word and the model's English are data: Text, never markup.
        title = Text(self.word, style="bold")
        if self._aligned:
            title.append(f"  → {self._aligned}", style="italic")
            title.append("  (this sentence's English)", style="dim")
        return title

    def _body(self) -> HangingLines:
        """The entries, each definition's rows under its text (a hanging indent), never under
        its number."""
        lookup = self.lookup
        if not lookup.found:
            lines = [HangingLine("", Text(f"{lookup.reason.capitalize()}."))]
            if lookup.suggestions:
                near = Text.assemble(("Near spellings: ", "dim"), ", ".join(lookup.suggestions))
                lines += [HangingLine("", Text()), HangingLine("", near)]
            return HangingLines(lines)
        body: list[HangingLine] = []
        for number, entry in enumerate(lookup.entries):
            if number:
                body.append(HangingLine("", Text()))
            body += self._entry(entry)
        return HangingLines(body)

    def _entry(self, entry: Entry) -> list[HangingLine]:
        # Words and definitions are data: Text, never markup. Styles as spans (assemble): the
        # rows are drawn span by span, and a Text's own style would be lost.
        heading = Text.assemble((entry.lemma, "bold"))
        about = ", ".join(part for part in (entry.word_class, entry.gender) if part)
        if about:
            heading.append(f" · {about}", style="italic")
        if entry.via == GENITIVE:
            heading.append("  (genitive)", style="dim")
        elif entry.via == COMPOUND:
            heading.append(f"  (part of the compound: {entry.part})", style="dim")
        lines = [HangingLine("", heading)]
        forms = _forms(entry)
        if forms and forms != entry.lemma:  # a word with one form ("av") has no table
            lines.append(HangingLine("  ", Text.assemble((forms, "dim"))))
        if not entry.definitions:
            nothing = Text.assemble(("(no definition in the dictionary)", "dim"))
            lines.append(HangingLine("  ", nothing))
        for number, definition in enumerate(entry.definitions, start=1):
            lead = f"  {number}. "
            under = " " * len(lead)  # the definition's English and examples, under its text
            if definition.text:
                lines.append(HangingLine(lead, Text(definition.text)))
            english = self._english.get(definition.text)
            if english:
                translated = Text.assemble((english, "italic"), (f"  [{MACHINE}]", "dim"))
                lines.append(HangingLine(under, translated))
            elif self._waiting and definition.text:
                waiting = Text.assemble(("(English on its way…)", "dim"))
                lines.append(HangingLine(under, waiting))
            for example in definition.examples[:EXAMPLES_SHOWN]:
                shown = Text.assemble((example, "italic dim"))
                lines.append(HangingLine(f"{under}· ", shown, "dim"))
        return lines


def _forms(entry: Entry) -> str:
    """The inflection table on one line: each form once, with what it is first of all; a
    verb's participles as adjectives are left out (the forms a reader looks for are there)."""
    described: dict[str, str] = {}
    for inflection in entry.inflections:
        if entry.word_class == "verb" and "Adj" in inflection.tags:
            continue
        described.setdefault(inflection.form, inflection.description)
    return " · ".join(f"{form} ({what})" if what else form for form, what in described.items())
