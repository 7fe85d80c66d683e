"""`tolk fetch` on a full disk: one line naming the file and what to do, exit status 2, no
traceback, the file left where it is, and what was saved kept (issue 22).
tests/database/test_sound_files_stay.py has the locked and read-only files of every database.

The disk is full as SQLite sees it: SQLite's own "database or disk is full" (SQLITE_FULL), made
real by capping the database at the pages it has (`PRAGMA max_page_count`), as
tests/userdata/test_disk_full.py does. A disk cannot be filled here, so the cap is set on the
connection tolk opens, by a wrapper around `sqlite3.connect`; everything else is tolk's own code
and a real file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.app.pilot import write_config
from tests.support.feed_pages import article_page, rss
from tests.support.feed_server import FeedServer, serve_feeds
from tolk import paths
from tolk.cli import main
from tolk.feeds.state import open_feed_state


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve_feeds() as feeds:
        yield feeds


def configure(server: FeedServer, *, guid: str = "g1") -> None:
    server.add("n/1", article_page("Stoltenberg vil samle alliansen"))
    url = server.add("n/feed.rss", rss("Testavisa", [("Stoltenberg", "1", guid, None)]))
    write_config(f'feeds = [{{url = "{url}", name = "Avisa"}}]\n')


@contextmanager
def full_disk(*, pages: int | None = None) -> Iterator[None]:
    """The feed database may grow no further while the block runs: to `pages` pages, or
    (None) no further than it is."""
    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = real_connect(database, *args, **kwargs)
        if Path(database) == paths.feed_state_database():
            cap = pages or connection.execute("PRAGMA page_count").fetchone()[0]
            connection.execute(f"PRAGMA max_page_count = {cap}")
        return connection

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sqlite3, "connect", connect)
        yield


def leftovers() -> list[str]:
    return sorted(p.name for p in paths.data_dir().iterdir() if ".damaged-" in p.name)


def saved_articles() -> list[Path]:
    return sorted(paths.feeds_dir().rglob("*.txt"))


def test_a_full_disk_before_anything_is_fetched_is_one_line(
    server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(server)
    with full_disk(pages=1):  # a new file: its first table does not fit
        assert main(["fetch"]) == 2

    out, err = capsys.readouterr()
    database = paths.feed_state_database()
    assert out == ""
    assert err.splitlines() == [
        f"tolk: error: cannot use the feed database {database} (database or disk is full): "
        "the disk is full: free some space and try again"
    ]
    assert server.paths_requested() == []  # nothing fetched that could not be remembered
    assert database.is_file() and leftovers() == []


def test_a_full_disk_part_way_keeps_what_was_saved_and_is_one_line(
    server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    open_feed_state().close()  # from an earlier fetch
    # A GUID longer than a page: remembering the item needs pages the disk no longer has.
    configure(server, guid="g" * 20_000)
    with full_disk():
        assert main(["fetch"]) == 2

    out, err = capsys.readouterr()
    database = paths.feed_state_database()
    assert err.splitlines()[-1] == (
        f"tolk: error: cannot use the feed database {database} (database or disk is full): "
        "the disk is full: free some space and try again"
    )
    assert "Traceback" not in err
    (saved,) = saved_articles()  # its file was written before the database failed, and stays
    assert str(saved) in out  # so it is listed: it is in the library
    assert leftovers() == []

    # Space again: the saved article is known by its file name, and not fetched twice.
    server.requests.clear()
    assert main(["fetch"]) == 0
    assert saved_articles() == [saved]
    assert server.paths_requested() == ["/n/feed.rss"]
