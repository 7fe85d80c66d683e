"""Draws the open article's model into the reader's widgets: each paragraph of the parallel
text, the note on the sentence under the cursor, the screen's subtitle, and what the reader
shows while there is no article or no model.

The screen decides when to draw (a job's result arrived, the cursor moved); `rendering` decides
what a paragraph looks like; this puts it on screen. Unlike the features beside it, it touches
widgets: that is its one job, so the screen keeps to routing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.reader.rendering import paragraph_view, sentence_note
from tui.reader.translation import PENDING, UNAVAILABLE
from tui.widgets.sentence_note import SentenceNote

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tui.screens.main import MainScreen


class ReaderDrawing:
    """Draws the screen's open article (`screen.current`) into the screen's widgets."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen

    def show_article(self, opened: OpenArticle, paragraph: int) -> None:
        """A newly opened article, cursor on `paragraph`: its text, with its keyword hits
        (the translation comes later)."""
        screen = self._screen
        screen.reader.show_article(opened.article, paragraph)
        for index in opened.source_hits:
            self.paragraph(index)
        screen.sub_title = opened.title_line

    def show_message(self, why: str) -> None:
        """Nothing is open: say `why` where the article was."""
        self._screen.sub_title = ""
        self._screen.reader.show_message(why)

    def paragraph(self, index: int) -> None:
        """Draw paragraph `index` from the model."""
        screen = self._screen
        if screen.current is not None:
            missing = screen.translation.missing_placeholder
            view = paragraph_view(screen.current, index, screen.keywords, missing)
            screen.reader.set_paragraph(index, view)
            if index == screen.reader.cursor:
                self.sentence_note()

    def sentence_note(self) -> None:
        """Say where the English of the sentence under the cursor comes from and why it needs
        a look, if it does (or why it has no English). The line shows while there is a model
        or the article shows some English, so the reader does not change height as the cursor
        moves."""
        screen = self._screen
        note = screen.query_one(SentenceNote)
        current = screen.current
        note.display = screen.translation.translator is not None or (
            current is not None and current.shows_english
        )
        shown = current.shown(screen.reader.cursor) if current is not None else None
        sentences = shown.sentences if shown is not None else ()
        index = screen.reader.sentence
        sentence = sentences[index] if index < len(sentences) else None
        said = sentence_note(sentence, screen.translation.no_english)
        note.say(said, look=sentence is not None and sentence.needs_look)

    def everything(self) -> None:
        """Draw every paragraph the model has anything for again."""
        current = self._screen.current
        if current is not None:
            for index in sorted({*current.showable, *current.source_hits}):
                self.paragraph(index)
            self._screen.sub_title = current.title_line
        self.sentence_note()

    def model_ready(self, title: str) -> None:
        """A model is loaded: untranslated paragraphs wait for it, and sentences without
        English say they do."""
        screen = self._screen
        screen.reader.set_placeholder(PENDING)
        screen.column_titles.set_target_title(title)
        self.everything()

    def model_unavailable(self, reason: str, title: str) -> None:
        """No model: the English column says why, where the article shows no English."""
        screen = self._screen
        screen.reader.set_placeholder(UNAVAILABLE, first=reason)
        screen.column_titles.set_target_title(title)
        self.everything()
