"""The reader screen's keys, each with an id (for remapping in config.toml) and a tooltip, and
the actions they run: `ReaderKeys` is the screen's base class, so the key table lives in one
place, apart from the screen's routing of messages. Each action runs one of the reader's
commands (reader_commands.py, review_commands.py, model_commands.py, feed_commands.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType
from textual.screen import Screen

# The commands are imported when the screen first uses them (after its first titles are drawn).
if TYPE_CHECKING:
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


# The screen's keys that act while the reader's widgets are not yet in (until the first titles
# are drawn): those that need only the sidebar.
_BEFORE_THE_READER = frozenset({"filter", "only_hits", "only_unreviewed", "only_flagged"})


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

    @property
    def commands(self) -> ReaderCommands:
        raise NotImplementedError

    @property
    def review_commands(self) -> ReviewCommands:
        raise NotImplementedError

    @property
    def feeds(self) -> FeedCommands:
        raise NotImplementedError

    @property
    def model(self) -> ModelCommands:
        raise NotImplementedError

    @property
    def translation(self) -> TranslationFeature:
        raise NotImplementedError

    @property
    def reader_mounted(self) -> bool:
        """Whether the reader's widgets are in: until then only the sidebar's keys act."""
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.reader_mounted:
            return action in _BEFORE_THE_READER
        # Offer the install key only while there is no model to translate with.
        if action == "install_model":
            return self.translation.translator is None
        return True

    action_toggle_sidebar = command(lambda commands: commands.toggle_sidebar())
    action_filter = command(lambda commands: commands.filter())
    action_toggle_bookmark = command(lambda commands: commands.toggle_bookmark())
    action_edit_note = command(lambda commands: commands.edit_note())
    action_bookmarks = command(lambda commands: commands.list_bookmarks())
    action_next_hit = command(lambda commands: commands.next_hit())
    action_previous_hit = command(lambda commands: commands.previous_hit())
    action_only_hits = command(lambda commands: commands.only_hits())
    action_keywords = command(lambda commands: commands.manage_keywords())
    action_search = command(lambda commands: commands.search())
    action_edit_translation = review_command(lambda commands: commands.edit_translation())
    action_alternatives = review_command(lambda commands: commands.alternatives())
    action_revert_translation = review_command(lambda commands: commands.revert_translation())
    action_toggle_reviewed = review_command(lambda commands: commands.toggle_sentence_reviewed())
    action_toggle_paragraph_reviewed = review_command(
        lambda commands: commands.toggle_paragraph_reviewed()
    )
    action_sentence_note = review_command(lambda commands: commands.sentence_note())
    action_only_unreviewed = command(lambda commands: commands.only_unreviewed())
    action_next_flag = command(lambda commands: commands.next_flag())
    action_only_flagged = command(lambda commands: commands.only_flagged())
    action_previous_flag = command(lambda commands: commands.previous_flag())

    def action_install_model(self) -> None:
        self.model.install()

    def action_fetch_feeds(self) -> None:
        self.feeds.fetch()

    def export_review(self, export_format: str) -> None:
        """Write the open article's review to the data dir (from the palette)."""
        self.review_commands.export(export_format)
