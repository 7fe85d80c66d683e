"""The dictionary in the reader: preparing it once in the background, and looking words up.

The first start prepares tolk's index of Bokmålsordboka (`tolk.dictionary.prepare`, a few
seconds) in a worker, after the first frame; later starts only open it. A lookup is a
millisecond or two, the model's English of the definitions longer: both run in workers. A
dictionary that cannot be used is said once; the reader goes on without lookups.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.reader.dictionary.messages import DefinitionsTranslated, DictionaryReady, WordExplained
from tui.reader.jobs import Cancelled, Job, Post

if TYPE_CHECKING:
    from tolk.dictionary import Dictionary
    from translation.engine import ArticleTranslator

TITLE = "Dictionary"


class DictionaryFeature:
    """The open dictionary (None until it is prepared, or when it cannot be used)."""

    def __init__(self) -> None:
        self.dictionary: Dictionary | None = None
        self.problem: str | None = None
        self.preparing = False

    def prepare(self) -> Job:
        """Job: prepare the dictionary if it is not yet (once per cache dir), and open it."""
        self.preparing = True

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.dictionary import (
                Dictionary,
                DictionaryError,
                is_prepared,
                prepare_if_missing,
                prepared_file,
            )

            try:
                fresh = not is_prepared(prepared_file())
                path = prepare_if_missing()
                try:
                    opened = Dictionary.open(path)
                except DictionaryError:
                    if is_prepared(path):
                        raise
                    # It was damaged and has been moved aside: prepare it afresh, once.
                    opened = Dictionary.open(prepare_if_missing())
            except DictionaryError as error:
                post(DictionaryReady(None, str(error)))
                return
            opened.load_suggestions()
            if post(DictionaryReady(opened, fresh=fresh)) is False:
                opened.close()  # the reader closed meanwhile: nobody will close it

        return job

    def close(self) -> None:
        """The reader is closing: close the dictionary, if it was opened."""
        if self.dictionary is not None:
            self.dictionary.close()

    def look_up(self, dictionary: Dictionary, token: str, aligned: str) -> Job:
        """Job: what the dictionary says of `token`."""

        def job(post: Post, cancelled: Cancelled) -> None:
            post(WordExplained(dictionary.look_up(token), aligned))

        return job

    @staticmethod
    def translate(translator: ArticleTranslator, word: str, texts: list[str]) -> Job:
        """Job: the model's English of the definitions `texts` of `word`'s entries."""

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.translating import translate_texts

            unique = list(dict.fromkeys(text for text in texts if text))
            if unique and not cancelled():
                english = translate_texts(translator, unique)
                post(DefinitionsTranslated(word, dict(zip(unique, english, strict=True))))

        return job
