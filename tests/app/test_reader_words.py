"""The word cursor: a word of the sentence and, lit up in the other column, the words the
model aligned with it (from the attention of its alignment head)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.app.pilot import (
    make_app,
    open_article,
    reader_screen,
    settle,
    wait_for_scan,
    write_config,
)
from tests.app.test_reader_keywords import is_keyword, styled_words
from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tui.widgets.parallel_rows import GUTTER
from tui.widgets.parallel_text import ParallelText


def reversed_words(reader: ParallelText) -> tuple[list[str], list[str]]:
    """Words drawn in reverse video (the word cursor and its counterparts), per column."""
    return styled_words(reader, lambda style: bool(style.reverse))


async def open_dec_2019(pilot: Pilot[None]) -> ParallelText:
    await wait_for_scan(pilot)
    await open_article(pilot, 1)  # "Da er det viktig at vi sitter rundt …"
    await settle(pilot)
    return reader_screen(pilot).parallel_text


async def test_word_cursor_lights_up_the_aligned_english_word(
    installed_cipher_model: Path,
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_dec_2019(pilot)
        assert reversed_words(reader) == ([], [])
        await pilot.press("w")
        # The cipher model's English for "Da" is "Qn": aligned word for word.
        assert reversed_words(reader) == (["Da"], [cipher_text("Da")])
        await pilot.press("w", "w")
        assert reversed_words(reader) == (["det"], [cipher_text("det")])
        await pilot.press("W")
        assert reversed_words(reader) == (["er"], [cipher_text("er")])
        await pilot.press("l")  # the next sentence: the word cursor starts over
        assert reversed_words(reader) == ([], [])
        await pilot.press("w")
        assert reversed_words(reader) == (["Han"], [cipher_text("Han")])


async def test_the_mouse_over_an_english_word_lights_up_the_norwegian(
    installed_cipher_model: Path,
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_dec_2019(pilot)
        # The English column's first row: "▌Qn re qrg …" — hover over its third word.
        lines = [reader.render_line(y).text for y in range(reader.size.height)]
        row = next(y for y, line in enumerate(lines) if GUTTER + "▌" + cipher_text("Da er") in line)
        english = lines[row].index(GUTTER) + len(GUTTER) + 1
        third = english + len(cipher_text("Da er "))
        await pilot.hover("#reader", offset=(third + 1, row))
        assert reversed_words(reader) == (["det"], [cipher_text("det")])
        # A click puts the word cursor there (and the cursor stays on its paragraph).
        await pilot.click("#reader", offset=(third + 1, row))
        await pilot.hover("#column-titles")
        assert reader.word is not None and (reader.word.side, reader.word.word) == (1, 2)
        assert reversed_words(reader) == (["det"], [cipher_text("det")])


async def test_a_keyword_hit_lights_up_its_aligned_english_words(
    installed_cipher_model: Path,
) -> None:
    # No English renderings configured, and the model's own English for "allianse" matches
    # only that form: the inflected "alliansen" is found in the English by alignment alone.
    write_config('keywords = ["allianse"]\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 60)) as pilot:
        reader = await open_dec_2019(pilot)
        left, right = styled_words(reader, is_keyword)
        assert "alliansen" in left and "allianse" in left
        assert right == [cipher_text(word) for word in left]
