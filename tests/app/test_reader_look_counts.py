"""The sidebar's "N⚑" count is of the English that counts once the translation and the memory's
matches are both in, whatever order the reader's workers finish in. The copy model's English is
its Norwegian (21 sentences of Dec 2019 flagged `untranslated`); the project's reference
translation in the memory flags none, and replaces the model's English everywhere."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

import tolk.memory.database
from tests.app.pilot import (
    make_app,
    reader_screen,
    rendered_lines,
    settle,
    wait_for_group,
    write_config,
)
from tests.conftest import REPO, SEEDS
from tolk.library.articles import read_article
from tolk.memory.database import TranslationMemory
from tolk.paths import cache_database
from tolk.reading.look_counts import LookCounts
from tolk.reading.open_article import OpenArticle
from tolk.userdata.bookmarks import absolute_path
from tolk.userdata.review import SentenceKey, SentenceReview, paragraph_sentences
from translation.engine import SentencePair, TranslatedParagraph
from tui.reader.library.looks import LookCountFeature

REFERENCE = REPO / "screenshots" / "reference-translation.tmx"
DEC_2019 = absolute_path(SEEDS / "000_4a397d34e890302c.txt")
COPY_MODEL_FLAGS = 21  # Dec 2019's sentences of four words or more: its English is its Norwegian
REFERENCE_FIRST = (
    "Then it is important that we sit around the same table and discuss face to face, "
    "Stoltenberg replies when asked how the alliance will be held together at the meeting "
    "outside London."
)


def import_reference() -> None:
    with TranslationMemory() as memory:
        memory.import_file(REFERENCE)


def stored_count(path: Path) -> int | None:
    """The count the cache keeps for `path` (None: none), zero included."""
    db = sqlite3.connect(cache_database())
    try:
        row = db.execute("SELECT flagged FROM look_counts WHERE path = ?", (str(path),)).fetchone()
    finally:
        db.close()
    return None if row is None else int(row[0])


def sidebar_flags(pilot: Pilot[None]) -> str:
    """The ⚑ counts the sidebar's rows show."""
    lines = rendered_lines(reader_screen(pilot).sidebar.article_list)
    return " ".join(word for line in lines for word in line.split() if "⚑" in word)


def gated(gate: threading.Event, work: Callable[..., Any]) -> Callable[..., Any]:
    """`work`, started only once `gate` is set (in the worker's thread)."""

    def wait_then_work(*args: Any, **kwargs: Any) -> Any:
        gate.wait()
        return work(*args, **kwargs)

    return wait_then_work


def held_iteration(gate: threading.Event, work: Callable[..., Any]) -> Callable[..., Any]:
    """`work`'s items, all read at once but handed back only once `gate` is set."""

    def read_then_wait(*args: Any, **kwargs: Any) -> Any:
        items = list(work(*args, **kwargs))
        gate.wait()
        return iter(items)

    return read_then_wait


async def open_dec_2019(pilot: Pilot[None]) -> None:
    """Open Dec 2019 from the list once the model is loaded, as a user would; waits for the
    article to be read, not for what it starts."""
    await wait_for_group(pilot, "model")
    articles = reader_screen(pilot).sidebar.article_list
    articles.focus()
    await pilot.press("home", "down", "enter")
    await wait_for_group(pilot, "open")


async def test_a_translation_finishing_before_the_memory_lookup_is_not_counted(
    installed_copy_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_reference()
    gate = threading.Event()
    # The memory lookup waits until the translation is finished and its handling is done.
    # (The reader's memory job imports `exact_matches` from tolk.memory.database when it runs.)
    monkeypatch.setattr(
        tolk.memory.database, "exact_matches", gated(gate, tolk.memory.database.exact_matches)
    )
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await settle(pilot)  # the library listed, the model loaded; nothing open yet
            await open_dec_2019(pilot)
            await wait_for_group(pilot, "translate")
            screen = reader_screen(pilot)
            assert screen.opened is not None and screen.opened.fully_translated
            await wait_for_group(pilot, "looks-record")  # whatever was stored meanwhile
            # The model's English is about to be replaced by the memory's: no count of it.
            assert sidebar_flags(pilot) == ""
            assert stored_count(DEC_2019) is None
            gate.set()
            await settle(pilot)
            assert screen.opened.settled and screen.opened.look_count() == 0
            assert (
                sidebar_flags(pilot) == ""
                and DEC_2019 not in screen.sidebar.article_list.marks.looks
            )
            assert stored_count(DEC_2019) == 0
        finally:
            gate.set()  # a failure must not leave the worker waiting: the app waits for it


async def test_stored_counts_arriving_last_do_not_hide_a_newer_count(
    installed_copy_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    # An earlier session counted the copy model's English, before the memory was imported.
    counts = LookCounts(cache_database())
    counts.record(DEC_2019, COPY_MODEL_FLAGS)
    counts.close()
    import_reference()
    # The stored counts are read at start (21 for Dec 2019) but handed over only at the end.
    monkeypatch.setattr(LookCounts, "current", held_iteration(gate, LookCounts.current))
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await pilot.pause()
            await wait_for_group(pilot, "scan")
            await open_dec_2019(pilot)
            for group in ("translate", "memory", "reviews", "looks-record"):
                await wait_for_group(pilot, group)
            screen = reader_screen(pilot)
            assert screen.opened is not None and screen.opened.fully_translated
            assert sidebar_flags(pilot) == "" and stored_count(DEC_2019) == 0
            gate.set()
            await wait_for_group(pilot, "looks")
            # The stored 21 is older than this session's count of the English that counts.
            assert sidebar_flags(pilot) == ""
            assert stored_count(DEC_2019) == 0
            await settle(pilot)
            assert sidebar_flags(pilot) == ""
        finally:
            gate.set()


async def test_the_other_articles_stored_counts_still_show(installed_copy_model: Path) -> None:
    # Jan 2020 was counted in an earlier session and is not opened in this one.
    jan_2020 = absolute_path(SEEDS / "003_af9304a0a01167de.txt")
    counts = LookCounts(cache_database())
    counts.record(jan_2020, 7)
    counts.close()
    import_reference()
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_dec_2019(pilot)
        await settle(pilot)
        assert reader_screen(pilot).sidebar.article_list.marks.looks == {jan_2020: 7}
        assert sidebar_flags(pilot) == "7⚑"


async def test_a_count_stored_under_other_qa_settings_is_not_shown() -> None:
    # Jan 2020 was counted in an earlier session; [qa] changed since: the count is stale.
    jan_2020 = absolute_path(SEEDS / "003_af9304a0a01167de.txt")
    counts = LookCounts(cache_database())
    counts.record(jan_2020, 7)
    counts.close()
    write_config('[qa]\nignore = ["names"]\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert reader_screen(pilot).sidebar.article_list.marks.looks == {}
        assert sidebar_flags(pilot) == ""


def test_counts_written_out_of_order_keep_the_newest() -> None:
    # The counts' writes run in worker threads, which may finish in any order.
    article = read_article(DEC_2019)
    opened = OpenArticle(article)
    for index, paragraph in enumerate(article.paragraphs):  # the copy model's English
        pairs = tuple(SentencePair(s, s) for s in paragraph_sentences(paragraph))
        opened.add_translation(TranslatedParagraph(index, pairs))
    opened.set_memory({})
    looks = LookCountFeature()
    first = looks.count(opened)
    assert first is not None and looks.shown == {DEC_2019: COPY_MODEL_FLAGS}
    assert looks.count(opened) is None  # nothing new to store
    # The reviewer corrects a flagged sentence: one fewer needs a look.
    key = SentenceKey(0, paragraph_sentences(article.paragraphs[0])[0])
    opened.set_review(key, SentenceReview(correction=REFERENCE_FIRST))
    second = looks.count(opened)
    assert second is not None and looks.shown == {DEC_2019: COPY_MODEL_FLAGS - 1}
    assert second[:2] == (DEC_2019, COPY_MODEL_FLAGS - 1)  # what the sidebar is told at once
    posted: list[object] = []
    second[2](posted.append, lambda: False)
    first[2](posted.append, lambda: False)  # the older count, finishing last
    assert stored_count(DEC_2019) == COPY_MODEL_FLAGS - 1
    assert posted == []  # the sidebar was told when the count was made, not by the writes
