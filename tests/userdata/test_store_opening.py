"""Two tolk instances opening a new user database at the same instant: both come up with the
store on. Opening waits for a busy peer at every step (journal mode, migrations) within the busy
timeout; before it did, one of two processes often got "database is locked" and bookmarks off."""

from __future__ import annotations

import multiprocessing
import queue
import threading
from pathlib import Path

from tests.support.store_opener import open_in_rounds

ROUNDS = 60


def test_two_processes_opening_a_new_database_at_once_both_get_the_store(tmp_path: Path) -> None:
    # spawn, not fork: the test process may hold threads (models, hypothesis) a fork would copy.
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    openers = [
        context.Process(target=open_in_rounds, args=(str(tmp_path), ROUNDS, barrier, results))
        for _ in range(2)
    ]
    for opener in openers:
        opener.start()
    got = [results.get(timeout=120) for _ in range(2 * ROUNDS)]
    for opener in openers:
        opener.join(timeout=60)
    assert [opener.exitcode for opener in openers] == [0, 0]
    assert sorted(number for number, _ in got) == sorted(list(range(ROUNDS)) * 2)
    assert [(number, message) for number, message in got if message is not None] == []


def test_two_threads_opening_a_new_database_at_once_both_get_the_store(tmp_path: Path) -> None:
    barrier = threading.Barrier(2)
    results: queue.Queue[tuple[int, str | None]] = queue.Queue()
    openers = [
        threading.Thread(target=open_in_rounds, args=(str(tmp_path), ROUNDS, barrier, results))
        for _ in range(2)
    ]
    for opener in openers:
        opener.start()
    for opener in openers:
        opener.join(timeout=120)
    got = [results.get_nowait() for _ in range(results.qsize())]
    assert len(got) == 2 * ROUNDS
    assert [(number, message) for number, message in got if message is not None] == []
