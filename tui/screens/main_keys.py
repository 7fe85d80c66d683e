"""The reader screen's keys, each with an id (for remapping in config.toml) and a tooltip, and
the actions they run: `ReaderKeys` is the screen's base class, so the key table lives in one
place, apart from the screen's routing of messages. Each action runs one of the reader's
commands (reader_commands.py, review_commands.py, model_commands.py, feed_commands.py)."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.reader.translation import TranslationFeature
from tui.screens.feed_commands import FeedCommands
from tui.screens.model_commands import ModelCommands
from tui.screens.reader_commands import ReaderCommands
from tui.screens.review_commands import ReviewCommands

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
    Binding(
        "F",
        "fetch_feeds",
        "Fetch feeds",
        show=False,
        tooltip="Fetch new articles from the feeds in config.toml",
        id="fetch_feeds",
    ),
    Binding(
        "x",
        "next_flag",
        "Next flag",
        tooltip="Next sentence that needs a look (QA flag or low confidence)",
        id="next_flag",
    ),
    Binding(
        "X",
        "previous_flag",
        "Prev flag",
        show=False,
        tooltip="Previous sentence that needs a look",
        id="prev_flag",
    ),
    Binding(
        "exclamation_mark",
        "only_flagged",
        "Only flagged",
        show=False,
        tooltip="Show only articles with sentences that need a look (again: all)",
        id="only_flagged",
    ),
]


def command(run: Callable[[ReaderCommands], None]) -> Callable[[ReaderKeys], None]:
    """A key's action on the screen: run one of the reader's commands."""

    def action(screen: ReaderKeys) -> None:
        run(screen.commands)

    return action


def review_command(run: Callable[[ReviewCommands], None]) -> Callable[[ReaderKeys], None]:
    """A key's action on the screen: run one of the reviewer's commands."""

    def action(screen: ReaderKeys) -> None:
        run(screen.review_commands)

    return action


class ReaderKeys(Screen[None]):
    """The reader screen's bindings and actions; `MainScreen` sets the collaborators."""

    BINDINGS = SCREEN_BINDINGS

    commands: ReaderCommands
    review_commands: ReviewCommands
    feeds: FeedCommands
    model: ModelCommands
    translation: TranslationFeature

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Offer the install key only while there is no model to translate with.
        if action == "install_model":
            return self.translation.translator is None
        return True

    action_toggle_sidebar = command(ReaderCommands.toggle_sidebar)
    action_filter = command(ReaderCommands.filter)
    action_toggle_bookmark = command(ReaderCommands.toggle_bookmark)
    action_edit_note = command(ReaderCommands.edit_note)
    action_bookmarks = command(ReaderCommands.list_bookmarks)
    action_next_hit = command(ReaderCommands.next_hit)
    action_previous_hit = command(ReaderCommands.previous_hit)
    action_only_hits = command(ReaderCommands.only_hits)
    action_keywords = command(ReaderCommands.manage_keywords)
    action_search = command(ReaderCommands.search)
    action_edit_translation = review_command(ReviewCommands.edit_translation)
    action_alternatives = review_command(ReviewCommands.alternatives)
    action_revert_translation = review_command(ReviewCommands.revert_translation)
    action_toggle_reviewed = review_command(ReviewCommands.toggle_sentence_reviewed)
    action_toggle_paragraph_reviewed = review_command(ReviewCommands.toggle_paragraph_reviewed)
    action_sentence_note = review_command(ReviewCommands.sentence_note)
    action_only_unreviewed = command(ReaderCommands.only_unreviewed)
    action_next_flag = command(ReaderCommands.next_flag)
    action_only_flagged = command(ReaderCommands.only_flagged)
    action_previous_flag = command(ReaderCommands.previous_flag)

    def action_install_model(self) -> None:
        self.model.install()

    def action_fetch_feeds(self) -> None:
        self.feeds.fetch()

    def export_review(self, export_format: str) -> None:
        """Write the open article's review to the data dir (from the palette)."""
        self.review_commands.export(export_format)
