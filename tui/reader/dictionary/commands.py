"""The dictionary's key (`d`, or a double click on a word) and what comes back: the dialog
with the word's entries, then their English."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from tui.reader.dictionary.messages import DefinitionsTranslated, DictionaryReady, WordExplained
from tui.reader.dictionary.state import TITLE, DictionaryFeature
from tui.reader.host import ReaderHost
from tui.reader.jobs import signalling
from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tui.dialogs.dictionary import DictionaryDialog

NO_WORD = "Put the word cursor on a word first (w, or click a word), then press d."


class DictionaryCommands:
    """Looks up the word under the word cursor, over the host."""

    def __init__(self, host: ReaderHost, feature: DictionaryFeature) -> None:
        self._host = host
        self.feature = feature
        self._dialog: DictionaryDialog | None = None

    def prepare(self) -> threading.Event:
        """Prepare (the first time) and open the dictionary, in a worker; the event is set
        once it is ready or known to be unusable (the keyword count waits for it: its forms
        count too, and counting before them meant counting the library twice)."""
        ready = threading.Event()
        if self.feature.preparing:
            ready.set()  # asked again while preparing (`d`): nothing new to wait for
        else:
            self._host.start(signalling(self.feature.prepare(), ready), TITLE, group="dictionary")
        return ready

    def define(self) -> None:
        """Show what the dictionary says of the Norwegian word under the word cursor."""
        feature = self.feature
        if feature.dictionary is None:
            if feature.problem is not None:
                self._host.notify(f"No lookups: {feature.problem}", title=TITLE, severity="warning")
            else:
                self._host.notify("The dictionary is being prepared (once): a moment…", title=TITLE)
                self.prepare()
            return
        word = self._host.word_at_cursor
        if word is None:
            self._host.notify(NO_WORD, title=TITLE)
            return
        aligned = " ".join(word.english_words)
        self._host.start(
            feature.look_up(feature.dictionary, word.token, aligned),
            TITLE,
            group="dictionary-lookup",
            exclusive=True,
        )

    def receive(self, message: ReaderMessage) -> None:
        match message:
            case DictionaryReady():
                self.feature.dictionary = message.dictionary
                self.feature.problem = message.problem
                if message.problem is not None:
                    # Said once; `d` says it again only when asked.
                    self._host.notify(message.problem, title=TITLE, severity="warning")
            case WordExplained():
                self._show(message)
            case DefinitionsTranslated():
                if self._dialog is not None and self._dialog.word == message.word:
                    self._dialog.set_english(message.english)

    def _show(self, message: WordExplained) -> None:
        from tui.dialogs.dictionary import DictionaryDialog

        lookup = message.lookup
        translator = self._host.translator
        self._dialog = DictionaryDialog(
            lookup, message.aligned, machine_english=translator is not None
        )
        self._host.ask(self._dialog, self._closed)
        texts = [d.text for entry in lookup.entries for d in entry.definitions]
        if translator is not None and texts:
            job = self.feature.translate(translator, lookup.word, texts)
            self._host.start(job, TITLE, group="dictionary-english", exclusive=True)

    def _closed(self, _: object) -> None:
        self._dialog = None
