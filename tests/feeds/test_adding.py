"""One article page by URL into the library (issue 25, `tolk add`): saved as `tolk fetch` saves
a feed's items, in `feeds/added/`, its URL kept in the trailer; each URL fails alone."""

from __future__ import annotations

import errno
from collections.abc import Iterator

import pytest

from tests.support.feed_pages import BODY, BODY_3, LEAD, SUBHEADING, article_page
from tests.support.feed_server import FeedServer, serve_feeds
from tolk import paths
from tolk.feeds.adding import AddError, add_page, add_pages
from tolk.feeds.web_client import WebClient
from tolk.library.articles import Paragraph, ParagraphKind, read_article
from tolk.library.source import ArticleSource


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve_feeds() as feeds:
        yield feeds


def test_a_page_is_saved_without_its_boilerplate_and_with_its_url(server: FeedServer) -> None:
    url = server.add("nyheter/sak-1", article_page("Stoltenberg vil samle alliansen"))

    added = add_page(url, client=WebClient(timeout=10))

    assert added.path.parent == paths.added_dir() == paths.feeds_dir() / "added"
    assert added.title == "Stoltenberg vil samle alliansen" and not added.added_before
    article = read_article(added.path)
    assert article.title == "Stoltenberg vil samle alliansen"
    assert article.source == ArticleSource(url)
    assert article.paragraphs[1] == Paragraph(LEAD)
    assert Paragraph(SUBHEADING, ParagraphKind.HEADING) in article.paragraphs
    assert Paragraph(BODY) in article.paragraphs
    assert article.paragraphs[-1] == Paragraph(BODY_3)
    text = added.path.read_text(encoding="utf-8")
    for boilerplate in ("Godta alle", "Foto: NTB", "Les også", "Ansvarlig redaktør", "alert"):
        assert boilerplate not in text
    assert text.endswith(f"\n\nsource: {url}\n")
    assert added.path.name.startswith("undated_stoltenberg-vil-samle-alliansen_")


def test_a_page_added_twice_is_saved_once_and_not_asked_for_again(server: FeedServer) -> None:
    url = server.add("nyheter/sak-1", article_page("Stoltenberg vil samle alliansen"))
    client = WebClient(timeout=10)
    first = add_page(url, client=client)
    server.requests.clear()

    again = add_page(url, client=client)

    assert again.path == first.path and again.added_before
    assert again.title == "Stoltenberg vil samle alliansen"
    assert server.requests == []
    assert list(paths.added_dir().iterdir()) == [first.path]


def test_each_url_fails_alone_with_its_reason(server: FeedServer) -> None:
    good = server.add("s/god", article_page("God sak"))
    compressed = server.add("s/pakket", article_page("Pakket sak"), compress="gzip")
    empty = server.add("s/tom", "<html><body><nav>Forsiden</nav></body></html>")
    moved = server.add("s/flyttet", b"", status=301, headers={"Location": "/s/god"})
    urls = [
        good,
        server.url("s/borte"),
        "file:///etc/passwd",
        empty,
        "ikke en lenke",
        compressed,
        moved,
    ]

    report = add_pages(urls, client=WebClient(timeout=10))

    assert [(page.url, page.title, page.added_before) for page in report.added] == [
        (good, "God sak", False),
        (compressed, "Pakket sak", False),
        (moved, "God sak", False),  # another URL, so another file: its trailer says where
    ]
    assert read_article(report.added[2].path).source == ArticleSource(good)
    assert [(failure.url, failure.reason) for failure in report.failed] == [
        (server.url("s/borte"), "HTTP 404 Not Found"),
        ("file:///etc/passwd", "not an http(s) URL"),
        (empty, "no article text found in the page"),
        ("ikke en lenke", "not a valid URL (it has spaces or control characters)"),
    ]
    assert report.failed[0].line() == f"{server.url('s/borte')}: HTTP 404 Not Found"


def test_a_full_disk_is_a_failure_that_says_what_to_do(
    server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.add("s/god", article_page("God sak"))

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # The kernel reports ENOSPC at write-back; fsync is where an atomic writer meets it.
    monkeypatch.setattr("os.fsync", full_disk)
    with pytest.raises(AddError) as raised:
        add_page(url, client=WebClient(timeout=10))

    assert str(raised.value) == (
        f"cannot save it in {paths.added_dir()} (No space left on device): free some disk "
        "space and add it again"
    )
    assert list(paths.added_dir().iterdir()) == []  # no temp file left behind
