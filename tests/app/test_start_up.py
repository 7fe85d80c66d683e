"""The reader's start: the first titles wait for nothing they do not need. The model, the store,
the search index and the footer's keys start once the list has drawn its first titles, and
what the list does not need is not imported before them."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Footer, Header, Input
from textual.widgets._footer import FooterKey

from tests.app.pilot import make_app, reader_screen, settle, wait_for_scan
from tests.conftest import REPO, SEEDS
from tests.support.terminal import Terminal
from tolk.library.articles import read_summary
from tui.reader import reader_pane as reader_pane_module
from tui.reader import screen as screen_module
from tui.reader.bookmarks.state import BookmarkFeature
from tui.reader.keywords.state import KeywordFeature
from tui.reader.translation.state import TranslationFeature
from tui.widgets.article_list import ArticleList
from tui.widgets.listed_articles import OnlyWith

# The reader's column titles: the first text of its side of the screen.
READER_SIDE = b"Norsk"
# The domain modules an article's opening or a feature needs, none of which the list does.
NOT_BEFORE_THE_FIRST_FRAME = [
    "tolk.reading.open_article",
    "tolk.userdata.review",
    "tolk.export",
    "tolk.qa.checks",
    "tolk.translating",
    "translation.engine",
    "tolk.memory.database",
    "tolk.glossary.database",
    "tolk.qa.checking",
    "tolk.search.index",
    "tolk.keywords.hits",
    "tolk.feeds.fetching",
    "tomlkit",
    "dateutil",
    "rapidfuzz",
    "ctranslate2",
    # The model's code: the default of [translation] threads comes from translation.cores.
    "translation.model",
    # The reader's widgets, its features and commands: they come once the first titles are drawn.
    "tui.widgets.parallel_text",
    "tui.widgets.column_titles",
    "tui.widgets.sentence_note",
    "tui.reader.translation.state",
    "tui.reader.keywords.state",
    "tui.reader.bookmarks.state",
    "tui.reader.review.state",
    "tui.reader.memory.state",
    "tui.reader.glossary.state",
    "tui.reader.library.looks",
    "tui.reader.bookmarks.commands",
    "tui.reader.review.commands",
    "tui.reader.translation.commands",
    "tui.reader.keywords.commands",
    "tui.reader.feeds.commands",
    "tui.reader.memory.commands",
    "tui.reader.drawing",
    # The dictionary: prepared or opened in a worker once the first titles are drawn.
    "tolk.dictionary",
    "tui.reader.dictionary.state",
    "tui.reader.dictionary.commands",
    "tui.dialogs.dictionary",
    # The vocabulary: its store opens in a worker when first needed; its words' lemmas come from
    # the dictionary.
    "tolk.vocabulary",
    "tui.reader.vocabulary.state",
    "tui.reader.vocabulary.commands",
    "tui.dialogs.words",
    # The header and the footer: mounted once the first titles are drawn, in place of rows kept
    # for them (their parts and styles slowed the first frame by ~8 ms).
    "textual.widgets._header",
    "textual.widgets._footer",
    "tui.widgets.key_footer",
    # The keys' help and the check of [keys]: after the first frame, as the bindings they read.
    "tui.keys",
    # Nothing before the first frame reads or writes JSON.
    "json",
    # Reading a config.toml needs tomllib; without one, nothing does. Temporary names, secrets.
    "tomllib",
    "secrets",
    # Only a message about a folder that cannot be read quotes a path for the shell.
    "shlex",
]


def test_the_reader_imports_only_what_the_list_needs(tmp_path: Path) -> None:
    code = (
        "import sys; import tolk.cli; from tolk.config import load_config; load_config(); "
        "import tui.app; print(' '.join(sorted(sys.modules)))"
    )
    # No config.toml where this start looks (conftest's home may have one from another test).
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True, text=True, env=env
    ).stdout.split()
    assert [name for name in NOT_BEFORE_THE_FIRST_FRAME if name in loaded] == []


def test_the_reader_mounts_without_importing_on_the_ui_thread() -> None:
    # Its modules come in a worker first (`import_reader`): imported on the UI thread beside a
    # first scan's thread, they held it 80-100 ms, the longest stall of loading 100,000
    # articles. Measured in a fresh process: this one has imported everything long ago.
    imported = subprocess.run(
        [sys.executable, "-m", "tests.support.reader_mount_imports", str(SEEDS)],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert imported == []


async def test_the_features_start_once_the_first_titles_are_drawn(
    installed_copy_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    render_line = ArticleList.render_line

    def drawing(self: ArticleList, y: int) -> Strip:
        strip = render_line(self, y)
        if "titles" not in events and self.total_count and strip.text.strip():
            events.append("titles")
        return strip

    def recorded(name: str, job: Any) -> Any:
        def run(*args: Any) -> Any:
            events.append(name)
            return job(*args)

        return run

    monkeypatch.setattr(ArticleList, "render_line", drawing)
    # Only the titles may start the features here: the backstop timer (for a list too small
    # to draw) must not win the race on a busy machine.
    monkeypatch.setattr(screen_module, "FEATURES_AT_THE_LATEST", 600.0)
    mount_reader = recorded("reader", reader_pane_module.mount_reader)
    monkeypatch.setattr(reader_pane_module, "mount_reader", mount_reader)
    monkeypatch.setattr(
        TranslationFeature, "load_model", recorded("model", TranslationFeature.load_model)
    )
    monkeypatch.setattr(BookmarkFeature, "open", recorded("store", BookmarkFeature.open))
    monkeypatch.setattr(
        KeywordFeature, "open_search_index", recorded("search", KeywordFeature.open_search_index)
    )
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        assert reader_screen(pilot).translator is not None  # the model did load
    assert events[:2] == ["titles", "reader"]
    assert sorted(events[2:]) == ["model", "search", "store"]


async def test_nothing_moves_when_the_header_and_the_footer_come(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The header and the footer mount once the first titles are drawn, in place of rows kept
    # for them: the list is where the first frame drew it, the header above it, the footer below.
    first: list[Region] = []
    render_line = ArticleList.render_line

    def drawing(self: ArticleList, y: int) -> Strip:
        strip = render_line(self, y)
        if not first and self.total_count and strip.text.strip():
            first.append(self.region)
        return strip

    monkeypatch.setattr(ArticleList, "render_line", drawing)
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        articles = screen.sidebar.article_list
        assert first == [articles.region]
        assert screen.query_one(Header).region == Region(0, 0, 120, 1)
        assert screen.query_one(Footer).region == Region(0, 39, 120, 1)
        assert articles.region.y == 1
        assert not screen.query("#header-slot, #footer-slot")  # their places are taken


async def test_keys_pressed_before_the_reader_is_in_are_safe(scan_held: threading.Event) -> None:
    # The scan is held before its first title, so the reader's widgets are not in yet: the
    # reader's keys wait (they have nothing to act on), the sidebar's act, nothing crashes;
    # once the titles come, the reader is there and its keys act.
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = reader_screen(pilot)
        assert not screen.query("#reader")
        await pilot.press("b", "e", "a", "r", "n", "x", "s", "tab", "H")
        assert screen.sidebar.article_list.showing_only(OnlyWith.HITS)  # a sidebar key acted
        assert not screen.sidebar.has_class("-hidden")  # `s` waited for the reader
        await pilot.press("H", "escape")
        scan_held.set()
        await wait_for_scan(pilot)
        assert screen.query_one("#reader") is screen.parallel_text
        await pilot.press("s")
        assert screen.sidebar.has_class("-hidden")


async def test_the_filter_typed_before_the_first_titles_filters_them(
    scan_held: threading.Event,
) -> None:
    # The filter box is mounted once the first titles are drawn; `/` before them mounts it
    # there and then, and what is typed goes into it.
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        sidebar = reader_screen(pilot).sidebar
        assert not sidebar.query("#filter")  # not in the first frame
        await pilot.press("slash", "b", "o", "r", "d")
        scan_held.set()
        await wait_for_scan(pilot)
        assert sidebar.query_one("#filter", Input).value == "bord"
        assert len(sidebar.article_list.shown) == 1


def footer_keys(pilot: Any) -> list[str]:
    return [key.description for key in pilot.app.screen.query(FooterKey)]


async def test_the_footer_shows_the_keys_without_a_model() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_scan(pilot)
        keys = footer_keys(pilot)
        assert "Quit" in keys and "Filter" in keys
        assert "Install model" in keys, keys


async def test_the_footer_follows_a_key_that_changes_after_it_is_built(
    installed_copy_model: Path,
) -> None:
    # The keys are built as the first titles are drawn, before the model is loaded: the
    # install key is offered then, and must go once the model is ready.
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_scan(pilot)
        assert reader_screen(pilot).translator is not None
        keys = footer_keys(pilot)
        assert "Quit" in keys and "Filter" in keys
        assert "Install model" not in keys, keys


async def test_the_footer_keeps_no_keys_it_took_down() -> None:
    # The footer rebuilds its keys whenever the focus moves between the list and the text
    # (each opened article, twice). Textual binds each key to the footer and let go of a bound
    # widget only when the bound value changed (Textual issue #6666): every key of every
    # rebuild stayed in memory. Only the keys on screen may be alive.
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        before = footer_keys(pilot)
        for _ in range(6):
            screen.parallel_text.focus()
            await settle(pilot)
            screen.sidebar.article_list.focus()
            await settle(pilot)
        assert footer_keys(pilot) == before  # the footer was rebuilt, and shows the same
        gc.collect()
        alive = [o for o in gc.get_objects() if isinstance(o, FooterKey)]
        assert len(alive) == len(pilot.app.screen.query(FooterKey)), len(alive)


async def test_the_reader_is_the_apps_first_screen() -> None:
    # Not pushed over Textual's blank default screen as the app mounts: a screen pushed then
    # composes and lays out inside the app's mount, whose frames Textual never writes (the
    # first titles were drawn in such a frame, off screen, and started the reader's side).
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        assert pilot.app.screen_stack == [reader_screen(pilot)]


def test_the_titles_reach_the_terminal_before_the_reader_side() -> None:
    # The real start on a pseudo-terminal: the reader's side (its column titles) mounts once
    # the list has drawn its first titles in a frame that was written. (Frames Textual lays
    # out while the app mounts are never written: titles drawn in one of those started the
    # reader's side, and the titles reached the terminal after it.)
    newest = min((read_summary(path) for path in SEEDS.glob("*.txt")), key=lambda s: s.sort_key)
    title = newest.title[:12].encode()
    terminal = Terminal(dict(os.environ), (120, 40))
    try:
        terminal.read_until(READER_SIDE)
        terminal.read_until(title)
        assert terminal.output.index(title) < terminal.output.index(READER_SIDE)
    finally:
        terminal.close()
