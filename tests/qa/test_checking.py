"""How sentences are judged everywhere (`tolk.qa.checking`): the terms of the glossaries and of
`[keyword_translations]` in the `terminology` check, the `confidence` check, and the checks
chosen with `[qa] ignore`, `--only` and `--ignore`."""

from __future__ import annotations

import math

from tolk.config import Config, QaSettings
from tolk.qa.checking import Checking, parse_codes, unknown_codes
from tolk.qa.checks import FLAG_CODES, LOW_CONFIDENCE, Flag, check_confidence, confidence
from tolk.qa.terminology import KEYWORD_TRANSLATIONS, Term, Terminology

SOURCE = "Han mener ikke alliansen er i ferd med å slå sprekker på toppmøtet."
NATO = Term("allianse", ("alliance", "NATO"), "nato.tbx")
SUMMIT = Term("toppmøte", ("summit",), "omegat.txt")


def codes(flags: tuple[Flag, ...]) -> list[str]:
    return [flag.code for flag in flags]


def test_a_glossary_term_missing_from_the_english_names_term_english_and_glossary() -> None:
    checking = Checking(glossary=(NATO, SUMMIT))
    flags = checking.flags(SOURCE, "He does not think the pact is cracking at the summit.")
    assert flags == (
        Flag(
            "terminology",
            'no English rendering of "allianse": expected alliance / NATO (glossary nato.tbx)',
        ),
    )
    # Inflections in the English too ("alliances"), and any accepted rendering will do.
    assert checking.flags(SOURCE, "NATO is not cracking at the summits.") == ()


def test_keyword_translations_and_glossaries_are_one_check() -> None:
    config = Config(keyword_translations={"allianse": ("pact",), "forsvar": ()})
    checking = Checking.from_config(config, [NATO, Term("sprekk", ("crack",), "g.txt")])
    message = checking.flags(SOURCE, "He does not think the bloc is falling apart.")[0].message
    # One entry for the two "allianse" terms: either's English is accepted, both places named.
    assert message == (
        'no English rendering of "allianse": expected pact / alliance / NATO (config.toml '
        '[keyword_translations], glossary nato.tbx); "sprekk": expected crack (glossary g.txt)'
    )
    assert checking.flags(SOURCE, "He does not think the pact will crack.") == ()


def test_terms_are_matched_whole_and_found_where_they_are() -> None:
    terminology = Terminology([Term("slå sprekker", ("crack",), "g.txt"), NATO])
    hits = terminology.find(SOURCE)
    assert [SOURCE[h.start : h.end] for h in hits] == ["alliansen", "slå sprekker"]
    assert [terminology.entries[h.entry].source for h in hits] == ["allianse", "slå sprekker"]
    assert terminology.find("Han slår.") == []  # one word of a two-word term is not the term
    entries = Terminology([Term("x", ("y",), KEYWORD_TRANSLATIONS), NATO]).entries
    assert [entry.from_glossary for entry in entries] == [False, True]


def test_a_term_without_english_or_words_is_none() -> None:
    assert not Terminology([Term("allianse", (), "g"), Term("–", ("dash",), "g")])


def test_confidence_below_the_threshold_is_flagged_for_the_models_english_only() -> None:
    low = math.log(0.3)
    assert check_confidence(low) == Flag("confidence", "the model's confidence is 30%, below 40%")
    assert check_confidence(math.log(0.5)) is None
    assert check_confidence(math.log(0.398)) == Flag(
        "confidence", "the model's confidence is 39.8%, below 40%"
    )
    assert check_confidence(None) is None  # a correction or the memory's English
    assert check_confidence(math.log(0.5), threshold=0.6) is not None
    assert confidence(low) < LOW_CONFIDENCE
    checking = Checking(low_confidence=0.6)
    english = "He does not think it is cracking."
    assert codes(checking.flags("Han tror ikke det sprekker.", english, score=low)) == [
        "confidence"
    ]
    assert checking.flags("Han tror ikke det sprekker.", english) == ()


def test_flags_keep_the_order_of_the_codes_confidence_last() -> None:
    checking = Checking(glossary=(NATO,))
    flags = checking.flags(SOURCE, SOURCE, score=math.log(0.1))
    assert codes(flags) == ["untranslated", "terminology", "confidence"]
    assert FLAG_CODES[-1] == "confidence"


def test_checks_are_chosen_by_code() -> None:
    english = SOURCE  # untranslated, and no rendering of the term
    score = math.log(0.1)
    base = Checking(glossary=(NATO,))
    assert codes(base.ignoring(["untranslated"]).flags(SOURCE, english, score=score)) == [
        "terminology",
        "confidence",
    ]
    only = base.only(["confidence", "terminology"])
    assert codes(only.flags(SOURCE, english, score=score)) == ["terminology", "confidence"]
    assert codes(only.ignoring(["terminology"]).flags(SOURCE, english, score=score)) == [
        "confidence"
    ]
    # config.toml's [qa] ignore is where it starts; --only starts over.
    ignoring = Checking.from_config(Config(qa=QaSettings(ignore=("confidence",))))
    assert ignoring.flags("Han tror det.", "He thinks so.", score=score) == ()
    assert codes(ignoring.only(["confidence"]).flags("Han tror det.", "x", score=score)) == [
        "confidence"
    ]


def test_codes_are_parsed_and_unknown_ones_named_with_the_nearest() -> None:
    assert parse_codes(" length, names,,") == ["length", "names"]
    assert unknown_codes(["length", "lenght", "zzz"]) == [
        "`lenght` (did you mean `length`?)",
        "`zzz`",
    ]
