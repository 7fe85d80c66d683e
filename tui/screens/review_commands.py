"""What the reader's review keys do: correct, revert, mark reviewed, note and replace the
English of the sentence under the cursor, and export the review. Like `ReaderCommands`, each
command changes the open article's model (the screen redraws from it) and starts the review
feature's jobs through the screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from tui.reader import review
from tui.reader.memory import MemoryFeature
from tui.screens.reader_commands import opened_or_notify

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tolk.reading.shown_english import ShownSentence
    from tolk.userdata.review import SentenceKey, SentenceReview
    from tui.screens.alternatives import Alternative
    from tui.screens.main import MainScreen


class ReviewCommands:
    """The reviewer's commands, over the screen that owns the model and the review feature."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen

    def _current_sentence(self) -> tuple[OpenArticle, ShownSentence] | None:
        """The open article and the sentence under the sentence cursor, once its paragraph
        shows English (the sentence itself may have none yet)."""
        screen = self._screen
        opened = opened_or_notify(screen)
        if opened is None:
            return None
        if screen.review.store is None:
            screen.notify(review.OFF)
            return None
        found = opened.sentence(screen.reader.cursor, screen.reader.sentence)
        if found is None:
            screen.notify("This paragraph has no translation yet.")
            return None
        return opened, found

    def _change(
        self,
        opened: OpenArticle,
        keys: list[SentenceKey],
        change: Callable[[SentenceReview], SentenceReview],
    ) -> None:
        """Change the reviews of `keys` in the model and redraw; storing is the caller's."""
        for key in keys:
            opened.set_review(key, change(opened.review(key)))
        if self._screen.shows(opened):
            for paragraph in sorted({key.paragraph for key in keys}):
                self._screen.drawing.paragraph(paragraph)
            self._screen.sub_title = opened.title_line

    def correct(self, opened: OpenArticle, key: SentenceKey, text: str | None) -> None:
        """Correct (or, with None, revert) one sentence of `opened`."""
        cleaned = text.strip() if text is not None else None
        self._change(opened, [key], lambda r: replace(r, correction=cleaned or None))
        screen = self._screen
        screen.library.count_looks(opened)  # the correction may clear a flag, or earn one
        if screen.shows(opened):
            screen.model.show_title()  # it may replace the last of the memory's English
        screen.start(
            screen.review.store_correction(opened, key, text), review.TITLE, group="review-store"
        )

    def edit_translation(self) -> None:
        """Correct the sentence's English; a sentence without English (no model) gets its
        first English this way, from an empty editor."""
        current = self._current_sentence()
        if current is None:
            return
        opened, sentence = current
        key = sentence.key

        def save(text: str | None) -> None:
            if text is not None:
                self.correct(opened, key, text)

        from tui.screens.editor import CorrectionEditor  # a dialog is loaded when it opens

        editor = CorrectionEditor(key.source, sentence.target or "")
        self._screen.app.push_screen(editor, save)

    def revert_translation(self) -> None:
        current = self._current_sentence()
        if current is None:
            return
        opened, sentence = current
        if opened.review(sentence.key).correction is None:
            self._screen.notify("This sentence has no correction to revert.")
            return
        self.correct(opened, sentence.key, None)

    def toggle_sentence_reviewed(self) -> None:
        self._toggle_reviewed(whole_paragraph=False)

    def toggle_paragraph_reviewed(self) -> None:
        self._toggle_reviewed(whole_paragraph=True)

    def _toggle_reviewed(self, *, whole_paragraph: bool) -> None:
        """Mark the sentence (or every sentence of its paragraph that has English) reviewed,
        or unmark it: English not there yet cannot have been reviewed."""
        current = self._current_sentence()
        if current is None:
            return
        opened, sentence = current
        key = sentence.key
        keys = opened.paragraph_keys(key.paragraph) if whole_paragraph else [key]
        if sentence.target is None and not whole_paragraph and not opened.review(key).reviewed:
            self._screen.notify("This sentence has no English to review yet.")
            return
        reviewed = not all(opened.review(k).reviewed for k in keys)
        self._change(opened, keys, lambda r: replace(r, reviewed=reviewed))
        screen = self._screen
        job = screen.review.store_reviewed(opened, keys, reviewed)
        screen.start(job, review.TITLE, group="review-store")

    def sentence_note(self) -> None:
        current = self._current_sentence()
        if current is None:
            return
        opened, sentence = current
        key = sentence.key
        screen = self._screen

        def save(note: str | None) -> None:
            if note is not None:
                cleaned = note.strip() or None
                self._change(opened, [key], lambda r: replace(r, note=cleaned))
                screen.start(
                    screen.review.store_note(opened, key, cleaned),
                    review.TITLE,
                    group="review-store",
                )

        from tui.screens.note import NoteScreen

        screen.app.push_screen(NoteScreen(f"Note on: {key.source}", opened.review(key).note), save)

    def alternatives(self) -> None:
        """The dialog of what can replace the sentence's English: memory matches and, with a
        model, its own translation and n-best (the memory needs no model)."""
        current = self._current_sentence()
        if current is None:
            return
        screen = self._screen
        opened, sentence = current
        job = MemoryFeature.alternatives(screen.translation.translator, opened, sentence.key)
        screen.start(job, "Model", group="alternatives", exclusive=True)

    def choose_alternative(
        self, opened: OpenArticle, key: SentenceKey, alternatives: list[Alternative]
    ) -> None:
        if not alternatives:
            self._screen.notify("No alternatives: no memory match, and no model installed.")
            return

        def chosen(text: str | None) -> None:
            if text is not None:
                self.correct(opened, key, text)

        from tui.screens.alternatives import AlternativesScreen

        self._screen.app.push_screen(AlternativesScreen(key.source, alternatives), chosen)

    def export(self, export_format: str) -> None:
        """Write the open article's review to the data dir (from the palette)."""
        screen = self._screen
        opened = opened_or_notify(screen)
        if opened is None:
            return
        translator = screen.translation.translator
        model = translator.model.key if translator is not None else None
        # Built here, on the UI thread, so the export is one consistent article.
        reviewed = opened.reviewed_article(model)
        job = review.ReviewFeature.export(reviewed, export_format, opened.fully_translated)
        screen.start(job, "Export", group="export")
