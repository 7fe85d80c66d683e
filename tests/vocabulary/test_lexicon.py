"""Lemmas and senses from the real dictionary (Bokmålsordboka, prepared once per session), and
a lexicon made before the dictionary was prepared taking it up once it is."""

from __future__ import annotations

from pathlib import Path

from tolk.dictionary import Dictionary, prepared_file
from tolk.vocabulary.forms import lemmas_in
from tolk.vocabulary.lexicon import Lexicon, WordSense


def test_irregular_forms_are_kept_under_their_lemma(dictionary: Dictionary) -> None:
    lexicon = Lexicon(dictionary)
    assert lexicon.lemma("gikk") == "gå"
    assert lexicon.lemma("Barnehageplasser") == "barnehageplass"
    assert lexicon.lemma("statsministeren") == "statsminister"
    sense = lexicon.sense("gikk")
    assert (sense.lemma, sense.word_class) == ("gå", "verb")
    assert sense.definition


def test_the_share_counts_lemmas_not_forms(dictionary: Dictionary) -> None:
    sentences = ["Hun gikk hjem.", "Nå går hun hjem igjen."]
    assert lemmas_in(sentences, Lexicon(dictionary).lemma) >= {"gå", "hun", "hjem"}
    assert "gikk" not in lemmas_in(sentences, Lexicon(dictionary).lemma)
    assert {"gikk", "går"} <= lemmas_in(sentences, Lexicon(None).lemma)


def test_a_word_the_dictionary_lacks_is_its_own_lemma(dictionary: Dictionary) -> None:
    lexicon = Lexicon(dictionary)
    assert lexicon.sense("xqzvbrt") == WordSense("xqzvbrt")


def test_a_dictionary_prepared_later_is_taken_up(prepared_dictionary: Path) -> None:
    lexicon = Lexicon.current()
    lexicon.FOLLOW_EVERY_S = 0.0  # look at every lookup, not every 5 s
    assert lexicon.lemma("gikk") == "gikk"  # not prepared yet: forms only
    target = prepared_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(prepared_dictionary)
    assert lexicon.lemma("gikk") == "gå"
    assert lexicon.has_dictionary
