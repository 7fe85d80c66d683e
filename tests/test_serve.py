"""`tolk --serve`: the reader served to a browser over loopback (textual-serve)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

from tests.loopback import free_loopback_port


def test_serve_answers_with_the_reader_page() -> None:
    port = free_loopback_port()
    env = dict(os.environ, no_proxy="127.0.0.1,localhost")
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "--serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        page = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                    page = response.read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.2)
        assert "tolk" in page  # the page title
        assert f"ws://localhost:{port}/ws" in page or "/ws" in page  # the terminal's socket
    finally:
        server.terminate()
        server.wait(timeout=10)
