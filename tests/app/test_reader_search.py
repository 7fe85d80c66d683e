"""Full-text search from the reader: inflected forms, English once translated, Enter opens."""

from __future__ import annotations

from pathlib import Path

from tests.app.pilot import make_app, open_article, reader_screen, settle, wait_for_scan
from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tui.dialogs.search import SearchScreen


async def test_search_finds_inflected_forms_and_opens_at_the_hit() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)
        await pilot.press("f")
        assert isinstance(app.screen, SearchScreen)
        await settle(pilot)
        await pilot.press(*"alliansene")  # finds "alliansen", "allianse" through the stemmer
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen._results
        assert results and all(r.language == "nb" for r in results)
        assert results[0].date is not None and results[0].date.iso() == "2020-01"  # newest first
        assert any("alliansen" in r.snippet for r in results)
        await pilot.press("enter", "down", "enter")
        await settle(pilot)
        main = reader_screen(pilot)
        chosen = results[1]
        assert main.article is not None and main.article.path == chosen.path
        assert main.parallel_text.cursor == chosen.paragraph


async def test_translated_english_becomes_searchable(installed_cipher_model: Path) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        # The English the model made (the cipher of the Norwegian) is indexed as English.
        await pilot.press(*cipher_text("Soleimani"))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen._results and {r.language for r in screen._results} == {"en"}
