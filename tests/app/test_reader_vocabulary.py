"""The vocabulary in the reader: `w` puts the word cursor on a word, `S` saves it with its
sentence, `M` lists it; `I` marks it known and the header's share of new words, the list's
mark and the `%` filter follow; all of it stored, as `tolk words` reads it."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import OptionList

from tests.app.pilot import (
    make_app,
    open_article,
    reader_screen,
    rendered_lines,
    settle,
    wait_for_scan,
)
from tests.app.test_reader_words import open_dec_2019
from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tolk.paths import data_dir
from tolk.userdata.bookmarks import absolute_path
from tolk.userdata.store import DATABASE_NAME as USER_STORE
from tolk.vocabulary.entries import WordState
from tolk.vocabulary.store import open_vocabulary, vocabulary_file
from tui.dialogs.share_limit import ShareLimitScreen
from tui.dialogs.words import WordsScreen

NATO = SEEDS / "000_4a397d34e890302c.txt"  # the article open_dec_2019 opens
SHARE = re.compile(r"(\d+)% new words")


def share_in(title: str) -> int:
    found = SHARE.search(title)
    assert found is not None, title
    return int(found.group(1))


def stored_words() -> list[tuple[str, str, WordState]]:
    opened = open_vocabulary()
    assert opened.store is not None
    with opened.store as store:
        return [(word.word, word.lemma, word.state) for word in store.words()]


async def test_a_saved_word_is_listed_with_its_sentence_and_english(
    installed_cipher_model: Path,
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dec_2019(pilot)
        await pilot.press("w", "S")
        await settle(pilot)
        assert stored_words() == [("Da", "da", WordState.LEARNING)]
        await pilot.press("M")
        await settle(pilot)
        words = pilot.app.screen
        assert isinstance(words, WordsScreen)
        options = words.query_one(OptionList)
        assert options.option_count == 1
        shown = str(options.get_option_at_index(0).prompt.renderables[0])  # type: ignore[union-attr]
        # "Da (adverb) · …" when the dictionary is prepared: its word class.
        assert shown.startswith("Da ") and shown.endswith(f" · {cipher_text('Da')}  [learning]")
        # k marks it known from the list; the store has it so.
        await pilot.press("k")
        await settle(pilot)
        assert stored_words() == [("Da", "da", WordState.KNOWN)]
        await pilot.press("escape")
        assert pilot.app.screen is reader_screen(pilot)


async def test_knowing_a_word_lowers_the_share_in_the_header_and_the_list(
    installed_cipher_model: Path,
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dec_2019(pilot)
        screen = reader_screen(pilot)
        assert share_in(str(screen.sub_title)) == 100  # nothing is known yet
        articles = screen.sidebar.article_list
        assert articles.marks.new_words == {absolute_path(NATO): 100}
        await pilot.press("w", "I")
        await settle(pilot)
        assert stored_words() == [("Da", "da", WordState.KNOWN)]
        lowered = share_in(str(screen.sub_title))
        assert lowered < 100
        assert articles.marks.new_words == {absolute_path(NATO): lowered}
        assert any(f"{lowered}%new" in line for line in rendered_lines(articles))
        # Known words are known in every article: the other seed counts them too.
        await open_article(pilot, 0)
        await settle(pilot)
        assert len(articles.marks.new_words) == 2


async def test_the_list_shows_only_articles_under_the_share_chosen(
    installed_cipher_model: Path,
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dec_2019(pilot)
        screen = reader_screen(pilot)
        articles = screen.sidebar.article_list
        await pilot.press("percent_sign")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ShareLimitScreen)
        await pilot.press(*"100", "enter")
        await settle(pilot)
        # Only the article opened has a share: the other is not listed.
        assert articles.new_words_at_most == 100
        assert [row.summary.path for row in articles._listed.shown] == [NATO]
        await pilot.press("percent_sign")  # again: every article
        assert articles.new_words_at_most is None
        assert articles.shown_count == 2


async def test_the_vocabulary_is_opened_when_first_needed() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        # Started, listed, nothing opened: the vocabulary was not needed, and is not made.
        assert not vocabulary_file().exists()
        await open_article(pilot, 1)  # the header's share of new words needs it
        assert share_in(str(reader_screen(pilot).sub_title)) == 100
    assert stored_shares() == [absolute_path(NATO)]


async def test_the_share_filter_opens_the_vocabulary_for_the_stored_shares() -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dec_2019(pilot)  # its share stored
    (data_dir() / USER_STORE).unlink()  # so that the next start reopens no article
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        articles = reader_screen(pilot).sidebar.article_list
        assert articles.marks.new_words == {}  # not opened yet: no marks
        await pilot.press("percent_sign")
        await settle(pilot)
        assert articles.marks.new_words == {absolute_path(NATO): 100}
        await pilot.press(*"100", "enter")
        await settle(pilot)
        assert [row.summary.path for row in articles._listed.shown] == [NATO]


def stored_shares() -> list[Path]:
    opened = open_vocabulary()
    assert opened.store is not None
    with opened.store as store:
        return sorted(store.shares())


async def test_without_a_word_cursor_s_says_how_to_get_one(installed_cipher_model: Path) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dec_2019(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert stored_words() == []
        assert any("word cursor" in n.message for n in pilot.app._notifications)


async def test_the_words_screen_filters_deletes_and_opens_the_article(
    installed_cipher_model: Path,
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dec_2019(pilot)
        await pilot.press("w", "S", "w", "S")  # "Da", "er"
        await settle(pilot)
        await pilot.press("j", "j")  # the reader's cursor elsewhere
        await open_article(pilot, 0)  # another article open
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        words = pilot.app.screen
        assert isinstance(words, WordsScreen)
        options = words.query_one(OptionList)
        assert options.option_count == 2
        await pilot.press("slash", *"da", "enter")
        assert options.option_count == 1
        await pilot.press("backspace")  # the filter is no longer focused: nothing happens
        await pilot.press("slash", "backspace", "backspace", "enter")
        assert options.option_count == 2
        options.highlighted = 0  # "er", saved last
        await pilot.press("d")
        await settle(pilot)
        assert [word for word, _, _ in stored_words()] == ["Da"]
        await pilot.press("enter")  # open "Da"'s article at its paragraph
        await settle(pilot)
        screen = reader_screen(pilot)
        assert pilot.app.screen is screen
        assert screen.opened is not None and screen.opened.path == NATO
        assert screen.parallel_text.cursor == 0
