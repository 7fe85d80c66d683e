"""The vocabulary as the reader keeps it: its store and lexicon once open, and the jobs that
count an article's share of new words, save words and change them.

The store is opened when it is first needed, by the first job that needs it (the share of the
first article opened, S, I, M, the % filter), not at every start: a reader that never opens an
article never opens (or creates) `vocabulary.sqlite`. That job says so (`VocabularyOpened`)
and posts the stored shares for the list's marks before doing its own work.
"""

from __future__ import annotations

import os
import threading
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
from tolk.vocabulary.store import (
    OpenedVocabulary,
    VocabularyError,
    VocabularyStore,
    open_vocabulary,
)
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
    """The store, opened by the first job that needs it (`off` says why it cannot be used),
    and the lexicon its words are looked up in."""

    def __init__(self) -> None:
        self.lexicon = Lexicon(None)
        # Why the vocabulary cannot be used (None: it can, or it was not asked for yet).
        self.off: str | None = None
        self._opened: OpenedVocabulary | None = None  # None: not asked for yet
        self._closed = False
        # One job opens the store; the others wait for it. `_state` guards what opening and
        # closing (the main thread) both touch.
        self._opening = threading.Lock()
        self._state = threading.Lock()

    @property
    def store(self) -> VocabularyStore | None:
        """The store, once opened (None before, or when it is off)."""
        opened = self._opened
        return opened.store if opened is not None else None

    def close(self) -> None:
        """The reader is closing: close the store, if it was opened (a job opening it now
        closes it itself)."""
        with self._state:
            self._closed = True
            store = self.store
        if store is not None:
            store.close()

    def _open(self, post: Post) -> VocabularyStore | None:
        """The store, opened now if no job did yet (in a worker: opening checks the file);
        None when it is off or the reader closed."""
        with self._opening:
            if self._opened is not None:
                return self.store
            opened = open_vocabulary()
            lexicon = Lexicon.current()
            with self._state:
                if self._closed:  # nobody would close it
                    if opened.store is not None:
                        opened.store.close()
                    return None
                self._opened, self.lexicon = opened, lexicon
                if opened.store is None:
                    self.off = opened.message or "The vocabulary is off."
        post(VocabularyOpened(opened.store is not None, opened.message))
        store = opened.store
        if store is not None:
            try:
                shares = store.shares()
            except VocabularyError as error:
                post(Notice(TITLE, escape(printable(str(error)))))
            else:
                if shares:
                    post(NewWordShares(shares))
        return store

    def open(self) -> Job | None:
        """Job: open the store, if no job did yet (the % filter needs the stored shares)."""
        return self._with_store(lambda store, post, cancelled: None, "The vocabulary is off")

    def count_share(self, opened: OpenArticle) -> Job | None:
        """Job: the open article's lemmas, kept, and its share of those not known."""
        article = opened.article

        def work(store: VocabularyStore, post: Post, cancelled: Cancelled) -> None:
            sentences = [s for p in article.paragraphs for s in paragraph_sentences(p)]
            lemmas = lemmas_in(sentences, self.lexicon.lemma)
            if cancelled():
                return
            share = store.record_article(article.path, lemmas)
            post(NewWordShares({_absolute(article.path): share}))

        return self._with_store(work, "The share of new words was not counted")

    def save(self, word: WordToSave, state: WordState) -> Job | None:
        """Job: save the word (as known, with `state` KNOWN), looked up in the lexicon."""
        form = clean_form(word.token)
        if form is None:
            return None

        def work(store: VocabularyStore, post: Post, cancelled: Cancelled) -> None:
            new = NewWord(
                bare_word(word.token),
                self.lexicon.sense(form),
                word.sentence,
                word.english,
                word.sentence_english,
                word.source,
            )
            saved = store.save(new, state)
            post(WordSaved(saved, state))
            if saved.shares:
                post(NewWordShares(saved.shares))

        return self._with_store(work, "Not saved")

    def set_state(self, word_id: int, state: WordState) -> Job | None:
        """Job: mark a saved word learning or known."""
        return self._change(lambda store: store.set_state(word_id, state))

    def remove(self, word_id: int) -> Job | None:
        """Job: delete a saved word."""
        return self._change(lambda store: store.remove(word_id))

    def list_words(self) -> Job | None:
        """Job: every saved word, for the words screen."""

        def work(store: VocabularyStore, post: Post, cancelled: Cancelled) -> None:
            post(WordList(store.words()))

        return self._with_store(work, "The words could not be read")

    def _change(
        self, change: Callable[[VocabularyStore], dict[Path, ArticleShare] | None]
    ) -> Job | None:
        def work(store: VocabularyStore, post: Post, cancelled: Cancelled) -> None:
            shares = change(store)
            if shares:
                post(NewWordShares(shares))

        return self._with_store(work, "Not changed")

    def _with_store(
        self, work: Callable[[VocabularyStore, Post, Cancelled], None], failed: str
    ) -> Job | None:
        """Job: `work` with the store, opened first if no job did yet (None when the
        vocabulary is off); a store failure is told in a notification starting `failed`
        (nothing is shown as saved that the store did not take: its messages come after the
        write)."""
        if self.off is not None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                store = self._open(post)
                if store is not None:
                    work(store, post, cancelled)
            except VocabularyError as error:
                post(Notice(TITLE, escape(printable(f"{failed}: {error}"))))

        return job


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))
