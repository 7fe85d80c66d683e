"""The reader, driven through Textual's Pilot on the real seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.app.conftest import RunningReader
from tests.app.pilot import (
    columns,
    make_app,
    open_article,
    reader_screen,
    rendered_lines,
    wait_for_scan,
)
from tests.conftest import SEEDS, seed_paragraph_count
from tolk import paths
from tolk.config import load_config
from tolk.library.articles import read_article
from tui.dialogs.help import HelpScreen
from tui.reader.translation.state import UNAVAILABLE
from tui.views.paragraph_view import ParagraphView
from tui.widgets.parallel_rows import CURSOR_MARK

SEED_FILES = sorted(SEEDS.glob("*.txt"))


async def test_both_seeds_listed_with_dates_newest_first(reader: RunningReader) -> None:
    sidebar = reader.screen.sidebar
    text = "\n".join(rendered_lines(sidebar.article_list))
    assert text.index("Jan 2020") < text.index("Dec 2019")
    assert "Vi må først ha en prosess" in text
    assert "Da er det viktig at vi sitter" in text
    assert "2 articles" in "\n".join(rendered_lines(sidebar.query_one("#scan-status")))
    # The scan finds the older seed first; the cursor still ends on the newest, at the top.
    highlighted = sidebar.article_list.highlighted_summary
    assert highlighted is not None and highlighted.date is not None
    assert highlighted.date.iso() == "2020-01"


@pytest.mark.parametrize("index", [0, 1])
async def test_opening_shows_every_paragraph(index: int) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, index)
        screen = reader_screen(pilot)
        summary = screen.sidebar.article_list.shown[index]
        assert screen.article is not None and screen.article.path == summary.path
        reader = screen.parallel_text
        assert reader.has_focus
        assert reader.paragraph_count == seed_paragraph_count(summary.path)
        # Walk the cursor through the article: every paragraph comes on screen in the left column.
        article = read_article(summary.path)
        for number, paragraph in enumerate(article.paragraphs):
            assert reader.cursor == number
            left = " ".join(columns(line)[0][1:].strip() for line in rendered_lines(reader))
            assert " ".join(paragraph.text.split()[:4]) in " ".join(left.split())
            await pilot.press("j")


async def test_cursor_marks_the_same_paragraph_in_both_columns(reader: RunningReader) -> None:
    await reader.open(1)
    text = reader.screen.parallel_text
    await reader.pilot.press("j", "j", "down", "k")
    assert text.cursor == 2
    lines = rendered_lines(text)
    marked = [row for row, line in enumerate(lines) if line.startswith(CURSOR_MARK)]
    marked_right = [
        row for row, line in enumerate(lines) if columns(line)[1].startswith(CURSOR_MARK)
    ]
    top = int(text.scroll_y)
    expected = [row - top for row in text.paragraph_rows(2)]
    assert marked == marked_right == expected


async def test_paragraphs_stay_aligned_whatever_the_lengths(reader: RunningReader) -> None:
    await reader.open(0)  # newest first: the Jan 2020 seed
    text = reader.screen.parallel_text
    text.set_paragraph(0, ParagraphView("A much longer English text. " * 12))
    text.set_paragraph(2, ParagraphView("Short."))
    await reader.pilot.pause()
    lines = rendered_lines(text)
    source_1 = next(i for i, line in enumerate(lines) if "Den geopolitiske" in line)
    # Paragraph 1 starts on the same row in both columns, below the long translation.
    assert columns(lines[source_1])[1].strip() == UNAVAILABLE  # no model installed here
    assert source_1 == text.paragraph_rows(1).start - int(text.scroll_y)
    assert len(text.paragraph_rows(0)) > 7  # the long translation set the height
    # One scroll position moves both columns together.
    await reader.pilot.press("end")
    lines = rendered_lines(text)
    last = text.paragraph_rows(text.paragraph_count - 1).start - int(text.scroll_y)
    assert lines[last].startswith(CURSOR_MARK)
    assert columns(lines[last])[1].startswith(CURSOR_MARK)


async def test_80x24_shows_both_articles_and_reads() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        text = "\n".join(rendered_lines(reader_screen(pilot).sidebar.article_list))
        assert "Jan 2020" in text and "Dec 2019" in text
        await open_article(pilot, 0)
        screen = reader_screen(pilot)
        await pilot.press("s")
        assert not screen.sidebar.display or screen.sidebar.has_class("-hidden")
        await pilot.pause()
        assert screen.parallel_text.size.width >= 76  # the reader takes the whole width
        await pilot.press("s")
        await pilot.pause()
        assert screen.sidebar.region.width > 0


async def test_markup_and_escapes_in_articles_show_literally(tmp_path: Path) -> None:
    article = tmp_path / "markup.txt"
    article.write_text(
        " date 2020-02 – Et [bold]fett[/bold] forsøk og en ensom [/] her.\n\n"
        "Klikk [@click=app.quit]her[/] eller [link=https://x.invalid]lenke[/link].\n\n"
        "Tittel\x1b]0;hacked\x07 og \x1b[2J slutt.\n"
    )
    app = make_app(article)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        lines = rendered_lines(reader_screen(pilot).parallel_text)
        text = " ".join(" ".join(columns(line)[0][1:].split()) for line in lines)
        assert "[bold]fett[/bold]" in text and "ensom [/] her" in text
        assert "[@click=app.quit]her[/]" in text
        assert "[link=https://x.invalid]lenke[/link]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "Tittel]0;hacked og [2J slutt." in text
        # Click on the would-be link: the click moves the cursor there and runs nothing.
        reader = reader_screen(pilot).parallel_text
        row = next(y for y, line in enumerate(lines) if "[@click=app.quit]" in columns(line)[0])
        column = columns(lines[row])[0].index("[@click=app.quit]") + 2
        article = reader_screen(pilot).article
        assert article is not None
        paragraph = next(
            i for i, p in enumerate(article.paragraphs) if "[@click=app.quit]" in p.text
        )
        assert reader.cursor != paragraph
        await pilot.click("#reader", offset=(column, row))
        assert app.is_running and reader.cursor == paragraph


async def test_unreadable_file_is_an_error_row_and_others_still_open(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "good.txt").write_text(" date 2020-01 – God sak.\n")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        sidebar = reader_screen(pilot).sidebar
        text = "\n".join(rendered_lines(sidebar.article_list))
        assert "bad.txt" in text and "binary data" in text
        # An unreadable file is a row, not an article: counted apart.
        status = str(sidebar.query_one("#scan-status").render())
        assert status == "1 article · 1 unreadable file"
        await open_article(pilot, 1)  # the error row sorts last; open it
        shown = " ".join(" ".join(rendered_lines(reader_screen(pilot).parallel_text)).split())
        assert "binary data, not a text file" in shown
        await open_article(pilot, 0)
        assert reader_screen(pilot).parallel_text.paragraph_count == 1


async def test_a_library_of_one_unreadable_file_is_counted_as_that(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        status = str(reader_screen(pilot).sidebar.query_one("#scan-status").render())
        assert status == "1 unreadable file"


async def test_filter_narrows_titles_as_you_type() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        sidebar = reader_screen(pilot).sidebar
        await pilot.press("slash", "b", "o", "r", "d")
        assert [s.title[:9] for s in sidebar.article_list.shown] == ["Da er det"]
        await pilot.press("enter", "enter")
        assert reader_screen(pilot).parallel_text.has_focus
        await pilot.press("slash", "escape")
        assert len(sidebar.article_list.shown) == 2


async def test_the_filter_gives_the_focus_back_and_tab_skips_it() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        sidebar = reader_screen(pilot).sidebar
        await pilot.press("slash", "escape")
        assert sidebar.article_list.has_focus  # the next key goes to the list, not the box
        await pilot.press("slash", "b", "o", "r", "d", "enter", "enter")
        assert reader_screen(pilot).parallel_text.has_focus
        # Tab from the reader lands in the list; the filter keeps its text.
        await pilot.press("tab")
        assert sidebar.article_list.has_focus, app.focused
        filter_box = sidebar.query_one("#filter", Input)
        assert filter_box.value == "bord"
        # Opened again, the filter adds to its text rather than replacing it.
        await pilot.press("slash", "s")
        assert filter_box.has_focus and filter_box.value == "bords"


async def test_help_screen_lists_keys_and_closes() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        headings = [str(w.render()) for w in app.screen.query(".help-heading")]
        assert headings == ["Anywhere", "Reading", "The list", "The text"]
        tables = [rendered_lines(w) for w in app.screen.query(".help-keys")]
        lines = [line.rstrip() for table in tables for line in table]
        shown = "\n".join(lines)
        assert "[sidebar]" in shown and "[reader.down]" in shown
        # Keys as they are typed, not Textual's names for them; no "App:" on every line.
        for name in ("exclamation_mark", "square_bracket", "question_mark", "App:", "Screen:"):
            assert name not in shown
        assert any(
            line.lstrip().startswith("!  Show only articles with sentences") for line in lines
        )
        assert any(line.lstrip().startswith("l, ]  Next sentence") for line in lines)
        # A long description wraps under itself: each table's descriptions start in one column.
        wrapped = 0
        for table in tables:
            first_key = len(table[0]) - len(table[0].lstrip())
            column = table[0].index("  ", first_key) + 2
            for line in table:
                assert line[column - 2 : column] == "  " and line[column] != " ", line
                wrapped += not line[:column].strip()
        assert wrapped, "no description wraps at 80 columns: the test shows nothing"
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_misspelt_key_id_is_reported_with_the_nearest() -> None:
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text('[keys]\n"reader.dwn" = "x"\nsidebar = "f2"\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        messages = [n.message for n in app._notifications]
        assert any(
            "`reader.dwn` is no key's id (did you mean `reader.down`?)" in m for m in messages
        ), messages
        assert not any("`sidebar`" in m for m in messages)


async def test_keys_can_be_remapped_in_config() -> None:
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text('[keys]\nsidebar = "f2"\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        sidebar = reader_screen(pilot).sidebar
        await pilot.press("s")
        assert not sidebar.has_class("-hidden")
        await pilot.press("f2")
        assert sidebar.has_class("-hidden")


async def test_theme_chosen_is_remembered() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "nord"
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert load_config().config.theme == "nord"
    second = make_app(SEEDS)
    async with second.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert second.theme == "nord"


async def test_palette_has_the_apps_commands() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Toggle sidebar", "Filter articles", "Help: keys", "Theme"} <= set(titles)
        await pilot.press("ctrl+p")
        await pilot.press(*"toggle sidebar", "enter")
        await pilot.pause()
        assert reader_screen(pilot).sidebar.has_class("-hidden")


async def test_no_color_keeps_the_cursor_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(SEEDS)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        lines = rendered_lines(reader_screen(pilot).parallel_text)
        assert lines[0].startswith(CURSOR_MARK)


async def test_mouse_click_opens_an_article() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await pilot.click("#articles", offset=(5, 4))  # the second entry's title
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = reader_screen(pilot)
        assert screen.article is not None
        assert screen.article.path == screen.sidebar.article_list.shown[1].path
