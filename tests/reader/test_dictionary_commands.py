"""The dictionary's commands with a fake host: `d` looks up the Norwegian word under the word
cursor in a worker and opens the dialog; without a word cursor, or before the dictionary is
ready, it says so. And the keywords match again when the dictionary is first prepared."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.conftest import SEEDS
from tests.reader.fake_host import FakeHost
from tolk.config import Config
from tolk.dictionary import Dictionary, prepared_file
from tolk.library.articles import read_article
from tolk.reading.open_article import OpenArticle
from tui.dialogs.dictionary import DictionaryDialog
from tui.reader.dictionary.commands import NO_WORD, DictionaryCommands
from tui.reader.dictionary.messages import DictionaryReady, WordExplained
from tui.reader.dictionary.state import DictionaryFeature
from tui.reader.host import CursorWord
from tui.reader.keywords.commands import KeywordCommands
from tui.reader.keywords.state import KeywordFeature

NATO = SEEDS / "000_4a397d34e890302c.txt"


class CountingLibrary:
    """The list, as far as the keyword commands use it here: how often it was asked to count."""

    def __init__(self) -> None:
        self.counted = 0

    def count_hits(self) -> None:
        self.counted += 1


def test_d_looks_up_the_word_under_the_word_cursor_and_shows_it(
    prepared_dictionary: Path,
) -> None:
    host = FakeHost(word_at_cursor=CursorWord(0, 0, "«gikk»", ("went",)))
    feature = DictionaryFeature()
    feature.dictionary = Dictionary.open(prepared_dictionary)
    commands = DictionaryCommands(host, feature)
    commands.define()
    (posted,) = host.run_jobs()
    assert isinstance(posted, WordExplained)
    assert posted.aligned == "went"
    assert [entry.lemma for entry in posted.lookup.entries] == ["gå"]
    commands.receive(posted)
    ((dialog, _),) = host.dialogs
    assert isinstance(dialog, DictionaryDialog) and dialog.word == "gikk"
    assert host.jobs == []  # no model: no English for the definitions is asked for


def test_d_without_a_word_cursor_says_how_to_put_one_there(prepared_dictionary: Path) -> None:
    host = FakeHost(word_at_cursor=None)
    feature = DictionaryFeature()
    feature.dictionary = Dictionary.open(prepared_dictionary)
    DictionaryCommands(host, feature).define()
    assert (host.notices, host.jobs) == ([NO_WORD], [])


def test_d_before_the_dictionary_is_ready_prepares_it(prepared_dictionary: Path) -> None:
    host = FakeHost(word_at_cursor=CursorWord(0, 0, "gikk", ()))
    commands = DictionaryCommands(host, DictionaryFeature())
    commands.define()
    assert host.notices == ["The dictionary is being prepared (once): a moment…"]
    prepared_file().parent.mkdir(parents=True)
    prepared_file().symlink_to(prepared_dictionary)  # as if prepared meanwhile
    (ready,) = host.run_jobs()
    assert isinstance(ready, DictionaryReady) and ready.dictionary is not None
    assert not ready.fresh  # it was there already: nothing to match again
    commands.receive(ready)
    commands.define()
    assert len(host.jobs) == 1  # the lookup


def test_the_open_article_matches_again_once_the_dictionary_is_first_prepared(
    prepared_dictionary: Path,
) -> None:
    library = CountingLibrary()
    opened = OpenArticle(read_article(NATO))
    host = FakeHost(opened=opened, listed=library)  # type: ignore[arg-type]
    keywords = KeywordFeature(replace(Config(), keywords=("si",)), no_color=False)
    commands = KeywordCommands(host, keywords, [])
    opened.source_hits = keywords.source_hits(opened.article)  # before it is prepared

    def hits() -> set[str]:
        return {
            opened.article.paragraphs[index].text[hit.start : hit.end].lower()
            for index, found in opened.source_hits.items()
            for hit in found
        }

    assert "sa" not in hits()
    prepared_file().parent.mkdir(parents=True)
    prepared_file().symlink_to(prepared_dictionary)
    commands.receive(DictionaryReady(Dictionary.open(prepared_dictionary), fresh=True))
    assert {"si", "sier", "sa"} <= hits()
    assert host.changes and host.changes[-1].opened is opened
    # The library is not counted again: its counts wait for the dictionary (Listing).
    assert library.counted == 0
