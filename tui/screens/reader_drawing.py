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
    from tolk.open_article import OpenArticle
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
            view = paragraph_view(screen.current, index, screen.keywords)
            screen.reader.set_paragraph(index, view)
            if index == screen.reader.cursor:
                self.sentence_note()

    def sentence_note(self) -> None:
        """Say why the sentence under the cursor needs a look, if it does."""
        screen = self._screen
        note = screen.query_one(SentenceNote)
        shown = screen.current.shown(screen.reader.cursor) if screen.current is not None else None
        sentences = shown.sentences if shown is not None else ()
        index = screen.reader.sentence
        sentence = sentences[index] if index < len(sentences) else None
        note.say(sentence_note(sentence), look=sentence is not None and sentence.needs_look)

    def everything(self) -> None:
        """Draw every paragraph the model has anything for again."""
        current = self._screen.current
        if current is not None:
            for index in sorted({*current.showable, *current.source_hits}):
                self.paragraph(index)
            self._screen.sub_title = current.title_line

    def model_ready(self, title: str) -> None:
        """A model is loaded: untranslated paragraphs wait for it, and the note line has a
        translation to talk about."""
        screen = self._screen
        screen.query_one(SentenceNote).display = True
        screen.reader.set_placeholder(PENDING)
        screen.column_titles.set_target_title(title)

    def model_unavailable(self, reason: str, title: str) -> None:
        """No model: the English column says why, and the note line has nothing to say."""
        screen = self._screen
        screen.query_one(SentenceNote).display = False
        screen.reader.set_placeholder(UNAVAILABLE, first=reason)
        screen.column_titles.set_target_title(title)
