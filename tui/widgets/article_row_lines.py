"""Each line of a row of the article list as styled segments: the title's lines, then the date
and the marks, or for an unreadable file its name and the reason. The widget (article_list.py)
looks the styles up once a frame and draws the lines on screen with these."""

from __future__ import annotations

from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style

from tolk.library.articles import ArticleSummary
from tolk.text import printable
from tui.views.article_rows import ArticleRow
from tui.widgets.article_row_text import TITLE_LINES, ArticleMarks, fit, row_marks, title_line


class LineStyles(NamedTuple):
    """What every line of one render pass draws with."""

    width: int
    base: Style
    highlight: Style
    date: Style  # the partial styles are added to the line's own
    marker: Style
    error: Style


def row_line(
    entry: ArticleRow, part: int, style: Style, styles: LineStyles, marks: ArticleMarks
) -> list[Segment]:
    """Line `part` of `entry`'s row, in `style` (the highlight's, on the cursor's row)."""
    summary, width = entry.summary, styles.width
    if summary.error is not None:
        return _error_segments(summary, part, style, style + styles.error, width)
    if part < TITLE_LINES:
        return [Segment(" ", style), Segment(title_line(summary.title, part, width - 2), style)]
    marker = style + styles.marker
    date = str(summary.date) if summary.date is not None else "undated"
    segments = [Segment(" ", style), Segment(date, style + styles.date)]
    segments += [Segment(mark, marker) for mark in row_marks(entry.absolute, marks)]
    return segments


def _error_segments(
    summary: ArticleSummary, line: int, style: Style, error: Style, width: int
) -> list[Segment]:
    """An unreadable file: its name, then the reason on the row's other lines."""
    if line == 0:
        return [Segment(" ⚠ ", error), Segment(fit(printable(summary.path.name), width - 3), style)]
    text = title_line(summary.error or "", line - 1, width - 3)
    return [Segment("   ", style), Segment(text, error)]
