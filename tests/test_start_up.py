"""The reader's start: the first titles wait for nothing they do not need. The model, the store,
the search index and the footer's keys start once the list has drawn its first titles, and
what the list does not need is not imported before them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.strip import Strip
from textual.widgets._footer import FooterKey

from tests.conftest import REPO, SEEDS
from tests.pilot import main_screen, make_app, wait_for_scan
from tui.reader.bookmarks import BookmarkFeature
from tui.reader.keywords import KeywordFeature
from tui.reader.translation import TranslationFeature
from tui.widgets.article_list import ArticleList

# The domain modules an article's opening or a feature needs, none of which the list does.
NOT_BEFORE_THE_FIRST_FRAME = [
    "tolk.open_article",
    "tolk.review",
    "tolk.export",
    "tolk.qa",
    "tolk.translating",
    "translation.engine",
    "tolk.memory",
    "tolk.search",
    "tolk.hits",
    "tolk.fetching",
    "tomlkit",
    "dateutil",
    "rapidfuzz",
    "ctranslate2",
]


def test_the_reader_imports_only_what_the_list_needs() -> None:
    code = (
        "import sys; import tolk.cli; from tolk.config import load_config; load_config(); "
        "import tui.app; print(' '.join(sorted(sys.modules)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.split()
    assert [name for name in NOT_BEFORE_THE_FIRST_FRAME if name in loaded] == []


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
        assert main_screen(pilot).translation.translator is not None  # the model did load
    assert events[0] == "titles"
    assert sorted(events[1:]) == ["model", "search", "store"]


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
        assert main_screen(pilot).translation.translator is not None
        keys = footer_keys(pilot)
        assert "Quit" in keys and "Filter" in keys
        assert "Install model" not in keys, keys
