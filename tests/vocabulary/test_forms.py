"""Which words count as vocabulary, and the form each is saved and counted under."""

from __future__ import annotations

from tolk.vocabulary.forms import bare_word, clean_form, lemmas_in, sentence_forms
from tolk.vocabulary.lexicon import Lexicon, WordSense


def test_punctuation_around_a_word_goes_and_inside_it_stays() -> None:
    assert bare_word("«Nav-sjefen»,") == "Nav-sjefen"
    assert clean_form("«Nav-sjefen»,") == "nav-sjefen"
    assert clean_form("(gikk).") == "gikk"


def test_numbers_addresses_and_punctuation_are_no_words() -> None:
    for token in ("2024", "G7", "–", "...", "nrk.no/nyheter", "ola@nrk.no", "https://vg.no"):
        assert clean_form(token) is None, token


def test_a_capital_inside_a_sentence_is_a_name_and_left_out() -> None:
    sentence = "Hun sa at Jonas Gahr Støre og NRK gikk 3 ganger."
    assert sentence_forms(sentence) == ["hun", "sa", "at", "og", "gikk", "ganger"]


def test_the_first_word_counts_even_after_an_opening_quote() -> None:
    assert sentence_forms("«Det går bra», sa hun.") == ["det", "går", "bra", "sa", "hun"]


def test_lemmas_come_from_the_lexicon_once_per_form() -> None:
    asked: list[str] = []

    def lexicon(form: str) -> str:
        asked.append(form)
        return {"gikk": "gå", "går": "gå"}.get(form, form)

    lemmas = lemmas_in(["Hun gikk og gikk.", "Han går."], lexicon)
    assert lemmas == {"hun", "gå", "og", "han"}
    assert sorted(asked) == sorted({"hun", "gikk", "og", "han", "går"})


def test_without_a_dictionary_each_form_is_its_own_lemma() -> None:
    lexicon = Lexicon(None)
    assert lexicon.lemma("Gikk") == "gikk"
    assert lexicon.sense("Gikk") == WordSense("gikk")
