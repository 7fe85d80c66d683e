"""Fetching feeds from a loopback server the tests start (127.0.0.1 only, never the network)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.feed_pages import (
    BILLION_LAUGHS,
    BODY,
    BODY_2,
    BODY_3,
    BOILERPLATE,
    EXTERNAL_ENTITY,
    LEAD,
    SUBHEADING,
    article_page,
    atom,
    rss,
)
from tests.support.feed_server import FeedServer, serve_feeds
from tolk import paths
from tolk.config import FeedSource
from tolk.feeds.fetching import FetchReport, fetch_feeds
from tolk.feeds.parsing import FeedError, parse_feed
from tolk.feeds.state import FeedState, open_feed_state
from tolk.feeds.web_client import USER_AGENT, WebClient
from tolk.library.articles import Paragraph, ParagraphKind, read_article
from tolk.library.dates import ArticleDate, Precision
from tolk.library.source import ArticleSource

RSS_DATE = "Tue, 02 Jan 2024 00:30:00 +0100"  # 1 January in UTC: the publisher's day is kept


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve_feeds() as feeds:
        yield feeds


@pytest.fixture
def state() -> Iterator[FeedState]:
    opened = open_feed_state()
    yield opened
    opened.close()


def fetch(feeds: list[FeedSource], state: FeedState, *, timeout: float = 10) -> FetchReport:
    client = WebClient(timeout=timeout)
    return fetch_feeds(feeds, library=paths.feeds_dir(), state=state, client=client)


def saved_files() -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(paths.feeds_dir().rglob("*")) if p.is_file()}


def news_feed(server: FeedServer) -> str:
    server.add("nyheter/sak-1", article_page("Stoltenberg vil samle alliansen"))
    server.add("nyheter/sak-2", article_page("Ny sak om alliansen", lead="Kort ingress her."))
    items = [
        ("Stoltenberg vil samle alliansen", "sak-1", "guid-1", RSS_DATE),  # relative to the feed
        ("Ny sak om alliansen", "/nyheter/sak-2", "guid-2", None),  # relative to the host
    ]
    return server.add("nyheter/feed.rss", rss("Testavisa", items), etag='"v1"')


def test_rss_items_are_saved_as_whole_articles_without_boilerplate(
    server: FeedServer, state: FeedState
) -> None:
    url = news_feed(server)
    report = fetch([FeedSource(url)], state)

    assert report.failures == []
    assert [a.title for a in report.added] == [
        "Stoltenberg vil samle alliansen",
        "Ny sak om alliansen",
    ]
    first = read_article(report.added[0].path)
    assert first.title == "Stoltenberg vil samle alliansen"
    assert first.date == ArticleDate(2024, 1, 2, Precision.DAY)
    assert first.source == ArticleSource(server.url("nyheter/sak-1"), "Testavisa")
    assert first.paragraphs == (
        Paragraph("Stoltenberg vil samle alliansen"),
        Paragraph(LEAD),
        Paragraph(BODY),
        Paragraph(SUBHEADING, ParagraphKind.HEADING),
        Paragraph(BODY_2),
        Paragraph(BODY_3),
    )
    text = report.added[0].path.read_text(encoding="utf-8")
    for boilerplate in BOILERPLATE:
        assert boilerplate not in text
    second = read_article(report.added[1].path)
    assert second.date is None  # no date in the item or the page: none is made up
    assert second.paragraphs[1] == Paragraph("Kort ingress her.")
    # One folder per feed, in the data dir's feeds/.
    assert report.added[0].path.parent == report.added[1].path.parent
    assert report.added[0].path.parent.parent == paths.feeds_dir()


def test_a_second_fetch_adds_nothing_and_asks_conditionally(
    server: FeedServer, state: FeedState
) -> None:
    url = news_feed(server)
    assert len(fetch([FeedSource(url, "Avisa")], state).added) == 2
    before = saved_files()
    server.requests.clear()

    again = fetch([FeedSource(url, "Avisa")], state)

    assert (again.added, again.failures) == ([], [])
    assert server.paths_requested() == ["/nyheter/feed.rss"]
    assert server.requests[0].headers["If-None-Match"] == '"v1"'
    assert saved_files() == before
    # Without the ETag the feed is read again, and its items are still known by GUID.
    server.routes["/nyheter/feed.rss"].etag = None
    server.requests.clear()
    assert fetch([FeedSource(url, "Avisa")], state).added == []
    assert server.paths_requested() == ["/nyheter/feed.rss"]


def test_saved_items_are_recognised_without_the_database(server: FeedServer) -> None:
    url = news_feed(server)
    first = open_feed_state()
    assert len(fetch([FeedSource(url)], first).added) == 2
    first.close()
    before = saved_files()
    for path in paths.data_dir().glob("feeds.sqlite*"):
        path.unlink()
    server.requests.clear()
    fresh = open_feed_state()
    assert fetch([FeedSource(url)], fresh).added == []
    fresh.close()
    assert server.paths_requested() == ["/nyheter/feed.rss"]
    assert saved_files() == before


def test_atom_with_relative_links_and_duplicate_guids(server: FeedServer, state: FeedState) -> None:
    server.add("a/en", article_page("Første sak"))
    server.add("a/to", article_page("Andre sak"))
    entries = [
        ("Første sak", "en", "tag:test,2024:1", "2024-01-03T23:30:00-05:00"),
        ("Første sak igjen", "en?igjen", "tag:test,2024:1", "2024-01-03T10:00:00Z"),
        ("Andre sak", "/a/to", "tag:test,2024:2", "2024-02"),
    ]
    url = server.add("a/atom.xml", atom("Atomavisa", entries), content_type="application/atom+xml")

    report = fetch([FeedSource(url)], state)

    assert report.failures == []
    assert [(a.feed, a.title) for a in report.added] == [
        ("Atomavisa", "Første sak"),
        ("Atomavisa", "Andre sak"),
    ]
    assert sorted(server.paths_requested()) == ["/a/atom.xml", "/a/en", "/a/to"]
    assert report.added[0].date == ArticleDate(2024, 1, 3, Precision.DAY)
    assert report.added[1].date == ArticleDate(2024, 2, precision=Precision.MONTH)


def test_a_404_fails_that_item_only_and_is_not_asked_for_again(
    server: FeedServer, state: FeedState
) -> None:
    server.add("s/1", article_page("Finnes"))
    items = [("Borte", "/s/borte", "g-404", None), ("Finnes", "/s/1", "g-1", None)]
    url = server.add("s/feed.rss", rss("Avisa", items))

    report = fetch([FeedSource(url)], state)

    assert [a.title for a in report.added] == ["Finnes"]
    assert [(f.item_url, f.reason) for f in report.failures] == [
        (server.url("s/borte"), "HTTP 404 Not Found")
    ]
    assert report.failures[0].line() == f"Avisa: {server.url('s/borte')}: HTTP 404 Not Found"
    server.requests.clear()
    again = fetch([FeedSource(url)], state)
    assert (again.added, again.failures) == ([], [])
    assert server.paths_requested() == ["/s/feed.rss"]


def test_a_slow_server_times_out_and_the_item_is_tried_again(
    server: FeedServer, state: FeedState
) -> None:
    answer = threading.Event()
    server.add("slow/page", article_page("Treg sak"), wait=answer)
    url = server.add("slow/feed.rss", rss("Avisa", [("Treg sak", "page", "g", None)]), etag='"1"')

    report = fetch([FeedSource(url)], state, timeout=0.2)

    assert report.added == []
    assert [(f.item_url, f.reason) for f in report.failures] == [
        (server.url("slow/page"), "timed out")
    ]
    answer.set()
    server.requests.clear()
    # The feed's ETag was not kept while an item was left to do, so there is no 304 hiding it.
    retried = fetch([FeedSource(url)], state)
    assert [a.title for a in retried.added] == ["Treg sak"]
    assert "If-None-Match" not in server.requests[0].headers


def test_a_page_in_iso_8859_1(server: FeedServer, state: FeedState) -> None:
    page = article_page("Særlig øl på Åsane").replace('charset="utf-8"', 'charset="iso-8859-1"')
    server.add("l/header", page.encode("iso-8859-1"), content_type="text/html; charset=ISO-8859-1")
    server.add("l/meta", page.encode("iso-8859-1"), content_type="text/html")
    items = [("Særlig øl på Åsane", "header", "1", None), ("Særlig øl", "meta", "2", None)]
    url = server.add("l/feed.rss", rss("Avisa", items))

    report = fetch([FeedSource(url)], state)

    assert report.failures == []
    for added in report.added:
        article = read_article(added.path)
        assert article.paragraphs[1] == Paragraph(LEAD)  # "Generalsekretæren … møtet"
        assert "\ufffd" not in added.path.read_text(encoding="utf-8")


def test_an_oversized_page_and_feed_are_refused(
    server: FeedServer, state: FeedState, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tolk.feeds.fetching.PAGE_MAX_BYTES", 20_000)
    server.add("big/page", article_page("Stor sak", extra=" Mer tekst." * 5000))
    server.add("big/small", article_page("Liten sak"))
    items = [("Stor sak", "page", "1", None), ("Liten sak", "small", "2", None)]
    url = server.add("big/feed.rss", rss("Avisa", items))

    report = fetch([FeedSource(url)], state)

    assert [a.title for a in report.added] == ["Liten sak"]
    assert len(report.failures) == 1
    assert report.failures[0].reason.startswith("larger than 20 kB")


def test_links_that_are_not_http_are_never_followed(server: FeedServer, state: FeedState) -> None:
    secret = Path(paths.config_dir(), "secret.txt")
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text("hemmelig")
    server.add("r/to-file", b"", status=302, headers={"Location": secret.as_uri()})
    server.add("r/loop", b"", status=302, headers={"Location": "/r/loop2"})
    server.add("r/loop2", b"", status=302, headers={"Location": "/r/loop"})
    items = [
        ("Fil", secret.as_uri(), "file", None),
        ("Omdirigert", "/r/to-file", "redirect", None),
        ("Sirkel", "/r/loop", "loop", None),
    ]
    url = server.add("r/feed.rss", rss("Avisa", items))

    report = fetch([FeedSource(url)], state)

    assert report.added == []
    reasons = [f.reason for f in report.failures]
    assert reasons[0] == "not an http(s) URL; not followed"
    assert reasons[1].startswith("redirected to a URL that is not http(s)")
    assert reasons[2].startswith("too many redirects")
    assert all("hemmelig" not in p.read_text() for p in paths.feeds_dir().rglob("*.txt"))
    assert server.paths_requested().count("/r/loop") <= 6


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (BILLION_LAUGHS, "refused: the feed declares XML entities"),
        (EXTERNAL_ENTITY, "refused: the feed declares XML entities"),
        ("<rss><channel><item><title>Halv", "not an RSS, Atom or RDF feed"),
        ("<html><body>Ikke en feed</body></html>", "not an RSS, Atom or RDF feed"),
        ("<rss></channel><!DOCTYPE x [<!ENTITY a 'b'>]>&a;", "refused: not well-formed"),
    ],
)
def test_hostile_and_broken_feeds_fail_alone(
    server: FeedServer, state: FeedState, document: str, reason: str
) -> None:
    bad = server.add("x/bad.xml", document, content_type="application/xml")
    good = news_feed(server)

    report = fetch([FeedSource(bad, "Ond"), FeedSource(good, "God")], state)

    assert [f.feed for f in report.failures] == ["Ond"]
    assert report.failures[0].item_url is None
    assert report.failures[0].reason.startswith(reason)
    assert report.failures[0].line().startswith(f"Ond ({bad}): {reason}")
    assert len(report.added) == 2
    assert "/laughs" not in server.paths_requested()


def test_billion_laughs_is_refused_before_any_expansion() -> None:
    with pytest.raises(FeedError, match="EntitiesForbidden"):
        parse_feed(BILLION_LAUGHS.encode(), "http://127.0.0.1/feed")
    with pytest.raises(FeedError, match="refused"):
        parse_feed(BILLION_LAUGHS.encode("utf-16"), "http://127.0.0.1/feed")


def test_rdf_feeds_are_read() -> None:
    rdf = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://127.0.0.1/"><title>RDF-avisa</title><link>http://127.0.0.1/</link>
<description>x</description></channel>
<item rdf:about="http://127.0.0.1/r/1"><title>En sak</title><link>http://127.0.0.1/r/1</link>
<dc:date>2023-11-05T08:00:00+01:00</dc:date></item></rdf:RDF>"""
    parsed = parse_feed(rdf.encode(), "http://127.0.0.1/rdf")
    assert parsed.title == "RDF-avisa"
    assert [(i.url, i.title, i.date) for i in parsed.items] == [
        ("http://127.0.0.1/r/1", "En sak", ArticleDate(2023, 11, 5, Precision.DAY))
    ]


def test_manners_user_agent_and_one_request_at_a_time(server: FeedServer, state: FeedState) -> None:
    url = news_feed(server)
    fetch([FeedSource(url)], state)
    assert {r.headers["User-Agent"] for r in server.requests} == {USER_AGENT}
    assert USER_AGENT.startswith("tolk/")


def test_one_request_at_a_time_per_host(server: FeedServer) -> None:
    answer = threading.Event()
    slow = server.add("h/slow", "ok", wait=answer)
    client = WebClient(timeout=10)
    first = threading.Thread(target=client.get, args=(slow,), kwargs={"max_bytes": 100})
    first.start()
    try:
        assert server.routes["/h/slow"].arrived.wait(timeout=10)
        # While that request is out, another to the same host waits; another host does not.
        assert client._host_lock(server.url("h/other")).locked()
        assert not client._host_lock("http://localhost/").locked()
    finally:
        answer.set()
        first.join()
    assert not client._host_lock(server.url("h/other")).locked()


def test_a_server_that_is_down_is_a_failure_and_saved_articles_stay(
    server: FeedServer, state: FeedState
) -> None:
    url = news_feed(server)
    fetch([FeedSource(url)], state)
    before = saved_files()
    down = f"http://127.0.0.1:{free_port()}/feed.rss"

    report = fetch([FeedSource(down, "Borte")], state)

    assert report.added == []
    assert [f.line() for f in report.failures] == [
        f"Borte ({down}): connection refused (is the server down?)"
    ]
    assert not report.offline  # a server away is not "no network"
    assert saved_files() == before


def test_the_data_dir_holds_articles_and_sqlite_files_only(
    server: FeedServer, state: FeedState
) -> None:
    fetch([FeedSource(news_feed(server))], state)
    for path in paths.data_dir().rglob("*"):
        if path.is_file():
            assert path.suffix == ".txt" or path.name.startswith("feeds.sqlite"), path


def free_port() -> int:
    from tests.support.loopback import free_loopback_port

    return free_loopback_port()
