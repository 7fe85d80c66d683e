"""The reader's paragraphs in rows (tui/widgets/row_layout.py): wrapped when first drawn, and
what a paragraph that changes height as it is wrapped does to the rest and to the view."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from tui.widgets.parallel_rows import Block
from tui.widgets.row_layout import Grown, ParagraphLayout
from tui.widgets.word_cursor import wrap


def block_of(lines: int) -> Block:
    """A paragraph wrapped into `lines` rows (a word a row, in a column one word wide)."""
    text = Text(" ".join(["ord"] * lines))
    return Block(wrap(Console(), text, 3), wrap(Console(), Text("x"), 3))


def test_paragraphs_start_at_their_estimates_and_are_wrapped_once() -> None:
    layout = ParagraphLayout()
    layout.reset(40, [2, 3, 1])
    assert layout.rows.starts == [0, 3, 7]  # a blank row between paragraphs
    wrapped: list[int] = []

    def wrapping(index: int) -> Block:
        wrapped.append(index)
        return block_of(2)

    assert layout.block(0, wrapping, 0) == (block_of(2), None)  # as estimated: nothing moves
    layout.block(0, wrapping, 0)
    assert wrapped == [0]
    layout.forget(0)  # what it shows changed: wrapped again when next drawn
    layout.block(0, wrapping, 0)
    assert wrapped == [0, 0]


def test_a_paragraph_that_grows_moves_the_rest_and_says_whether_it_was_above_the_view() -> None:
    layout = ParagraphLayout()
    layout.reset(40, [2, 2, 2])
    # The view starts at row 6, paragraph 2: paragraph 0 (rows 0-1) is above it.
    _, grown = layout.block(0, lambda index: block_of(5), 6)
    assert grown == Grown(3, above_view=True)
    assert layout.rows.starts == [0, 6, 9]
    # Paragraph 2 is in view: it grows downwards, the view need not follow.
    _, grown = layout.block(2, lambda index: block_of(1), 6)
    assert grown == Grown(-1, above_view=False)


def test_a_place_is_kept_across_a_reset_inside_its_paragraph() -> None:
    layout = ParagraphLayout()
    assert layout.anchor(0) is None  # nothing laid out yet
    layout.reset(40, [4, 4, 4])
    anchor = layout.anchor(7)  # paragraph 1 starts at row 5
    assert anchor == (1, 2)
    layout.reset(80, [2, 1, 2])  # wider: shorter paragraphs
    assert layout.row_of(anchor) == 3  # paragraph 1's only row, not past it
    layout.reset(80, [2])
    assert layout.row_of(anchor) is None  # no paragraph 1 any more
