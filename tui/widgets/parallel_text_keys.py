"""The reader's keys: paragraphs, pages and sentences."""

from __future__ import annotations

from textual.binding import Binding, BindingType

READER_BINDINGS: list[BindingType] = [
    Binding("down,j", "cursor_down", "Next ¶", tooltip="Next paragraph", id="reader.down"),
    Binding("up,k", "cursor_up", "Prev ¶", tooltip="Previous paragraph", id="reader.up"),
    Binding("pagedown,space", "page_down", "Page down", show=False, id="reader.page_down"),
    Binding("pageup", "page_up", "Page up", show=False, id="reader.page_up"),
    Binding("home,g", "first", "First ¶", show=False, id="reader.first"),
    Binding("end,G", "last", "Last ¶", show=False, id="reader.last"),
    Binding(
        "l,right_square_bracket",
        "next_sentence",
        "Next sentence",
        show=False,
        tooltip="Next sentence (and its translation)",
        id="reader.next_sentence",
    ),
    Binding(
        "h,left_square_bracket",
        "previous_sentence",
        "Prev sentence",
        show=False,
        tooltip="Previous sentence (and its translation)",
        id="reader.previous_sentence",
    ),
    Binding(
        "w",
        "next_word",
        "Next word",
        show=False,
        tooltip="Next word of the sentence, and the words that render it",
        id="reader.next_word",
    ),
    Binding(
        "W",
        "previous_word",
        "Prev word",
        show=False,
        tooltip="Previous word of the sentence, and the words that render it",
        id="reader.previous_word",
    ),
]
