"""The reader's side of the screen, mounted once the first titles are drawn: the column titles,
the parallel text and the sentence note. Apart from the drawing (`drawing.py`), whose imports
(the keywords' matching, the dictionary) took 50-130 ms of the UI thread as the features
started: the preload imports those in a worker first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.reader.translation.state import LOADING
from tui.widgets.column_titles import ColumnTitles
from tui.widgets.parallel_text import ParallelText
from tui.widgets.sentence_note import SentenceNote

if TYPE_CHECKING:
    from textual.widget import Widget


def mount_reader(pane: Widget) -> None:
    """The column titles, the parallel text and the sentence note, into the reader's pane
    (once the first titles are drawn)."""
    text = ParallelText(id="reader")
    text.set_placeholder(LOADING)
    text.show_message("Choose an article in the sidebar and press Enter.")
    pane.mount_all((ColumnTitles(id="column-titles"), text, SentenceNote(id="sentence-note")))
