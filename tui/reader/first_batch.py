"""The scan's first batch, handed to the screen as it mounts, so that the first frame has titles.

Textual lays out a screen's first frame when the screen resumes, a message it queues before
the screen composes: a batch the scan posts while the screen composes is handled only after
that frame, and its titles wait for the next (one update of Textual's 60 a second, and another
layout and render: 25-30 ms of a start of 300). So the screen starts the scan as it composes
and, as it mounts (before any queued message), waits up to `FIRST_BATCH_WAIT` for the first
batch, which it takes from here instead of from its queue. While it waits the UI thread leaves
the interpreter lock to the scan, whose first batch (the library index's first row, or the
first file read) comes in a few milliseconds. A later batch, or a first one later than that,
is posted as a message as before.
"""

from __future__ import annotations

import threading

from textual.message import Message

from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.library.messages import LibraryBatch

# The longest the screen waits as it mounts for the scan's first batch. A first frame without
# titles is drawn after this (a slow disk, a library that has to be walked); the batch comes
# as a message then.
FIRST_BATCH_WAIT = 0.05


class FirstBatch:
    """Keeps the first `LibraryBatch` a job posts for `take`, while the screen still waits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._came = threading.Event()
        self._batch: LibraryBatch | None = None
        self._waiting = True

    def catching(self, job: Job) -> Job:
        """`job`, its first batch kept here (if the screen still waits), the rest posted."""

        def run(post: Post, cancelled: Cancelled) -> None:
            def posting(message: Message) -> object:
                with self._lock:
                    if self._waiting and self._batch is None and isinstance(message, LibraryBatch):
                        self._batch = message
                        self._came.set()
                        return True
                return post(message)

            try:
                job(posting, cancelled)
            finally:
                self._came.set()  # ended (or failed) without a batch: nothing to wait for

        return run

    def take(self, timeout: float = FIRST_BATCH_WAIT) -> LibraryBatch | None:
        """The first batch, if the job posts it within `timeout` seconds (or has already); from
        then on the job's batches are posted as messages."""
        self._came.wait(timeout)
        with self._lock:
            self._waiting = False
            return self._batch
