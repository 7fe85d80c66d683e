"""Review in the reader: corrections, review marks, notes, progress, export."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tolk import paths
from tolk.config import write_atomically
from tolk.userdata.store import StoreError
from tui import messages
from tui.reader.jobs import Cancelled, Job, Post
from tui.widgets.paragraph_view import Mark

# The review book, the open article's model and the exporters load when first used (jobs'
# workers, an open article's drawing): the reader's first frame does not wait for them.
if TYPE_CHECKING:
    from textual.message import Message

    from tolk.export import ReviewedArticle
    from tolk.reading.open_article import OpenArticle
    from tolk.reading.shown_english import ShownSentence
    from tolk.userdata.review import ReviewBook, SentenceKey
    from tolk.userdata.store import UserStore

TITLE = "Review"
OFF = "Review is off: the user data directory cannot be used."
# Drawn after a sentence in the English column; not part of its text.
CORRECTED_MARK = " ✎"
REVIEWED_MARK = " ✓"


def review_mark(sentence: ShownSentence) -> Mark | None:
    """✎ after a corrected sentence and ✓ after a reviewed one, if it is."""
    from tolk.reading.shown_english import Origin

    glyphs = (CORRECTED_MARK if sentence.origin is Origin.CORRECTION else "") + (
        REVIEWED_MARK if sentence.review.reviewed else ""
    )
    if not glyphs:
        return None
    # After empty English the marks stand alone, without a leading space (a sentence with no
    # English at all has its placeholder drawn before them).
    glyphs = glyphs if sentence.target != "" else glyphs.lstrip()
    return Mark(sentence.span.target_end, glyphs)


class ReviewFeature:
    """The reviewer's work, kept in the user store (None while it is not open, or cannot be
    used) through a `ReviewBook` that each job makes in its worker: the review module, with
    the QA checks and exports it brings, is imported there and not on the UI thread."""

    def __init__(self) -> None:
        self.store: UserStore | None = None

    def load(self, opened: OpenArticle) -> Job | None:
        """Job: the article's stored reviews, and its sentence count for progress."""
        store = self.store
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.userdata.review import article_sentences

            book = _book(store)
            article = opened.article
            total = len(article_sentences(article))
            try:
                book.record_total(article)
                reviews = book.reviews_for(article)
            except StoreError as error:
                post(messages.Notice(TITLE, str(error)))
                return
            post(messages.ReviewsLoaded(opened, reviews, total))

        return job

    def progress(self) -> Job | None:
        """Job: reviewed/total per article, for the sidebar."""
        store = self.store
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                found = _book(store).progress()
            except StoreError:
                return
            post(messages.ReviewProgress(found))

        return job

    def store_correction(
        self, opened: OpenArticle, key: SentenceKey, text: str | None
    ) -> Job | None:
        """Job: keep a correction (None: back to the machine's translation)."""
        return self._write(lambda book: book.set_correction(opened.article, key, text))

    def store_reviewed(
        self, opened: OpenArticle, keys: Sequence[SentenceKey], reviewed: bool
    ) -> Job | None:
        """Job: keep the review marks, then refresh the library's progress."""

        def mark(book: ReviewBook) -> messages.ReviewProgress:
            book.set_reviewed(opened.article, keys, reviewed)
            return messages.ReviewProgress(book.progress())

        return self._write(mark)

    def store_note(self, opened: OpenArticle, key: SentenceKey, note: str | None) -> Job | None:
        """Job: keep a note on a sentence (None: remove it)."""
        return self._write(lambda book: book.set_note(opened.article, key, note))

    def _write(self, change: Callable[[ReviewBook], Message | None]) -> Job | None:
        """Job: one change to the review book; a message it returns is posted."""
        store = self.store
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                done = change(_book(store))
            except (StoreError, ValueError) as error:
                post(messages.Notice(TITLE, str(error)))
                return
            if done is not None:
                post(done)

        return job

    @staticmethod
    def export(reviewed: ReviewedArticle, export_format: str, complete: bool) -> Job:
        """Job: write the review to the data dir as Markdown, JSON or TMX."""

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.export import to_json, to_markdown, to_tmx

            if export_format == "tmx":
                text = to_tmx([reviewed])
            elif export_format == "json":
                text = json.dumps(to_json(reviewed), ensure_ascii=False, indent=2) + "\n"
            else:
                text = to_markdown(reviewed)
            stem = Path(reviewed.article.path).stem
            target = paths.data_dir() / "exports" / f"{stem}.{export_format}"
            try:
                write_atomically(target, text)
            except OSError as error:
                post(messages.Notice("Export", f"Could not export: {error}"))
                return
            note = "" if complete else " (untranslated paragraphs: source only)"
            post(messages.Notice("Export", f"Exported to {target}{note}", "information"))

        return job


def _book(store: UserStore) -> ReviewBook:
    from tolk.userdata.review import ReviewBook

    return ReviewBook(store)
