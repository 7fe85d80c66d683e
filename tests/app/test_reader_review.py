"""Reviewing translations in the reader: corrections, alternatives, review marks, progress."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.app.pilot import (
    column_text,
    make_app,
    open_article,
    reader_screen,
    settle,
    wait_for_group,
    wait_for_scan,
)
from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tolk.userdata.review import SentenceKey
from translation.engine import ArticleTranslator
from tui.dialogs.alternatives import AlternativesScreen
from tui.dialogs.editor import CorrectionEditor
from tui.reader.rendering import CORRECTED_MARK, REVIEWED_MARK
from tui.reader.review import messages as review_messages

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


async def open_translated(pilot: Pilot[None], index: int = 1) -> None:
    await wait_for_scan(pilot)
    await open_article(pilot, index)
    await settle(pilot)


async def test_done_when_edit_save_restart_export_tmx(installed_cipher_model: Path) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(140, 44)) as pilot:
        await open_translated(pilot)  # Dec 2019: paragraph 0 has two sentences
        await pilot.press("l", "e")  # the second sentence
        assert isinstance(app.screen, CorrectionEditor)
        await pilot.press("f7")  # TextArea: select all, so typing replaces it
        await pilot.press(*"He does not think the alliance is cracking.", "ctrl+s")
        await settle(pilot)
        reader = reader_screen(pilot).parallel_text
        # The correction is the sentence's text; its mark is drawn beside it, not into it.
        assert (reader.translation(0) or "").endswith("He does not think the alliance is cracking.")
        assert "the alliance is cracking." + CORRECTED_MARK in column_text(reader, 1)
        path = reader_screen(pilot).article.path  # type: ignore[union-attr]
    again = make_app(SEEDS)
    async with again.run_test(size=(140, 44)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)  # reopens the last article
        screen = reader_screen(pilot)
        assert screen.article is not None and screen.article.path == path
        assert (screen.parallel_text.translation(0) or "").endswith("is cracking.")
        assert "is cracking." + CORRECTED_MARK in column_text(screen.parallel_text, 1)
    exported = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--format", "tmx", str(path)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert exported.returncode == 0, exported.stderr
    units = ET.fromstring(exported.stdout).find("body").findall("tu")  # type: ignore[union-attr]
    pairs = [{tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.findall("tuv")} for tu in units]
    assert all(set(pair) == {"nb", "en"} for pair in pairs)
    assert pairs[1]["nb"].startswith("Han mener ikke")
    assert pairs[1]["en"] == "He does not think the alliance is cracking."
    assert pairs[0]["en"] == cipher_text(pairs[0]["nb"])  # the model's own English elsewhere


async def test_the_editor_says_how_to_replace_the_whole_sentence(
    installed_cipher_model: Path,
) -> None:
    # The key the help line names is the one TextArea binds to select-all (Textual owns it).
    (select_all,) = [
        binding.key
        for binding in TextArea.BINDINGS
        if isinstance(binding, Binding) and binding.action == "select_all"
    ]
    app = make_app(SEEDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_translated(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, CorrectionEditor)
        help_line = str(app.screen.query_one("#editor-help").render())
        assert f"{select_all} selects all" in help_line
        await pilot.press(select_all, *"Replaced.", "ctrl+s")
        await settle(pilot)
        assert (reader_screen(pilot).parallel_text.translation(0) or "").startswith("Replaced.")


async def test_alternatives_say_their_keys_at_80x24(installed_cipher_model: Path) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_translated(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AlternativesScreen)
        hint = app.screen.query_one("#alternatives-help")
        said = str(hint.render())
        assert all(key in said for key in ("↑/↓", "enter", "escape")), said
        assert hint.region.height == 1 and app.screen.region.contains_region(hint.region)


async def test_revert_alternatives_and_review_marks(installed_cipher_model: Path) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(140, 44)) as pilot:
        await open_translated(pilot)
        screen = reader_screen(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AlternativesScreen)
        # No memory here: the model's n-best only, labelled so.
        assert {found.label for found in app.screen.alternatives} == {"model n-best"}
        alternatives = [found.text for found in app.screen.alternatives]
        # The best is the translation itself; the others differ from it.
        best = cipher_text("Da er det viktig at vi sitter rundt det samme bordet")
        assert 1 < len(alternatives) <= 5 and alternatives[0].startswith(best)
        assert len(set(alternatives)) == len(alternatives)
        await pilot.press("down", "enter")  # take the second-best
        await settle(pilot)
        opened = screen.opened
        assert opened is not None
        machine = opened.machine(0)
        assert machine is not None
        key = SentenceKey(0, machine.sentences[0].source)
        assert opened.review(key).correction == alternatives[1]
        assert (screen.parallel_text.translation(0) or "").startswith(alternatives[1])
        await pilot.press("u")
        await settle(pilot)
        assert opened.review(key).correction is None
        assert CORRECTED_MARK.strip() not in column_text(screen.parallel_text, 1)
        # r marks a sentence, R a paragraph; the header counts them.
        await pilot.press("r")
        await settle(pilot)
        assert machine.sentences[0].target + REVIEWED_MARK in column_text(screen.parallel_text, 1)
        assert REVIEWED_MARK.strip() not in (screen.parallel_text.translation(0) or "")
        total = sum(len(opened.paragraph_keys(i)) for i in opened.translated)
        assert f" · 1/{total} reviewed · " in str(screen.sub_title)
        await pilot.press("j", "R")
        await settle(pilot)
        in_paragraph_1 = len(opened.paragraph_keys(1))
        assert f" · {1 + in_paragraph_1}/{total} reviewed · " in str(screen.sub_title)
        sidebar_marks = screen.sidebar.article_list.marks.reviewed
        assert list(sidebar_marks.values()) == [(1 + in_paragraph_1, total)]
        await pilot.press("r")  # again: unmarked
        await settle(pilot)
        assert f" · {in_paragraph_1}/{total} reviewed · " in str(screen.sub_title)


async def test_alternatives_for_an_article_left_behind_are_dropped(
    installed_cipher_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hold the model's n-best search until the user has opened another article.
    gate = threading.Event()
    alternatives = ArticleTranslator.alternatives

    def slow(
        self: ArticleTranslator, sentence: str, count: int, **options: Callable[[], bool]
    ) -> list[str]:
        assert gate.wait(timeout=30)
        return alternatives(self, sentence, count, **options)

    monkeypatch.setattr(ArticleTranslator, "alternatives", slow)
    found: list[review_messages.AlternativesFound] = []

    def record(message: Message) -> None:
        if isinstance(message, review_messages.AlternativesFound):
            found.append(message)

    app = make_app(SEEDS)
    async with app.run_test(size=(140, 44), message_hook=record) as pilot:
        await open_translated(pilot, 1)
        screen = reader_screen(pilot)
        left = screen.opened
        await pilot.press("a")
        # Another article, while the alternatives are computed (the gated worker still runs,
        # so wait for the open alone, not for every worker).
        articles = screen.sidebar.article_list
        articles.focus()
        await pilot.press("home", "enter")
        await wait_for_group(pilot, "open")
        assert screen.article is not None and screen.article.path.name.startswith("003")
        gate.set()
        await settle(pilot)
        # The alternatives did arrive, for the article the user left, and were dropped.
        assert {message.opened for message in found} == {left}
        assert not isinstance(app.screen, AlternativesScreen)
        assert screen.opened is not left and screen.opened is not None
        assert screen.opened.reviewed_count == 0


def fill_the_disk(pilot: Pilot[None]) -> None:
    """The user store can grow no more: SQLite's own "database or disk is full", made real by
    capping the file at the pages it has now (as tests/userdata/test_disk_full.py does)."""
    store = reader_screen(pilot).parts.review_feature.store
    assert store is not None
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")


async def test_a_correction_the_full_disk_refused_is_taken_off_the_screen(
    installed_cipher_model: Path,
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(140, 44)) as pilot:
        await open_translated(pilot)
        screen = reader_screen(pilot)
        machine = screen.parallel_text.translation(0)
        fill_the_disk(pilot)
        await pilot.press("l", "e")
        assert isinstance(app.screen, CorrectionEditor)
        # A correction far longer than the store's free room (typed into the editor at once).
        app.screen.query_one(TextArea).text = "Not stored. " * 20_000
        await pilot.press("ctrl+s")
        await settle(pilot)
        english = column_text(screen.parallel_text, 1)
        assert CORRECTED_MARK.strip() not in english and "Not stored." not in english
        assert screen.parallel_text.translation(0) == machine
        notices = [n.message for n in app._notifications]
        assert any("Not saved" in n and "full" in n and "user database" in n for n in notices), (
            notices
        )
    # Nothing was stored: a restart shows the model's English.
    again = make_app(SEEDS)
    async with again.run_test(size=(140, 44)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)
        assert reader_screen(pilot).parallel_text.translation(0) == machine
