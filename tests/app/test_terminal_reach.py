"""Terminal reach: the reader at 80x24 and 200x60, resized live, keyboard only, on 16- and
256-colour terminals and under NO_COLOR, and quiet when idle (no redraws: it matters over SSH).

The Pilot tests drive the real app headless; the pseudo-terminal tests run `python -m tui` as a
user would and read the bytes it writes to the terminal.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot

from tests.app.pilot import columns, make_app, reader_screen, rendered_lines, settle, wait_for_scan
from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tests.support.terminal import Terminal
from tolk.library.articles import Article, read_article
from tui.app import HUNG_UP
from tui.dialogs.help import HelpScreen
from tui.reader.screen import ReaderScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.parallel_text import ParallelText

SIZES = [(80, 24), (200, 60)]


def words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[:count])


def squeeze(text: str) -> str:
    return " ".join(text.split())


def column_text(lines: list[str], side: int) -> str:
    """One column's text, the marks left out, as one line of words."""
    return squeeze(" ".join(columns(line)[side][1:] for line in lines))


def visible_rows(reader: ParallelText, index: int) -> list[int]:
    """The screen rows (in the reader) where paragraph `index` shows now."""
    top = int(reader.scroll_y)
    height = reader.scrollable_content_region.height
    return [row - top for row in reader.paragraph_rows(index) if top <= row < top + height]


async def open_by_keyboard(pilot: Pilot[None], index: int) -> Article:
    """Open the `index`th listed article with keys only: back to the list, move, Enter."""
    screen = reader_screen(pilot)
    articles = screen.sidebar.article_list
    if not articles.has_focus:
        await pilot.press("tab")  # focus cycles from the reader back to the list
    assert articles.has_focus
    await pilot.press("home", *["j"] * index, "enter")
    await settle(pilot)
    assert screen.parallel_text.has_focus
    assert screen.article is not None
    assert screen.article.path == articles.shown[index].path
    return read_article(screen.article.path)


# Sizes, keyboard only -----------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_paragraph_of_every_seed_by_keyboard(
    size: tuple[int, int], installed_cipher_model: Path
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=size) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        reader = screen.parallel_text
        assert len(screen.sidebar.article_list.shown) == 2
        for index in range(2):
            article = await open_by_keyboard(pilot, index)
            assert reader.paragraph_count == len(article.paragraphs)
            for number, paragraph in enumerate(article.paragraphs):
                assert reader.cursor == number
                rows = visible_rows(reader, number)
                assert rows, f"paragraph {number} is off screen at {size}"
                lines = rendered_lines(reader)
                shown = [lines[row] for row in rows]
                # The paragraph's first words, in both columns, on its own rows.
                assert column_text(shown, 0).startswith(words(paragraph.text)), (size, number)
                english = words(cipher_text(paragraph.text))
                assert column_text(shown, 1).startswith(english), (size, number)
                # Paragraph i starts on the same row in both columns: the cursor marks both.
                assert lines[rows[0]].startswith("▌") and columns(lines[rows[0]])[1][0] == "▌"
                await pilot.press("j")
            assert reader.cursor == len(article.paragraphs) - 1  # j stops at the last
        # Both columns share the width, whatever the size.
        left, right = columns(rendered_lines(reader)[0])
        assert abs(len(left) - len(right)) <= 1 and len(left) >= (size[0] - 40) // 2 - 2


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_sidebar_help_and_palette_by_keyboard(size: tuple[int, int]) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=size) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        await open_by_keyboard(pilot, 0)
        width = screen.parallel_text.size.width
        await pilot.press("s")
        assert screen.sidebar.has_class("-hidden") and screen.parallel_text.has_focus
        assert screen.parallel_text.size.width > width
        assert screen.parallel_text.size.width >= size[0] - 4  # the reader takes the whole width
        await pilot.press("s")
        assert not screen.sidebar.has_class("-hidden")
        assert screen.parallel_text.size.width == width
        assert screen.sidebar.region.width > 0

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.size == size
        await pilot.press("escape")
        assert reader_screen(pilot) is screen

        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await pilot.pause()
        assert reader_screen(pilot) is screen
        assert screen.parallel_text.has_focus  # back where the keys left off
        await pilot.press("j")
        assert screen.parallel_text.cursor == 1
        await pilot.press("q")
    assert app.return_code == 0


# Live resize --------------------------------------------------------------------------------


def assert_aligned(reader: ParallelText) -> None:
    """Every paragraph whose first row is on screen starts on that row in both columns, after
    a blank row (in both) and with the cursor mark in both or neither."""
    lines = rendered_lines(reader)
    checked = 0
    for index in range(reader.paragraph_count):
        rows = visible_rows(reader, index)
        if not rows or rows[0] != reader.paragraph_rows(index).start - int(reader.scroll_y):
            continue  # not on screen, or its first row is above the window
        left, right = columns(lines[rows[0]])
        assert left[1:].strip() and right[1:].strip(), (index, lines[rows[0]])
        if rows[0] > 0:
            above_left, above_right = columns(lines[rows[0] - 1])
            assert not above_left.strip() and not above_right.strip(), (index, rows[0])
        mark = "▌" if index == reader.cursor else " "
        assert left[0] == right[0] == mark, (index, lines[rows[0]])
        checked += 1
    assert checked > 0


async def test_live_resize_keeps_the_columns_aligned(installed_cipher_model: Path) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(200, 60)) as pilot:
        await wait_for_scan(pilot)
        article = await open_by_keyboard(pilot, 0)
        reader = reader_screen(pilot).parallel_text
        await pilot.press(*"jjjjj")
        assert reader.cursor == 5
        assert_aligned(reader)
        for width, height in [(80, 24), (200, 60), (80, 24)]:
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            assert app.size == (width, height)
            assert reader.cursor == 5
            assert_aligned(reader)
        # Still reads after the resizes: the keys bring the cursor into view, aligned.
        for key in ["j", "G", "k", "g"]:
            await pilot.press(key)
            rows = visible_rows(reader, reader.cursor)
            assert rows, (key, reader.cursor)
            lines = rendered_lines(reader)
            shown = [lines[row] for row in rows]
            paragraph = article.paragraphs[reader.cursor].text
            assert column_text(shown, 0).startswith(words(paragraph)), key
            assert column_text(shown, 1).startswith(words(cipher_text(paragraph))), key
            assert_aligned(reader)
        assert reader.cursor == 0 and reader.scroll_y == 0


@pytest.mark.parametrize("cursor", [5, 11])
async def test_live_resize_keeps_the_cursor_paragraph_in_view(cursor: int) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(200, 60)) as pilot:
        await wait_for_scan(pilot)
        await open_by_keyboard(pilot, 0)
        reader = reader_screen(pilot).parallel_text
        await pilot.press(*"j" * cursor)
        assert reader.cursor == cursor
        for width, height in [(80, 24), (200, 60), (80, 24)]:
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            assert reader.cursor == cursor
            assert visible_rows(reader, cursor), f"cursor paragraph off screen at {width}x{height}"


# Idle: no redraws ---------------------------------------------------------------------------


async def test_idle_reader_does_not_redraw(
    installed_cipher_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an article open and translated, an idle reader paints nothing: no timer or
    animation keeps the compositor busy. Counted at the source, so this does not depend on
    how loaded the machine is."""
    counts = {"display": 0, "reader": 0, "list": 0}

    def counting(key: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counts[key] += 1
            return original(*args, **kwargs)

        return wrapper

    # App._display is where every screen update ends up (headless, it returns early).
    monkeypatch.setattr(App, "_display", counting("display", App._display))
    monkeypatch.setattr(ParallelText, "render_line", counting("reader", ParallelText.render_line))
    monkeypatch.setattr(ArticleList, "render_line", counting("list", ArticleList.render_line))

    # The reading position waits longer than the test for the cursor to rest: no write
    # lands in the idle window (it is written when the app closes).
    app = make_app(SEEDS, position_delay=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_by_keyboard(pilot, 0)
        screen = reader_screen(pilot)
        assert isinstance(screen, ReaderScreen)
        await pilot.press("j", "j")
        # Let everything finish: the translation and its read-ahead of the next article.
        await settle(pilot)
        assert (
            screen.parallel_text.translation(screen.parallel_text.paragraph_count - 1) is not None
        )
        assert counts["display"] > 0 and counts["reader"] > 0  # the hooks do see painting
        before = dict(counts)
        # Watching for nothing to happen takes a while; no event marks "still idle".
        await pilot.pause(1.5)
        assert counts == before, "the idle reader redrew"
        # ...and a key still repaints at once.
        await pilot.press("j")
        assert counts["display"] > before["display"]


# The real app in a pseudo-terminal ---------------------------------------------------------

SGR = re.compile(rb"\x1b\[([0-9;:]*)m")
CURSOR_TO = re.compile(rb"\x1b\[(\d+);(\d+)H")
OSC_TITLE = re.compile(rb"\x1b\][012];")


def cursor_moves(output: bytes | bytearray) -> list[tuple[int, int]]:
    """Every cursor move in `output`, as (row, column) counted from 1."""
    return [(int(m.group(1)), int(m.group(2))) for m in CURSOR_TO.finditer(output)]


@pytest.fixture
def terminal() -> Iterator[Callable[..., Terminal]]:
    started: list[Terminal] = []

    def start(size: tuple[int, int] = (80, 24), **env: str) -> Terminal:
        environ = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR")}
        environ.pop("TEXTUAL_COLOR_SYSTEM", None)
        environ.update(env)
        started.append(Terminal(environ, size))
        return started[-1]

    yield start
    for term in started:
        term.close()


def colours(output: bytes) -> list[tuple[str, tuple[int, ...]]]:
    """Every colour the SGR sequences in `output` set: ("16", (code,)), ("256", (n,)) or
    ("24bit", (r, g, b)). 39/49 (the terminal's default colours) are not colours."""
    found: list[tuple[str, tuple[int, ...]]] = []
    for match in SGR.finditer(output):
        params = [int(p) if p else 0 for p in re.split(rb"[;:]", match.group(1))]
        i = 0
        while i < len(params):
            code = params[i]
            if code in (38, 48, 58) and i + 1 < len(params) and params[i + 1] == 5:
                found.append(("256", (params[i + 2],)))
                i += 3
            elif code in (38, 48, 58) and i + 1 < len(params) and params[i + 1] == 2:
                found.append(("24bit", tuple(params[i + 2 : i + 5])))
                i += 5
            else:
                if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                    found.append(("16", (code,)))
                i += 1
    return found


def is_grey(colour: tuple[str, tuple[int, ...]]) -> bool:
    kind, value = colour
    if kind == "24bit":
        return value[0] == value[1] == value[2]
    if kind == "256":
        (n,) = value
        if n >= 232 or n in (0, 7, 8, 15):
            return True
        if 16 <= n <= 231:
            r, g, b = (n - 16) // 36, (n - 16) // 6 % 6, (n - 16) % 6
            return r == g == b
        return False
    (code,) = value
    return code % 10 in (0, 7)  # black, white and their bright and background forms


def drive(term: Terminal, article: Article, quiet: float = 0.5) -> None:
    """Wait for the first screen, open the newest article with Enter, read on with j."""
    term.read_until(b"2 articles")
    term.send(b"\r")
    term.read_until(words(article.paragraphs[0].text, 3).encode())
    term.send(b"jj")
    term.settle(quiet)


@pytest.fixture(scope="module")
def newest_seed() -> Article:
    articles = [read_article(path) for path in SEEDS.glob("*.txt")]
    return max(articles, key=lambda a: a.date.iso() if a.date is not None else "")


def assert_clean_exit(term: Terminal) -> None:
    assert term.quit() == 0, term.tail()
    output = bytes(term.output)
    assert b"Traceback" not in output, term.tail()
    # The terminal is given back: alternate screen left, cursor shown again.
    last_frame = output.rfind(b"\x1b[?1049h")
    assert output.rfind(b"\x1b[?1049l") > last_frame > -1
    assert output.rfind(b"\x1b[?25h") > output.rfind(b"\x1b[?25l")
    # Nothing sets the window title (the articles' text never reaches the terminal raw).
    assert not OSC_TITLE.search(output)


@pytest.mark.parametrize(
    ("env", "allowed"),
    [
        ({"TERM": "linux"}, {"16"}),
        ({"TERM": "xterm"}, {"16"}),
        ({"TERM": "xterm-256color"}, {"256"}),
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, {"24bit"}),
    ],
    ids=["linux", "xterm", "xterm-256color", "truecolor"],
)
def test_colours_fit_the_terminal(
    terminal: Callable[..., Terminal],
    newest_seed: Article,
    env: dict[str, str],
    allowed: set[str],
) -> None:
    """Rich picks the colour system from COLORTERM and TERM's suffix: `linux` and plain
    `xterm` get the 16 ANSI colours, `*-256color` the 256 palette, COLORTERM=truecolor 24-bit.
    The app must never send a terminal more than it has."""
    term = terminal((80, 24), **env)
    drive(term, newest_seed)
    found = colours(bytes(term.output))
    kinds = {kind for kind, _ in found}
    assert kinds == allowed, (env, sorted(set(found))[:20])
    assert_clean_exit(term)


def test_no_color_paints_in_greys_only(
    terminal: Callable[..., Terminal], newest_seed: Article
) -> None:
    """Under NO_COLOR Textual renders monochrome: no hue anywhere, even on a truecolor
    terminal (greys keep the cursor, the footer and the gutter readable)."""
    term = terminal((80, 24), TERM="xterm-256color", COLORTERM="truecolor", NO_COLOR="1")
    drive(term, newest_seed)
    found = colours(bytes(term.output))
    assert found  # greys and shades still set
    assert [c for c in found if not is_grey(c)] == []
    assert_clean_exit(term)

    # The same on a 16-colour console.
    term = terminal((80, 24), TERM="linux", NO_COLOR="1")
    drive(term, newest_seed)
    found = colours(bytes(term.output))
    assert {kind for kind, _ in found} == {"16"}
    assert [c for c in found if not is_grey(c)] == []
    assert_clean_exit(term)


def test_live_resize_and_idle_in_a_real_terminal(
    terminal: Callable[..., Terminal], newest_seed: Article, installed_cipher_model: Path
) -> None:
    """200x60, then resized to 80x24 while reading: the app redraws inside the new size. Then,
    left alone with the article translated, it writes nothing and uses next to no CPU."""
    term = terminal((200, 60), TERM="xterm-256color")
    drive(term, newest_seed)
    rows = [int(m.group(1)) for m in CURSOR_TO.finditer(term.output)]
    assert max(rows) == 60
    before = len(term.output)
    term.resize((80, 24))
    term.settle(0.5)
    moves = cursor_moves(term.output[before:])
    # A frame the app was already writing when the signal came is still 200x60 (a background
    # job finishing can start one); everything after the last such move is the new size.
    stale = max((i for i, (row, col) in enumerate(moves) if row > 24 or col > 80), default=-1)
    redrawn = moves[stale + 1 :]
    assert redrawn, "no redraw after the resize"
    assert max(row for row, _ in redrawn) == 24
    assert max(col for _, col in redrawn) <= 80
    before = len(term.output)
    term.send(b"j")  # still reading, and drawn in the new size
    # Longer than the one-second wait before the reading position is saved.
    term.settle(1.5)
    moves = cursor_moves(term.output[before:])
    assert moves, "no redraw after j"
    assert max(row for row, _ in moves) <= 24
    assert max(col for _, col in moves) <= 80

    # Idle: a resource check, not a speed test. The reader has no clock, spinner or blinking
    # cursor, so an idle second costs nothing; 0.3 s of CPU in 3 s would be a busy loop.
    cpu = term.cpu_seconds()
    written = term.read(3.0)
    used = term.cpu_seconds() - cpu
    assert written == 0, f"the idle app wrote {written} bytes"
    assert used < 0.3, f"the idle app used {used:.2f} s of CPU in 3 s"
    assert_clean_exit(term)


def test_the_reader_ends_when_its_terminal_goes_away(
    terminal: Callable[..., Terminal], newest_seed: Article, installed_cipher_model: Path
) -> None:
    """The terminal closes under the reader and no SIGHUP ends it (`nohup tolk`): it notices
    within a second or two and ends with 129 (128 + SIGHUP), saving what it held, instead of
    reading end-of-file in a loop at half a core with nobody to see it."""
    term = terminal((120, 40), TERM="xterm-256color")
    drive(term, newest_seed, quiet=0.2)
    term.hang_up()
    assert term.process.wait(timeout=30) == HUNG_UP
