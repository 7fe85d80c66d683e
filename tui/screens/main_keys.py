"""The reader screen's keys, each with an id (for remapping in config.toml) and a tooltip."""

from __future__ import annotations

from textual.binding import Binding, BindingType

SCREEN_BINDINGS: list[BindingType] = [
    Binding("s", "toggle_sidebar", "Sidebar", tooltip="Show or hide the sidebar", id="sidebar"),
    Binding("slash", "filter", "Filter", tooltip="Filter article titles", id="filter"),
    Binding("b", "toggle_bookmark", "Bookmark", tooltip="Bookmark this paragraph", id="bookmark"),
    Binding(
        "B",
        "edit_note",
        "Note",
        show=False,
        tooltip="Add or edit this bookmark's note",
        id="note",
    ),
    Binding("m", "bookmarks", "Bookmarks", show=False, tooltip="Every bookmark", id="bookmarks"),
    Binding("n", "next_hit", "Next hit", tooltip="Next keyword hit", id="next_hit"),
    Binding(
        "N",
        "previous_hit",
        "Prev hit",
        show=False,
        tooltip="Previous keyword hit",
        id="prev_hit",
    ),
    Binding(
        "H",
        "only_hits",
        "Only hits",
        show=False,
        tooltip="Show only articles with keyword hits (again: all)",
        id="only_hits",
    ),
    Binding("K", "keywords", "Keywords", show=False, tooltip="Manage keywords", id="keywords"),
    Binding("f", "search", "Search", tooltip="Search the library", id="search"),
    Binding("e", "edit_translation", "Edit", tooltip="Correct this sentence's English", id="edit"),
    Binding(
        "a",
        "alternatives",
        "Alternatives",
        show=False,
        tooltip="The model's other translations of this sentence",
        id="alternatives",
    ),
    Binding(
        "u",
        "revert_translation",
        "Revert",
        show=False,
        tooltip="Back to the machine translation",
        id="revert",
    ),
    Binding("r", "toggle_reviewed", "Reviewed", tooltip="Mark this sentence reviewed", id="review"),
    Binding(
        "R",
        "toggle_paragraph_reviewed",
        "Paragraph reviewed",
        show=False,
        tooltip="Mark the whole paragraph reviewed",
        id="review_paragraph",
    ),
    Binding(
        "o",
        "sentence_note",
        "Sentence note",
        show=False,
        tooltip="A note on this sentence",
        id="sentence_note",
    ),
    Binding(
        "U",
        "only_unreviewed",
        "To review",
        show=False,
        tooltip="Show only articles with unreviewed sentences (again: all)",
        id="only_unreviewed",
    ),
    Binding(
        "i",
        "install_model",
        "Install model",
        tooltip="Download and install the Norwegian→English model",
        id="install_model",
    ),
]
