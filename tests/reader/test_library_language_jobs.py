"""The library's language job and the job shapes that run it after the hit count: what it
posts (the marks, not a None for every Bokmål article) and when it runs."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.message import Message

from tests.support.news_library import write_news_library
from tolk.library.articles import read_summary
from tui.reader.jobs import Job, signalling, waiting
from tui.reader.language.messages import LibraryLanguages
from tui.reader.language.state import tell_library
from tui.views.article_rows import ArticleRow


def _run(job: Job, *, cancelled: bool = False) -> list[Message]:
    posted: list[Message] = []
    job(posted.append, lambda: cancelled)
    return posted


def test_the_library_job_posts_the_marks_and_only_the_marks_it_takes_back(
    tmp_path: Path,
) -> None:
    written = write_news_library(tmp_path / "news")
    rows = [ArticleRow(read_summary(path)) for path in written.values()]
    bokmal = [row.absolute for row in rows][:3]  # the library's first three are Bokmål
    # One Bokmål article carried a mark (its file was Nynorsk before): the job takes it back.
    posted = _run(tell_library(rows, marked_now={bokmal[0]}))
    told: dict[Path, str | None] = {}
    for message in posted:
        assert isinstance(message, LibraryLanguages)
        told.update(message.languages)
    assert sorted(v for v in told.values() if v) == ["da", "nn", "nn"]
    assert told[bokmal[0]] is None
    assert bokmal[1] not in told and bokmal[2] not in told


def test_a_signalling_job_says_it_ended_even_when_it_fails() -> None:
    done = threading.Event()

    def failing(post: object, cancelled: object) -> None:
        raise RuntimeError("the job failed")

    with pytest.raises(RuntimeError):
        _run(signalling(failing, done))
    assert done.is_set()


def test_a_waiting_job_runs_once_the_one_before_has_ended() -> None:
    ran: list[str] = []

    def job(post: object, cancelled: object) -> None:
        ran.append("ran")

    done = threading.Event()
    # Cancelled while it waits: it never runs.
    _run(waiting(done, job), cancelled=True)
    assert ran == []
    done.set()
    _run(waiting(done, job))
    assert ran == ["ran"]


def test_a_waiting_job_waits_for_the_one_before() -> None:
    order: list[str] = []
    gate, done = threading.Event(), threading.Event()

    def first(post: object, cancelled: object) -> None:
        gate.wait()
        order.append("first")

    def second(post: object, cancelled: object) -> None:
        order.append("second")

    later = threading.Thread(target=_run, args=(waiting(done, second),))
    later.start()
    sooner = threading.Thread(target=_run, args=(signalling(first, done),))
    sooner.start()
    gate.set()
    sooner.join()
    later.join()
    assert order == ["first", "second"]


def test_a_cancelled_signalling_job_leaves_the_saying_to_the_one_in_its_place() -> None:
    done = threading.Event()

    def job(post: object, cancelled: object) -> None:
        pass

    _run(signalling(job, done), cancelled=True)
    assert not done.is_set()
    _run(signalling(job, done))
    assert done.is_set()
