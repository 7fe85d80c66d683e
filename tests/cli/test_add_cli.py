"""`tolk add URL… [--json]`, run as the user runs it, against a loopback server (issue 25): the
article is saved where the reader lists it, each URL fails alone, the exit status says so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.support.feed_pages import article_page
from tests.support.feed_server import FeedServer, serve_feeds
from tolk import paths
from tolk.cli.reader import default_roots
from tolk.config import load_config
from tolk.library.files import find_article_files


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve_feeds() as feeds:
        yield feeds


def tolk_add(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "add", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def test_a_page_is_added_where_the_reader_lists_it(server: FeedServer) -> None:
    url = server.add("n/sak", article_page("Stoltenberg vil samle alliansen"))

    result = tolk_add(url)

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    (saved,) = sorted((paths.feeds_dir() / "added").iterdir())
    assert result.stdout == f"Stoltenberg vil samle alliansen ({saved})\n"
    listed = find_article_files(default_roots(load_config()), on_error=print)
    assert saved in set(listed)

    again = tolk_add(url)
    assert again.returncode == 0
    assert again.stdout == f"Stoltenberg vil samle alliansen ({saved}) (added before)\n"


def test_each_url_fails_alone_and_the_exit_status_says_so(server: FeedServer) -> None:
    good = server.add("n/sak", article_page("God sak"))
    gone = server.url("n/borte")

    result = tolk_add(good, gone, "file:///etc/passwd", "--json")

    assert result.returncode == 1
    report = json.loads(result.stdout)
    (saved,) = sorted((paths.feeds_dir() / "added").iterdir())
    assert report == {
        "added": [
            {
                "url": good,
                "title": "God sak",
                "date": None,
                "path": str(saved),
                "added_before": False,
            }
        ],
        "failed": [
            {"url": gone, "reason": "HTTP 404 Not Found"},
            {"url": "file:///etc/passwd", "reason": "not an http(s) URL"},
        ],
        "warnings": [],
    }
    assert result.stderr.splitlines() == [
        f"tolk: error: {gone}: HTTP 404 Not Found",
        "tolk: error: file:///etc/passwd: not an http(s) URL",
    ]


def test_a_server_that_is_down_is_one_line() -> None:
    from tests.support.loopback import free_loopback_port

    url = f"http://127.0.0.1:{free_loopback_port()}/sak"
    result = tolk_add(url)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"tolk: error: {url}: connection refused (is the server down?)\n"
