"""The two texts the reader draws for one paragraph: the Norwegian and the English with
everything laid over them (highlights, the sentence and word cursors, marks)."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tolk.library.articles import Paragraph, ParagraphKind
from tui.views.paragraph_view import Highlight, ParagraphView, styled_text
from tui.widgets.word_cursor import WordFocus, word_highlights


def paragraph_texts(
    paragraph: Paragraph,
    view: ParagraphView,
    *,
    sentence: int | None,
    focus: WordFocus | None,
    placeholder: str,
    style: Callable[[str], Style],
) -> tuple[Text, Text]:
    """The Norwegian and the English (or `placeholder`) of a paragraph, with `sentence`
    underlined (the sentence cursor, if on this paragraph) and `focus`'s word lit up with its
    counterparts. `style` gives the reader's component styles."""
    base = style("parallel-text--heading") if paragraph.kind is ParagraphKind.HEADING else None
    source_cursor = target_cursor = None
    if sentence is not None and sentence < len(view.alignment):
        pair, underline = view.alignment[sentence], style("parallel-text--sentence")
        source_cursor = (pair.source_start, pair.source_end, underline)
        target_cursor = (pair.target_start, pair.target_end, underline)
    words: tuple[list[Highlight], list[Highlight]] = ([], [])
    if focus is not None:
        words = word_highlights(
            view, focus, style("parallel-text--word"), style("parallel-text--aligned")
        )
    # Text(...) of plain strings: article text is data, never markup.
    source = styled_text(
        paragraph.text, base, [*view.source_highlights, *words[0]], (), source_cursor
    )
    if view.translation is None:
        return source, Text(placeholder, style=style("parallel-text--placeholder"))
    target = styled_text(
        view.translation,
        base,
        [*view.target_highlights, *words[1]],
        view.marks,
        target_cursor,
        style,
        sentence,
    )
    return source, target


def cell(
    console: Console, lines: list[Text], offset: int, width: int, style: Style, mark: Segment
) -> list[Segment]:
    """Row `offset` of one column of a paragraph, `width` cells: the mark cell (cursor,
    bookmark or blank), then the line (or blanks below a shorter column)."""
    if offset >= len(lines):
        return [mark, Segment(" " * (width - 1), style)]
    line = lines[offset]
    # Text.render leaves out the Text's own style (its __rich_console__ adds it): add it.
    line_style = line.style if isinstance(line.style, Style) else Style.parse(line.style)
    rendered = Strip(line.render(console)).apply_style(style + line_style)
    return [mark, *rendered.adjust_cell_length(width - 1, style)]
