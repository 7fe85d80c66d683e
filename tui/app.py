"""The Textual app: thin glue that applies the config and pushes the main screen."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget

from tolk.config import LoadedConfig, save_setting
from tui.reader.screen import POSITION_DELAY, ReaderScreen
from tui.terminal import hung_up, input_terminal
from tui.widgets.article_list import ArticleList
from tui.widgets.sidebar import Sidebar

# The reader's commands offered in the palette: a key's id, the command's title and help.
PALETTE = (
    ("sidebar", "Toggle sidebar", "Show or hide the article list"),
    ("filter", "Filter articles", "Filter titles as you type"),
    ("bookmarks", "Bookmarks", "Every bookmark, to jump to"),
    ("search", "Search", "Full-text search across the library"),
    ("keywords", "Keywords", "Add, remove and recolour keywords"),
    ("only_hits", "Only articles with hits", "Narrow the list (again: all)"),
    (
        "only_unread",
        "Only unread articles",
        "Narrow the list to articles not read yet (again: all)",
    ),
    ("only_bokmal", "Only Bokmål articles", "Hide Nynorsk and other languages (again: all)"),
    (
        "only_few_new_words",
        "Only articles with few new words",
        "At most a share of words not known yet that you choose (again: all)",
    ),
    ("save_word", "Save word", "The word under the word cursor (w), with its sentence"),
    ("know_word", "I know this word", "The word under the word cursor no longer counts as new"),
    ("words", "Words", "Your saved words: filter, open, delete, mark known"),
    ("toggle_read", "Mark read / unread", "The article under the list's cursor"),
    ("mark_all_read", "Mark all read", "Every article listed (with a filter on: those it shows)"),
    ("undo_mark_all_read", "Undo mark all read", "Those articles are unread again"),
    (
        "copy_english",
        "Copy the English sentence",
        "The sentence under the cursor, to your clipboard",
    ),
    ("copy_english_paragraph", "Copy the English paragraph", "The paragraph under the cursor"),
    ("copy_norwegian", "Copy the Norwegian sentence", "The sentence under the cursor"),
    ("copy_norwegian_paragraph", "Copy the Norwegian paragraph", "The paragraph under the cursor"),
    ("open_source", "Open the source page", "The page the article was fetched from, in a browser"),
    ("copy_source", "Copy the source address", "The address of the page it was fetched from"),
    ("define", "Dictionary", "Bokmålsordboka's entry for the word under the word cursor (w)"),
    (
        "fetch_feeds",
        "Fetch feeds",
        "Fetch new articles from the feeds in config.toml (needs the network)",
    ),
    (
        "add_url",
        "Add article by URL",
        "Fetch one article page and save it in the library (needs the network)",
    ),
    (
        "install_model",
        "Install translation model",
        "Download and install the Norwegian→English model (needs the network)",
    ),
)


# The exit status of a reader whose terminal went away (128 + SIGHUP, as if the signal had
# ended it).
HUNG_UP = 129


class TolkApp(App[None]):
    """tolk: Norwegian news beside its English translation."""

    TITLE = "tolk"
    BINDINGS = [  # noqa: RUF012
        Binding("q", "quit", "Quit", tooltip="Quit tolk", id="quit"),
        Binding("question_mark,f1", "help", "Help", tooltip="Show every key", id="help"),
    ]

    def __init__(
        self,
        roots: list[Path],
        loaded_config: LoadedConfig,
        *,
        position_delay: float = POSITION_DELAY,
    ) -> None:
        super().__init__()
        self.roots = roots
        self._position_delay = position_delay
        self.config = loaded_config.config
        self._config_warnings = loaded_config.warnings

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(self.roots, self.config, position_delay=self._position_delay)

    def on_mount(self) -> None:
        theme = self.config.theme
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        elif theme is not None:
            self.notify(f"Unknown theme {theme!r} in config.toml", severity="warning")
        if self.config.keys:
            self.set_keymap(self.config.keys)
            self.call_after_refresh(self._check_keymap)
        # Subscribe after applying the saved theme, so only the user's choices are saved.
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        for warning in self._config_warnings:
            self.notify(warning, title="config.toml", severity="warning", timeout=15)
        terminal = None if self.is_headless else input_terminal()
        if terminal is not None:
            self.set_interval(1.0, partial(self._quit_if_hung_up, terminal))

    def _quit_if_hung_up(self, terminal: int) -> None:
        if not hung_up(terminal):
            return
        # Nobody can see or type: save what is held, and end here. Not with `exit`: Textual's
        # output thread has died writing to the dead terminal, and closing its driver would
        # wait for that thread for ever. What a worker was writing when the process ends is
        # safe as after a kill (SQLite's journal).
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.save_unsaved()
        os._exit(HUNG_UP)

    def _check_keymap(self) -> None:
        """Say which ids in [keys] match no key (after the first frame: it imports every
        screen's bindings, which the first frame does not need)."""
        from tui.keys import unknown_key_ids  # as the bindings: not before the first frame

        for line in unknown_key_ids(self.config.keys, every_binding(self)):
            self.notify(line, title="config.toml", severity="warning", timeout=15)

    def _remember_theme(self, theme: Theme) -> None:
        self._save_theme(theme.name)

    @work(thread=True, group="config")
    def _save_theme(self, name: str) -> None:
        try:
            save_setting("theme", name)
        except (OSError, ValueError) as error:
            self.call_from_thread(
                self.notify, f"Could not save the theme: {error}", severity="warning"
            )

    def action_help(self) -> None:
        # Loaded when first asked for (the reader's widget is not in the first frame either).
        from tui.dialogs.help import HelpScreen
        from tui.keys import key_help
        from tui.widgets.parallel_text import ParallelText

        if isinstance(self.screen, HelpScreen):
            return
        groups = [
            ("Anywhere", self.BINDINGS),
            ("Reading", ReaderScreen.BINDINGS),
            ("The list", [*ArticleList.BINDINGS, *Sidebar.BINDINGS]),
            ("The text", ParallelText.BINDINGS),
        ]
        self.push_screen(HelpScreen(key_help(groups, self.config.keys)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: keys", "Show every key and its id", self.action_help)
        if not isinstance(screen, ReaderScreen):
            return
        for key, title, help_text in PALETTE:
            yield SystemCommand(title, help_text, partial(screen.action_run, key))
        for export_format, label in (("md", "Markdown"), ("json", "JSON"), ("tmx", "TMX")):
            yield SystemCommand(
                f"Export review as {label}",
                f"Write the open article's review to the data dir ({export_format})",
                partial(screen.parts.review.export, export_format),
            )


def every_binding(app: TolkApp) -> list[BindingType]:
    """The bindings of every screen and widget that has keys: what [keys] may remap."""
    from tui.dialogs.add_url import AddUrlScreen
    from tui.dialogs.alternatives import AlternativesScreen
    from tui.dialogs.bookmarks import BookmarksScreen
    from tui.dialogs.dictionary import DictionaryDialog
    from tui.dialogs.editor import CorrectionEditor
    from tui.dialogs.help import HelpScreen
    from tui.dialogs.keywords import KeywordScreen
    from tui.dialogs.note import NoteScreen
    from tui.dialogs.search import SearchScreen
    from tui.dialogs.sentence_details import SentenceDetails
    from tui.widgets.parallel_text_keys import READER_BINDINGS

    owners: list[type[Screen[Any]] | type[Widget]] = [
        ReaderScreen,
        ArticleList,
        Sidebar,
        AddUrlScreen,
        AlternativesScreen,
        BookmarksScreen,
        CorrectionEditor,
        DictionaryDialog,
        HelpScreen,
        KeywordScreen,
        NoteScreen,
        SearchScreen,
        SentenceDetails,
    ]
    found: list[BindingType] = [*app.BINDINGS, *READER_BINDINGS]
    for owner in owners:
        found += owner.BINDINGS
    return found
