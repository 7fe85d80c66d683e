"""What the reader's review keys do: correct, revert, mark reviewed, note and replace the
English of the sentence under the cursor, go from one sentence that needs a look to the next,
and export the review.

Each command changes the open article, says so to the host (which redraws), and stores
the change in a worker; a change that could not be stored is taken back off the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from tui.reader.host import Changed, ReaderHost
from tui.reader.messages import ReaderMessage
from tui.reader.review.messages import AlternativesFound, ReviewNotStored, ReviewsLoaded
from tui.reader.review.state import OFF, TITLE, ReviewFeature

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tolk.reading.shown_english import ShownSentence
    from tolk.userdata.review import SentenceKey, SentenceReview
    from tui.dialogs.alternatives import Alternative


class ReviewCommands:
    """The reviewer's commands, over the host and the review feature."""

    def __init__(self, host: ReaderHost, review: ReviewFeature) -> None:
        self._host = host
        self.review = review

    def receive(self, message: ReaderMessage) -> None:
        match message:
            case ReviewsLoaded():
                self._loaded(message)
            case AlternativesFound():
                self._choose_alternative(message.opened, message.key, message.alternatives)
            case ReviewNotStored():
                self._not_stored(message)

    # The sentence under the cursor ------------------------------------------------------------

    def _opened(self) -> OpenArticle | None:
        opened = self._host.opened
        if opened is None:
            self._host.notify("Open an article first.")
        return opened

    def _current_sentence(self) -> tuple[OpenArticle, ShownSentence] | None:
        """The open article and the sentence under the sentence cursor, once its paragraph
        shows English (the sentence itself may have none yet)."""
        opened = self._opened()
        if opened is None:
            return None
        if self.review.store is None:
            self._host.notify(OFF)
            return None
        found = opened.sentence(*self._host.cursor)
        if found is None:
            self._host.notify("This paragraph has no translation yet.")
            return None
        return opened, found

    # Changing and storing reviews ------------------------------------------------------------

    def _change(
        self,
        opened: OpenArticle,
        keys: list[SentenceKey],
        change: Callable[[SentenceReview], SentenceReview],
    ) -> None:
        """Change the reviews of `keys` in the open article, redraw, and store them; if storing
        fails the change is taken back (`ReviewNotStored`)."""
        before = {key: opened.review(key) for key in keys}
        for key in keys:
            opened.set_review(key, change(before[key]))
        corrected = any(opened.review(k).correction != before[k].correction for k in keys)
        paragraphs = frozenset(key.paragraph for key in keys)
        self._host.changed(Changed(opened, paragraphs, english=corrected))
        self._host.start(self.review.write(opened, before), TITLE, group="review-store")

    def _not_stored(self, message: ReviewNotStored) -> None:
        """A change was not written: each part of it the model still shows (a correction, a
        mark, a note) goes back to what it replaced; what the user changed since stays. The
        user is told."""
        opened = message.opened
        changed: set[SentenceKey] = set()
        for key, after in message.after.items():
            before, now = message.before[key], opened.review(key)
            undone = {
                name: getattr(before, name)
                for name in ("correction", "reviewed", "note")
                if getattr(before, name) != getattr(after, name)
                and getattr(now, name) == getattr(after, name)
            }
            if undone:
                opened.set_review(key, replace(now, **undone))
                changed.add(key)
        if changed:
            corrected = any(
                message.before[k].correction != message.after[k].correction for k in changed
            )
            paragraphs = frozenset(key.paragraph for key in changed)
            self._host.changed(Changed(opened, paragraphs, english=corrected))
        self._host.notify(
            f"Not saved: {message.reason}. The change was taken back off the screen.",
            title=TITLE,
            severity="error",
            timeout=15,
        )

    def _loaded(self, message: ReviewsLoaded) -> None:
        opened = message.opened
        if not self._host.shows(opened):
            return
        opened.set_reviews(dict(message.reviews), message.total)
        if message.judged is not None:
            opened.checks.take(message.judged)
        if message.elsewhere is not None:
            opened.other_english.set_corrected_elsewhere(message.elsewhere)
        # Stored corrections change the English shown, the title and what needs a look.
        self._host.changed(Changed(opened, everything=True, english=True))
        self._host.start(self.review.progress(), TITLE, group="review-progress")

    # Keys ------------------------------------------------------------------------------------

    def accept_word(self) -> None:
        """The English word under the word cursor is English from now on, for the spelling
        check: in `[qa] accept` in config.toml, and in every article opened after."""
        opened = self._opened()
        if opened is None:
            return
        word = self._host.cursor_word
        if word is None:
            self._host.notify("Put the word cursor (w) on an English word first.")
            return
        self.review.accepted = self.review.accepted | {word}
        opened.accept_word(word)
        self._host.changed(Changed(opened, everything=True, english=True))
        self._host.start(self.review.accept_word(word), TITLE, group="config")
        self._host.notify(f"“{word}” is English now (config.toml, [qa] accept).")

    def correct(self, opened: OpenArticle, key: SentenceKey, text: str | None) -> None:
        """Correct (or, with None, revert) one sentence of `opened`."""
        cleaned = text.strip() if text is not None else None
        self._change(opened, [key], lambda r: replace(r, correction=cleaned or None))

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

        from tui.dialogs.editor import CorrectionEditor  # a dialog is loaded when it opens

        self._host.ask(CorrectionEditor(key.source, sentence.target or ""), save)

    def revert_translation(self) -> None:
        current = self._current_sentence()
        if current is None:
            return
        opened, sentence = current
        if opened.review(sentence.key).correction is None:
            self._host.notify("This sentence has no correction to revert.")
            return
        self.correct(opened, sentence.key, None)
        from tolk.reading.shown_english import Origin

        now = opened.sentence(*self._host.cursor)
        if now is not None and now.origin is Origin.MEMORY:
            # The label says what comes back; when it is the memory's, not the model's, say so.
            self._host.notify(
                "Your correction is dropped; the translation memory's English shows (≡). "
                "Press a for the model's."
            )

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
            self._host.notify("This sentence has no English to review yet.")
            return
        reviewed = not all(opened.review(k).reviewed for k in keys)
        self._change(opened, keys, lambda r: replace(r, reviewed=reviewed))

    def sentence_note(self) -> None:
        current = self._current_sentence()
        if current is None:
            return
        opened, sentence = current
        key = sentence.key

        def save(note: str | None) -> None:
            if note is not None:
                self._change(opened, [key], lambda r: replace(r, note=note.strip() or None))

        from tui.dialogs.note import NoteScreen

        self._host.ask(NoteScreen(f"Note on: {key.source}", opened.review(key).note), save)

    def alternatives(self) -> None:
        """The dialog of what can replace the sentence's English: memory matches and, with a
        model, its own translation and n-best (the memory needs no model)."""
        current = self._current_sentence()
        if current is None:
            return
        from tui.reader.review.alternatives import alternatives

        opened, sentence = current
        job = alternatives(self._host.translator, opened, sentence.key)
        self._host.start(job, "Model", group="alternatives", exclusive=True)

    def _choose_alternative(
        self, opened: OpenArticle, key: SentenceKey, alternatives: list[Alternative]
    ) -> None:
        if not self._host.shows(opened):  # the user has moved on to another article
            return
        if not alternatives:
            self._host.notify("No alternatives: no memory match, and no model installed.")
            return

        def chosen(text: str | None) -> None:
            if text is not None:
                self.correct(opened, key, text)

        from tui.dialogs.alternatives import AlternativesScreen

        self._host.ask(AlternativesScreen(key.source, alternatives), chosen)

    def next_flag(self) -> None:
        self._jump_to_flag(forward=True)

    def previous_flag(self) -> None:
        self._jump_to_flag(forward=False)

    def _jump_to_flag(self, *, forward: bool) -> None:
        """Put the sentence cursor on the next (or previous) sentence that needs a look."""
        opened = self._host.opened
        if opened is None:
            return
        here = self._host.cursor
        flagged = [
            (index, position)
            for index in opened.showable
            if (shown := opened.shown(index)) is not None
            for position, sentence in enumerate(shown.sentences)
            if sentence.needs_look
        ]
        found = (
            [place for place in flagged if place > here]
            if forward
            else [place for place in reversed(flagged) if place < here]
        )
        if not found:
            self._host.notify(
                "No more sentences to look at in this article."
                if flagged
                else "No sentence here is flagged."
            )
            return
        self._host.move_cursor(*found[0])

    def export(self, export_format: str) -> None:
        """Write the open article's review to the data dir (from the palette)."""
        opened = self._opened()
        if opened is None:
            return
        translator = self._host.translator
        model = translator.model.key if translator is not None else None
        # Built here, on the UI thread, so the export is one consistent article.
        reviewed = opened.reviewed_article(model)
        job = ReviewFeature.export(reviewed, export_format, opened.fully_translated)
        self._host.start(job, "Export", group="export")
