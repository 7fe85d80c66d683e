"""How the commands judge a library: each article's glossary terms are looked up as the
article is judged, so `tolk check` over 10,000 articles holds one article's terms and
matchers at a time (a list of them all held 1.6 GB), with the real glossary database."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEEDS
from tolk.cli.judging import article_checkings
from tolk.glossary.database import Glossary
from tolk.library.articles import read_article
from tolk.qa.checking import Checking


def _import(tmp_path: Path, name: str, line: str) -> None:
    glossary_file = tmp_path / name
    glossary_file.write_text(f"{line}\n", encoding="utf-8")
    with Glossary() as glossary:
        glossary.import_file(glossary_file)


def test_each_articles_terms_are_looked_up_when_it_is_judged(tmp_path: Path) -> None:
    articles = [read_article(path) for path in sorted(SEEDS.glob("*.txt"))]
    _import(tmp_path, "first.txt", "allianse\talliance\t")
    judging = article_checkings(articles, Checking())
    first = next(judging)
    assert [term.source for term in first.glossary] == ["allianse"]
    # A glossary imported after the first article was judged counts for the second: its
    # terms were not read (and held) before it was asked for.
    _import(tmp_path, "second.txt", "Nato\tNATO\t")
    (second,) = judging
    assert sorted(term.source for term in second.glossary) == ["Nato", "allianse"]


def test_without_a_glossary_every_article_is_judged_without_its_terms() -> None:
    articles = [read_article(path) for path in sorted(SEEDS.glob("*.txt"))]
    judged = list(article_checkings(articles, Checking()))
    assert len(judged) == len(articles)
    assert all(checking.glossary == () for checking in judged)
