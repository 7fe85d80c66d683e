"""`tolk --serve`: the reader served to a browser over loopback (textual-serve)."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

from tests.support.loopback import free_loopback_port


def test_serve_answers_with_the_reader_page() -> None:
    port = free_loopback_port()
    env = dict(os.environ, no_proxy="127.0.0.1,localhost")
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "tui", "--serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        # textual-serve says "Serving … on http://localhost:PORT" as its web app starts: wait
        # for that line (EOF means the server died), not for time to pass.
        assert server.stdout is not None
        for line in server.stdout:
            if f"localhost:{port}" in line:
                break
        else:
            raise AssertionError(server.stderr.read() if server.stderr else "server ended")
        page = _fetch(f"http://127.0.0.1:{port}/", server)
        assert "tolk" in page  # the page title
        assert f"ws://localhost:{port}/ws" in page or "/ws" in page  # the terminal's socket
        # Nothing on the page is fetched from another host (a web font was, from Google's).
        outside = re.findall(
            r'(?:src|href|url)\(?=?"?(?:https?:)?//(?!localhost|127\.0\.0\.1)', page
        )
        assert outside == [] and "googleapis" not in page
    finally:
        server.terminate()
        server.wait(timeout=10)


def _fetch(url: str, server: subprocess.Popen[str]) -> str:
    """The page at `url`. The line above is printed just before the socket is bound, so a
    refused connection is tried again a few times, each after waiting on the server process
    (it must still be running)."""
    for _ in range(20):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200
                return str(response.read().decode())
        except urllib.error.URLError as error:
            if not isinstance(error.reason, ConnectionRefusedError):
                raise
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=0.05)
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
    raise AssertionError(f"{url} refused every connection")
