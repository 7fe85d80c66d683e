"""Keywords match their headword's forms from the real dictionary: "gå" finds "gikk"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tolk.dictionary import Dictionary
from tolk.keywords.hits import HitCounter
from tolk.keywords.matching import KeywordMatcher

TEXT = "Han gikk hjem. De har gått langt. Alliansen går videre. Gikk det bra? Gåsa gikk."


def found(matcher: KeywordMatcher, text: str) -> list[str]:
    return [text[hit.start : hit.end] for hit in matcher.find(text)]


def test_a_keyword_matches_irregular_forms_no_stemmer_relates(dictionary: Dictionary) -> None:
    with_lemmas = KeywordMatcher(["gå"], dictionary=dictionary)
    assert found(with_lemmas, TEXT) == ["gikk", "gått", "går", "Gikk", "gikk"]
    # Snowball's stems relate none of them to "gå" (nor "Gåsa", the goose, to it).
    assert found(KeywordMatcher(["gå"], dictionary=None), TEXT) == []


def test_a_keyword_that_is_a_form_matches_its_headwords_forms(dictionary: Dictionary) -> None:
    matcher = KeywordMatcher(["gikk"], dictionary=dictionary)
    assert found(matcher, "Vi går, de gikk, alle har gått.") == ["går", "gikk", "gått"]


def test_phrases_match_forms_too(dictionary: Dictionary) -> None:
    matcher = KeywordMatcher(["gå av"], dictionary=dictionary)
    assert found(matcher, "Statsministeren gikk av i går.") == ["gikk av"]


def test_counts_made_without_the_dictionary_are_not_reused_with_it(
    dictionary: Dictionary,
) -> None:
    assert (
        KeywordMatcher(["gå"], dictionary=dictionary).fingerprint
        != KeywordMatcher(["gå"], dictionary=None).fingerprint
    )


def test_hit_counts_use_the_prepared_dictionary(dictionary_in_cache: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Tittel\n\nHan gikk hjem, og hun har gått.\n", encoding="utf-8")
    counter = HitCounter(tmp_path / "cache.sqlite", ["gå"])
    try:
        ((_, hits),) = list(counter.counts([article]))
    finally:
        counter.close()
    assert hits.counts == (2,)


def test_english_keywords_are_not_looked_up(dictionary: Dictionary) -> None:
    assert KeywordMatcher(["go"], "english", dictionary=dictionary).forms == {}


def test_a_dictionary_that_fails_leaves_keywords_to_their_stems(tmp_path: Path) -> None:
    # A file that opens (it has tolk's `meta` table) but whose forms cannot be read.
    path = tmp_path / "broken.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.commit()
    connection.close()
    matcher = KeywordMatcher(["allianse"], dictionary=Dictionary.open(path))
    assert matcher.forms == {}
    assert found(matcher, "Alliansen står samlet.") == ["Alliansen"]
