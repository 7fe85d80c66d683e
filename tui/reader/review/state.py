"""Review in the reader: corrections, review marks, notes, progress, export."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tolk import paths
from tolk.config import write_atomically
from tolk.userdata.store import StoreError
from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.messages import Notice
from tui.reader.review.messages import ReviewNotStored, ReviewProgress, ReviewsLoaded

# The review book, tolk.reading.open_article and the exporters load when first used (jobs'
# workers, an open article's drawing): the reader's first frame does not wait for them.
if TYPE_CHECKING:
    from tolk.export import ReviewedArticle
    from tolk.reading.open_article import OpenArticle
    from tolk.userdata.review import ReviewBook, SentenceKey, SentenceReview
    from tolk.userdata.store import UserStore

TITLE = "Review"
OFF = "Review is off: the user data directory cannot be used."


class ReviewFeature:
    """The reviewer's work, kept in the user store (None while it is not open, or cannot be
    used) through a `ReviewBook` that each job makes in its worker: the review module, with
    the QA checks and exports it brings, is imported there and not on the UI thread."""

    def __init__(self, accepted: Collection[str] = ()) -> None:
        self.store: UserStore | None = None
        # The words the spelling check accepts ([qa] accept, and those accepted since).
        self.accepted = frozenset(accepted)

    def load(self, opened: OpenArticle) -> Job | None:
        """Job: the article's stored reviews, and its sentence count for progress."""
        store = self.store
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.reading.other_english import corrected_elsewhere
            from tolk.userdata.review import article_sentences

            book = _book(store)
            article = opened.article
            total = len(article_sentences(article))
            try:
                book.record_total(article)
                reviews = book.reviews_for(article)
                elsewhere = book.corrections(besides=article)
            except StoreError as error:
                post(Notice(TITLE, str(error)))
                return
            # The corrections' checks, and the index of the others, are made here, not as the
            # screen draws them.
            judged = opened.checks.judge_stored(reviews)
            post(ReviewsLoaded(opened, reviews, total, corrected_elsewhere(elsewhere), judged))
            opened.checks.warm()

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
            post(ReviewProgress(found))

        return job

    def write(
        self, opened: OpenArticle, before: Mapping[SentenceKey, SentenceReview]
    ) -> Job | None:
        """Job: write the reviews of `opened` that changed from `before` (by sentence) to what
        it holds now — corrections, review marks, notes. If the write fails, the screen hears of
        it (`ReviewNotStored`) and puts `before` back: nothing shows as saved that is not. Marks
        also refresh the library's progress."""
        store = self.store
        if store is None:
            return None
        after = {key: opened.review(key) for key in before}
        article = opened.article

        def job(post: Post, cancelled: Cancelled) -> None:
            book = _book(store)
            try:
                for key, review in after.items():
                    was = before[key]
                    if review.correction != was.correction:
                        book.set_correction(article, key, review.correction)
                    if review.note != was.note:
                        book.set_note(article, key, review.note)
                marked = [k for k, review in after.items() if review.reviewed != before[k].reviewed]
                for reviewed in (True, False):
                    keys = [key for key in marked if after[key].reviewed is reviewed]
                    if keys:
                        book.set_reviewed(article, keys, reviewed)
                progress = book.progress() if marked else None
            except (StoreError, ValueError) as error:
                post(ReviewNotStored(opened, before, after, str(error)))
                return
            if progress is not None:
                post(ReviewProgress(progress))

        return job

    @staticmethod
    def accept_word(word: str) -> Job:
        """Job: add `word` to `[qa] accept` in config.toml."""

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.config import accept_word

            try:
                accept_word(word)
            except (OSError, ValueError) as error:
                post(Notice(TITLE, f"Could not save the accepted word: {error}"))

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
                post(Notice("Export", f"Could not export: {error}"))
                return
            note = "" if complete else " (untranslated paragraphs: source only)"
            post(Notice("Export", f"Exported to {target}{note}", "information"))

        return job


def _book(store: UserStore) -> ReviewBook:
    from tolk.userdata.review import ReviewBook

    return ReviewBook(store)
