"""Full-text search: stemmed Norwegian and English, snippets, order (updates: test_index_update)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import generate_library
from tests.conftest import SEEDS
from tolk.keywords.hits import HitCounter
from tolk.keywords.matching import KeywordHit
from tolk.library.articles import read_article
from tolk.search.index import IndexUpdate, SearchIndex
from tolk.search.query import query_terms
from tolk.search.snippets import SNIPPET_CHARS, make_snippet


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    return SearchIndex(tmp_path / "cache.sqlite")


def test_finds_inflected_forms_in_the_seeds(index: SearchIndex) -> None:
    assert index.update([SEEDS]) == IndexUpdate(added=2)
    results = index.search("alliansene")
    assert {r.path.name[:3] for r in results} == {"000", "003"}
    for result in results:
        words = [result.snippet[a:b].lower() for a, b in result.snippet_matches]
        assert words and all(word in ("allianse", "alliansen") for word in words)
        paragraph = read_article(result.path).paragraphs[result.paragraph].text
        assert paragraph[result.match_start : result.match_end].lower().startswith("allianse")
        assert result.language == "nb"
    assert index.search("Natos")  # the genitive finds "Nato" and "NATO" too
    assert index.search("nato-allierte")


def test_a_word_ending_in_m_finds_its_doubled_inflections(
    index: SearchIndex, tmp_path: Path
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "a.txt").write_text(" date 2024-01 – Strømmen ble borte\n\nStrøm igjen.\n")
    index.update([library])
    assert [r.paragraph for r in index.search("strøm")] == [0, 1]
    assert [r.paragraph for r in index.search("strømmene")] == [0, 1]


def test_every_word_must_match_and_quotes_make_a_phrase(index: SearchIndex) -> None:
    index.update([SEEDS])
    both = index.search("Stoltenberg Macron")
    assert both and all("Macron" in r.snippet or "Stoltenberg" in r.snippet for r in both)
    assert index.search("Stoltenberg Soleimani") == []  # never in one paragraph
    phrase = index.search('"Jens Stoltenberg"')
    assert len(phrase) == 1 and phrase[0].paragraph == 0
    snippet = phrase[0].snippet
    assert [snippet[a:b] for a, b in phrase[0].snippet_matches] == ["Jens Stoltenberg"]
    assert index.search("alliansen Stoltenberg")
    assert index.search('"alliansen Stoltenberg"') == []  # never next to each other


def test_newest_first_undated_last_then_reading_order(index: SearchIndex, seeds_copy: Path) -> None:
    (seeds_copy / "undated.md").write_text("# Uten dato\n\nNato og alliansen.\n")
    (seeds_copy / "newest.txt").write_text(" date 2024-05-17 – Nato feiret.\n")
    index.update([seeds_copy])
    results = index.search("Nato")
    dates = [r.date.iso() if r.date else None for r in results]
    assert dates[0] == "2024-05-17"
    assert dates[-1] is None
    assert dates.index("2020-01") < dates.index("2019-12")
    older = [r.paragraph for r in results if r.date and r.date.iso() == "2019-12"]
    assert older == sorted(older)
    assert results[0].title == "Nato feiret."
    assert len(index.search("Nato", limit=3)) == 3


def test_english_is_searchable_once_indexed(index: SearchIndex) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    index.update([SEEDS])
    assert index.search("alliance") == []
    paragraphs = read_article(seed).paragraphs
    targets: list[str | None] = [None] * len(paragraphs)
    targets[0] = "It is important that we sit around the same table, says Stoltenberg."
    targets[1] = "I see an alliance that has always managed to stand together."
    index.index_translation(seed, targets)
    (result,) = index.search("alliances")
    assert (result.language, result.paragraph, result.path) == ("en", 1, seed)
    assert [result.snippet[a:b] for a, b in result.snippet_matches] == ["alliance"]
    # Norwegian and English results together; the Norwegian paragraph comes first.
    mixed = [(r.paragraph, r.language) for r in index.search("Stoltenberg") if r.path == seed]
    assert mixed[:2] == [(0, "nb"), (0, "en")]
    # Replacing the translation replaces its rows.
    index.index_translation(seed, ["The alliance is united."])
    assert [r.paragraph for r in index.search("alliance")] == [0]


def test_translation_of_an_article_not_yet_indexed(index: SearchIndex) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[1]
    index.index_translation(seed, ["We must first have a process in NATO."])
    assert [r.language for r in index.search("process")] == ["en"]
    assert index.search("prosess")[0].language == "nb"
    index.index_translation(SEEDS / "missing.txt", ["Nothing."])  # gone: ignored
    assert index.search("Nothing") == []


def test_queries_without_words_or_with_fts_syntax(index: SearchIndex) -> None:
    index.update([SEEDS])
    assert index.search("") == []
    assert index.search("  «» – !? ") == []
    assert index.search('NOT OR AND * ^ ( ) : {nb} "') == []
    assert index.search("Nato", limit=0) == []
    assert query_terms('Nato "Jens Stoltenberg" «alliansen» "uavsluttet') == [
        "Nato",
        "Jens Stoltenberg",
        "«alliansen»",
        "uavsluttet",
    ]


@settings(max_examples=60, deadline=None)
@given(query=st.text(max_size=40))
def test_search_never_raises(tmp_path_factory: pytest.TempPathFactory, query: str) -> None:
    index = _seeded_index(tmp_path_factory)
    for result in index.search(query):
        for start, end in result.snippet_matches:
            assert 0 <= start < end <= len(result.snippet)


_SEEDED: dict[str, SearchIndex] = {}


def _seeded_index(factory: pytest.TempPathFactory) -> SearchIndex:
    if "index" not in _SEEDED:
        _SEEDED["index"] = SearchIndex(factory.mktemp("seeded") / "cache.sqlite")
        _SEEDED["index"].update([SEEDS])
    return _SEEDED["index"]


def test_snippet_is_a_window_of_the_original_text() -> None:
    text = "Første ord. " + "fyll " * 60 + "«Alliansen» er samlet. " + "mer " * 60
    start = text.index("Alliansen")
    snippet, spans = make_snippet(text, [KeywordHit(start, start + 9, 0)])
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[a:b] for a, b in spans] == ["Alliansen"]
    assert len(snippet) <= SNIPPET_CHARS + 2
    assert snippet[1:-1] in text
    short, short_spans = make_snippet("Kort alliansen.", [KeywordHit(5, 14, 0)])
    assert (short, short_spans) == ("Kort alliansen.", ((5, 14),))


def test_search_while_an_update_runs(index: SearchIndex, tmp_path: Path) -> None:
    library = generate_library(tmp_path / "library", 300)
    index.update([SEEDS, library / "2000"])
    errors: list[BaseException] = []

    def update() -> None:
        try:
            index.update([SEEDS, library])
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    worker = threading.Thread(target=update)
    worker.start()
    searches = 0
    while worker.is_alive() or searches < 5:
        assert index.search("alliansen")
        searches += 1
    worker.join()
    assert errors == []
    assert index.update([SEEDS, library]).unchanged == 302


def test_damaged_cache_is_moved_aside(tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite"
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    index = SearchIndex(db)
    assert index.warning is not None and "damaged" in index.warning
    assert len(list(tmp_path.glob("cache.sqlite.damaged-*"))) == 1
    index.update([SEEDS])
    assert index.search("Nato")


def test_shares_the_database_file_with_the_hit_counter(tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite"
    index = SearchIndex(db)
    counter = HitCounter(db, ["Nato"])
    index.update([SEEDS])
    assert len(list(counter.counts(sorted(SEEDS.glob("*.txt"))))) == 2
    index.close()
    counter.close()
    reopened = SearchIndex(db)
    assert reopened.warning is None
    assert reopened.update([SEEDS]) == IndexUpdate(unchanged=2)


def test_a_query_stops_at_its_limit(index: SearchIndex, tmp_path: Path) -> None:
    # Query latency is measured by `make bench` (bench/search.py), not here.
    index.update([generate_library(tmp_path / "library", 500)])
    assert len(index.search("det er", limit=100)) == 100
    assert len(index.search("det er", limit=7)) == 7


def test_a_quoted_phrase_is_those_words_exactly(index: SearchIndex, tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "a.txt").write_text(
        " date 2021-01 – Det er ikke verdt det, sa hun.\n\n"
        "Det er ikke verden som går under.\n\n"
        "Han var ikke verdig prisen.\n\n"
        "IKKE   VERDT et forsøk.\n",
        encoding="utf-8",
    )
    index.update([library])
    # Unquoted, the words are stemmed: verden, verdig come with verdt.
    loose = {r.paragraph for r in index.search("ikke verdt")}
    assert {1, 2} <= loose
    exact = index.search('"ikke verdt"')
    assert sorted(r.paragraph for r in exact) == [0, 3]  # case and spacing aside
    for result in exact:
        marked = [result.snippet[a:b] for a, b in result.snippet_matches]
        assert [" ".join(m.lower().split()) for m in marked] == ["ikke verdt"]
    # A quoted phrase and a loose word together: both must hold.
    assert [r.paragraph for r in index.search('"ikke verdt" forsøkene')] == [3]
