"""What the vocabulary keys do: save the word under the word cursor (`S`), mark it known
(`I`), the words screen (`M`), and the list's filter by share of new words (`%`); and what
comes back: the store opened, shares counted, a word saved."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from textual.markup import escape

from tolk.text import printable
from tolk.vocabulary.entries import WordSource, WordState
from tolk.vocabulary.forms import bare_word, clean_form
from tui.reader.host import Changed, ReaderHost
from tui.reader.messages import ReaderMessage
from tui.reader.vocabulary.messages import NewWordShares, VocabularyOpened, WordList, WordSaved
from tui.reader.vocabulary.state import TITLE, VocabularyFeature, WordToSave

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from tolk.reading.open_article import OpenArticle
    from tolk.vocabulary.entries import SavedWord
    from tui.dialogs.words import WordJump

NO_WORD = "Put the word cursor on a Norwegian word first (w moves it)."


class VocabularyCommands:
    """The vocabulary commands, over the host and the vocabulary feature."""

    def __init__(self, host: ReaderHost, feature: VocabularyFeature) -> None:
        self._host = host
        self.feature = feature

    def receive(self, message: ReaderMessage) -> None:
        match message:
            case VocabularyOpened():
                self._opened(message)
            case NewWordShares():
                self._shares(message)
            case WordSaved():
                self._saved(message)
            case WordList():
                self._show_words(message.words)

    def _opened(self, message: VocabularyOpened) -> None:
        if message.message:
            severity: SeverityLevel = "warning" if message.usable else "error"
            self._host.notify(_said(message.message), title=TITLE, severity=severity, timeout=15)

    def article_opened(self, opened: OpenArticle) -> None:
        """A newly opened article: count its share of new words (and keep its lemmas)."""
        self._host.start(self.feature.count_share(opened), TITLE, group="vocabulary-share")

    def _shares(self, message: NewWordShares) -> None:
        opened = self._host.opened
        if opened is None:
            return
        share = message.shares.get(Path(os.path.abspath(opened.path)))
        if share is not None:
            opened.new_words = share.describe()
            self._host.changed(Changed(opened, titles=True))

    # Keys ------------------------------------------------------------------------------------

    def save_word(self) -> None:
        """Save the word under the word cursor, with its sentence (S)."""
        self._save(WordState.LEARNING)

    def know_word(self) -> None:
        """Mark the word under the word cursor known (I): it no longer counts as new."""
        self._save(WordState.KNOWN)

    def _save(self, state: WordState) -> None:
        if self.feature.off is not None:
            self._host.notify(_said(self.feature.off), title=TITLE)
            return
        opened, word = self._host.opened, self._host.word_at_cursor
        if opened is None or word is None:
            self._host.notify(NO_WORD, title=TITLE)
            return
        if clean_form(word.token) is None:
            said = f"«{word.token}» is not a word to learn (a number or an address)."
            self._host.notify(_said(said), title=TITLE)
            return
        sentence = opened.sentence(word.paragraph, word.sentence)
        norwegian = sentence.key.source if sentence is not None else bare_word(word.token)
        english = sentence.target if sentence is not None else None
        article = opened.article
        where = WordSource(
            article.path,
            article.title,
            article.date.iso() if article.date else None,
            word.paragraph,
        )
        to_save = WordToSave(word.token, norwegian, word.english, english, where)
        self._host.start(self.feature.save(to_save, state), TITLE, group="vocabulary-write")

    def _saved(self, message: WordSaved) -> None:
        saved, word = message.saved, message.saved.word
        name = word.word if word.word.casefold() == word.lemma else f"{word.word} ({word.lemma})"
        if message.state is WordState.KNOWN:
            self._host.notify(_said(f"Known: {name}. It no longer counts as new."), title=TITLE)
        elif saved.created:
            self._host.notify(_said(f"Saved {name}. M lists your words."), title=TITLE)
        else:
            state = word.state.value
            self._host.notify(_said(f"{name} is saved already ({state})."), title=TITLE)

    def show_words(self) -> None:
        """The words screen (M): every saved word; open, delete, toggle known."""
        if self.feature.off is not None:
            self._host.notify(_said(self.feature.off), title=TITLE)
            return
        self._host.start(self.feature.list_words(), TITLE, group="vocabulary-list")

    def _show_words(self, words: list[SavedWord]) -> None:
        host, feature = self._host, self.feature

        def delete(word_id: int) -> None:
            host.start(feature.remove(word_id), TITLE, group="vocabulary-write")

        def set_state(word_id: int, state: WordState) -> None:
            host.start(feature.set_state(word_id, state), TITLE, group="vocabulary-write")

        def jump(target: WordJump | None) -> None:
            if target is not None:
                host.open_path(target.path, target.paragraph)

        from tui.dialogs.words import WordsScreen

        host.ask(WordsScreen(words, delete, set_state), jump)

    def filter_by_share(self) -> None:
        """Show only articles with at most a chosen share of new words (%); again: all."""
        library = self._host.library
        if library.new_words_at_most is not None:
            library.show_new_words_at_most(None)
            return

        def chosen(percent: int | None) -> None:
            if percent is not None:
                library.show_new_words_at_most(percent)

        if self.feature.store is None:  # the stored shares come with the store: open it now
            self._host.start(self.feature.open(), TITLE, group="vocabulary-write")
        from tui.dialogs.share_limit import ShareLimitScreen

        self._host.ask(ShareLimitScreen(), chosen)


def _said(text: str) -> str:
    """`text` (words and names from articles, file names) for a notification: one printable
    line, and never markup."""
    return escape(printable(text))
