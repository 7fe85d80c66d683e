"""The vocabulary as the reader keeps it: its store and lexicon once open, and the jobs that
count an article's share of new words, save words and change them."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.markup import escape

from tolk.text import printable
from tolk.userdata.review import paragraph_sentences
from tolk.vocabulary.entries import ArticleShare, NewWord, WordSource, WordState
from tolk.vocabulary.forms import bare_word, clean_form, lemmas_in
from tolk.vocabulary.lexicon import Lexicon
from tolk.vocabulary.store import VocabularyError, VocabularyStore, open_vocabulary
from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.messages import Notice
from tui.reader.vocabulary.messages import NewWordShares, VocabularyOpened, WordList, WordSaved

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle

TITLE = "Vocabulary"


@dataclass(frozen=True)
class WordToSave:
    """What the reader knows of a word when a key saves it: the token as the text has it, the
    sentence and its English, the English aligned with the word, the article."""

    token: str
    sentence: str
    english: str | None
    sentence_english: str | None
    source: WordSource


class VocabularyFeature:
    """The store (None until open, or when it cannot be used: `off` says why) and the lexicon."""

    def __init__(self) -> None:
        self.store: VocabularyStore | None = None
        self.lexicon = Lexicon(None)
        self.off = "The vocabulary is not open yet; try again in a moment."

    @staticmethod
    def open(post: Post, cancelled: Cancelled) -> None:
        """Job: open the store and the dictionary, then post the stored shares for the list."""
        opened = open_vocabulary()
        delivered = post(VocabularyOpened(opened.store, Lexicon.current(), opened.message))
        if opened.store is None:
            return
        if delivered is False:
            opened.store.close()  # the reader closed meanwhile: nobody will close it
            return
        try:
            shares = opened.store.shares()
        except VocabularyError as error:
            post(Notice(TITLE, escape(printable(str(error)))))
            return
        if shares:
            post(NewWordShares(shares))

    def close(self) -> None:
        """The reader is closing: close the store, if it was opened."""
        if self.store is not None:
            self.store.close()

    def count_share(self, opened: OpenArticle) -> Job | None:
        """Job: the open article's lemmas, kept, and its share of those not known."""
        store, lexicon, article = self.store, self.lexicon, opened.article
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            sentences = [s for p in article.paragraphs for s in paragraph_sentences(p)]
            lemmas = lemmas_in(sentences, lexicon.lemma)
            if cancelled():
                return
            share = store.record_article(article.path, lemmas)
            post(NewWordShares({_absolute(article.path): share}))

        return self._guarded(job, "The share of new words was not counted")

    def save(self, word: WordToSave, state: WordState) -> Job | None:
        """Job: save the word (as known, with `state` KNOWN), looked up in the lexicon."""
        store, lexicon = self.store, self.lexicon
        form = clean_form(word.token)
        if store is None or form is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            new = NewWord(
                bare_word(word.token),
                lexicon.sense(form),
                word.sentence,
                word.english,
                word.sentence_english,
                word.source,
            )
            saved = store.save(new, state)
            post(WordSaved(saved, state))
            if saved.shares:
                post(NewWordShares(saved.shares))

        return self._guarded(job, "Not saved")

    def set_state(self, word_id: int, state: WordState) -> Job | None:
        """Job: mark a saved word learning or known."""
        return self._change(lambda store: store.set_state(word_id, state))

    def remove(self, word_id: int) -> Job | None:
        """Job: delete a saved word."""
        return self._change(lambda store: store.remove(word_id))

    def list_words(self) -> Job | None:
        """Job: every saved word, for the words screen."""
        store = self.store
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            post(WordList(store.words()))

        return self._guarded(job, "The words could not be read")

    def _change(
        self, change: Callable[[VocabularyStore], dict[Path, ArticleShare] | None]
    ) -> Job | None:
        store = self.store
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            shares = change(store)
            if shares:
                post(NewWordShares(shares))

        return self._guarded(job, "Not changed")

    @staticmethod
    def _guarded(job: Job, failed: str) -> Job:
        """`job`, with a store failure told in a notification starting `failed` (nothing is
        shown as saved that the store did not take: its messages come after the write)."""

        def guarded(post: Post, cancelled: Cancelled) -> None:
            try:
                job(post, cancelled)
            except VocabularyError as error:
                post(Notice(TITLE, escape(printable(f"{failed}: {error}"))))

        return guarded


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))
