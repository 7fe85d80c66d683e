"""Sentences that need a look: a mark in the English column, a line that says why, keys that
go from one to the next. The copy model's English is its Norwegian, so every sentence of four
or more words is flagged `untranslated` and nothing else is."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.app.pilot import (
    column_text,
    make_app,
    open_article,
    reader_screen,
    rendered_lines,
    settle,
    wait_for_scan,
)
from tests.conftest import SEEDS
from tolk import paths
from tolk.qa import checking as checking_module
from tolk.qa.checks import Flag
from tolk.userdata.review import paragraph_sentences
from tui.reader.rendering import FLAG_MARK
from tui.widgets.sentence_note import SentenceNote


def words(sentence: str) -> int:
    return sum(1 for token in sentence.split() if re.search(r"\w", token))


async def test_x_goes_from_flag_to_flag_and_says_why(installed_copy_model: Path) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await settle(pilot)
        screen = reader_screen(pilot)
        reader, note = screen.parallel_text, screen.query_one(SentenceNote)
        assert screen.article is not None
        expected = [
            (index, position)
            for index, paragraph in enumerate(screen.article.paragraphs)
            for position, sentence in enumerate(paragraph_sentences(paragraph))
            if words(sentence) >= 4
        ]
        assert len(expected) > 3
        # The first sentence is flagged: the line under the reader says so.
        assert expected[0] == (0, 0) and note.look
        assert (
            note.text
            == "⚑ model, confidence 100% · untranslated: the English is the Norwegian, unchanged"
        )
        assert FLAG_MARK.strip() in column_text(reader, 1)
        visited = [(reader.cursor, reader.sentence)]
        for _ in expected[1:]:
            await pilot.press("x")
            visited.append((reader.cursor, reader.sentence))
            assert note.look and note.text.startswith("⚑ model, confidence 100% · untranslated")
        assert visited == expected
        await pilot.press("x")  # past the last: stays, and says so
        assert (reader.cursor, reader.sentence) == expected[-1]
        await pilot.press("X", "X")
        assert (reader.cursor, reader.sentence) == expected[-3]
        # A short heading is not flagged: on it, the line is gone.
        heading = next(
            i for i, p in enumerate(screen.article.paragraphs) if p.kind.value == "heading"
        )
        reader.cursor = heading
        await pilot.pause()
        assert not note.look


async def test_a_correction_clears_the_flag(installed_copy_model: Path) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(140, 44)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await settle(pilot)
        screen = reader_screen(pilot)
        note = screen.query_one(SentenceNote)
        assert note.look
        looks = screen.sidebar.article_list.marks.looks
        assert screen.article is not None
        flagged = looks[screen.article.path]
        await pilot.press("e", "f7")
        english = (
            "Then it is important that we sit around the same table and discuss face to face,"
            " Stoltenberg answers when asked how it will be to keep the alliance together at"
            " the meeting outside London."
        )
        await pilot.press(*english, "ctrl+s")
        await settle(pilot)
        assert not note.look, note.text
        opened = screen.opened
        assert opened is not None
        shown = opened.shown(0)
        assert shown is not None and not shown.sentences[0].needs_look
        # The sidebar counts one sentence fewer at once.
        assert screen.sidebar.article_list.marks.looks == {opened.path: flagged - 1}


async def test_the_sidebar_counts_flagged_sentences_and_narrows_to_them(
    installed_copy_model: Path,
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await settle(pilot)
        screen = reader_screen(pilot)
        assert screen.article is not None
        flagged = sum(
            words(sentence) >= 4
            for paragraph in screen.article.paragraphs
            for sentence in paragraph_sentences(paragraph)
        )
        articles = screen.sidebar.article_list
        assert list(articles.marks.looks.values()) == [flagged]
        assert f" {flagged}⚑" in "\n".join(rendered_lines(articles))
        await pilot.press("exclamation_mark")
        assert [s.path for s in articles.shown] == [screen.article.path]
        await pilot.press("exclamation_mark")
        assert len(articles.shown) == 2
        path = screen.article.path
    # The count is kept (in the cache): the next start shows it without opening the article
    # (no user data, so nothing is reopened).
    shutil.rmtree(paths.data_dir())
    again = make_app(SEEDS)
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)
        assert reader_screen(pilot).opened is None
        marks = reader_screen(pilot).sidebar.article_list.marks
        assert [(p.name, n) for p, n in marks.looks.items()] == [(path.name, flagged)]


async def test_the_checks_run_off_the_ui_thread(
    installed_copy_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # QA checks cost a fraction of a millisecond a sentence: on a long article that would
    # freeze the reader if they ran where the screen is drawn.
    threads: list[bool] = []
    check = checking_module.check_sentence

    def recording(*args: Any, **kwargs: Any) -> tuple[Flag, ...]:
        threads.append(threading.current_thread() is threading.main_thread())
        return check(*args, **kwargs)

    monkeypatch.setattr(checking_module, "check_sentence", recording)
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await settle(pilot)
        await pilot.press("x", "x", "X")
        assert threads and not any(threads)  # every machine sentence, checked in the worker


async def test_d_shows_the_whole_story_of_a_sentence_the_line_cuts(
    installed_copy_model: Path,
) -> None:
    from textual.widgets import Static

    from tui.dialogs.sentence_details import SentenceDetails

    app = make_app(SEEDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        await settle(pilot)
        await pilot.press("x")  # the first sentence that needs a look
        screen = reader_screen(pilot)
        sentence = screen.opened.sentence(*screen.cursor)  # type: ignore[union-attr]
        assert sentence is not None and sentence.flags
        await pilot.press("D")
        assert isinstance(app.screen, SentenceDetails)
        shown = [str(w.render()) for w in app.screen.query(Static)]
        # Every flag's message in full, though the 80-column line cut it.
        for flag in sentence.flags:
            assert flag.message in shown
        assert sentence.key.source in shown and sentence.target in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, SentenceDetails)
