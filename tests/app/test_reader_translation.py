"""The reader's English column: filled by the real pipeline, paragraph by paragraph."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.app.pilot import (
    column_text,
    columns,
    make_app,
    open_article,
    reader_screen,
    rendered_lines,
    settle,
    wait_for_group,
    wait_for_scan,
)
from tests.conftest import SEEDS, install_package
from tests.support.english import assert_english, cipher_text
from tests.support.loopback import free_loopback_port, serve_index
from tolk.library.articles import read_article
from translation.engine import PendingBatch, TranslationModel
from tui.widgets.column_titles import ColumnTitles
from tui.widgets.parallel_text import ParallelText


async def test_english_column_fills_with_the_models_translation(
    installed_cipher_model: Path,
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        screen = reader_screen(pilot)
        assert screen.article is not None
        article = read_article(screen.article.path)
        # Each paragraph's own English, in its place: the model's, not the Norwegian echoed.
        assert_english(
            (paragraph.text, screen.parallel_text.translation(index) or "")
            for index, paragraph in enumerate(article.paragraphs)
        )
        assert installed_cipher_model.name in screen.query_one(ColumnTitles).target_title
        english = column_text(screen.parallel_text, 1)
        assert " ".join(cipher_text(article.paragraphs[0].text).split()[:5]) in english


async def test_keys_respond_while_translating(
    installed_cipher_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tiny model translates faster than keys can be pressed, so hold the model's worker
    # thread at a gate (as a slow model would) until the keys have been handled.
    gate = threading.Event()
    submit = TranslationModel.submit

    def slow_submit(self: TranslationModel, sentences: Sequence[str]) -> PendingBatch:
        assert gate.wait(timeout=30)
        return submit(self, sentences)

    monkeypatch.setattr(TranslationModel, "submit", slow_submit)
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        screen.sidebar.article_list.focus()
        await pilot.press("enter")
        await wait_for_group(pilot, "open")
        await wait_for_group(pilot, "model")
        assert screen.article is not None and screen.translator is not None
        await pilot.press("j", "j", "k")
        assert screen.parallel_text.cursor == 1
        assert screen.parallel_text.translation(0) is None
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (
            screen.parallel_text.translation(screen.parallel_text.paragraph_count - 1) is not None
        )


async def test_next_article_is_translated_ahead(installed_cipher_model: Path) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        await app.workers.wait_for_complete()
        screen = reader_screen(pilot)
        translator = screen.translator
        assert translator is not None
        following = read_article(screen.sidebar.article_list.shown[1].path)
        last = following.paragraphs[-1].text  # a paragraph of one sentence
        cached = translator.cache.lookup(  # type: ignore[union-attr]
            translator.model.key, translator.model.options.cache_key(), [last]
        )
        # The next article's last sentence is in the cache before it was ever opened.
        assert cached == {last: cipher_text(last)}


async def test_without_a_model_the_english_column_says_how_to_get_one() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = reader_screen(pilot)
        lines = rendered_lines(screen.parallel_text)
        right = " ".join(" ".join(columns(line)[1][1:].split()) for line in lines)
        assert "Press i to download and install" in right and "tolk models install" in right
        assert "FILE.argosmodel" in right
        left = " ".join(" ".join(columns(line)[0][1:].split()) for line in lines)
        assert "Vi må først ha en prosess" in left
        assert "no model" in screen.query_one(ColumnTitles).target_title


async def test_damaged_package_is_skipped_with_a_warning(installed_cipher_model: Path) -> None:
    broken = Path(os.environ["ARGOS_PACKAGES_DIR"]) / "translate-xx_yy-1_0"
    broken.mkdir()
    (broken / "metadata.json").write_text("{not json")
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = reader_screen(pilot)
        assert screen.translator is not None  # the good package still works
        assert screen.parallel_text.translation(0) is not None
        notes = [n.message for n in app._notifications]
        assert any("translate-xx_yy-1_0" in note for note in notes)


async def test_i_installs_the_model_and_the_open_article_translates(
    cipher_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    with serve_index(cipher_archive, tmp_path / "served") as base:
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
        app = make_app(SEEDS)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_scan(pilot)
            await open_article(pilot, 0)
            screen = reader_screen(pilot)
            assert screen.translator is None and screen.parallel_text.translation(0) is None
            await pilot.press("i")
            await settle(pilot)  # installs, loads the model, translates
            last = screen.parallel_text.paragraph_count - 1
            assert screen.parallel_text.translation(last) is not None
            assert screen.article is not None
            assert screen.parallel_text.translation(0) == cipher_text(
                screen.article.paragraphs[0].text
            )
            assert any("installed" in n.message for n in app._notifications)


async def test_install_without_network_says_so_and_reading_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{free_loopback_port()}/")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        screen = reader_screen(pilot)
        await pilot.press("i")
        await settle(pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert any("Could not reach the model index" in e for e in errors)
        await pilot.press("j")
        assert screen.parallel_text.cursor == 1
        assert "no model" in screen.query_one(ColumnTitles).target_title


async def test_i_takes_up_a_model_installed_while_the_reader_ran(
    cipher_package: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An index nobody serves: asking the network would fail, and say so.
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{free_loopback_port()}/")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        screen = reader_screen(pilot)
        assert screen.translator is None
        install_package(cipher_package)  # `tolk models install` in another terminal
        await pilot.press("i")
        await settle(pilot)
        assert screen.translator is not None
        assert screen.article is not None
        first = screen.article.paragraphs[0].text
        assert screen.parallel_text.translation(0) == cipher_text(first)
        messages = [n.message for n in app._notifications]
        assert any("installed meanwhile" in m for m in messages), messages
        assert not any("model index" in m for m in messages), messages


def underlined_text(reader: ParallelText) -> tuple[str, str]:
    """The underlined (current-sentence) text on screen, per column."""
    left: list[str] = []
    right: list[str] = []
    for y in range(reader.size.height):
        position = 0
        for segment in reader.render_line(y):
            if segment.style is not None and segment.style.underline:
                column = left if position < reader.size.width // 2 else right
                column.append(segment.text.strip())
            position += len(segment.text)
    return " ".join(filter(None, left)), " ".join(filter(None, right))


async def test_sentence_cursor_moves_the_pair_in_both_columns(installed_cipher_model: Path) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)  # Dec 2019: first paragraph has two sentences
        await app.workers.wait_for_complete()
        await pilot.pause()
        reader = reader_screen(pilot).parallel_text
        assert reader.sentence_count(0) == 2
        first = underlined_text(reader)
        assert first[0].startswith("Da er det viktig") and first[1] == cipher_text(first[0])
        await pilot.press("l")
        assert (reader.cursor, reader.sentence) == (0, 1)
        second = underlined_text(reader)
        assert second[0].startswith("Han mener ikke") and second[1] == cipher_text(second[0])
        await pilot.press("right_square_bracket")  # past the last sentence: next paragraph
        assert (reader.cursor, reader.sentence) == (1, 0)
        await pilot.press("h")
        assert (reader.cursor, reader.sentence) == (0, 1)


@pytest.mark.dictionary_unprepared  # the cache dir is made unusable: nothing linked into it
async def test_unusable_cache_dir_still_translates(installed_cipher_model: Path) -> None:
    cache_home = Path(os.environ["XDG_CACHE_HOME"])
    cache_home.rmdir()
    cache_home.write_text("a file where the cache folder should be")
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = reader_screen(pilot)
        assert screen.article is not None
        assert screen.parallel_text.translation(0) == cipher_text(screen.article.paragraphs[0].text)
        assert any("translation cache is off" in n.message for n in app._notifications)
