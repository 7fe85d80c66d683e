"""Sentence reviews in the user store: corrections, marks, notes, progress and re-anchoring."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tolk.library.articles import Article, ParagraphKind, read_article
from tolk.paths import data_dir
from tolk.userdata.bookmarks import absolute_path, article_key
from tolk.userdata.review import (
    ReviewBook,
    SentenceKey,
    SentenceReview,
    article_sentences,
    build_reviewed_article,
)
from tolk.userdata.store import DATABASE_NAME, MIGRATIONS, UserStore, apply_migrations, open_store
from translation.engine import SentencePair, TranslatedParagraph
from translation.sentences import split_sentences

SEED = SEEDS / "000_4a397d34e890302c.txt"
PARAGRAPHS = [paragraph.text for paragraph in read_article(SEED).paragraphs]
EXTRA = "Dette er et nytt avsnitt som ble lagt inn senere. Det har to setninger."


def write_article(path: Path, paragraphs: list[str]) -> Article:
    path.write_text(" date 2019-12 – " + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return read_article(path)


def reopen() -> UserStore:
    opened = open_store()
    assert opened.store is not None, opened.message
    return opened.store


def stored_rows() -> list[tuple[str, str, int]]:
    with sqlite3.connect(data_dir() / DATABASE_NAME) as db:
        return db.execute(
            "SELECT article_key, sentence, paragraph_index FROM sentence_reviews ORDER BY id"
        ).fetchall()


@pytest.fixture
def store() -> Iterator[UserStore]:
    opened = open_store()
    assert opened.store is not None and opened.message is None
    yield opened.store
    opened.store.close()


@pytest.fixture
def book(store: UserStore) -> ReviewBook:
    return ReviewBook(store)


@pytest.fixture
def article(tmp_path: Path) -> Article:
    return write_article(tmp_path / "nato.txt", PARAGRAPHS)


def key_in(article: Article, paragraph: int, number: int = 0) -> SentenceKey:
    """The `number`th sentence of paragraph `paragraph`."""
    return [key for key in article_sentences(article) if key.paragraph == paragraph][number]


def test_article_sentences_split_bodies_and_keep_headings_whole(article: Article) -> None:
    keys = article_sentences(article)
    assert [key.paragraph for key in keys] == sorted(key.paragraph for key in keys)
    for index, paragraph in enumerate(article.paragraphs):
        mine = [key.source for key in keys if key.paragraph == index]
        if paragraph.kind is ParagraphKind.HEADING:
            assert mine == [paragraph.text.strip()]
        else:
            assert mine == split_sentences(paragraph.text) and mine
    assert len(split_sentences(PARAGRAPHS[0])) == 2  # the fixtures below rely on it


def test_nothing_reviewed_yet(book: ReviewBook, article: Article) -> None:
    assert book.reviews_for(article) == {}
    assert book.progress() == {}


def test_a_correction_persists_across_reopening_the_store(
    book: ReviewBook, store: UserStore, article: Article
) -> None:
    key = key_in(article, 0, 1)
    book.set_correction(article, key, "  He does not think the alliance is cracking.  ")
    store.close()
    with reopen() as again:
        reviews = ReviewBook(again).reviews_for(read_article(article.path))
    assert reviews == {key: SentenceReview("He does not think the alliance is cracking.")}


def test_reverting_a_correction_restores_the_machine_and_deletes_the_empty_row(
    book: ReviewBook, article: Article
) -> None:
    key = key_in(article, 1)
    book.set_correction(article, key, "A fix.")
    assert len(stored_rows()) == 1
    book.set_correction(article, key, None)
    assert book.reviews_for(article) == {}
    assert stored_rows() == []
    book.set_correction(article, key, "   ")  # a blank correction is no correction
    assert stored_rows() == []


def test_a_revert_keeps_the_mark_and_the_note(book: ReviewBook, article: Article) -> None:
    key = key_in(article, 1)
    book.set_correction(article, key, "A fix.")
    book.set_reviewed(article, [key], True)
    book.set_note(article, key, "check the name")
    assert book.reviews_for(article) == {key: SentenceReview("A fix.", True, "check the name")}
    book.set_correction(article, key, None)
    assert book.reviews_for(article) == {key: SentenceReview(None, True, "check the name")}


def test_notes_are_set_replaced_and_cleared(book: ReviewBook, article: Article) -> None:
    key = key_in(article, 3)
    book.set_note(article, key, " Is this idiomatic? ")
    assert book.reviews_for(article) == {key: SentenceReview(note="Is this idiomatic?")}
    book.set_note(article, key, "Second thought.")
    assert book.reviews_for(article)[key].note == "Second thought."
    book.set_note(article, key, "")
    assert book.reviews_for(article) == {} and stored_rows() == []


def test_review_marks_and_progress(book: ReviewBook, article: Article, tmp_path: Path) -> None:
    keys = article_sentences(article)
    other = write_article(tmp_path / "other.txt", PARAGRAPHS[:2])
    book.record_total(article)
    assert book.progress() == {absolute_path(article.path): (0, len(keys))}
    book.set_reviewed(article, keys[:3], True)
    book.set_reviewed(article, keys[:3], True)  # twice is still three
    assert book.progress()[absolute_path(article.path)] == (3, len(keys))
    book.set_reviewed(article, keys[1:2], False)
    assert book.progress()[absolute_path(article.path)] == (2, len(keys))
    assert {key for key, review in book.reviews_for(article).items() if review.reviewed} == {
        keys[0],
        keys[2],
    }
    # Reviews without a recorded total are not in progress; recording adds the article.
    book.set_reviewed(other, article_sentences(other)[:1], True)
    assert absolute_path(other.path) not in book.progress()
    book.record_total(other)
    assert book.progress()[absolute_path(other.path)] == (1, len(article_sentences(other)))


def test_every_sentence_reviewed_is_complete(book: ReviewBook, article: Article) -> None:
    keys = article_sentences(article)
    book.record_total(article)
    book.set_reviewed(article, keys, True)
    assert book.progress() == {absolute_path(article.path): (len(keys), len(keys))}


def test_an_unknown_sentence_is_refused(book: ReviewBook, article: Article) -> None:
    with pytest.raises(ValueError, match="no sentence"):
        book.set_correction(article, SentenceKey(0, "Finnes ikke."), "x")
    with pytest.raises(ValueError, match="no sentence"):
        book.set_reviewed(article, [SentenceKey(1, key_in(article, 0).source)], True)
    assert stored_rows() == []


def test_a_moved_file_keeps_its_reviews(book: ReviewBook, article: Article) -> None:
    key = key_in(article, 4)
    book.set_correction(article, key, "Fixed.")
    moved = article.path.rename(article.path.with_name("renamed.txt"))
    assert book.reviews_for(read_article(moved)) == {key: SentenceReview("Fixed.")}


def test_a_paragraph_inserted_before_re_anchors_the_review(
    book: ReviewBook, article: Article
) -> None:
    key = key_in(article, 3, 1)
    book.set_correction(article, key, "Fixed.")
    book.set_reviewed(article, [key_in(article, 0)], True)
    book.record_total(article)
    changed = write_article(article.path, [PARAGRAPHS[0], EXTRA, *PARAGRAPHS[1:]])

    assert book.reviews_for(changed) == {
        SentenceKey(4, key.source): SentenceReview("Fixed."),
        key_in(changed, 0): SentenceReview(reviewed=True),
    }
    # Stored so: the rows now carry the new content key and paragraph.
    assert {(row[0], row[2]) for row in stored_rows()} == {
        (article_key(changed), 4),
        (article_key(changed), 0),
    }
    book.record_total(changed)
    total = len(article_sentences(changed))
    assert book.progress() == {absolute_path(changed.path): (1, total)}


def test_a_moved_sentence_re_anchors_where_it_now_is(book: ReviewBook, article: Article) -> None:
    moving = key_in(article, 0, 1)
    book.set_correction(article, moving, "He does not think so.")
    first, second = split_sentences(PARAGRAPHS[0])
    # The sentence leaves paragraph 0 and ends paragraph 5.
    paragraphs = [first, *PARAGRAPHS[1:5], PARAGRAPHS[5] + " " + second, *PARAGRAPHS[6:]]
    changed = write_article(article.path, paragraphs)
    assert book.reviews_for(changed) == {
        SentenceKey(5, second): SentenceReview("He does not think so.")
    }


def test_a_removed_sentence_is_kept_but_not_returned_and_comes_back(
    book: ReviewBook, article: Article
) -> None:
    key = key_in(article, 1)
    book.set_correction(article, key, "Kept.")
    book.set_correction(article, key_in(article, 3), "Stays.")
    shortened = write_article(article.path, [PARAGRAPHS[0], *PARAGRAPHS[2:]])
    assert book.reviews_for(shortened) == {
        SentenceKey(2, key_in(article, 3).source): SentenceReview("Stays.")
    }
    assert len(stored_rows()) == 2  # the orphan is still there
    restored = write_article(article.path, PARAGRAPHS)
    assert book.reviews_for(restored) == {
        key: SentenceReview("Kept."),
        key_in(article, 3): SentenceReview("Stays."),
    }


def test_repeated_sentences_are_told_apart_and_re_anchor_nearest(
    book: ReviewBook, tmp_path: Path
) -> None:
    repeated = "Les også denne saken."
    paragraphs = [PARAGRAPHS[0], repeated, PARAGRAPHS[1], repeated, PARAGRAPHS[3]]
    article = write_article(tmp_path / "repeat.txt", paragraphs)
    book.set_correction(article, SentenceKey(3, repeated), "Read this too (second).")
    book.set_note(article, SentenceKey(1, repeated), "first")
    assert book.reviews_for(article) == {
        SentenceKey(1, repeated): SentenceReview(note="first"),
        SentenceKey(3, repeated): SentenceReview("Read this too (second)."),
    }
    changed = write_article(article.path, [EXTRA, *paragraphs])
    assert book.reviews_for(changed) == {
        SentenceKey(2, repeated): SentenceReview(note="first"),
        SentenceKey(4, repeated): SentenceReview("Read this too (second)."),
    }
    # One copy left: the row nearest it takes it (not the first in reading order); the other
    # is kept aside.
    fewer = write_article(
        article.path, [EXTRA, PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[3], repeated]
    )
    assert book.reviews_for(fewer) == {
        SentenceKey(4, repeated): SentenceReview("Read this too (second)."),
    }
    assert len(stored_rows()) == 2


def test_two_instances_writing_keep_each_others_reviews(store: UserStore, article: Article) -> None:
    with reopen() as other:
        ReviewBook(store).set_correction(article, key_in(article, 0), "One.")
        ReviewBook(other).set_reviewed(article, [key_in(article, 1)], True)
        ReviewBook(store).set_note(article, key_in(article, 1), "Both.")
    assert ReviewBook(store).reviews_for(article) == {
        key_in(article, 0): SentenceReview("One."),
        key_in(article, 1): SentenceReview(reviewed=True, note="Both."),
    }


def test_a_version_2_database_gains_review_tables_keeping_bookmarks(article: Article) -> None:
    path = data_dir() / DATABASE_NAME
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path, isolation_level=None)
    apply_migrations(db, MIGRATIONS[:2])
    db.close()
    with reopen() as store:
        store.toggle_bookmark(article, 1)
        ReviewBook(store).set_reviewed(article, [key_in(article, 1)], True)
        assert len(store.bookmarks_for(article)) == 1
        assert ReviewBook(store).reviews_for(article) == {
            key_in(article, 1): SentenceReview(reviewed=True)
        }


def test_build_reviewed_article_applies_reviews_to_machine_output(article: Article) -> None:
    translated = [
        TranslatedParagraph(
            index, tuple(SentencePair(s, s.upper()) for s in split_sentences(p.text))
        )
        if p.kind is ParagraphKind.BODY
        else TranslatedParagraph(index, (SentencePair(p.text, p.text.upper()),))
        for index, p in enumerate(article.paragraphs)
    ]
    key = key_in(article, 0, 1)
    reviews = {key: SentenceReview("Fixed.", True, "n")}
    built = build_reviewed_article(article, list(reversed(translated)), reviews, "m@1")
    assert built.model == "m@1" and built.translated
    assert [p.index for p in built.paragraphs] == list(range(len(article.paragraphs)))
    first = built.paragraphs[0].sentences
    assert (first[0].machine, first[0].target) == (first[0].source.upper(),) * 2
    assert (first[1].machine, first[1].correction, first[1].target) == (
        key.source.upper(),
        "Fixed.",
        "Fixed.",
    )
    assert first[1].reviewed and first[1].note == "n"

    untranslated = build_reviewed_article(article, None, reviews, "m@1")
    assert untranslated.model is None and not untranslated.translated
    sources = [s.source for p in untranslated.paragraphs for s in p.sentences]
    assert sources == [key.source for key in article_sentences(article)]
    assert untranslated.paragraphs[0].sentences[1].target == "Fixed."
