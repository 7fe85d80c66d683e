"""The dictionary in the reader: `d` explains the Norwegian word under the word cursor."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.app.pilot import make_app, open_article, reader_screen, settle, wait_for_scan
from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tui.dialogs.dictionary import DictionaryDialog


def dialog_text(dialog: DictionaryDialog) -> str:
    return "\n".join(str(static.render()) for static in dialog.query(Static))


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
        assert "viktig  adjective" in text
        # The English the sentence's alignment gave the word (the cipher model's, word for word).
        assert f"→ {cipher_text('viktig')}" in text
        # The definitions' English from the model, marked as machine translation.
        definition = dialog.lookup.entries[0].definitions[0].text
        assert f"{cipher_text(definition)}  [machine translation]" in text
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
