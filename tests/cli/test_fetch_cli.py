"""`tolk fetch [--json]`, as a user runs it, against a loopback server; and the same fetch
from the reader (key F), whose new articles are listed, opened and translated."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.pilot import (
    make_app,
    open_article,
    reader_screen,
    settle,
    wait_for_scan,
    write_config,
)
from tests.support.english import assert_english, cipher_text
from tests.support.feed_pages import BILLION_LAUGHS, BODY_3, article_page, rss
from tests.support.feed_server import FeedServer, serve_feeds
from tests.support.loopback import free_loopback_port
from tests.support.odd_feeds import encoded, odd_feeds, rss_text
from tolk import paths
from tolk.cli import main
from tolk.cli.reader import default_roots
from tolk.config import load_config
from tolk.feeds.web_client import FetchError, WebClient, _network_error
from tolk.library.articles import read_article


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve_feeds() as feeds:
        yield feeds


def configure(server: FeedServer, *, broken_item: bool = False) -> str:
    server.add("n/1", article_page("Stoltenberg vil samle alliansen"))
    server.add("n/2", article_page("Ny sak om alliansen"))
    items = [
        ("Stoltenberg vil samle alliansen", "1", "g1", "Tue, 02 Jan 2024 09:00:00 +0100"),
        ("Ny sak om alliansen", "2", "g2", "Wed, 03 Jan 2024 09:00:00 +0100"),
    ]
    if broken_item:
        items.append(("Borte", "borte", "g3", None))
    url = server.add("n/feed.rss", rss("Testavisa", items))
    write_config(f'feeds = [{{url = "{url}", name = "Avisa"}}]\n')
    return url


def saved_files() -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(paths.feeds_dir().rglob("*.txt"))}


def tolk_fetch(*args: str) -> subprocess.CompletedProcess[str]:
    """`tolk fetch` as the user runs it, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "tui", "fetch", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )


def test_hundreds_of_odd_feeds_in_one_config(server: FeedServer) -> None:
    """The corpus of odd feeds (tests/support/odd_feeds.py) in one config: one failed entry
    per feed that cannot be read, every other feed's item saved with its title read right, a
    warning for each guessed encoding, and no traceback."""
    corpus = odd_feeds(lambda case: server.url(f"sak/{case}"))
    page = article_page("Sak").encode()
    urls = {}
    for number, feed in enumerate(corpus):
        server.add(f"sak/{feed.name}", page)
        urls[feed.name] = server.add(f"odd/{number}.xml", feed.body, content_type=feed.content_type)
    write_config("feeds = [\n" + "".join(f'  "{url}",\n' for url in urls.values()) + "]\n")

    result = tolk_fetch("--json")

    assert len(corpus) > 500
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert all(line.startswith("tolk: ") for line in result.stderr.splitlines())
    report = json.loads(result.stdout)
    titles = {added["url"]: added["title"] for added in report["added"]}
    failed = {entry["feed_url"]: entry for entry in report["failed"]}
    assert len(failed) == len(report["failed"])  # one entry per failed feed
    assert all(entry["item_url"] is None for entry in report["failed"])
    guessed = {w["feed_url"] for w in report["warnings"] if w["message"].startswith("encoding")}
    for feed in corpus:
        url = urls[feed.name]
        if feed.refused:
            assert failed[url]["reason"].startswith("refused"), feed.name
        elif feed.title is not None:
            assert titles.get(server.url(f"sak/{feed.name}")) == feed.title, feed.name
            assert url not in failed, feed.name
            assert (url in guessed) == feed.guessed, feed.name
    assert result.stderr.splitlines()[-1] == (
        f"tolk: {len(report['added'])} new articles from {len(corpus)} feeds, "
        f"{len(report['failed'])} failed, {len(report['warnings'])} warnings"
    )


def test_a_feed_in_utf16_and_one_in_an_unknown_encoding_as_the_user_sees_them(
    server: FeedServer,
) -> None:
    server.add("a/sak", article_page("Sak"))
    server.add("b/sak", article_page("Sak"))
    utf16 = encoded(rss_text("a", server.url("a/sak"), "utf-16", "Новости "), "utf-16")
    bogus = encoded(rss_text("b", server.url("b/sak"), "finnes-ikke"), "utf-8")
    utf16_url = server.add("a/feed", utf16, content_type="application/rss+xml")
    bogus_url = server.add("b/feed", bogus, content_type="application/rss+xml")
    write_config(f'feeds = ["{utf16_url}", {{url = "{bogus_url}", name = "Ukjent"}}]\n')

    result = tolk_fetch()

    assert result.returncode == 0, result.stderr
    assert [line.split(" (")[0] for line in result.stdout.splitlines()] == [
        "Avisa på Åsane: Sak om år og øl Новости",
        "Ukjent: Sak om år og øl",
    ]
    assert result.stderr.splitlines() == [
        f"tolk: warning: Ukjent ({bogus_url}): encoding guessed: read as UTF-8 (the feed "
        'declares "finnes-ikke", an encoding tolk does not know)',
        "tolk: 2 new articles from 2 feeds, 1 warning",
    ]
    again = json.loads(tolk_fetch("--json").stdout)
    assert again == {"added": [], "failed": [], "warnings": again["warnings"], "stopped": None}


def test_bad_urls_are_said_once_and_a_url_listed_twice_keeps_its_name(server: FeedServer) -> None:
    url = configure(server)
    write_config(
        f'feeds = ["{url}", "file:///etc/passwd", "http://[::1/feed", '
        f'{{url = "{url}", name = "Avisa"}}]\n'
    )

    result = tolk_fetch()

    assert result.returncode == 1
    assert [line.split(" (")[0] for line in result.stdout.splitlines()] == [
        "Avisa: Stoltenberg vil samle alliansen",
        "Avisa: Ny sak om alliansen",
    ]
    assert result.stderr.splitlines() == [
        "tolk: error: file:///etc/passwd: not an http(s) URL",
        "tolk: error: http://[::1/feed: not a valid URL (Invalid IPv6 URL)",
        "tolk: 2 new articles from 3 feeds, 2 failed",
    ]


def test_a_storage_failure_ends_the_run_with_a_clear_message(server: FeedServer) -> None:
    configure(server)
    paths.feeds_dir().parent.mkdir(parents=True, exist_ok=True)
    paths.feeds_dir().write_text("a file where the folder should be")

    result = tolk_fetch("--json")

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["added"] == [] and report["failed"] == []
    assert report["stopped"].startswith(f"cannot save articles in {paths.feeds_dir()}/")
    assert result.stderr.splitlines()[-1] == f"tolk: error: {report['stopped']}"


def test_fetch_prints_each_article_and_a_second_run_adds_nothing(
    server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(server)
    assert main(["fetch"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        "Avisa: Stoltenberg vil samle alliansen",
        "Avisa: Ny sak om alliansen",
    ]
    assert err.strip() == "tolk: 2 new articles from 1 feed"
    assert len(saved_files()) == 2

    assert main(["fetch"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == "tolk: 0 new articles from 1 feed"


def test_fetch_json_reports_what_was_added_and_what_failed(
    server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(server, broken_item=True)
    assert main(["fetch", "--json"]) == 1
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert [(a["feed"], a["title"], a["date"]) for a in report["added"]] == [
        ("Avisa", "Stoltenberg vil samle alliansen", "2024-01-02"),
        ("Avisa", "Ny sak om alliansen", "2024-01-03"),
    ]
    assert all(Path(a["path"]).is_file() for a in report["added"])
    assert report["added"][0]["url"] == server.url("n/1")
    assert report["failed"] == [
        {
            "feed": "Avisa",
            "feed_url": server.url("n/feed.rss"),
            "item_url": server.url("n/borte"),
            "reason": "HTTP 404 Not Found",
        }
    ]
    assert f"tolk: error: Avisa: {server.url('n/borte')}: HTTP 404 Not Found" in err


def test_with_the_server_down_fetch_fails_and_saved_articles_are_untouched(
    server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(server)
    assert main(["fetch"]) == 0
    before = saved_files()
    down = f"http://127.0.0.1:{free_loopback_port()}/n/feed.rss"
    write_config(f'feeds = [{{url = "{down}", name = "Avisa"}}]\n')
    capsys.readouterr()

    assert main(["fetch"]) == 1

    err = capsys.readouterr().err
    assert f"tolk: error: Avisa ({down}): connection refused (is the server down?)" in err
    assert saved_files() == before


def test_without_a_network_it_says_so_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config('feeds = ["https://www.nrk.no/toppsaker.rss", "https://www.vg.no/rss"]\n')

    def no_network(self: WebClient, url: str, **kwargs: object) -> None:
        raise _network_error(socket.gaierror(socket.EAI_AGAIN, "Temporary failure"))

    monkeypatch.setattr(WebClient, "get", no_network)
    assert main(["fetch"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "tolk: no network: could not reach any feed (cannot resolve the host (Temporary failure))"
    ]


def test_no_network_is_told_apart_from_a_server_away() -> None:
    assert _network_error(socket.gaierror(socket.EAI_AGAIN, "x")).offline
    assert _network_error(OSError(101, "Network is unreachable")).offline
    assert not _network_error(ConnectionRefusedError(111, "refused")).offline
    assert not _network_error(socket.gaierror(socket.EAI_NONAME, "unknown host")).offline
    assert isinstance(_network_error(TimeoutError()), FetchError)


def test_no_feeds_configured(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch"]) == 2
    assert "no feeds in" in capsys.readouterr().err


async def test_the_reader_fetches_lists_opens_and_translates(
    server: FeedServer, installed_cipher_model: Path
) -> None:
    configure(server)
    app = make_app(*default_roots(load_config()))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        articles = screen.sidebar.article_list
        before = articles.total_count

        await pilot.press("F")
        await settle(pilot)

        assert articles.total_count == before + 2
        titles = [summary.title for summary in articles.shown]
        assert titles[:2] == ["Ny sak om alliansen", "Stoltenberg vil samle alliansen"]
        assert any(n.title == "Feeds" and n.message == "2 new articles" for n in app._notifications)
        # prefetch_next is on: the new articles are in the translation cache before opening.
        translator = screen.translator
        assert translator is not None
        cached = translator.cache.lookup(  # type: ignore[union-attr]
            translator.model.key, translator.model.options.cache_key(), [BODY_3]
        )
        assert cached == {BODY_3: cipher_text(BODY_3)}

        await open_article(pilot, 1)
        assert screen.article is not None and screen.article.source is not None
        assert screen.article.source.feed == "Avisa"
        title = screen.sub_title
        assert title.startswith("2 Jan 2024 · ") and title.endswith(
            " · Avisa · Stoltenberg vil samle alliansen"
        )
        article = read_article(screen.article.path)
        assert_english(
            (paragraph.text, screen.parallel_text.translation(index) or "")
            for index, paragraph in enumerate(article.paragraphs)
        )

        # Again: nothing new, nothing listed twice.
        await pilot.press("F")
        await settle(pilot)
        assert articles.total_count == before + 2


async def test_the_reader_says_when_there_are_no_feeds() -> None:
    app = make_app(*default_roots(load_config()))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert any("No feeds to fetch" in n.message for n in app._notifications)


async def test_the_reader_says_which_feed_failed_and_which_encoding_was_guessed(
    server: FeedServer,
) -> None:
    """F runs the same fetch: the refused feed and the guessed encoding are in the notice,
    whose feed names are shown as written, not read as markup (`[/]` would break it)."""
    from textual.markup import to_content

    server.add("b/sak", article_page("Sak"))
    bogus = encoded(rss_text("b", server.url("b/sak"), "bogus"), "cp1252")
    bogus_url = server.add("b/feed", bogus, content_type="application/rss+xml")
    laughs = server.add("c/feed", BILLION_LAUGHS.encode("utf-16"), content_type="text/xml")
    write_config(
        f'feeds = [{{url = "{laughs}", name = "[/] [@click=app.quit]Ond"}}, "{bogus_url}"]\n'
    )
    app = make_app(*default_roots(load_config()))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await pilot.press("F")
        await settle(pilot)

        notice = next(n for n in app._notifications if n.title == "Feeds")
        assert notice.severity == "warning"
        assert to_content(notice.message).plain.splitlines() == [
            "1 new article; 1 failed, 1 warning:",
            f"failed: [/] [@click=app.quit]Ond ({laughs}): refused: the feed declares XML "
            "entities (EntitiesForbidden)",
            f"warning: Avisa på Åsane ({bogus_url}): encoding guessed: read as windows-1252 "
            '(the feed declares "bogus", an encoding tolk does not know)',
        ]
        assert app.is_running
