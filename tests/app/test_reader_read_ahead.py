"""English before you ask: the articles after the open one, in the list's order, are translated
ahead; the article the user opens goes before them; the idle pass over the library stops at a
key. The real app on the cipher model, each CTranslate2 call written down
(tests/support/engine_calls.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.app.pilot import make_app, reader_screen, settle, wait_for_scan, write_config
from tests.conftest import SEEDS
from tests.support.engine_calls import record_engine_calls
from tests.support.english import assert_english
from tolk.library.articles import read_article
from translation.engine import ArticleTranslator
from translation.sentences import split_sentences
from tui.reader.screen import ReaderScreen

ARTICLES = 6
# Topics by article: the filter "alliansen" shows the even ones.
TOPICS = ["alliansen", "budsjettet"]


def own_sentence(number: int) -> str:
    """The sentence each paragraph of article `number` opens with."""
    return f"Sak {number} handler om {TOPICS[number % 2]}."


def of_article(number: int, sentences: Iterable[str]) -> set[str]:
    """Those of `sentences` that article `number` has (every sentence of it says which)."""
    return {s for s in sentences if s.startswith((f"I sak {number}:", f"Sak {number} "))}


def write_library(folder: Path, *, paragraphs: int = 3) -> list[Path]:
    """ARTICLES articles, newest first in the list (article 0 on top): the seeds' paragraphs,
    each sentence marked with the article's number, so that no two articles share one."""
    seeds = [
        split_sentences(paragraph.text)
        for path in sorted(SEEDS.glob("*.txt"))
        for paragraph in read_article(path).paragraphs[1:]
        if len(paragraph.text) > 80
    ]
    folder.mkdir()
    written = []
    for n in range(ARTICLES):
        body = [
            " ".join([own_sentence(n), *(f"I sak {n}: {s}" for s in seeds[(n + i) % len(seeds)])])
            for i in range(paragraphs)
        ]
        title = f" date 2024-03-{20 - n:02d} – Sak {n} om {TOPICS[n % 2]}"
        path = folder / f"sak-{n}.txt"
        path.write_text("\n\n".join([title, *body]) + "\n", encoding="utf-8")
        written.append(path)
    return written


async def wait_until(pilot: Pilot[None], done: Callable[[], bool], what: str) -> None:
    """Let the app run until `done()` (the workers post as they go)."""
    for _ in range(2000):
        if done():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")


async def open_in_list(pilot: Pilot[None], index: int) -> None:
    """Put the list's cursor on the `index`th article shown, and press enter."""
    articles = reader_screen(pilot).sidebar.article_list
    articles.focus()
    await pilot.press("home", *["j"] * index, "enter")


async def open_next(pilot: Pilot[None], name: str) -> ReaderScreen:
    """`j` then `enter` in the list (the next article), and let the reader settle; the
    article opened must be the file `name`."""
    screen = reader_screen(pilot)
    screen.sidebar.article_list.focus()  # where `j` means the next article
    await pilot.press("j", "enter")
    await settle(pilot)
    assert screen.article is not None and screen.article.path.name == name
    return screen


def english_shown(screen: ReaderScreen) -> bool:
    text = screen.parallel_text
    return screen.article is not None and all(
        text.translation(i) is not None for i in range(text.paragraph_count)
    )


def assert_shows_its_english(screen: ReaderScreen) -> None:
    assert screen.article is not None
    article = read_article(screen.article.path)
    assert_english(
        (paragraph.text, screen.parallel_text.translation(i) or "")
        for i, paragraph in enumerate(article.paragraphs)
    )


async def test_the_next_articles_open_translated_without_the_model(
    tmp_path: Path, installed_cipher_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = record_engine_calls(monkeypatch)
    write_library(tmp_path / "library")
    app = make_app(tmp_path / "library")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_in_list(pilot, 0)
        await settle(pilot)
        screen = reader_screen(pilot)
        assert_shows_its_english(screen)
        # The next three in the list went to the model, the one after them not yet.
        asked = calls.sentences()
        assert all(own_sentence(n) in asked for n in (1, 2, 3))
        assert own_sentence(4) not in asked

        before = calls.count()
        assert_shows_its_english(await open_next(pilot, "sak-1.txt"))
        # Its English came from the cache: the model was asked for none of its sentences
        # again; reading ahead went on to the next article not yet translated.
        assert of_article(1, calls.sentences()) and not of_article(1, calls.sentences(before))
        assert own_sentence(4) in calls.sentences(before)


async def test_the_english_read_ahead_is_shown_without_a_job(
    tmp_path: Path, installed_cipher_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every article the reader asks the translator for, by its title.
    asked: list[str] = []
    translate = ArticleTranslator.translate

    def recorded(self: ArticleTranslator, paragraphs: Any, **options: Any) -> Any:
        asked.append(paragraphs[0].text)
        return translate(self, paragraphs, **options)

    monkeypatch.setattr(ArticleTranslator, "translate", recorded)
    paths = write_library(tmp_path / "library")
    app = make_app(tmp_path / "library")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_in_list(pilot, 0)
        await settle(pilot)
        title = [read_article(path).paragraphs[0].text for path in paths]
        assert title[1] in asked and title[2] in asked  # read ahead

        before = len(asked)
        assert_shows_its_english(await open_next(pilot, "sak-1.txt"))
        # Shown from what the reading ahead kept: neither the model nor the cache was asked.
        assert title[1] not in asked[before:]

        # Article 2 changes after it was read ahead: its English must be made again.
        changed = paths[2].read_text(encoding="utf-8").replace("handler om", "gjelder")
        paths[2].write_text(changed, encoding="utf-8")
        before = len(asked)
        assert_shows_its_english(await open_next(pilot, "sak-2.txt"))  # the file as it is now
        assert read_article(paths[2]).paragraphs[0].text in asked[before:]


async def test_reading_ahead_follows_the_list_as_filtered(
    tmp_path: Path, installed_cipher_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = record_engine_calls(monkeypatch)
    write_library(tmp_path / "library")
    app = make_app(tmp_path / "library")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        await pilot.press("slash", *TOPICS[0], "enter")  # only the even articles are shown
        assert [s.path.name for s in screen.sidebar.article_list.shown] == [
            "sak-0.txt",
            "sak-2.txt",
            "sak-4.txt",
        ]
        await open_in_list(pilot, 0)
        await settle(pilot)
        asked = calls.sentences()
        # What `j` then `enter` would open next, not the next file in the library.
        assert own_sentence(2) in asked and own_sentence(4) in asked
        assert not asked & {own_sentence(n) for n in (1, 3, 5)}


async def test_the_article_opened_goes_before_the_reading_ahead(
    tmp_path: Path, installed_cipher_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = record_engine_calls(monkeypatch)
    # Long articles: several batches each, more than the model has workers.
    write_library(tmp_path / "library", paragraphs=8)
    # The model answers the articles read ahead only when the test says so, as a slow model
    # would: the reading ahead is under way when the user opens another article.
    calls.hold = lambda sentences: bool(of_article(1, sentences) | of_article(2, sentences))
    app = make_app(tmp_path / "library")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        await open_in_list(pilot, 0)
        await wait_until(pilot, calls.awaited.is_set, "reading ahead waiting for the model")
        workers = screen.translator.model.workers if screen.translator else 0
        first_own_call = calls.count()

        await open_in_list(pilot, 3)
        await wait_until(
            pilot,
            lambda: english_shown(screen) and screen.article.path.name == "sak-3.txt",  # type: ignore[union-attr]
            "the opened article translated",
        )
        # Translated while the reading ahead still waits for its answers: it went first, and
        # found a worker free (reading ahead keeps at most all but one busy).
        assert_shows_its_english(screen)
        waiting = calls.waiting()
        assert waiting and len(waiting) <= max(1, workers - 1)
        assert own_sentence(3) in calls.sentences(first_own_call)
        calls.released.set()
        await settle(pilot)
        assert_shows_its_english(screen)


async def test_idle_pretranslation_stops_at_a_key(
    tmp_path: Path, installed_cipher_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config('[translation]\npretranslate = "idle"\n')
    calls = record_engine_calls(monkeypatch)
    calls.hold = lambda sentences: True
    write_library(tmp_path / "library")
    app = make_app(tmp_path / "library")
    async with app.run_test(size=(120, 40)) as pilot:
        # Not `settle`: the idle pass's worker runs for as long as the reader does.
        screen = reader_screen(pilot)
        await wait_until(pilot, lambda: screen.translator is not None, "the model loaded")
        translation = screen.parts.translation.translation
        # Idle at once, for this test (a user is idle after IDLE_SECONDS without a key).
        translation.idle_seconds = 0
        await wait_until(pilot, lambda: bool(calls.waiting()), "the idle pass started")
        status = screen.sidebar.query_one("#scan-status")
        # The progress message is posted from the worker's thread before the engine call;
        # the UI shows it at its next turn, which may come after the call began.
        await wait_until(
            pilot, lambda: "English ahead" in str(status.render()), "the idle pass shown"
        )

        translation.idle_seconds = 3600  # from the key on, not idle again for this test
        screen.sidebar.article_list.focus()
        await pilot.press("j")
        asked = calls.count()
        calls.released.set()  # the batch in the model comes back; nothing follows it
        await wait_until(
            pilot, lambda: "English ahead" not in str(status.render()), "the idle pass paused"
        )
        assert calls.count() == asked
        assert not any(own_sentence(n) in calls.sentences() for n in range(1, ARTICLES))

        translation.idle_seconds = 0  # idle again: it goes on, and translates the library
        await wait_until(
            pilot,
            lambda: all(own_sentence(n) in calls.sentences() for n in range(ARTICLES)),
            "the library translated",
        )
