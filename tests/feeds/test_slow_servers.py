"""Servers that answer a byte at a time, or not at all: a fetch gives up at its deadline however
slowly the bytes come, and stops soon after it is cancelled (issue 22).

The deadline is a parameter (60 s in use); here it is 1 s, and the servers drip on loopback
(tests/support/drip_server.py). Elapsed times are bounded generously: they tell a fetch that
gives up from one that waits for the server (two minutes, or for ever), not fast from slow."""

from __future__ import annotations

import argparse
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from tests.app.pilot import write_config
from tests.support.drip_server import Part, serve_drip
from tests.support.feed_pages import article_page, rss
from tests.support.feed_server import serve_feeds
from tolk import paths
from tolk.cli.fetch import run_fetch
from tolk.config import FeedSource
from tolk.feeds.fetching import fetch_feeds
from tolk.feeds.state import open_feed_state
from tolk.feeds.web_client import FetchError, WebClient

DEADLINE_S = 1.0
# What a give-up may take past the deadline: a slice of waiting, a loaded machine. The drip
# itself would go on for two minutes.
MARGIN_S = 3.0
PARTS: list[Part] = ["headers", "body"]


def timed(call: Callable[[], object]) -> tuple[object, float]:
    started = time.monotonic()
    try:
        result: object = call()
    except FetchError as error:
        result = error
    return result, time.monotonic() - started


@pytest.mark.parametrize("part", PARTS)
def test_a_response_that_drips_ends_at_the_deadline(part: Part) -> None:
    client = WebClient(timeout=10, deadline=DEADLINE_S)  # a byte comes every 0.25 s: never idle
    with serve_drip(part) as server:
        error, elapsed = timed(lambda: client.get(server.url, max_bytes=5_000_000))

    assert isinstance(error, FetchError)
    assert str(error) == "took longer than 1 s"
    assert not error.permanent  # a slow server may be quicker next time
    assert DEADLINE_S <= elapsed < DEADLINE_S + MARGIN_S


@pytest.mark.parametrize("part", PARTS)
def test_a_dripping_feed_fails_alone_and_fetch_exits_non_zero(
    part: Part, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve_drip(part) as server:
        write_config(f'feeds = [{{url = "{server.url}", name = "Treg"}}]\n')
        client = WebClient(timeout=10, deadline=DEADLINE_S)
        started = time.monotonic()
        status = run_fetch(argparse.Namespace(json=False), client=client)
        elapsed = time.monotonic() - started

    assert status == 1
    err = capsys.readouterr().err
    assert f"tolk: error: Treg ({server.url}): took longer than 1 s" in err.splitlines()
    assert elapsed < DEADLINE_S + MARGIN_S


def test_the_next_feed_is_fetched_after_a_dripping_one() -> None:
    state = open_feed_state()
    client = WebClient(timeout=10, deadline=DEADLINE_S)
    with serve_drip("headers") as slow, serve_feeds() as server:
        server.add("n/1", article_page("Stoltenberg vil samle alliansen"))
        url = server.add("n/feed.rss", rss("Avisa", [("Stoltenberg", "1", "g1", None)]))
        feeds = [FeedSource(slow.url, "Treg"), FeedSource(url, "Avisa")]
        report = fetch_feeds(feeds, library=paths.feeds_dir(), state=state, client=client)
    state.close()
    assert [(f.feed, f.reason) for f in report.failures] == [("Treg", "took longer than 1 s")]
    assert [a.feed for a in report.added] == ["Avisa"]


@pytest.mark.parametrize("part", PARTS)
def test_a_cancelled_request_ends_at_once(part: Part) -> None:
    cancel = threading.Event()
    client = WebClient(timeout=60, deadline=120, cancelled=cancel.is_set)
    outcome: list[object] = []
    with serve_drip(part) as server:
        fetching = threading.Thread(
            target=lambda: outcome.append(timed(lambda: client.get(server.url, max_bytes=10**7)))
        )
        fetching.start()
        assert server.arrived.wait(30)  # from now on the client waits for the drip
        cancelled_at = time.monotonic()
        cancel.set()
        fetching.join(30)
        ended_after = time.monotonic() - cancelled_at

    assert not fetching.is_alive()
    ((error, _elapsed),) = outcome
    assert isinstance(error, FetchError) and str(error) == "cancelled"
    assert ended_after < 1.5


@contextmanager
def unanswered_port() -> Iterator[int]:
    """A loopback port whose listener never accepts and whose queue is full: a connection to
    it waits for an answer to its first packet that does not come (as for a host that drops
    it), until the client gives up."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port: int = listener.getsockname()[1]
        fillers = []
        for _ in range(3):  # the queue holds backlog + 1; one more waits in the kernel
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        probe = socket.socket()  # the precondition: a plain connect waits, unanswered
        probe.settimeout(0.5)
        with probe, pytest.raises(TimeoutError):
            probe.connect(("127.0.0.1", port))
        try:
            yield port
        finally:
            for filler in fillers:
                filler.close()


def test_a_connection_that_is_never_answered_times_out_or_ends_when_cancelled() -> None:
    with unanswered_port() as port:
        url = f"http://127.0.0.1:{port}/feed.rss"
        error, elapsed = timed(lambda: WebClient(timeout=1).get(url, max_bytes=1000))
        assert isinstance(error, FetchError) and str(error) == "timed out"
        assert 1 <= elapsed < 1 + MARGIN_S

        cancel_at = time.monotonic() + 0.5  # half a second into the wait for an answer
        client = WebClient(timeout=60, cancelled=lambda: time.monotonic() >= cancel_at)
        error, elapsed = timed(lambda: client.get(url, max_bytes=1000))
        assert isinstance(error, FetchError) and str(error) == "cancelled"
        assert elapsed < 0.5 + 1.5
