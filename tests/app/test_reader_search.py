"""Full-text search from the reader: inflected forms, English once translated, ↓/↑ and Enter
from the box, the last query offered again."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from bench.corpus import generate_library
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
from tolk.search.index import IndexProgress, IndexUpdate, SearchIndex
from tolk.workers import usable_cores
from tui.dialogs.search import SearchScreen
from tui.reader import screen as screen_module
from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.library.jobs import scan
from tui.reader.library.messages import LibraryBatch


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


async def test_the_index_builds_after_start_shows_its_progress_and_results_follow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The real update runs, held three times, as a 10,000-article first build would be busy
    # when the user searched: before it starts, once its walk has counted the files to index
    # (none written), and once they are written but the update has not ended. The test opens
    # each gate in turn.
    holds = {point: (threading.Event(), threading.Event()) for point in ("start", 0, 2)}

    def hold(point: str | int) -> None:
        here, gate = holds[point]
        here.set()
        assert gate.wait(30), "the test never opened the gate"

    update = SearchIndex.update

    def held(self: SearchIndex, roots: Any, *, progress: Any = None, **options: Any) -> Any:
        def holding(reached: IndexProgress) -> None:
            progress(reached)
            if reached.to_index is not None and reached.indexed in holds:
                hold(reached.indexed)

        hold("start")
        return update(self, roots, progress=holding, **options)

    monkeypatch.setattr(SearchIndex, "update", held)
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            # Not settle(): it would wait for the held update. The update starts by itself
            # after the start (nobody pressed f): wait, turn by turn, until it is about to.
            await reached(pilot, holds["start"][0])
            screen = reader_screen(pilot)
            await pilot.press("f", *"Stoltenberg")
            await wait_for_group(pilot, "search")
            search = app.screen
            assert isinstance(search, SearchScreen)
            await shows(pilot, search, "0 paragraphs so far · Updating the index…")
            holds["start"][1].set()
            await reached(pilot, holds[0][0])
            await shows(pilot, search, "0 paragraphs so far · Indexing 0 / 2 articles…")
            assert search._results == []
            holds[0][1].set()  # both articles written: the results so far come by themselves
            await reached(pilot, holds[2][0])
            await shows(pilot, search, "10 paragraphs so far · Indexing 2 / 2 articles…")
            await pilot.press("down", "down")
            chosen = search._results[2]
            holds[2][1].set()  # the build ends: the results are made again, and final
            await settle(pilot)  # nothing is held now
            status = str(search.query_one("#search-status", Static).render())
            assert status == "10 paragraphs", status
            assert search.query_one(Input).value == "Stoltenberg"  # not typed again
            options = search.query_one(OptionList)
            assert options.option_count == len(search._results) == 10
            assert options.highlighted is not None
            assert search._results[options.highlighted] == chosen  # the highlight stayed
            index = screen.parts.keyword_feature.search_index
            assert index is not None and index.search("alliansen")
        finally:
            for _, gate in holds.values():
                gate.set()  # a failed test leaves no worker held


async def test_the_search_box_says_how_far_the_walk_and_the_indexing_are(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Over a thousand files: the walk reports how far it is before it has counted them all,
    # and (on more than one core) worker processes parse them.
    library = generate_library(tmp_path / "library", 1_100, paragraphs=1)
    walked, gate = threading.Event(), threading.Event()
    update = SearchIndex.update
    reports: list[IndexUpdate] = []

    def held(self: SearchIndex, roots: Any, *, progress: Any = None, **options: Any) -> Any:
        def holding(reached: IndexProgress) -> None:
            progress(reached)
            if reached.to_index is None:  # in the walk
                walked.set()
                assert gate.wait(30), "the test never opened the gate"

        reports.append(update(self, roots, progress=holding, **options))
        return reports[-1]

    monkeypatch.setattr(SearchIndex, "update", held)
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await reached(pilot, walked)
            await pilot.press("f")
            search = app.screen
            assert isinstance(search, SearchScreen)
            await shows(pilot, search, "Looking for new articles… 1,000 files")
            gate.set()
            await settle(pilot)
            status = str(search.query_one("#search-status", Static).render())
            assert status == "Type to search.", status
            # Worker processes start inside a Textual app too (multiprocessing's could not).
            in_workers = 1_100 if usable_cores() > 1 else 0
            assert reports == [IndexUpdate(added=1_100, in_workers=in_workers)]
        finally:
            gate.set()


async def test_a_search_before_the_library_is_listed_says_the_index_is_not_ready(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The scan is held after its first titles: the reader is in and the index open, but the
    # index's first update has not even been asked for (it follows the listing and the
    # keyword counts). A search then finds what the index held before; the box says so.
    release = threading.Event()

    def held_scan(roots: list[Path], index_listed: threading.Event) -> Job:
        job = scan(roots, index_listed)

        def run(post: Post, cancelled: Cancelled) -> None:
            def posting(message: Message) -> None:
                post(message)
                if isinstance(message, LibraryBatch):
                    assert release.wait(30), "the test never let the scan go on"

            job(posting, cancelled)

        return run

    monkeypatch.setattr(screen_module, "scan", held_scan)
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            keywords = reader_screen(pilot).parts.keyword_feature
            for _ in range(2000):
                if keywords.search_index is not None:
                    break
                await pilot.pause()
            await pilot.press("f", *"Stoltenberg")
            search = app.screen
            assert isinstance(search, SearchScreen), "the index was not open"
            await shows(pilot, search, "0 paragraphs so far · Updating the index…")
        finally:
            release.set()
        await settle(pilot)
        await shows(pilot, search, "10 paragraphs")


async def shows(pilot: Pilot[None], search: SearchScreen, status: str) -> None:
    """Wait, turn by turn, until the search box's status line says `status` (the progress
    message may still be on its way when the box opens)."""
    for _ in range(200):
        said = str(search.query_one("#search-status", Static).render())
        if said == status:
            return
        await pilot.pause()
    raise AssertionError(f"the search box says {said!r}, not {status!r}")


async def reached(pilot: Pilot[None], point: threading.Event) -> None:
    """Wait, turn by turn, until the held update has reached `point`."""
    for _ in range(2000):
        if point.is_set():
            return
        await pilot.pause()
    raise AssertionError("the index's update never got there")
