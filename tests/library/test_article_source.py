"""The trailer that keeps a fetched article's source URL and feed name out of its paragraphs,
and the feeds setting in config.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from tolk.config import FeedSource, load_config
from tolk.feeds.saving import article_text
from tolk.library.articles import Paragraph, ParagraphKind, parse_article, read_summary
from tolk.library.dates import ArticleDate, Precision
from tolk.library.source import ArticleSource, format_trailer, split_trailer
from tolk.reading.open_article import OpenArticle

SOURCE = ArticleSource("https://www.nrk.no/norge/sak-1.123", "NRK Nyheter")
PARAGRAPHS = (
    Paragraph("Generalsekretæren mener alliansen står sterkere enn før."),
    Paragraph("Politisk koordinering", ParagraphKind.HEADING),
    Paragraph("Det er i vår interesse, sier Stoltenberg."),
)


def test_a_fetched_article_round_trips_through_the_parser(tmp_path: Path) -> None:
    date = ArticleDate(2024, 1, 2, Precision.DAY)
    text = article_text("Stoltenberg vil samle alliansen", date, PARAGRAPHS, SOURCE)
    assert text.startswith("date 2024-01-02 – Stoltenberg vil samle alliansen\n\n")
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")

    article = parse_article(path, text.encode())

    assert article.title == "Stoltenberg vil samle alliansen"
    assert article.date == date
    assert article.source == SOURCE
    assert article.paragraphs == (Paragraph("Stoltenberg vil samle alliansen"), *PARAGRAPHS)
    assert all("nrk.no" not in p.text and "NRK" not in p.text for p in article.paragraphs)
    summary = read_summary(path)
    assert (summary.title, summary.date) == ("Stoltenberg vil samle alliansen", date)
    assert OpenArticle(article).title_line == (
        "2 Jan 2024 · NRK Nyheter · Stoltenberg vil samle alliansen"
    )


def test_an_article_without_a_trailer_has_no_source(tmp_path: Path) -> None:
    seed = next(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))
    article = parse_article(seed, seed.read_bytes())
    assert article.source is None
    assert OpenArticle(article).title_line.startswith("Dec 2019 · Da er det viktig")


@pytest.mark.parametrize(
    "last_block",
    [
        "source: NTB",  # a credit line, not a URL
        "feed: NRK",  # no source
        "source: file:///etc/passwd",
        "source: https://a.example/x\nsource: https://b.example/y",
        "source: https://a.example/x\nFoto: NTB",
        "Kilde: https://a.example/x",
    ],
)
def test_a_last_paragraph_that_only_looks_like_a_trailer_stays_text(last_block: str) -> None:
    text = f"date 2024-01-02 – Første avsnitt.\n\n{last_block}\n"
    assert split_trailer(text) == (text, None)


def test_the_trailer_is_only_the_last_block() -> None:
    text = "date 2024 – Tekst.\n\nsource: https://a.example/1\n\nMer tekst.\n"
    assert split_trailer(text)[1] is None
    rest, source = split_trailer("Tekst.\n\nsource: https://a.example/1\nfeed:  Avisa \n\n\n")
    assert (rest, source) == ("Tekst.", ArticleSource("https://a.example/1", "Avisa"))


def test_the_trailer_refuses_what_it_could_not_read_back() -> None:
    with pytest.raises(ValueError):
        format_trailer(ArticleSource("file:///etc/passwd"))
    # A feed name cannot smuggle a line, a control sequence or a second field in.
    trailer = format_trailer(ArticleSource("https://a.example/1", "Avisa\n\x1b[2Jsource: x"))
    assert trailer == "source: https://a.example/1\nfeed: Avisa [2Jsource: x"
    assert split_trailer(f"Tekst.\n\n{trailer}")[1] == ArticleSource(
        "https://a.example/1", "Avisa [2Jsource: x"
    )


def test_feeds_in_config_are_urls_or_tables(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'feeds = ["https://a.example/rss", {url = "https://b.example/atom", name = "B"},\n'
        '  "https://a.example/rss", 42, {name = "no url"},\n'
        '  {url = "https://c.example/", name = 1}]\n'
    )
    loaded = load_config(path)
    assert loaded.config.feeds == (
        FeedSource("https://a.example/rss"),
        FeedSource("https://b.example/atom", "B"),
    )
    assert len(loaded.warnings) == 3
    assert all("`feeds` entry" in warning for warning in loaded.warnings)


def test_feeds_as_an_array_of_tables(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[[feeds]]\nurl = "https://a.example/rss"\nname = "A"\n')
    assert load_config(path).config.feeds == (FeedSource("https://a.example/rss", "A"),)
