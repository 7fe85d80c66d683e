"""The `spelling` and `inconsistent` checks on crafted sentence pairs: what each flags, what it
must leave alone (names in the Norwegian, numbers, addresses, acronyms, accepted words, British
spellings; the same English in other quotes), and their place in `check_sentence`."""

from __future__ import annotations

import pytest

from tolk.qa.checks import FLAG_CODES, check_inconsistent, check_sentence, check_spelling
from tolk.qa.consistency import Rendering, RenderingIndex, consistency_key, quote_variants
from tolk.qa.spelling import known_word, misspelt_words

SOURCE = "Stoltenberg sier at NATO må styrke forsvaret i Finnmark."


def test_a_misspelt_word_is_flagged_with_a_suggestion() -> None:
    flag = check_spelling(SOURCE, "Stoltenberg says NATO must strenghten its defence.")
    assert flag is not None and flag.code == "spelling"
    assert flag.message == '"strenghten" (strengthen?) is not in the English dictionary'


def test_several_misspelt_words_are_named_once_each_in_order() -> None:
    flag = check_spelling("Han kom.", "Teh goverment said teh plan was definately wrong, wich.")
    assert flag is not None
    assert flag.message.startswith('"Teh" (the?), "goverment" (government?), "definately"')
    assert flag.message.endswith("and 1 more are not in the English dictionary")


@pytest.mark.parametrize(
    "target",
    [
        "Stoltenberg says NATO must strengthen the defence of Finnmark.",  # names of the source
        "Stoltenberg's NATO must strengthen Finnmark's defence.",  # their possessives
        "The NATO-allies met in the 1990s, on 3rd December, at 14:30 and COVID-19 hit.",
        "See https://www.nrk.no/nyheter/xqzt or nrk.no or mail tips@nrk.no.",
        "The colour of the centre: organised, analysed, travelled, programme, labour.",
        "It's the children’s favourite, isn't it, e.g. in the U.S. and the UK.",
        "He <unk> so.",  # the unknown marker is the `unknown` check's
    ],
)
def test_what_spelling_leaves_alone(target: str) -> None:
    assert check_spelling(SOURCE, target) is None, target


def test_accepted_words_are_english_in_any_case() -> None:
    target = "The Storting voted for the Sametinget plan and brexitish ideas."
    assert misspelt_words("Han kom.", target) == ["Sametinget", "brexitish"]  # Storting is known
    assert misspelt_words("Han kom.", target, accepted=["sametinget", "BREXITISH"]) == []


def test_british_forms_are_known_and_misspellings_of_them_are_not() -> None:
    assert all(map(known_word, ["colours", "kilometre", "licence", "modelling", "catalogue"]))
    assert not any(map(known_word, ["hoem", "colourz", "recieve"]))


def test_consistency_key_evens_out_whitespace_and_quotes() -> None:
    assert consistency_key(" Han sa «ja»  og ’nei’ ") == "Han sa \"ja\" og 'nei'"
    assert consistency_key("“ja”") == consistency_key('"ja"') == consistency_key("„ja“")


def test_quote_variants_write_the_quotes_each_common_way() -> None:
    assert quote_variants("Han sa «ja» og “nei”.") == [
        "Han sa «ja» og “nei”.",
        "Han sa «ja» og «nei».",
        "Han sa “ja” og “nei”.",
        'Han sa "ja" og "nei".',
    ]
    assert quote_variants("Ingen sitater.") == ["Ingen sitater."]


def test_other_english_is_inconsistent_and_the_same_in_other_quotes_is_not() -> None:
    index = RenderingIndex()
    index.add("Han sa «ja».", Rendering('He said "yes".', "corrected in a.txt, paragraph 2"))
    index.add("Han  sa “ja”.", Rendering("He said yes.", "in the translation memory (m.tmx)"))
    index.add("Han sa «ja».", Rendering("He agreed.", "corrected in b.txt, paragraph 1"))
    renderings = index.renderings(" Han sa «ja». ")
    assert len(renderings) == 3

    assert check_inconsistent("He said “yes”.", [renderings[0]]) is None
    flag = check_inconsistent("He said “yes”.", renderings)
    assert flag is not None and flag.code == "inconsistent"
    assert flag.message == (
        'other English for this Norwegian: "He said yes.", in the translation memory (m.tmx)'
        " (and 1 more)"
    )
    assert check_inconsistent("He said yes.", []) is None


def test_a_long_rendering_is_cut_in_the_message() -> None:
    long = "word " * 40
    flag = check_inconsistent("Short.", [Rendering(long, "corrected in a.txt, paragraph 1")])
    assert flag is not None and "…" in flag.message and len(flag.message) < 160


def test_the_new_checks_run_in_check_sentence_in_code_order() -> None:
    flags = check_sentence(
        "Han kom i 2019.",
        "He comed.",
        renderings=[Rendering("He came in 2019.", "corrected in a.txt, paragraph 1")],
    )
    assert [flag.code for flag in flags] == ["numbers", "inconsistent", "spelling"]
    order = [FLAG_CODES.index(code) for code in ("unknown", "inconsistent", "spelling")]
    assert order == sorted(order)
    assert check_sentence("Han kom.", "He comed.", accepted_words=["comed"]) == ()
