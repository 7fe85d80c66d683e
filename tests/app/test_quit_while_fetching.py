"""The reader quits at once while a fetch waits on a server that drips (issue 22).

`python -m tui` runs on a pseudo-terminal as a user runs it; its one feed is a loopback server
that sends a byte every quarter second and would go on for two minutes. After `F` the fetch
waits on that server in a worker thread; `q` must end the process within 2 s. (Textual cancels
its workers on exit, but a thread cannot be stopped from outside: asyncio's ending waits for
the thread, which had to notice the cancellation itself.)"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from tests.app.pilot import write_config
from tests.support.drip_server import Part, serve_drip
from tests.support.terminal import Terminal

QUIT_LIMIT_S = 2.0


@pytest.fixture
def environment() -> Iterator[dict[str, str]]:
    environ = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR")}
    yield environ


@pytest.mark.parametrize("part", ["headers", "body"])
def test_q_ends_the_reader_within_two_seconds_while_a_fetch_drips(
    environment: dict[str, str], part: Part
) -> None:
    with serve_drip(part) as server:
        write_config(f'feeds = [{{url = "{server.url}", name = "Treg"}}]\n')
        term = Terminal(environment, (120, 40))
        try:
            term.read_until(b"2 articles")
            term.send(b"F")
            assert server.arrived.wait(30), term.tail()
            term.read(0.5)  # the fetch is now waiting for the server's next byte
            assert term.process.poll() is None

            term.send(b"q")
            sent = time.monotonic()
            while term.process.poll() is None and time.monotonic() - sent < 30:
                term.read(0.05)
            took = time.monotonic() - sent

            assert term.process.poll() == 0, term.tail()
            assert b"Traceback" not in term.output, term.tail()
            assert took < QUIT_LIMIT_S, f"the reader took {took:.1f} s to quit"
        finally:
            term.close()
