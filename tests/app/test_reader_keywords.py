"""Keyword highlighting in both columns, hit counts, hit navigation and the keyword screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from textual.pilot import Pilot

from tests.app.pilot import (
    make_app,
    open_article,
    reader_screen,
    rendered_lines,
    settle,
    wait_for_scan,
    write_config,
)
from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tolk import paths
from tolk.config import load_config
from tolk.keywords.hits import SPARK_LEVELS
from tui.dialogs.keywords import KeywordScreen
from tui.widgets.parallel_text import ParallelText


def styled_words(reader: ParallelText, keep) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Words drawn with a style `keep` accepts, in the left and right columns."""
    left: list[str] = []
    right: list[str] = []
    half = reader.size.width // 2
    for y in range(reader.size.height):
        x = 0
        for segment in reader.render_line(y):
            if segment.style is not None and keep(segment.style) and segment.text.strip():
                (left if x < half else right).append(segment.text.strip())
            x += len(segment.text)
    return left, right


def is_keyword(style: Style) -> bool:
    return style.bgcolor is not None and style.bgcolor.name == "yellow"


async def open_dec_2019(pilot: Pilot[None]) -> ParallelText:
    await wait_for_scan(pilot)
    await open_article(pilot, 1)
    await settle(pilot)
    return reader_screen(pilot).parallel_text


async def test_inflected_forms_highlighted_in_both_columns(installed_cipher_model: Path) -> None:
    # The configured English rendering is the cipher model's English for "alliansen".
    rendering = cipher_text("alliansen")
    write_config(f'keywords = ["allianse"]\n[keyword_translations]\nallianse = ["{rendering}"]\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 60)) as pilot:
        reader = await open_dec_2019(pilot)
        left, right = styled_words(reader, is_keyword)
        assert "alliansen" in left and "allianse" in left  # inflected forms, via Snowball
        # The model's translation of the keyword (cipher "allianse") and the configured
        # rendering (cipher "alliansen") are the counterparts, found in the paired English
        # sentence: the English column marks the English of the same words.
        assert right == [cipher_text(word) for word in left]


async def test_hyphenated_compounds_and_explicit_renderings(installed_cipher_model: Path) -> None:
    write_config('keywords = ["Nato"]\n[keyword_translations]\nNato = ["Frankrike"]\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 60)) as pilot:
        reader = await open_dec_2019(pilot)
        screen = reader_screen(pilot)
        assert screen.opened is not None
        hits = {
            i: [reader_text(screen, i, h) for h in found]
            for i, found in screen.opened.source_hits.items()
        }
        assert any("NATO" in words for words in hits.values())  # "NATO-allierte": part of it
        await pilot.press("G")  # the last paragraph has no NATO; jump back with N
        await pilot.press("N")
        assert reader.cursor in screen.opened.source_hits


def reader_text(screen, index: int, hit) -> str:  # type: ignore[no-untyped-def]
    assert screen.article is not None
    return screen.article.paragraphs[index].text[hit.start : hit.end]


async def test_no_color_uses_text_styles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    write_config('keywords = ["allianse", "Stoltenberg"]\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 60)) as pilot:
        reader = await open_dec_2019(pilot)
        reversed_words, _ = styled_words(reader, lambda s: bool(s.reverse))
        underlined, _ = styled_words(reader, lambda s: bool(s.underline) and bool(s.bold))
        assert "alliansen" in reversed_words
        assert "Stoltenberg" in underlined


async def test_hit_counts_sidebar_filter_and_next_hit() -> None:
    write_config('keywords = ["Iran"]\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)
        screen = reader_screen(pilot)
        articles = screen.sidebar.article_list
        counts = {p.name: n for p, n in articles.marks.hits.items()}
        assert counts == {"003_af9304a0a01167de.txt": 3}
        await pilot.press("H")
        assert [s.path.name for s in articles.shown] == ["003_af9304a0a01167de.txt"]
        await pilot.press("H")
        assert len(articles.shown) == 2
        await open_article(pilot, 0)
        await settle(pilot)
        await pilot.press("n")
        first = screen.parallel_text.cursor
        assert first > 0 and "Iran" in screen.article.paragraphs[first].text  # type: ignore[union-attr]
        await pilot.press("n")
        assert screen.parallel_text.cursor > first


async def test_keyword_screen_adds_removes_recolours_and_saves() -> None:
    write_config('# my settings\ntheme = "nord"\nkeywords = ["allianse"]\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)
        await pilot.press("K")
        assert isinstance(app.screen, KeywordScreen)
        await pilot.press("a", *"Iran", "enter")
        await pilot.press("home", "c", "down", "d", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, KeywordScreen)
        assert reader_screen(pilot).parts.keyword_feature.keywords == ("allianse",)
    config = load_config().config
    assert config.keywords == ("allianse",)
    assert config.keyword_colours == {"allianse": "cyan"}
    assert config.theme == "nord" and "# my settings" in paths.config_file().read_text()


async def test_keyword_screen_lines_up_its_sparklines_and_fits_80_columns() -> None:
    write_config('keywords = ["allianse", "Jens Stoltenberg", "Iran"]\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)
        await pilot.press("K")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KeywordScreen)
        # The months the sparklines span, once, in a title that fits on one line.
        title = screen.query_one("#keywords-title")
        assert "Dec 2019 – Jan 2020" in str(title.render()) and title.size.height == 1
        options = screen.query_one("#keyword-list")
        lines = [
            line.rstrip() for line in rendered_lines(options) if any(c.isalpha() for c in line)
        ]
        assert len(lines) == 3, lines  # a line each: nothing wrapped
        stoltenberg = next(line for line in lines if "Jens Stoltenberg" in line)
        assert " 1 hit " in stoltenberg + " " and "hits" not in stoltenberg
        # Every keyword has hits in the last month, so each line ends with that month's bar:
        # lined up, the lines end in one column (and the months before them line up too).
        assert all(entry.months[-1][2] > 0 for entry in screen._entries)
        assert all(line[-1] in SPARK_LEVELS for line in lines), lines
        assert len({len(line) for line in lines}) == 1, lines


# The forms of "si" (say) in the seeds: "si", "sier" and "sa" (no stemmer relates "sa" to it).
SI_FORMS = {"si", "sier", "sies", "sa", "sagt", "sagte", "siende"}


def form_count(path: Path, forms: set[str]) -> int:
    import re

    return sum(word.lower() in forms for word in re.findall(r"\w+", path.read_text()))


async def test_keywords_count_and_highlight_the_dictionarys_forms(
    installed_cipher_model: Path, dictionary_in_cache: Path
) -> None:
    write_config('keywords = ["si"]\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 60)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)
        articles = reader_screen(pilot).sidebar.article_list
        counts = {p.name: n for p, n in articles.marks.hits.items()}
        expected = {p.name: form_count(p, SI_FORMS) for p in SEEDS.glob("*.txt")}
        assert counts == expected and all(expected.values())
        reader = await open_dec_2019(pilot)
        left, _ = styled_words(reader, is_keyword)
        assert {"sa", "sier"} <= {word.lower() for word in left}
