"""The reader screen's keys: each binding has an id (for remapping in config.toml) and a
tooltip, and runs one action, `run(id)`; `COMMANDS` says which collaborator's method that is.
Adding a key adds a binding and a row here; nothing else changes."""

from __future__ import annotations

from textual.binding import Binding, BindingType

KEYS: list[BindingType] = [
    Binding("s", "run('sidebar')", "Sidebar", tooltip="Show or hide the sidebar", id="sidebar"),
    Binding("slash", "run('filter')", "Filter", tooltip="Filter article titles", id="filter"),
    Binding("b", "run('bookmark')", "Bookmark", tooltip="Bookmark this paragraph", id="bookmark"),
    Binding(
        "B",
        "run('note')",
        "Note",
        show=False,
        tooltip="Add or edit this bookmark's note",
        id="note",
    ),
    Binding(
        "m", "run('bookmarks')", "Bookmarks", show=False, tooltip="Every bookmark", id="bookmarks"
    ),
    Binding("n", "run('next_hit')", "Next hit", tooltip="Next keyword hit", id="next_hit"),
    Binding(
        "N",
        "run('prev_hit')",
        "Prev hit",
        show=False,
        tooltip="Previous keyword hit",
        id="prev_hit",
    ),
    Binding(
        "H",
        "run('only_hits')",
        "Only hits",
        show=False,
        tooltip="Show only articles with keyword hits (again: all)",
        id="only_hits",
    ),
    Binding(
        "K", "run('keywords')", "Keywords", show=False, tooltip="Manage keywords", id="keywords"
    ),
    Binding("f", "run('search')", "Search", tooltip="Search the library", id="search"),
    Binding("e", "run('edit')", "Edit", tooltip="Correct this sentence's English", id="edit"),
    Binding(
        "a",
        "run('alternatives')",
        "Alternatives",
        show=False,
        tooltip="The model's other translations of this sentence",
        id="alternatives",
    ),
    Binding(
        "u",
        "run('revert')",
        "Revert",
        show=False,
        tooltip="Drop your correction: the memory's English, else the model's, shows again",
        id="revert",
    ),
    Binding("r", "run('review')", "Reviewed", tooltip="Mark this sentence reviewed", id="review"),
    Binding(
        "R",
        "run('review_paragraph')",
        "Paragraph reviewed",
        show=False,
        tooltip="Mark the whole paragraph reviewed",
        id="review_paragraph",
    ),
    Binding(
        "o",
        "run('sentence_note')",
        "Sentence note",
        show=False,
        tooltip="A note on this sentence",
        id="sentence_note",
    ),
    Binding(
        "U",
        "run('only_unreviewed')",
        "To review",
        show=False,
        tooltip="Show only articles with unreviewed sentences (again: all)",
        id="only_unreviewed",
    ),
    Binding(
        "i",
        "run('install_model')",
        "Install model",
        tooltip="Download and install the Norwegian→English model",
        id="install_model",
    ),
    Binding(
        "F",
        "run('fetch_feeds')",
        "Fetch feeds",
        show=False,
        tooltip="Fetch new articles from the feeds in config.toml",
        id="fetch_feeds",
    ),
    Binding(
        "x",
        "run('next_flag')",
        "Next flag",
        tooltip="Next sentence that needs a look (QA flag or low confidence)",
        id="next_flag",
    ),
    Binding(
        "X",
        "run('prev_flag')",
        "Prev flag",
        show=False,
        tooltip="Previous sentence that needs a look",
        id="prev_flag",
    ),
    Binding(
        "D",
        "run('details')",
        "Details",
        show=False,
        tooltip="Everything about this sentence: its English, origin, flags in full",
        id="details",
    ),
    Binding(
        "exclamation_mark",
        "run('only_flagged')",
        "Only flagged",
        show=False,
        tooltip="Show only articles with sentences that need a look (again: all)",
        id="only_flagged",
    ),
    Binding(
        "O",
        "run('only_unread')",
        "Only unread",
        show=False,
        tooltip="Show only articles not read yet (again: all)",
        id="only_unread",
    ),
    Binding(
        "t",
        "run('toggle_read')",
        "Read/unread",
        show=False,
        tooltip="Mark the article under the list's cursor read, or unread again",
        id="toggle_read",
    ),
    Binding(
        "A",
        "run('mark_all_read')",
        "Mark all read",
        show=False,
        tooltip="Mark every article listed read (with a filter on: those it shows)",
        id="mark_all_read",
    ),
    Binding(
        "Z",
        "run('undo_mark_all_read')",
        "Undo mark all read",
        show=False,
        tooltip="Take the last mark all read back: those articles are unread again",
        id="undo_mark_all_read",
    ),
]

# Which collaborator (a `ReaderParts` name) runs each key, and its method.
COMMANDS: dict[str, tuple[str, str]] = {
    "sidebar": ("listing", "toggle_sidebar"),
    "filter": ("listing", "filter"),
    "only_hits": ("listing", "only_hits"),
    "only_unreviewed": ("listing", "only_unreviewed"),
    "only_flagged": ("listing", "only_flagged"),
    "only_unread": ("listing", "only_unread"),
    "toggle_read": ("unread", "toggle_read"),
    "mark_all_read": ("unread", "mark_all_read"),
    "undo_mark_all_read": ("unread", "undo_mark_all_read"),
    "bookmark": ("bookmarks", "toggle_bookmark"),
    "note": ("bookmarks", "edit_note"),
    "bookmarks": ("bookmarks", "list_bookmarks"),
    "next_hit": ("keywords", "next_hit"),
    "prev_hit": ("keywords", "previous_hit"),
    "keywords": ("keywords", "manage_keywords"),
    "search": ("keywords", "search"),
    "edit": ("review", "edit_translation"),
    "alternatives": ("review", "alternatives"),
    "revert": ("review", "revert_translation"),
    "review": ("review", "toggle_sentence_reviewed"),
    "review_paragraph": ("review", "toggle_paragraph_reviewed"),
    "sentence_note": ("review", "sentence_note"),
    "next_flag": ("review", "next_flag"),
    "prev_flag": ("review", "previous_flag"),
    "install_model": ("translation", "install"),
    "fetch_feeds": ("feeds", "fetch"),
    "details": ("drawing", "show_sentence_details"),
}

# The keys that act while the reader's widgets are not yet in (until the first titles are
# drawn): those that need only the sidebar.
BEFORE_THE_READER = frozenset(
    {"filter", "only_hits", "only_unreviewed", "only_flagged", "only_unread"}
)
