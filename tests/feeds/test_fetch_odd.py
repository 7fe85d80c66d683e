"""Fetching odd feeds and pages from a loopback server: encodings guessed and said, items
without a link, URLs reported as written and said once, a bug in a parser costing one feed or
one page, and tolk's own storage failing, which alone ends a run."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.feed_pages import LEAD, article_page, rss
from tests.support.feed_server import FeedServer, serve_feeds
from tests.support.odd_feeds import encoded, item_title, rss_text
from tolk import paths
from tolk.config import FeedSource, load_config
from tolk.feeds.fetching import FetchReport, fetch_feeds
from tolk.feeds.state import FeedState, open_feed_state
from tolk.feeds.web_client import WebClient
from tolk.library.articles import Paragraph, read_article


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve_feeds() as feeds:
        yield feeds


@pytest.fixture
def state() -> Iterator[FeedState]:
    opened = open_feed_state()
    yield opened
    opened.close()


def fetch(feeds: list[FeedSource], state: FeedState) -> FetchReport:
    return fetch_feeds(feeds, library=paths.feeds_dir(), state=state, client=WebClient(timeout=10))


def one_item_feed(server: FeedServer, folder: str, page: bytes, **page_route: Any) -> str:
    server.add(f"{folder}/sak", page, **page_route)
    return server.add(f"{folder}/feed.rss", rss("Avisa", [("Det er år siden", "sak", "g", None)]))


def test_a_windows_1252_page_declared_utf8_is_read_right_and_the_guess_said(
    server: FeedServer, state: FeedState
) -> None:
    page = article_page("Det er år siden").encode("cp1252")  # its <meta> says utf-8
    header = one_item_feed(server, "h", page, content_type="text/html; charset=utf-8")
    meta = one_item_feed(server, "m", page, content_type="text/html")

    report = fetch([FeedSource(header, "Header"), FeedSource(meta, "Meta")], state)

    assert report.failures == []
    for added in report.added:
        assert read_article(added.path).paragraphs[1] == Paragraph(LEAD)  # "står", "møtet"
        assert "\ufffd" not in added.path.read_text(encoding="utf-8")
    assert [(w.feed, w.item_url, w.message) for w in report.warnings] == [
        (
            "Header",
            server.url("h/sak"),
            "encoding guessed: read as windows-1252 (the server says UTF-8, but it is not "
            "valid UTF-8; the page declares UTF-8, but it is not valid UTF-8)",
        ),
        (
            "Meta",
            server.url("m/sak"),
            "encoding guessed: read as windows-1252 (the page declares UTF-8, but it is not "
            "valid UTF-8)",
        ),
    ]


def test_a_page_with_an_empty_meta_charset_is_not_read_as_mojibake(
    server: FeedServer, state: FeedState
) -> None:
    page = article_page("Det er år siden").replace('charset="utf-8"', 'charset=""')
    url = one_item_feed(server, "e", page.encode("cp1252"), content_type="text/html")

    report = fetch([FeedSource(url, "Avisa")], state)

    assert read_article(report.added[0].path).paragraphs[1] == Paragraph(LEAD)
    assert [w.message for w in report.warnings] == [
        "encoding guessed: read as windows-1252 (no encoding is declared and it is not UTF-8)"
    ]


def test_a_utf8_page_served_as_latin1_is_read_as_utf8(server: FeedServer, state: FeedState) -> None:
    page = article_page("Det er år siden").encode("utf-8")
    url = one_item_feed(server, "u", page, content_type="text/html; charset=iso-8859-1")

    report = fetch([FeedSource(url, "Avisa")], state)

    assert read_article(report.added[0].path).paragraphs[1] == Paragraph(LEAD)
    assert [w.message for w in report.warnings] == [
        "encoding guessed: read as UTF-8 (the server says ISO-8859-1, but it is UTF-8)"
    ]


def test_a_feed_in_utf16_and_one_in_an_encoding_nobody_knows(
    server: FeedServer, state: FeedState
) -> None:
    server.add("a/sak", article_page("Sak"))
    server.add("b/sak", article_page("Sak"))
    utf16 = encoded(rss_text("a", server.url("a/sak"), "utf-16"), "utf-16")
    bogus = encoded(rss_text("b", server.url("b/sak"), "bogus"), "cp1252")
    utf16_url = server.add("a/feed", utf16, content_type="application/rss+xml")
    bogus_url = server.add("b/feed", bogus, content_type="application/rss+xml")

    report = fetch([FeedSource(utf16_url), FeedSource(bogus_url)], state)

    assert report.failures == []
    assert [(a.feed, a.title) for a in report.added] == [
        ("Avisa på Åsane", item_title("a")),
        ("Avisa på Åsane", item_title("b")),
    ]
    assert [(w.feed_url, w.item_url) for w in report.warnings] == [(bogus_url, None)]
    assert report.warnings[0].line() == (
        f"Avisa på Åsane ({bogus_url}): encoding guessed: read as windows-1252 (the feed declares "
        '"bogus", an encoding tolk does not know)'
    )


def test_an_item_whose_guid_is_not_a_url_is_an_item_without_a_link(
    server: FeedServer, state: FeedState
) -> None:
    server.add("g/ok", article_page("Med lenke"))
    url = server.add(
        "g/feed.rss",
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Avisa</title>
<item><title>Sak sju</title><guid>sak-7</guid></item>
<item><title>Sak åtte</title><guid isPermaLink="false">sak-8</guid></item>
<item><title>Med lenke</title><link>ok</link><guid>sak-9</guid></item>
<item><guid>http://127.0.0.1:9/x</guid><title>Lenke i guid</title><link>ok</link></item>
</channel></rss>""",
    )

    report = fetch([FeedSource(url)], state)

    assert "/g/sak-7" not in server.paths_requested()
    assert [a.title for a in report.added] == ["Med lenke"]
    assert report.failures == []
    assert [w.line() for w in report.warnings] == [
        f'Avisa ({url}): item "Sak sju" has no link (its guid "sak-7" is not a URL); skipped',
        f'Avisa ({url}): item "Sak åtte" has no link; skipped',
    ]


def test_a_file_url_is_reported_as_written(server: FeedServer, state: FeedState) -> None:
    url = server.add("f/feed.rss", rss("Avisa", [("Passord", "file:///etc/passwd", "p", None)]))

    report = fetch([FeedSource(url)], state)

    assert [(f.item_url, f.reason) for f in report.failures] == [
        ("file:///etc/passwd", "not an http(s) URL; not followed")
    ]


def test_a_bad_feed_url_is_said_once(state: FeedState) -> None:
    feeds = [
        FeedSource("file:///etc/passwd"),
        FeedSource("http://[::1/feed"),
        FeedSource("htp://example.org/feed", "Skrivefeil"),
        FeedSource("http://127.0.0.1:99999/feed"),
        FeedSource("https://exa mple.org/feed"),
    ]

    report = fetch(feeds, state)

    assert [f.line() for f in report.failures] == [
        "file:///etc/passwd: not an http(s) URL",
        "http://[::1/feed: not a valid URL (Invalid IPv6 URL)",
        "Skrivefeil (htp://example.org/feed): not an http(s) URL",
        "127.0.0.1 (http://127.0.0.1:99999/feed): not a valid URL (Port out of range 0-65535)",
        "exa mple.org (https://exa mple.org/feed): not a valid URL (it has spaces or control "
        "characters)",
    ]


def test_a_url_listed_twice_keeps_its_name() -> None:
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text(
        'feeds = ["https://a.no/rss", "https://b.no/rss", {url = "https://a.no/rss", '
        'name = "A"}, {url = "https://b.no/rss", name = "B"}, {url = "https://b.no/rss", '
        'name = "Annen B"}, " https://a.no/rss "]\n'
    )
    loaded = load_config()
    assert loaded.config.feeds == (
        FeedSource("https://a.no/rss", "A"),
        FeedSource("https://b.no/rss", "B"),
    )
    assert loaded.warnings == ()


def test_a_parser_that_breaks_on_one_feed_or_page_costs_only_that_one(
    server: FeedServer, state: FeedState, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in feedparser or trafilatura (made here: each raises on a marked document) is
    that feed's or page's failure, named; the run goes on."""
    import feedparser
    import trafilatura

    def breaks_on_mark(real: Any) -> Any:
        def call(document: Any, *args: Any, **kwargs: Any) -> Any:
            text = document.getvalue().decode() if hasattr(document, "getvalue") else document
            if "Brekker" in text:
                raise RecursionError("maximum recursion depth exceeded")
            return real(document, *args, **kwargs)

        return call

    monkeypatch.setattr(feedparser, "parse", breaks_on_mark(feedparser.parse))
    monkeypatch.setattr(trafilatura, "bare_extraction", breaks_on_mark(trafilatura.bare_extraction))
    server.add("p/brekker", article_page("Brekker"))
    server.add("p/hel", article_page("Hel"))
    broken = server.add("p/broken.rss", rss("Brekker", [("x", "hel", "1", None)]))
    items: list[tuple[str, str, str | None, str | None]] = [
        ("Sak", "brekker", "2", None),
        ("Hel", "hel", "3", None),
    ]
    good = server.add("p/good.rss", rss("Avisa", items))

    report = fetch([FeedSource(broken), FeedSource(good)], state)

    reason = "could not be read (RecursionError: maximum recursion depth exceeded)"
    assert [(f.feed_url, f.item_url, f.reason) for f in report.failures] == [
        (broken, None, reason),
        (good, server.url("p/brekker"), reason),
    ]
    assert [a.title for a in report.added] == ["Hel"]


def full_feed_state() -> FeedState:
    """The feed database with no room left: SQLite's own page limit, reached by filling it."""
    open_feed_state().close()  # its tables
    db = sqlite3.connect(paths.feed_state_database(), check_same_thread=False)
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    with contextlib.suppress(sqlite3.OperationalError):
        for number in range(100_000):
            with db:
                db.execute(
                    "INSERT INTO items VALUES ('filler', ?, ?, NULL, ?, '')",
                    (str(number), f"filler-{number}", "x" * 100),
                )
    return FeedState(db, paths.feed_state_database())


def test_a_full_feed_database_ends_the_run_with_a_clear_message(server: FeedServer) -> None:
    first = one_item_feed(server, "a", article_page("Sak").encode())
    second = one_item_feed(server, "b", article_page("Sak").encode())
    state = full_feed_state()
    try:
        report = fetch([FeedSource(first, "A"), FeedSource(second, "B")], state)
    finally:
        state.close()

    assert report.stopped == (
        f"cannot use the feed database {paths.feed_state_database()} (database or disk is "
        "full): the disk is full: free some space and try again"
    )
    # The article saved before the database failed is reported; the next feed was not asked.
    assert [a.feed for a in report.added] == ["A"]
    assert report.added[0].path.is_file()
    assert not any(path.startswith("/b/") for path in server.paths_requested())


def test_a_feed_folder_that_cannot_be_made_ends_the_run(
    server: FeedServer, state: FeedState
) -> None:
    first = one_item_feed(server, "a", article_page("Sak").encode())
    second = one_item_feed(server, "b", article_page("Sak").encode())
    paths.feeds_dir().parent.mkdir(parents=True, exist_ok=True)
    paths.feeds_dir().write_text("a file where the folder should be")

    report = fetch([FeedSource(first, "A"), FeedSource(second, "B")], state)

    assert report.stopped is not None
    assert report.stopped.startswith(f"cannot save articles in {paths.feeds_dir()}/")
    assert report.stopped.endswith("nothing more was fetched: fix that and run tolk fetch again")
    assert report.added == [] and report.failures == []
    assert not any(path.startswith("/b/") for path in server.paths_requested())
