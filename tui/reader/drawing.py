"""Draws the open article into the reader's widgets: each paragraph of the parallel
text, the note on the sentence under the cursor, the screen's subtitle, the English column's
title, and what the reader shows while there is no article or no model.

The screen decides when to draw (a job's result arrived, the cursor moved); `rendering` decides
what a paragraph looks like; this puts it on screen. It is the one collaborator that touches the
article's widgets, which is its whole job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.screen import Screen

from tui.reader.glossary.state import GlossaryFeature
from tui.reader.keywords.state import KeywordFeature
from tui.reader.rendering import paragraph_view, sentence_details, sentence_note, source_title
from tui.reader.translation.state import LOADING, PENDING, UNAVAILABLE, TranslationFeature
from tui.widgets.column_titles import ColumnTitles
from tui.widgets.parallel_text import ParallelText
from tui.widgets.sentence_note import SentenceNote

if TYPE_CHECKING:
    from tolk.qa.terminology import TermEntry
    from tolk.reading.open_article import OpenArticle
    from tolk.reading.shown_english import ShownSentence
    from tui.reader.host import Changed, CursorWord


class ReaderDrawing:
    """Draws the open article (`opened()`) into the widgets of `screen`; also the English
    column the translation commands set (`EnglishColumn`)."""

    def __init__(
        self,
        screen: Screen[None],
        opened: Callable[[], OpenArticle | None],
        translation: TranslationFeature,
        keywords: KeywordFeature,
        glossary: GlossaryFeature,
    ) -> None:
        self._screen = screen
        self._opened = opened
        self._translation = translation
        self._keywords = keywords
        self._glossary = glossary

    @property
    def _text(self) -> ParallelText:
        return self._screen.query_one("#reader", ParallelText)

    @property
    def _titles(self) -> ColumnTitles:
        return self._screen.query_one("#column-titles", ColumnTitles)

    def changed(self, change: Changed) -> None:
        """Redraw what a command changed in the open article."""
        if change.everything:
            self.everything()
        elif change.paragraphs:
            self.paragraphs(change.paragraphs)
        if change.bookmarks:
            self.bookmarks(change.opened)
        if change.titles:
            self.titles(change.opened)

    def show_article(self, opened: OpenArticle, paragraph: int) -> None:
        """A newly opened article, cursor on `paragraph`: its text, with its keyword hits and
        glossary terms (the translation comes later)."""
        self._text.show_article(opened.article, paragraph)
        self._titles.set_source_title(source_title(opened))
        self.paragraphs({*opened.source_hits, *opened.glossary_hits})

    def show_message(self, why: str) -> None:
        """Nothing is open: say `why` where the article was."""
        self._screen.sub_title = ""
        self._titles.set_source_title(source_title(None))
        self._text.show_message(why)

    def paragraphs(self, indices: Iterable[int]) -> None:
        """Draw these paragraphs from the open article, and the title line."""
        opened = self._opened()
        if opened is None:
            return
        text = self._text
        missing = self._translation.missing_placeholder
        for index in sorted(indices):
            view = paragraph_view(opened, index, self._keywords, missing, self._glossary)
            text.set_paragraph(index, view)
            if index == text.cursor:
                self.sentence_note()
        self._screen.sub_title = opened.title_line

    def everything(self) -> None:
        """Draw every paragraph the model has anything for again."""
        opened = self._opened()
        if opened is not None:
            self.paragraphs({*opened.showable, *opened.source_hits, *opened.glossary_hits})
        self.sentence_note()

    def titles(self, opened: OpenArticle) -> None:
        """What the header and the Norwegian column's title say of the article."""
        self._screen.sub_title = opened.title_line
        self._titles.set_source_title(source_title(opened))

    def bookmarks(self, opened: OpenArticle) -> None:
        self._text.set_marked(opened.bookmarked)

    def sentence_note(self) -> None:
        """Say where the English of the sentence under the cursor comes from and why it needs
        a look, if it does (or why it has no English). The line shows while there is a model
        or the article shows some English, so the reader does not change height as the cursor
        moves."""
        note = self._screen.query_one(SentenceNote)
        opened, text = self._opened(), self._text
        note.display = self._translation.translator is not None or (
            opened is not None and opened.shows_english
        )
        shown = opened.shown(text.cursor) if opened is not None else None
        sentences = shown.sentences if shown is not None else ()
        index = text.sentence
        sentence = sentences[index] if index < len(sentences) else None
        terms = self._terms(opened, sentence) if opened is not None else []
        said = sentence_note(sentence, self._translation.no_english, terms)
        note.say(said, look=sentence is not None and sentence.needs_look)

    @staticmethod
    def _terms(opened: OpenArticle, sentence: ShownSentence | None) -> list[TermEntry]:
        """The glossary's terms in `sentence`'s Norwegian."""
        if sentence is None:
            return []
        span = sentence.span
        return opened.sentence_terms(sentence.key.paragraph, span.source_start, span.source_end)

    def show_sentence_details(self) -> None:
        """The dialog with everything the line under the reader says, in full (key D)."""
        opened, text = self._opened(), self._text
        sentence = opened.sentence(text.cursor, text.sentence) if opened is not None else None
        if opened is None or sentence is None:
            self._screen.notify("No translated sentence here yet.")
            return
        from tui.dialogs.sentence_details import SentenceDetails

        details = sentence_details(sentence, self._terms(opened, sentence))
        self._screen.app.push_screen(SentenceDetails(details))

    def cursor_word(self) -> str | None:
        """The English word under the word cursor (on a Norwegian word, the English word the
        model aligned with it), as the spelling check names words; None without one."""
        from tui.widgets.word_cursor import SOURCE

        text = self._text
        focus = text.word
        if focus is None or not 0 <= text.cursor < text.paragraph_count:
            return None
        view = text.view(text.cursor)
        if view.translation is None or focus.sentence >= len(view.words):
            return None
        words = view.words[focus.sentence]
        # On a Norwegian word (`w`), the English word the model aligned with it.
        english = (
            words.counterparts(SOURCE, focus.word)[:1] if focus.side == SOURCE else [focus.word]
        )
        if not english or english[0] >= len(words.target):
            return None
        start, end = words.target[english[0]]
        from tolk.qa.spelling import word_in

        return word_in(view.translation[start:end])

    def word_at_cursor(self) -> CursorWord | None:
        """The Norwegian word under the word cursor (on an English word, the Norwegian word
        the model aligned with it) and the English aligned with it; None without one."""
        from tui.reader.host import CursorWord
        from tui.widgets.word_cursor import SOURCE

        text, opened = self._text, self._opened()
        focus = text.word
        if opened is None or focus is None or not 0 <= text.cursor < text.paragraph_count:
            return None
        view = text.view(text.cursor)
        if focus.sentence >= len(view.words):
            return None
        words = view.words[focus.sentence]
        norwegian = [focus.word] if focus.side == SOURCE else words.counterparts(1, focus.word)
        if not norwegian or norwegian[0] >= len(words.source):
            return None
        start, end = words.source[norwegian[0]]
        token = opened.article.paragraphs[text.cursor].text[start:end]
        english = tuple(
            view.translation[slice(*words.target[word])]
            for word in words.counterparts(SOURCE, norwegian[0])
            if view.translation is not None and word < len(words.target)
        )
        return CursorWord(text.cursor, focus.sentence, token, english)

    # The English column (EnglishColumn) ------------------------------------------------------

    def set_title(self, text: str) -> None:
        self._titles.set_target_title(text)

    def show_download(self, done: int, total: int | None, bytes_per_second: float) -> None:
        self._titles.show_download(done, total, bytes_per_second)

    def hide_download(self) -> None:
        self._titles.hide_download()

    def model_ready(self, title: str) -> None:
        """A model is loaded: untranslated paragraphs wait for it, and sentences without
        English say they do; the install key goes."""
        self._text.set_placeholder(PENDING)
        self.set_title(title)
        self.everything()
        self._screen.refresh_bindings()

    def model_unavailable(self, reason: str, title: str) -> None:
        """No model: the English column says why, where the article shows no English; the
        install key is offered."""
        self._text.set_placeholder(UNAVAILABLE, first=reason)
        self.set_title(title)
        self.everything()
        self._screen.refresh_bindings()

    def model_loading(self) -> None:
        self._text.set_placeholder(LOADING)
