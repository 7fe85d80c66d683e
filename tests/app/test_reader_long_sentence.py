"""A run-on "sentence" (over 1,000 characters without sentence punctuation) in the reader: the
model gets it in pieces, the reviewer one sentence — one English sentence to move to, mark,
correct and count, with its word alignment over the whole sentence (cipher model)."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, TextArea

from tests.app.pilot import (
    column_text,
    make_app,
    open_article,
    reader_screen,
    settle,
    wait_for_group,
    wait_for_scan,
)
from tests.app.test_reader_words import reversed_words
from tests.support.english import cipher_text
from tolk.library.articles import read_article
from tolk.userdata.review import SentenceKey, article_sentences
from translation.engine import ArticleTranslator, PendingBatch
from translation.hypothesis import SentenceTranslation
from translation.pieces import LONG_SENTENCE_CHARS, cut_sentence
from tui.dialogs.alternatives import AlternativesScreen
from tui.dialogs.editor import CorrectionEditor
from tui.reader.rendering import CORRECTED_MARK, REVIEWED_MARK
from tui.reader.review.alternatives import MODEL_ALTERNATIVES_MOST_CHARS
from tui.widgets.column_titles import ColumnTitles

_WORDS = ["regjeringen", "Stortinget", "kommunen", "fylket", "alliansen", "og", "i", "på"]
# Distinct words (a number on each), so a lit-up word names its place in the sentence.
RUN_ON = "Regjeringen " + " ".join(f"{_WORDS[n % len(_WORDS)]}{n}" for n in range(120)) + "."
ARTICLE = (
    f" date 2020-03 – Nato møtes i London. Det er bra.\n\nKort setning. {RUN_ON} Siste setning.\n"
)
CORRECTION = "The long sentence, corrected."
# The word of the run-on sentence the word cursor visits: past the model's first piece.
FAR_WORD = 60


def write_article(folder: Path) -> Path:
    folder.mkdir()
    path = folder / "run_on.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


async def test_a_run_on_sentence_is_one_sentence_to_review(
    installed_cipher_model: Path, tmp_path: Path
) -> None:
    path = write_article(tmp_path / "library")
    assert len(RUN_ON) > LONG_SENTENCE_CHARS
    pieces = cut_sentence(RUN_ON).pieces
    assert len(pieces) > 3 and len(pieces[0].split()) < FAR_WORD
    # The sentences the reviewer works on: two, then three with the run-on one in the middle.
    sentences = article_sentences(read_article(path))
    assert [key.source for key in sentences if key.paragraph == 1] == [
        "Kort setning.",
        RUN_ON,
        "Siste setning.",
    ]
    app = make_app(tmp_path / "library")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        screen = reader_screen(pilot)
        reader, opened = screen.parallel_text, screen.opened
        assert opened is not None
        await pilot.press("j")  # the second paragraph
        assert reader.cursor == 1
        # The English column: the paragraph's three sentences, the run-on one whole.
        expected = (
            f"{cipher_text('Kort setning.')} {cipher_text(RUN_ON)} {cipher_text('Siste setning.')}"
        )
        assert reader.translation(1) == expected
        assert [key.source for key in opened.paragraph_keys(1)] == [
            "Kort setning.",
            RUN_ON,
            "Siste setning.",
        ]
        # Sentence by sentence: one step onto the run-on sentence, one off it.
        await pilot.press("l")
        assert reader.sentence == 1
        await pilot.press("l", "l")
        assert reader.sentence == 2  # the last one: no pieces in between
        await pilot.press("h")
        assert reader.sentence == 1
        # The word cursor walks the whole sentence; past the first piece, the English word
        # lit up is still the one the model made of it.
        await pilot.press(*["w"] * (FAR_WORD + 1))
        far = RUN_ON.split()[FAR_WORD]
        assert reversed_words(reader) == ([far], [cipher_text(far)])
        await pilot.press("escape")
        # Reviewed: one mark after its whole English, and the header counts it once.
        await pilot.press("r")
        await settle(pilot)
        english = column_text(reader, 1)
        assert cipher_text(RUN_ON) + REVIEWED_MARK in english
        assert english.count(REVIEWED_MARK.strip()) == 1
        assert f" · 1/{len(sentences)} reviewed · " in str(screen.sub_title)
        assert len(sentences) == 5
        assert list(screen.sidebar.article_list.marks.reviewed.values()) == [(1, 5)]
        # Corrected: the correction replaces the whole sentence's English, nothing else.
        await pilot.press("e")
        assert isinstance(app.screen, CorrectionEditor)
        await pilot.press("f7", *CORRECTION, "ctrl+s")
        await settle(pilot)
        assert reader.translation(1) == (
            f"{cipher_text('Kort setning.')} {CORRECTION} {cipher_text('Siste setning.')}"
        )
        assert CORRECTION + CORRECTED_MARK in column_text(reader, 1)
        assert " · 1/5 reviewed · " in str(screen.sub_title)
    # Reopened: the review is anchored on the sentence, not on a piece of it.
    again = make_app(tmp_path / "library")
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await settle(pilot)  # reopens the last article
        screen = reader_screen(pilot)
        opened = screen.opened
        assert opened is not None and opened.path == path
        review = opened.review(SentenceKey(1, RUN_ON))
        assert review.reviewed and review.correction == CORRECTION
        assert screen.parallel_text.translation(1) == (
            f"{cipher_text('Kort setning.')} {CORRECTION} {cipher_text('Siste setning.')}"
        )
        assert " · 1/5 reviewed · " in str(screen.sub_title)


async def test_while_a_run_on_sentence_translates_the_title_gives_a_share(
    installed_cipher_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hold the model's answers after its first batch (the first paragraph), as a slow model
    # would, so the title is seen mid-way. (The answers, not the submissions: the engine
    # submits several batches before it reads the first answer.)
    gate = threading.Event()
    submitted: list[int] = []
    result = PendingBatch.result

    def slow_result(self: PendingBatch) -> list[SentenceTranslation]:
        submitted.append(1)
        if len(submitted) > 1:
            assert gate.wait(timeout=30)
        return result(self)

    monkeypatch.setattr(PendingBatch, "result", slow_result)
    write_article(tmp_path / "library")
    app = make_app(tmp_path / "library")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        screen.sidebar.article_list.focus()
        await pilot.press("enter")
        await wait_for_group(pilot, "open")
        await wait_for_group(pilot, "model")
        titles = screen.query_one(ColumnTitles)
        # Until the first paragraph's progress has come (the worker is then held at the gate).
        for _ in range(3_000):
            if len(submitted) > 1 and titles.target_title != "English · translating 0%":
                break
            await pilot.pause(0.01)
        # The model's work is counted in pieces; the reader says how far, not "n/m sentences"
        # of a count the article does not have (it has 5).
        share = re.fullmatch(r"English · translating (\d+)%", titles.target_title)
        assert share is not None and 0 < int(share[1]) < 100, titles.target_title
        gate.set()
        await settle(pilot)
        assert installed_cipher_model.name in titles.target_title


@pytest.mark.parametrize("key", ["a", "e"], ids=["alternatives", "editor"])
async def test_the_dialogs_keep_their_controls_on_screen_for_a_run_on_sentence(
    installed_cipher_model: Path, tmp_path: Path, key: str
) -> None:
    write_article(tmp_path / "library")
    app = make_app(tmp_path / "library")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        await pilot.press("j", "l", key)  # the run-on sentence
        await settle(pilot)
        # Its Norwegian (some 16 lines at this width) scrolls in a few lines; the choices, or
        # the text to correct, stay in sight below it.
        control = app.screen.query_one(OptionList if key == "a" else TextArea)
        screen = app.screen.region
        assert control.region.height >= 3 and screen.contains_region(control.region)
        source = app.screen.query_one("#alternatives-source, #editor-source")
        assert source.max_scroll_y > 0


async def test_no_model_alternatives_for_a_sentence_past_the_limit(
    installed_cipher_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Four options of some thousands of characters each are not compared by eye, and cost the
    # model time in proportion: `a` says why there are none, and never asks the model.
    words = " ".join(f"{_WORDS[n % len(_WORDS)]}{n}" for n in range(400))
    very_long = f"Regjeringen {words}."
    assert len(very_long) > MODEL_ALTERNATIVES_MOST_CHARS
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "very_long.txt").write_text(
        f" date 2020-03 – Kort. {very_long} Siste setning.\n", encoding="utf-8"
    )
    asked: list[str] = []
    alternatives = ArticleTranslator.alternatives

    def recorded(self: ArticleTranslator, sentence: str, *args: Any, **kwargs: Any) -> list[str]:
        asked.append(sentence)
        return alternatives(self, sentence, *args, **kwargs)

    monkeypatch.setattr(ArticleTranslator, "alternatives", recorded)
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 0)
        await pilot.press("l", "a")  # the very long sentence
        await settle(pilot)
        assert not isinstance(app.screen, AlternativesScreen)
        said = [notification.message for notification in app._notifications]
        assert any(f"{len(very_long):,} characters" in text for text in said), said
        assert asked == []
        await pilot.press("h", "a")  # the short one before it: the model is asked
        await settle(pilot)
        assert isinstance(app.screen, AlternativesScreen)
        assert asked == ["Kort."]
