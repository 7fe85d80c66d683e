"""The vocabulary store: saving under the lemma, known and learning, the articles' shares, and
opening (damage moved aside; a newer file left alone)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tolk.vocabulary.entries import ArticleShare, NewWord, WordSource, WordState
from tolk.vocabulary.lexicon import WordSense
from tolk.vocabulary.store import (
    DATABASE_NAME,
    VocabularyStore,
    open_vocabulary,
    vocabulary_file,
)


@pytest.fixture
def store() -> Iterator[VocabularyStore]:
    opened = open_vocabulary()
    assert opened.store is not None and opened.message is None
    with opened.store as store:
        yield store


def gikk(source: WordSource | None = None) -> NewWord:
    sense = WordSense("gå", "verb", "bevege seg til fots")
    return NewWord("gikk", sense, "Hun gikk hjem.", "went", "She went home.", source)


def test_the_vocabulary_lives_in_the_data_dir_beside_the_other_stores() -> None:
    opened = open_vocabulary()
    assert opened.store is not None
    opened.store.close()
    assert vocabulary_file().is_file() and vocabulary_file().name == DATABASE_NAME
    with sqlite3.connect(vocabulary_file()) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_word_is_saved_with_its_lemma_sentence_and_source(
    store: VocabularyStore, tmp_path: Path
) -> None:
    source = WordSource(tmp_path / "a.txt", "Tittel", "2024-05-01", 2)
    saved = store.save(gikk(source))
    assert saved.created
    [word] = store.words()
    assert word == saved.word
    assert (word.word, word.lemma, word.word_class, word.english) == ("gikk", "gå", "verb", "went")
    assert (word.sentence, word.sentence_english) == ("Hun gikk hjem.", "She went home.")
    assert word.source == source and word.state is WordState.LEARNING


def test_another_form_of_a_saved_lemma_is_the_same_word(store: VocabularyStore) -> None:
    store.save(gikk())
    again = store.save(NewWord("går", WordSense("gå"), "Han går."))
    assert not again.created and again.word.word == "gikk"
    assert len(store.words()) == 1


def test_words_persist_across_reopening(store: VocabularyStore) -> None:
    store.save(gikk())
    reopened = open_vocabulary()
    assert reopened.store is not None
    with reopened.store as other:
        assert [word.lemma for word in other.words()] == ["gå"]


def test_marking_known_lowers_the_share_of_every_article_holding_the_lemma(
    store: VocabularyStore, tmp_path: Path
) -> None:
    first, second, third = tmp_path / "1.txt", tmp_path / "2.txt", tmp_path / "3.txt"
    assert store.record_article(first, ["gå", "hus", "og", "og"]) == ArticleShare(3, 3)
    store.record_article(second, ["gå", "bil"])
    store.record_article(third, ["bil"])
    saved = store.save(gikk())
    assert saved.shares == {}  # learning: still new
    changed = store.set_state(saved.word.id, WordState.KNOWN)
    assert changed == {first: ArticleShare(3, 2), second: ArticleShare(2, 1)}
    assert store.shares()[third] == ArticleShare(1, 1)
    assert store.known_lemmas() == {"gå"}
    # Back to learning: new again everywhere.
    assert store.set_state(saved.word.id, WordState.LEARNING) == {
        first: ArticleShare(3, 3),
        second: ArticleShare(2, 2),
    }


def test_saving_known_and_removing_a_known_word_change_the_shares(
    store: VocabularyStore, tmp_path: Path
) -> None:
    path = tmp_path / "1.txt"
    store.record_article(path, ["gå", "hus"])
    saved = store.save(gikk(), WordState.KNOWN)
    assert saved.shares == {path: ArticleShare(2, 1)}
    assert store.save(gikk(), WordState.KNOWN).shares == {}  # known already: no change
    assert store.remove(saved.word.id) == {path: ArticleShare(2, 2)}
    assert store.remove(saved.word.id) is None
    assert store.words() == []


def test_an_article_opened_again_is_counted_against_the_known_words(
    store: VocabularyStore, tmp_path: Path
) -> None:
    store.save(gikk(), WordState.KNOWN)
    path = tmp_path / "1.txt"
    assert store.record_article(path, ["gå", "hus", "bil", "og"]) == ArticleShare(4, 3)
    assert store.record_article(path, ["gå"]) == ArticleShare(1, 0)
    assert ArticleShare(4, 3).percent == 75 and ArticleShare(0, 0).percent == 0


def test_the_words_can_be_listed_by_state(store: VocabularyStore) -> None:
    store.save(gikk())
    store.save(NewWord("huset", WordSense("hus"), "Huset er rødt."), WordState.KNOWN)
    assert [w.lemma for w in store.words(WordState.KNOWN)] == ["hus"]
    assert [w.lemma for w in store.words(WordState.LEARNING)] == ["gå"]


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_new_one_started() -> None:
    path = vocabulary_file()
    path.parent.mkdir(parents=True)
    garbage = b"this is not SQLite\x00\xff" * 300
    path.write_bytes(garbage)
    opened = open_vocabulary()
    assert opened.store is not None and opened.message is not None
    [aside] = path.parent.glob(f"{DATABASE_NAME}.damaged-*")
    assert aside.read_bytes() == garbage
    assert str(aside) in opened.message and "damaged" in opened.message
    with opened.store as store:
        store.save(gikk())
        assert len(store.words()) == 1


def test_a_newer_vocabulary_is_refused_and_left_untouched() -> None:
    path = vocabulary_file()
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE from_the_future (x)")
        db.execute("PRAGMA user_version = 99")
    db.close()
    before = path.read_bytes()
    opened = open_vocabulary()
    assert opened.store is None and opened.message is not None
    assert "newer tolk" in opened.message and str(path) in opened.message
    assert path.read_bytes() == before


def test_a_data_dir_that_cannot_be_made_turns_the_vocabulary_off(isolated_home: Path) -> None:
    vocabulary_file().parent.parent.rmdir()
    vocabulary_file().parent.parent.write_text("not a folder")
    opened = open_vocabulary()
    assert opened.store is None and opened.message is not None
    assert opened.message.startswith("The vocabulary is off")
