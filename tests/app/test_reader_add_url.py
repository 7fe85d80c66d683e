"""Adding an article by its URL from the reader (issue 25): `+` asks for the URL in a small
dialog, the page is fetched in a worker from a loopback server, and the article is listed and
opened; a URL tolk would not ask for is said in the dialog, a failure in a notice."""

from __future__ import annotations

from tests.app.pilot import make_app, reader_screen, settle, wait_for_scan
from tests.support.feed_pages import LEAD, article_page
from tests.support.feed_server import serve_feeds
from tolk import paths
from tolk.cli.reader import default_roots
from tolk.config import load_config
from tolk.library.source import ArticleSource
from tui.dialogs.add_url import AddUrlScreen


async def test_plus_asks_for_a_url_adds_the_page_lists_and_opens_it() -> None:
    with serve_feeds() as server:
        url = server.add("nyheter/sak-1", article_page("Stoltenberg vil samle alliansen"))
        gone = server.url("nyheter/borte")
        app = make_app(*default_roots(load_config()))
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_scan(pilot)
            screen = reader_screen(pilot)
            articles = screen.sidebar.article_list
            before = articles.total_count

            await pilot.press("plus")
            assert isinstance(app.screen, AddUrlScreen)
            await pilot.press(*"file:///etc/passwd", "enter")
            problem = app.screen.query_one("#add-url-problem")
            assert isinstance(app.screen, AddUrlScreen) and problem.display
            assert "not an http(s) URL: type an http(s) URL" in str(problem.render())

            await pilot.press("escape")
            assert app.screen is screen
            assert articles.total_count == before and server.requests == []

            await pilot.press("plus", *url, "enter")
            await settle(pilot)

            (saved,) = (paths.feeds_dir() / "added").iterdir()
            assert articles.total_count == before + 1
            assert saved in {summary.path for summary in articles.shown}
            assert screen.article is not None and screen.article.path == saved
            assert screen.article.source == ArticleSource(url)
            assert screen.article.paragraphs[1].text == LEAD
            assert any(
                n.title == "Feeds" and n.message == "Added: Stoltenberg vil samle alliansen"
                for n in app._notifications
            )

            await pilot.press("plus", *gone, "enter")
            await settle(pilot)
            assert any(
                n.severity == "error" and n.message == f"Could not add {gone}: HTTP 404 Not Found"
                for n in app._notifications
            )
            assert articles.total_count == before + 1
