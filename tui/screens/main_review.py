"""Translation review in the reader: corrections, alternatives, review marks, notes, export."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from textual import on, work

from tolk import paths
from tolk.articles import Article
from tolk.config import write_atomically
from tolk.export import ReviewedArticle, to_json, to_markdown, to_tmx
from tolk.review import (
    SentenceKey,
    SentenceReview,
    article_sentences,
    build_reviewed_article,
)
from tolk.store import StoreError
from tolk.translating import align_sentences
from translation.engine import ArticleTranslator, SentencePair, TranslatedParagraph
from tui import messages
from tui.screens.alternatives import AlternativesScreen
from tui.screens.editor import CorrectionEditor
from tui.screens.main_base import ReaderScreen
from tui.screens.note import NoteScreen

CORRECTED_MARK = " ✎"
REVIEWED_MARK = " ✓"
ALTERNATIVES = 5


class ReviewFeatures(ReaderScreen):
    """Sentence by sentence review of the machine translation, kept in the user store."""

    # The sentence under the cursor -----------------------------------------------------------

    def _current_sentence(self) -> tuple[SentenceKey, SentencePair] | None:
        """The sentence pair under the sentence cursor, once its paragraph is translated."""
        paragraph = self._machine.get(self.reader.cursor)
        if paragraph is None or not paragraph.sentences:
            self.notify("This paragraph has no translation yet.")
            return None
        pair = paragraph.sentences[min(self.reader.sentence, len(paragraph.sentences) - 1)]
        return SentenceKey(paragraph.index, pair.source), pair

    def _review_ready(self) -> bool:
        if self.article is None:
            self.notify("Open an article first.")
            return False
        if self.review_book is None:
            self.notify("Review is off: the user data directory cannot be used.")
            return False
        return True

    # Showing a paragraph with its review ------------------------------------------------------

    def _show_paragraph(self, index: int) -> None:
        """Show paragraph `index`'s translation with the reviewer's corrections and marks."""
        machine = self._machine.get(index)
        if machine is None or self.article is None:
            return
        pairs = []
        for pair in machine.sentences:
            review = self._reviews.get(SentenceKey(index, pair.source), SentenceReview())
            target = review.correction if review.correction is not None else pair.target
            marks = (CORRECTED_MARK if review.correction is not None else "") + (
                REVIEWED_MARK if review.reviewed else ""
            )
            pairs.append(SentencePair(pair.source, target + marks if target else marks.strip()))
        shown = TranslatedParagraph(index, tuple(pairs))
        alignment = align_sentences(self.article.paragraphs[index].text, shown)
        self._aligned[index] = (shown.target, alignment)
        self.reader.set_translation(index, shown.target, alignment)
        self._highlight_paragraph(index)

    @work(thread=True, exclusive=True, group="reviews")
    def _load_reviews(self) -> None:
        article, book = self.article, self.review_book
        if article is None or book is None:
            return
        total = len(article_sentences(article))
        try:
            book.record_total(article)
            reviews = book.reviews_for(article)
        except StoreError as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        self.post_message(messages.ReviewsLoaded(article.path, reviews, total))

    @on(messages.ReviewsLoaded)
    def _reviews_loaded(self, message: messages.ReviewsLoaded) -> None:
        if self.article is None or message.path != self.article.path:
            return
        self._reviews = dict(message.reviews)
        self._sentence_total = message.total
        for index in list(self._machine):
            self._show_paragraph(index)
        self._show_review_progress()
        self._refresh_review_progress()

    def _show_review_progress(self) -> None:
        if self.article is None or self._sentence_total is None:
            return
        total = self._sentence_total
        reviewed = sum(1 for review in self._reviews.values() if review.reviewed)
        date = f"{self.article.date} · " if self.article.date is not None else ""
        self.sub_title = f"{date}{self.article.title} · {reviewed}/{total} reviewed"

    @work(thread=True, exclusive=True, group="review-progress")
    def _refresh_review_progress(self) -> None:
        if self.review_book is None:
            return
        try:
            progress = self.review_book.progress()
        except StoreError:
            return
        self.post_message(messages.ReviewProgress(progress))

    @on(messages.ReviewProgress)
    def _review_progress(self, message: messages.ReviewProgress) -> None:
        articles = self.sidebar.article_list
        articles.set_marks(replace(articles.marks, reviewed=message.progress))
        self.sidebar.refresh_status()

    def action_only_unreviewed(self) -> None:
        articles = self.sidebar.article_list
        articles.show_only_unreviewed(not articles.only_unreviewed)
        self.sidebar.refresh_status()

    # Changing the review ---------------------------------------------------------------------

    def _change(self, key: SentenceKey, review: SentenceReview) -> None:
        """Show a change at once, then store it."""
        self._reviews[key] = review
        self._show_paragraph(key.paragraph)
        self._show_review_progress()

    def action_edit_translation(self) -> None:
        current = self._current_sentence() if self._review_ready() else None
        if current is None:
            return
        key, pair = current
        review = self._reviews.get(key, SentenceReview())
        target = review.correction if review.correction is not None else pair.target

        article = self.article

        def save(text: str | None) -> None:
            if text is not None:
                self._correct(key, text, article)

        self.app.push_screen(CorrectionEditor(pair.source, target), save)

    def _correct(self, key: SentenceKey, text: str | None, article: Article | None = None) -> None:
        """Correct (or, with None, revert) a sentence of `article` (default: the open one)."""
        article = article or self.article
        if article is None:
            return
        if article is self.article:
            review = self._reviews.get(key, SentenceReview())
            self._change(key, SentenceReview(text, review.reviewed, review.note))
        self._store_correction(article, key, text)

    @work(thread=True, group="review-store")
    def _store_correction(self, article: Article, key: SentenceKey, text: str | None) -> None:
        if self.review_book is None:
            return
        try:
            self.review_book.set_correction(article, key, text)
        except (StoreError, ValueError) as error:
            self.post_message(messages.StoreFailed(str(error)))

    def action_revert_translation(self) -> None:
        current = self._current_sentence() if self._review_ready() else None
        if current is None:
            return
        key, _ = current
        if self._reviews.get(key, SentenceReview()).correction is None:
            self.notify("This sentence shows the machine translation already.")
            return
        self._correct(key, None)

    def action_toggle_reviewed(self) -> None:
        current = self._current_sentence() if self._review_ready() else None
        if current is not None:
            key, _ = current
            self._mark_reviewed([key], not self._reviews.get(key, SentenceReview()).reviewed)

    def action_toggle_paragraph_reviewed(self) -> None:
        current = self._current_sentence() if self._review_ready() else None
        if current is None:
            return
        paragraph = self._machine[current[0].paragraph]
        keys = [SentenceKey(paragraph.index, pair.source) for pair in paragraph.sentences]
        everything_reviewed = all(self._reviews.get(k, SentenceReview()).reviewed for k in keys)
        self._mark_reviewed(keys, not everything_reviewed)

    def _mark_reviewed(self, keys: list[SentenceKey], reviewed: bool) -> None:
        for key in keys:
            review = self._reviews.get(key, SentenceReview())
            self._reviews[key] = SentenceReview(review.correction, reviewed, review.note)
        for paragraph in {key.paragraph for key in keys}:
            self._show_paragraph(paragraph)
        self._show_review_progress()
        if self.article is not None:
            self._store_reviewed(self.article, keys, reviewed)

    @work(thread=True, group="review-store")
    def _store_reviewed(self, article: Article, keys: list[SentenceKey], reviewed: bool) -> None:
        if self.review_book is None:
            return
        try:
            self.review_book.set_reviewed(article, keys, reviewed)
        except (StoreError, ValueError) as error:
            self.post_message(messages.StoreFailed(str(error)))
            return
        self._refresh_review_progress()

    def action_sentence_note(self) -> None:
        current = self._current_sentence() if self._review_ready() else None
        if current is None:
            return
        key, pair = current
        review = self._reviews.get(key, SentenceReview())
        article = self.article

        def save(note: str | None) -> None:
            if note is None or article is None:
                return
            if article is self.article:
                self._change(key, SentenceReview(review.correction, review.reviewed, note or None))
            self._store_note(article, key, note or None)

        self.app.push_screen(NoteScreen(f"Note on: {pair.source}", review.note), save)

    @work(thread=True, group="review-store")
    def _store_note(self, article: Article, key: SentenceKey, note: str | None) -> None:
        if self.review_book is None:
            return
        try:
            self.review_book.set_note(article, key, note)
        except (StoreError, ValueError) as error:
            self.post_message(messages.StoreFailed(str(error)))

    # Alternatives ----------------------------------------------------------------------------

    def action_alternatives(self) -> None:
        current = self._current_sentence() if self._review_ready() else None
        if current is None:
            return
        if self.translator is None or self.article is None:
            self.notify("Alternatives need the translation model.")
            return
        key, pair = current
        self._find_alternatives(self.translator, self.article, key, pair.source)

    @work(thread=True, exclusive=True, group="alternatives")
    def _find_alternatives(
        self, translator: ArticleTranslator, article: Article, key: SentenceKey, source: str
    ) -> None:
        try:
            found = translator.alternatives(source, ALTERNATIVES)
        except Exception as error:  # the model failing must not take the reader down
            self.post_message(messages.StoreFailed(f"No alternatives: {error}"))
            return
        self.post_message(messages.AlternativesFound(article, key, found))

    @on(messages.AlternativesFound)
    def _alternatives_found(self, message: messages.AlternativesFound) -> None:
        key, article = message.key, message.article
        if self.article is None or article.path != self.article.path:
            return  # the user has moved on to another article

        def chosen(text: str | None) -> None:
            if text is not None:
                self._correct(key, text, article)

        self.app.push_screen(AlternativesScreen(key.source, message.alternatives), chosen)

    # Export ----------------------------------------------------------------------------------

    def export_review(self, export_format: str) -> None:
        """Write the open article's review to the user's data dir (from the palette)."""
        if self.article is None:
            self.notify("Open an article first.")
            return
        # Copied here, on the UI thread, so the export is one consistent article.
        article = self.article
        translated = [self._machine[i] for i in sorted(self._machine)]
        complete = len(translated) == len(article.paragraphs)
        model = self.translator.model.key if self.translator is not None else None
        reviewed = build_reviewed_article(
            article, translated if complete else None, dict(self._reviews), model
        )
        self._export(reviewed, export_format, complete)

    @work(thread=True, group="export")
    def _export(self, reviewed: ReviewedArticle, export_format: str, complete: bool) -> None:
        article = reviewed.article
        if export_format == "tmx":
            text = to_tmx([reviewed])
        elif export_format == "json":
            text = json.dumps(to_json(reviewed), ensure_ascii=False, indent=2) + "\n"
        else:
            text = to_markdown(reviewed)
        target = paths.data_dir() / "exports" / f"{Path(article.path).stem}.{export_format}"
        try:
            write_atomically(target, text)
        except OSError as error:
            self.post_message(messages.StoreFailed(f"Could not export: {error}"))
            return
        note = "" if complete else " (untranslated paragraphs: source only)"
        self.app.call_from_thread(self.notify, f"Exported to {target}{note}", title="Export")
