"""Full-text search from the reader: inflected forms, English once translated, ↓/↑ and Enter
from the box, the last query offered again."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from tests.app.conftest import RunningReader
from tests.app.pilot import (
    make_app,
    open_article,
    reader_screen,
    settle,
    wait_for_group,
    wait_for_scan,
)
from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tolk.search.index import SearchIndex
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
        await pilot.press("down", "enter")
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


async def search_for(reader: RunningReader, query: str) -> SearchScreen:
    """Press f, type `query` and wait for its results."""
    await settle(reader.pilot)
    await reader.pilot.press("f")
    await settle(reader.pilot)
    await reader.pilot.press(*query)
    await settle(reader.pilot)
    screen = reader.app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def test_arrows_in_the_box_move_through_the_results(reader: RunningReader) -> None:
    screen = await search_for(reader, "alliansen")
    box, options = screen.query_one(Input), screen.query_one(OptionList)
    assert len(screen._results) > 2
    assert options.highlighted == 0  # the first result, before any key
    await reader.pilot.press("down", "down")
    assert options.highlighted == 2 and box.has_focus
    await reader.pilot.press("up")
    assert options.highlighted == 1 and box.has_focus
    await reader.pilot.press("enter")  # one Enter opens what is highlighted
    await settle(reader.pilot)
    chosen = screen._results[1]
    assert reader.screen.article is not None and reader.screen.article.path == chosen.path
    assert reader.screen.parallel_text.cursor == chosen.paragraph


async def test_enter_in_the_box_opens_the_first_result(reader: RunningReader) -> None:
    screen = await search_for(reader, "alliansen")
    first = screen._results[0]
    await reader.pilot.press("enter")
    await settle(reader.pilot)
    assert reader.screen.article is not None and reader.screen.article.path == first.path
    assert reader.screen.parallel_text.cursor == first.paragraph


async def test_search_reopens_with_the_last_query_selected(reader: RunningReader) -> None:
    screen = await search_for(reader, "alliansen")
    await reader.pilot.press("enter")
    await settle(reader.pilot)
    screen = await search_for(reader, "")
    box = screen.query_one(Input)
    assert box.value == "alliansen"
    assert box.selected_text == "alliansen"  # typing replaces it
    assert screen._results, "the last query's results are shown again"
    await reader.pilot.press(*"iran", "escape")  # leaving without a result keeps the query too
    await settle(reader.pilot)
    box = (await search_for(reader, "")).query_one(Input)
    assert box.value == "iran"


async def test_the_index_is_built_after_start_and_a_search_meanwhile_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The index's update waits on a gate the test holds, as a 10,000-article first build
    # would hold the searcher in the middle of it.
    gate = threading.Event()
    update = SearchIndex.update

    def held(self: SearchIndex, *args: Any, **kwargs: Any) -> Any:
        assert gate.wait(30), "the test never opened the gate"
        return update(self, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "update", held)
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        # Not settle(): it would wait for the held update. The update starts by itself after
        # the start (nobody pressed f): wait, turn by turn, until it is running.
        for _ in range(500):
            if any(w.group == "search-update" for w in app.workers):
                break
            await pilot.pause()
        else:
            raise AssertionError("the index's update never started")
        screen = reader_screen(pilot)
        assert not gate.is_set()
        await pilot.press("f", *"Stoltenberg")
        await wait_for_group(pilot, "search")
        search = app.screen
        assert isinstance(search, SearchScreen)
        status = str(search.query_one("#search-status", Static).render())
        assert "so far" in status and "Updating the index" in status, status
        gate.set()  # the build finishes: the results are made again, and final
        await settle(pilot)  # nothing is held now
        status = str(search.query_one("#search-status", Static).render())
        assert "so far" not in status and "paragraph" in status, status
        assert search._results
        index = screen.parts.keyword_feature.search_index
        assert index is not None and index.search("alliansen")
