"""Nynorsk and other languages in the real app: the list marks them once the library's
languages are told (after the scan), `L` hides them, and the open article's header and the
Norwegian column's title say it is Nynorsk and that the model may translate it poorly."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from tests.app.pilot import make_app, open_article, reader_screen, rendered_lines, wait_for_scan
from tests.support.news_library import source_url, write_news_library
from tolk.library.languages import LanguageCache
from tolk.reading.open_article import POOR_TRANSLATION
from tolk.search.index import SearchIndex
from tui.widgets.article_row_text import ROW_HEIGHT

# Newest first: the list's order.
LISTED = ["nn", "nb", "nb", "nb", "nn", "da"]


async def test_nynorsk_is_marked_filtered_and_said_in_the_header(tmp_path: Path) -> None:
    library = write_news_library(tmp_path / "news")
    app = make_app(tmp_path / "news")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)  # and the jobs after it, the languages' among them
        screen = reader_screen(pilot)
        articles = screen.sidebar.article_list
        lines = rendered_lines(articles)
        for number, language in enumerate(LISTED):
            date_line = lines[number * ROW_HEIGHT + ROW_HEIGHT - 1]
            if language == "nb":
                assert " nn" not in date_line and " da" not in date_line, date_line
            else:
                assert f" {language}" in date_line, date_line

        await pilot.press("L")
        assert articles.shown_count == LISTED.count("nb")
        assert "Bokmål (L: all)" in str(screen.sidebar.query_one("#scan-status").render())
        await pilot.press("L")
        assert articles.shown_count == len(library)

        await open_article(pilot, 0)  # the newest: Nynorsk
        assert screen.sub_title.startswith(f"Nynorsk — {POOR_TRANSLATION} · 5 Mar 2024")
        title = screen.query_one("#source-title", Static).render()
        assert str(title) == f"Nynorsk · {source_url(3).removeprefix('https://www.')}"

        await open_article(pilot, 1)  # Bokmål
        assert POOR_TRANSLATION not in screen.sub_title
        title = screen.query_one("#source-title", Static).render()
        assert str(title) == f"Norsk · {source_url(0).removeprefix('https://www.')}"


async def test_the_languages_are_told_after_the_search_index_is_updated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both read every file; side by side each took twice as long, and search is what the user
    asks for. The real index update is held: no language is told until it has ended."""
    write_news_library(tmp_path / "news")
    began, gate = threading.Event(), threading.Event()
    told: list[int] = []
    update, languages = SearchIndex.update, LanguageCache.languages

    def held(self: SearchIndex, *args: Any, **options: Any) -> Any:
        began.set()
        assert gate.wait(30), "the test never opened the gate"
        return update(self, *args, **options)

    def counted(self: LanguageCache, *args: Any, **options: Any) -> Any:
        told.append(gate.is_set())
        return languages(self, *args, **options)

    monkeypatch.setattr(SearchIndex, "update", held)
    monkeypatch.setattr(LanguageCache, "languages", counted)
    app = make_app(tmp_path / "news")
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            while not began.is_set():  # the update starts by itself once the hits are counted
                await pilot.pause()
            articles = reader_screen(pilot).sidebar.article_list
            for _ in range(20):  # turns in which a language job beside the update would run
                await pilot.pause()
            assert told == []
            assert not articles.marks.languages
            gate.set()
            await wait_for_scan(pilot)
            assert told and all(told)
            assert set(articles.marks.languages.values()) == {"nn", "da"}
        finally:
            gate.set()
