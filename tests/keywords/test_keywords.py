"""Keyword matching: inflection, compounds, case, whole words, phrases, offsets, counterparts;
and the hit counter's cache, hits per month and sparklines."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tolk.keywords.hits
from tests.conftest import SEEDS
from tolk.keywords.hits import ArticleHits, HitCounter, monthly_hits, sparkline
from tolk.keywords.matching import CounterpartMatcher, KeywordHit, KeywordMatcher, find_counterparts
from tolk.library.articles import read_article


def matched(keywords: list[str], text: str, language: str = "norwegian") -> list[str]:
    return [text[hit.start : hit.end] for hit in KeywordMatcher(keywords, language).find(text)]


def test_inflected_forms_match() -> None:
    text = "alliansen, alliansens styrke, alliansene og en allianse"
    assert matched(["allianse"], text) == ["alliansen", "alliansens", "alliansene", "allianse"]
    # The keyword itself may be inflected too.
    assert matched(["alliansene"], text) == ["alliansen", "alliansens", "alliansene", "allianse"]


def test_parts_of_hyphenated_compounds_match() -> None:
    text = "Det utløste stans fra de NATO-allierte og Nato-landene."
    assert matched(["Nato"], text) == ["NATO", "Nato"]
    assert matched(["allierte"], text) == ["allierte"]
    assert matched(["Nato-allierte"], text) == ["NATO-allierte"]


def test_case_does_not_matter() -> None:
    assert matched(["nato"], "NATO Nato nato nAtO") == ["NATO", "Nato", "nato", "nAtO"]
    assert matched(["STOLTENBERG"], "sa Stoltenberg.") == ["Stoltenberg"]


def test_whole_words_only() -> None:
    # Stemming makes the definite "Natoen" and the genitive "Natos" forms of "Nato" (wanted);
    # words that merely start with the same letters are not.
    text = "Natoen, Natos, natur, Natorp, alliansefri, sammenslutning"
    assert matched(["Nato"], text) == ["Natoen", "Natos"]
    assert matched(["allianse"], text) == []
    assert matched(["slutning"], text) == []


def test_multi_word_keywords_match_consecutive_words() -> None:
    text = "Jens Stoltenberg møtte Stoltenberg. Jens. Stoltenberg, og jens  stoltenbergs kontor"
    hits = KeywordMatcher(["Jens Stoltenberg", "Stoltenberg"]).find(text)
    found = [(text[h.start : h.end], h.keyword) for h in hits]
    # The longer keyword wins where both fit; a sentence end breaks a phrase.
    assert found == [
        ("Jens Stoltenberg", 0),
        ("Stoltenberg", 1),
        ("Stoltenberg", 1),
        ("jens  stoltenbergs", 0),
    ]


def test_offsets_are_into_the_text_with_guillemets_and_emoji() -> None:
    text = "🇳🇴 Macron kalte «alliansen» hjernedød 😀👍🏽 – Nato-allierte svarte"
    hits = KeywordMatcher(["allianse", "Nato"]).find(text)
    assert [text[h.start : h.end] for h in hits] == ["alliansen", "Nato"]
    assert hits[0] == KeywordHit(text.index("alliansen"), text.index("alliansen") + 9, 0)


def test_count_and_empty_keywords() -> None:
    matcher = KeywordMatcher(["allianse", "", "!!", "Nato"])
    assert matcher.count("alliansen og Nato, alliansens Nato-land") == [2, 0, 0, 2]
    assert KeywordMatcher([]).find("alliansen") == []


def test_only_restricts_before_overlaps_are_settled() -> None:
    matcher = KeywordMatcher(["Jens Stoltenberg", "Stoltenberg"])
    hits = matcher.find("Jens Stoltenberg", only={1})
    assert hits == [KeywordHit(5, 16, 1)]


def test_fingerprint_follows_stems_and_order() -> None:
    assert KeywordMatcher(["allianse"]).fingerprint == KeywordMatcher(["Alliansen"]).fingerprint
    assert KeywordMatcher(["a", "b"]).fingerprint != KeywordMatcher(["b", "a"]).fingerprint
    english = KeywordMatcher(["allianse"], "english").fingerprint
    assert english != KeywordMatcher(["allianse"]).fingerprint


def test_english_counterparts() -> None:
    english = "The alliance's members and NATO allies met; the Alliance agreed. Nato said."
    renderings = {0: ["alliance"], 1: ["NATO", "North Atlantic"]}
    hits = find_counterparts(english, renderings, {0})
    assert [(english[h.start : h.end], h.keyword) for h in hits] == [
        ("alliance's", 0),
        ("Alliance", 0),
    ]
    both = CounterpartMatcher(renderings).find(english, {0, 1})
    assert [english[h.start : h.end] for h in both] == [
        "alliance's",
        "NATO",
        "Alliance",
        "Nato",
    ]
    assert find_counterparts(english, renderings, set()) == []
    assert matched(["allies"], "the allied forces", "english") == ["allied"]  # one stem
    assert matched(["NATO"], "the Natorp report", "english") == []


def test_huge_paragraph_finds_every_hit() -> None:
    # Speed on this paragraph is measured by `make bench` (bench/keywords.py).
    sentence = "Stoltenberg sa at alliansen står sammen, og Nato-landene er enige. "
    text = sentence * 3000
    hits = KeywordMatcher(["allianse", "Nato", "Jens Stoltenberg"]).find(text)
    assert [text[hit.start : hit.end] for hit in hits] == ["alliansen", "Nato"] * 3000
    assert [hit.keyword for hit in hits] == [0, 1] * 3000


def test_counts_over_many_short_paragraphs() -> None:
    paragraphs = [
        f"Sak {n}: alliansen og Nato-landene møttes i Brussel i dag." for n in range(10_000)
    ]
    matcher = KeywordMatcher(["allianse", "Nato", "Brussel-møtet"])
    assert [matcher.count(paragraph) for paragraph in paragraphs] == [[1, 1, 0]] * 10_000


@given(
    text=st.text(max_size=300),
    keywords=st.lists(st.text(max_size=20), max_size=5),
)
def test_matching_never_raises_and_hits_are_sound(text: str, keywords: list[str]) -> None:
    matcher = KeywordMatcher(keywords)
    hits = matcher.find(text)
    previous_end = 0
    for hit in hits:
        assert previous_end <= hit.start < hit.end <= len(text)
        assert 0 <= hit.keyword < len(keywords)
        previous_end = hit.end
    assert sum(matcher.count(text)) == len(hits)


# The hit counter


@pytest.fixture
def counted_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every article the hit counter parses, in order."""
    parsed: list[Path] = []

    def counting(path: Path) -> object:
        parsed.append(path)
        return read_article(path)

    monkeypatch.setattr(tolk.keywords.hits, "read_article", counting)
    return parsed


def test_hit_counts_in_the_seeds(tmp_path: Path) -> None:
    counter = HitCounter(tmp_path / "cache.sqlite", ["allianse", "Nato", "Jens Stoltenberg"])
    results = dict(counter.counts(sorted(SEEDS.glob("*.txt"))))
    first, second = (results[p] for p in sorted(SEEDS.glob("*.txt")))
    assert first.counts[0] == 7  # "alliansen" six times, "allianse" once
    assert first.date is not None and first.date.iso() == "2019-12"
    assert second.counts[2] == 1
    assert second.counts[1] >= 9
    counter.close()


def test_a_word_ending_in_m_matches_its_doubled_inflections() -> None:
    # Norwegian writes "strøm" but "strømmen": the doubled m must not hide the inflections.
    text = "Strømmen gikk. Strøm er dyrt; strømmene og strømmens pris, strømpris og strømme."
    forms = ["Strømmen", "Strøm", "strømmene", "strømmens", "strømme"]
    assert matched(["strøm"], text) == forms
    assert matched(["strømmen"], text) == forms
    assert matched(["hjem"], "hjemme, hjemmet, hjem, hjemland") == ["hjemme", "hjemmet", "hjem"]


def test_every_highlighted_occurrence_is_counted(tmp_path: Path) -> None:
    article = tmp_path / "strøm.txt"
    article.write_text(
        " date 2024-01 – Strømprisen stiger\n\nStrøm blir dyrere.\n\n"
        "Strømmen ble borte, og strømmen kom tilbake.\n",
        encoding="utf-8",
    )
    counter = HitCounter(tmp_path / "cache.sqlite", ["strøm"])
    ((_, hits),) = counter.counts([article])
    highlighted = [
        hit for p in read_article(article).paragraphs for hit in counter.matcher.find(p.text)
    ]
    assert hits.counts == (3,) == (len(highlighted),)
    counter.close()


def test_second_pass_parses_nothing_and_changes_are_recounted(
    seeds_copy: Path, tmp_path: Path, counted_parses: list[Path]
) -> None:
    paths = sorted(seeds_copy.glob("*.txt"))
    db = tmp_path / "cache.sqlite"
    first = dict(HitCounter(db, ["allianse"]).counts(paths))
    assert len(counted_parses) == 2

    counted_parses.clear()
    again = dict(HitCounter(db, ["allianse"]).counts(paths))
    assert counted_parses == []
    assert again == first

    changed = paths[0]
    changed.write_text(" date 2021-03 – Alliansen, alliansen og alliansene.\n", encoding="utf-8")
    os.utime(changed, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    third = dict(HitCounter(db, ["allianse"]).counts(paths))
    assert counted_parses == [changed]
    assert third[changed].counts == (3,)
    date = third[changed].date
    assert date is not None and date.iso() == "2021-03"

    # Other keywords are counted separately, and the first list's counts are kept.
    counted_parses.clear()
    dict(HitCounter(db, ["Nato"]).counts(paths))
    assert len(counted_parses) == 2
    counted_parses.clear()
    dict(HitCounter(db, ["allianse"]).counts(paths))
    assert counted_parses == []


def test_removed_file_disappears(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite"
    paths = sorted(seeds_copy.glob("*.txt"))
    dict(HitCounter(db, ["Nato"]).counts(paths))
    paths[0].unlink()
    counter = HitCounter(db, ["Nato"])
    assert [p for p, _ in counter.counts(paths[1:])] == [paths[1]]
    assert counter.cached_paths() == {str(paths[1])}
    # A path passed in that is gone is reported, not raised.
    ((path, hits),) = counter.counts([paths[0]])
    assert path == paths[0] and hits.error and hits.counts == (0,)


def test_cancelled_pass_stops_early(seeds_copy: Path, tmp_path: Path) -> None:
    counter = HitCounter(tmp_path / "cache.sqlite", ["Nato"])
    assert list(counter.counts(sorted(seeds_copy.glob("*.txt")), cancelled=lambda: True)) == []


def test_unreadable_article_is_counted_as_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    ((_, hits),) = HitCounter(tmp_path / "cache.sqlite", ["Nato"]).counts([empty])
    assert hits.error == "empty file: no text"
    assert hits.counts == (0,)


def test_damaged_cache_is_moved_aside(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    counter = HitCounter(db, ["Nato"])
    assert counter.warning is not None and "damaged" in counter.warning
    assert len(list(tmp_path.glob("cache.sqlite.damaged-*"))) == 1
    assert len(list(counter.counts(sorted(seeds_copy.glob("*.txt"))))) == 2


def test_monthly_hits_fill_the_gaps() -> None:
    from tolk.library.dates import ArticleDate, Precision

    def month(year: int, number: int) -> ArticleDate:
        return ArticleDate(year, number, precision=Precision.MONTH)

    hits = [
        ArticleHits((2, 0), month(2019, 11)),
        ArticleHits((1, 1), month(2020, 2)),
        ArticleHits((1, 0), month(2019, 11)),
        ArticleHits((5, 5), None),  # undated: left out
        ArticleHits((5, 5), ArticleDate(2018, precision=Precision.YEAR)),  # no month: left out
    ]
    series = monthly_hits(hits)
    assert series[0] == [(2019, 11, 3), (2019, 12, 0), (2020, 1, 0), (2020, 2, 1)]
    assert [count for _, _, count in series[1]] == [0, 0, 0, 1]
    assert monthly_hits([ArticleHits((1,), None)]) == {0: []}


def test_sparkline() -> None:
    assert sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8]) == " ▁▂▃▄▅▆▇█"
    assert sparkline([0, 1, 100]) == " ▁█"  # one hit still shows
    assert sparkline([]) == ""
    assert sparkline([0, 0]) == "  "
    assert sparkline([1, 1, 0, 0, 4, 4], width=3) == "▂ █"
    assert len(sparkline(list(range(300)), width=40)) <= 40
