"""The web client on urllib3 (issue 25): compressed answers arrive decoded, a compressed bomb
is cut at the size cap before it is inflated, connections are kept alive, the proxies the
environment names are used as urllib used them, and a link with letters outside ASCII is
asked for percent-encoded. Loopback servers only."""

from __future__ import annotations

import gzip
import importlib.util
import time
import tracemalloc
from collections.abc import Iterator

import pytest

from tests.support.feed_pages import article_page, rss
from tests.support.feed_server import FeedServer, Route, serve_feeds
from tolk import paths
from tolk.config import FeedSource
from tolk.feeds.fetching import fetch_feeds
from tolk.feeds.state import open_feed_state
from tolk.feeds.web_client import FetchError, WebClient
from tolk.library.articles import read_article


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve_feeds() as feeds:
        yield feeds


def accepted_encodings(server: FeedServer) -> list[str]:
    return server.requests[-1].headers["Accept-Encoding"].replace(" ", "").split(",")


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_compressed_page_arrives_decoded(server: FeedServer, encoding: str) -> None:
    page = article_page("Stoltenberg vil samle alliansen").encode()
    url = server.add("n/sak", page, compress=encoding)

    response = WebClient(timeout=10).get(url, max_bytes=5_000_000)

    assert server.requests[-1].sent_encoding == encoding  # the server did compress it
    assert response.body == page
    assert response.charset == "utf-8" and response.content_type == "text/html"


def test_the_client_asks_for_brotli_only_where_a_decoder_is_installed(server: FeedServer) -> None:
    url = server.add("n/sak", article_page("Sak"))
    WebClient(timeout=10).get(url, max_bytes=5_000_000)

    accepted = accepted_encodings(server)
    assert accepted[:2] == ["gzip", "deflate"]
    brotli = any(importlib.util.find_spec(name) for name in ("brotli", "brotlicffi"))
    assert ("br" in accepted) == brotli


def test_a_compressed_feed_and_its_pages_are_fetched_and_saved(server: FeedServer) -> None:
    server.add("n/sak-1", article_page("Stoltenberg vil samle alliansen"), compress="gzip")
    items = [("Stoltenberg vil samle alliansen", "sak-1", "g1", None)]
    url = server.add("n/feed.rss", rss("Avisa", items), compress="gzip")
    state = open_feed_state()
    try:
        report = fetch_feeds(
            [FeedSource(url)], library=paths.feeds_dir(), state=state, client=WebClient()
        )
    finally:
        state.close()

    assert report.failures == []
    assert [request.sent_encoding for request in server.requests] == ["gzip", "gzip"]
    (added,) = report.added
    assert read_article(added.path).title == "Stoltenberg vil samle alliansen"


def gzip_bomb(decoded_mb: int) -> bytes:
    """`decoded_mb` MB of zeros in about a thousandth of that: gzip members, one after another
    (a valid gzip body, as a hostile server would send it)."""
    return gzip.compress(bytes(1_000_000)) * decoded_mb


def test_a_compressed_bomb_is_cut_at_the_cap_before_it_is_inflated(server: FeedServer) -> None:
    bomb = gzip_bomb(200)  # 200 MB decoded, about 200 kB sent
    url = server.add("b/bomb", bomb, headers={"Content-Encoding": "gzip"})
    client = WebClient(timeout=10)

    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(FetchError) as raised:
            client.get(url, max_bytes=1_000_000)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert str(raised.value) == "larger than 1.0 MB decompressed (gzip)"
    assert raised.value.permanent
    assert peak < 20_000_000  # the cap and a chunk or two, never the 200 MB
    assert time.monotonic() - started < 10


def test_a_compressed_body_that_is_not_gzip_fails_in_one_line(server: FeedServer) -> None:
    url = server.add("b/broken", b"not gzip at all" * 10, headers={"Content-Encoding": "gzip"})

    with pytest.raises(FetchError) as raised:
        WebClient(timeout=10).get(url, max_bytes=5_000_000)

    assert str(raised.value).startswith("its compressed body could not be decoded")
    assert "\n" not in str(raised.value)


def test_a_connection_is_kept_alive_between_requests_to_one_host() -> None:
    with serve_feeds(keep_alive=True) as server:
        first = server.add("k/1", article_page("En"), compress="gzip")
        second = server.add("k/2", article_page("To"), etag='"v"')
        client = WebClient(timeout=10)
        assert b"En" in client.get(first, max_bytes=5_000_000).body
        assert client.get(second, max_bytes=5_000_000).etag == '"v"'
        assert client.get(second, max_bytes=5_000_000, etag='"v"').not_modified
        client.close()

    ports = {request.port for request in server.requests}
    assert len(server.requests) == 3 and len(ports) == 1


def test_the_proxy_the_environment_names_is_used(
    server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain HTTP proxy gets the whole URL in its request line; the loopback server plays
    one (nothing is asked of the host in the URL)."""
    page = article_page("Via proxy").encode()
    server.routes["http://nyheter.invalid/sak"] = Route(page)
    monkeypatch.setenv("http_proxy", server.base)
    for name in ("no_proxy", "NO_PROXY", "HTTP_PROXY"):
        monkeypatch.delenv(name, raising=False)

    response = WebClient(timeout=10).get("http://nyheter.invalid/sak", max_bytes=5_000_000)

    assert response.body == page
    assert server.paths_requested() == ["http://nyheter.invalid/sak"]

    # A host outside ASCII is asked for in IDNA, as a browser asks for it.
    server.routes["http://xn--blbr-roah.invalid/s"] = Route(page)
    WebClient(timeout=10).get("http://blåbær.invalid/s", max_bytes=5_000_000)
    assert server.paths_requested()[-1] == "http://xn--blbr-roah.invalid/s"


def test_a_link_with_letters_outside_ascii_is_asked_for_percent_encoded(
    server: FeedServer,
) -> None:
    server.add("s/%C3%A5r-2024?q=%C3%B8", article_page("Året"))
    response = WebClient(timeout=10).get(server.url("s/år-2024?q=ø"), max_bytes=5_000_000)
    assert b"\xc3\x85ret" in response.body  # "Året", as the server sent it
    assert server.paths_requested() == ["/s/%C3%A5r-2024?q=%C3%B8"]
