"""The shape of the slow work the reader runs in worker threads."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

# A job posts its results as messages (thread-safe) and checks whether it was cancelled in its
# long loops. The screen starts every job from the main thread (`ReaderScreen.start`).
Post = Callable[[Message], object]
Cancelled = Callable[[], bool]
Job = Callable[[Post, Cancelled], None]

# A job that walks the library posts what it has found so far at most this often: the list
# fills in as it goes, and each message costs the screen what it carries, not the library.
POST_EVERY_SECONDS = 0.25


def every(seconds: float) -> Callable[[], bool]:
    """A clock for posting in chunks: each call says whether `seconds` have passed since it
    last said so (or since it was made)."""
    last = time.monotonic()

    def due() -> bool:
        nonlocal last
        now = time.monotonic()
        if now - last < seconds:
            return False
        last = now
        return True

    return due


def run_in_worker(node: Widget, job: Job, title: str, *, group: str, exclusive: bool) -> None:
    """Run `job` in a worker thread of `node`, its messages to `node`. The worker is named
    `title`, so the notification of its failure is titled after the feature."""

    def run() -> None:
        worker = get_current_worker()
        job(node.post_message, lambda: worker.is_cancelled)

    node.run_worker(
        run, name=title, group=group, exclusive=exclusive, thread=True, exit_on_error=False
    )


def signalling(job: Job, done: threading.Event) -> Job:
    """`job`, setting `done` when it ends (its work done, or failed) — not when it was
    cancelled: the job that took its place (an exclusive group's next) sets it then."""

    def run(post: Post, cancelled: Cancelled) -> None:
        try:
            job(post, cancelled)
        finally:
            if not cancelled():
                done.set()

    return run


def waiting(done: threading.Event, job: Job) -> Job:
    """`job`, once `done` is set: a job that would only slow the one before it down (both
    walking the library, sharing one interpreter lock) runs after it instead."""

    def run(post: Post, cancelled: Cancelled) -> None:
        # Waking now and then to see whether the job was cancelled meanwhile.
        while not done.wait(0.1):
            if cancelled():
                return
        job(post, cancelled)

    return run
