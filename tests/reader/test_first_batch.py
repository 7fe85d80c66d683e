"""The scan's first batch handed to the screen as it mounts (`FirstBatch`): taken when it comes
in time, posted as a message when it does not, and never waited for once the job has ended."""

from __future__ import annotations

import threading
import time

from textual.message import Message

from tui.reader.first_batch import FirstBatch
from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.library.messages import LibraryBatch, ScanFinished
from tui.reader.messages import Notice


def batch() -> LibraryBatch:
    return LibraryBatch([], 1, threading.Event())


def run_in_thread(first: FirstBatch, job: Job) -> tuple[list[Message], threading.Thread]:
    posted: list[Message] = []
    caught = first.catching(job)
    thread = threading.Thread(target=caught, args=(posted.append, lambda: False))
    thread.start()
    return posted, thread


def test_the_first_batch_is_taken_and_the_rest_posted() -> None:
    first_batch, second = batch(), batch()
    notice = Notice("Library", "index moved aside", "warning")
    taken = threading.Event()

    def job(post: Post, cancelled: Cancelled) -> None:
        post(notice)
        post(first_batch)
        taken.wait(5)  # the screen has taken the first: what follows is posted
        post(second)
        post(ScanFinished())

    first = FirstBatch()
    posted, thread = run_in_thread(first, job)
    assert first.take(5) is first_batch
    taken.set()
    thread.join(5)
    assert posted[0] is notice  # what comes before the first batch is posted at once
    assert posted[1] is second
    assert [type(message) for message in posted[2:]] == [ScanFinished]


def test_a_batch_later_than_the_wait_is_posted() -> None:
    release = threading.Event()
    late = batch()

    def job(post: Post, cancelled: Cancelled) -> None:
        release.wait(5)
        post(late)

    first = FirstBatch()
    posted, thread = run_in_thread(first, job)
    assert first.take(0.01) is None
    release.set()
    thread.join(5)
    assert posted == [late]


def test_a_job_that_ends_without_a_batch_is_not_waited_for() -> None:
    def job(post: Post, cancelled: Cancelled) -> None:
        post(ScanFinished())

    first = FirstBatch()
    posted, thread = run_in_thread(first, job)
    thread.join(5)
    started = time.monotonic()
    assert first.take(5) is None
    assert time.monotonic() - started < 1
    assert len(posted) == 1


def test_a_job_that_fails_is_not_waited_for() -> None:
    def job(post: Post, cancelled: Cancelled) -> None:
        raise OSError("the disk went away")

    first = FirstBatch()
    caught = first.catching(job)
    failed: list[BaseException] = []

    def run() -> None:
        try:
            caught(lambda message: None, lambda: False)
        except OSError as error:
            failed.append(error)  # the worker reports it as before

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(5)
    started = time.monotonic()
    assert first.take(5) is None
    assert time.monotonic() - started < 1
    assert len(failed) == 1
