"""The review commands with a fake host: no terminal, a real user store (SQLite in the test's
data dir). What a key changes in the open article's model, what the screen is told to redraw,
what is stored — and that a change the store refused is taken back off the screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import SEEDS
from tests.reader.fake_host import FakeHost
from tolk.library.articles import read_article
from tolk.reading.open_article import OpenArticle
from tolk.userdata.review import ReviewBook, SentenceKey, paragraph_sentences
from tolk.userdata.store import UserStore, open_store
from translation.engine import SentencePair, TranslatedParagraph
from tui.dialogs.editor import CorrectionEditor
from tui.reader.review.commands import ReviewCommands
from tui.reader.review.messages import ReviewNotStored, ReviewProgress
from tui.reader.review.state import OFF, ReviewFeature

SEED = SEEDS / "000_4a397d34e890302c.txt"  # its first paragraph has two sentences


@pytest.fixture
def store() -> Iterator[UserStore]:
    opened = open_store().store
    assert opened is not None
    yield opened
    opened.close()


@pytest.fixture
def opened() -> OpenArticle:
    """The seed, its first paragraph translated (English of our own, in the model's place)."""
    article = read_article(SEED)
    first, second = paragraph_sentences(article.paragraphs[0])
    machine = TranslatedParagraph(
        0,
        (
            SentencePair(first, "Then it is important that we sit at one table.", -0.2),
            SentencePair(second, "He does not think the alliance cracks.", -0.2),
        ),
    )
    model = OpenArticle(article)
    model.add_translation(machine, model.check_translation(machine))
    return model


def review_commands(
    opened: OpenArticle, store: UserStore | None
) -> tuple[ReviewCommands, FakeHost]:
    host = FakeHost(opened=opened, cursor=(0, 1))
    feature = ReviewFeature()
    feature.store = store
    return ReviewCommands(host, feature), host


def second_key(opened: OpenArticle) -> SentenceKey:
    return SentenceKey(0, paragraph_sentences(opened.article.paragraphs[0])[1])


def test_r_marks_the_sentence_redraws_its_paragraph_and_stores_it(
    opened: OpenArticle, store: UserStore
) -> None:
    commands, host = review_commands(opened, store)
    key = second_key(opened)
    commands.toggle_sentence_reviewed()
    assert opened.review(key).reviewed  # on screen at once
    (change,) = host.changes
    assert set(change.paragraphs) == {0} and not change.english  # a mark is no new English
    posted = host.run_jobs()
    assert [type(m) for m in posted] == [ReviewProgress]
    assert ReviewBook(store).reviews_for(opened.article)[key].reviewed


def test_a_mark_the_store_refused_comes_off_again(opened: OpenArticle, store: UserStore) -> None:
    commands, host = review_commands(opened, store)
    key = second_key(opened)
    commands.toggle_sentence_reviewed()
    store.close()  # every write fails now (StoreError), as on a disk that went away
    (refused,) = host.run_jobs()
    assert isinstance(refused, ReviewNotStored)
    commands.receive(refused)
    assert not opened.review(key).reviewed
    assert set(host.changes[-1].paragraphs) == {0}  # redrawn without the ✓
    assert any(n.startswith("Not saved:") for n in host.notices), host.notices


def test_a_later_change_stays_when_an_earlier_one_is_refused(
    opened: OpenArticle, store: UserStore
) -> None:
    commands, host = review_commands(opened, store)
    key = second_key(opened)
    commands.toggle_sentence_reviewed()
    marking = host.jobs.pop()
    commands.sentence_note()  # a note, while the mark's write is under way
    ((_, answered),) = host.dialogs
    answered("Check the verb.")
    host.run_jobs()  # the note is stored
    store._db.execute("PRAGMA query_only = 1")  # the mark's write is refused (read-only)
    posted: list[object] = []
    marking.job(posted.append, lambda: False)
    (refused,) = posted
    assert isinstance(refused, ReviewNotStored)
    commands.receive(refused)
    # The mark comes off (never stored); the note the user wrote since stays (stored).
    assert opened.review(key).reviewed is False
    assert opened.review(key).note == "Check the verb."
    store._db.execute("PRAGMA query_only = 0")
    assert ReviewBook(store).reviews_for(opened.article)[key].note == "Check the verb."


def test_a_correction_from_the_editor_is_new_english_and_is_stored(
    opened: OpenArticle, store: UserStore
) -> None:
    commands, host = review_commands(opened, store)
    key = second_key(opened)
    commands.edit_translation()
    ((dialog, answered),) = host.dialogs
    assert isinstance(dialog, CorrectionEditor)
    answered("  He sees no cracks.  ")
    assert opened.review(key).correction == "He sees no cracks."
    assert host.changes[-1].english  # the title and the look count are made again
    host.run_jobs()
    assert ReviewBook(store).reviews_for(opened.article)[key].correction == "He sees no cracks."
    commands.revert_translation()
    assert opened.review(key).correction is None
    host.run_jobs()
    assert key not in ReviewBook(store).reviews_for(opened.article) or (
        ReviewBook(store).reviews_for(opened.article)[key].correction is None
    )


def test_without_a_store_nothing_changes_and_the_user_is_told(opened: OpenArticle) -> None:
    commands, host = review_commands(opened, None)
    commands.toggle_sentence_reviewed()
    commands.edit_translation()
    assert host.notices == [OFF, OFF]
    assert not host.changes and not host.jobs and not host.dialogs


def test_x_goes_to_the_next_sentence_that_needs_a_look(store: UserStore) -> None:
    article = read_article(SEED)
    first, second = paragraph_sentences(article.paragraphs[0])
    # The second sentence's score is far below the model's usual: low confidence, a look.
    machine = TranslatedParagraph(
        0, (SentencePair(first, "Then it matters.", -0.05), SentencePair(second, "He no.", -9.0))
    )
    opened = OpenArticle(article)
    opened.add_translation(machine, opened.check_translation(machine))
    commands, host = review_commands(opened, store)
    host.cursor = (0, 0)
    commands.next_flag()
    assert host.cursor == (0, 1) and not host.notices
    commands.next_flag()
    assert host.cursor == (0, 1)
    assert host.notices == ["No more sentences to look at in this article."]
    commands.previous_flag()
    assert host.notices[-1] == "No more sentences to look at in this article."
