"""The review benchmark's own machinery (bench/detokenize.py, bench/review_sentences.py).

Its corpus (NoReC_fine, CC BY-NC 4.0) is never copied here: every sentence below is written
for this test, tokenised the way NoReC tokenises.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.boundaries import Tally, boundaries, joined, tally
from bench.detokenize import detokenize
from bench.norec_sentences import ADJUDICATION as NOREC_ADJUDICATION
from bench.review_sentences import (
    ADJUDICATION,
    Judgement,
    adjudicated,
    paragraphs,
    quotes_english,
    read_adjudication,
    score,
)
from translation.sentences import split_sentences


def _detok(tokenised: str) -> str:
    return detokenize(tokenised.split())


@pytest.mark.parametrize(
    ("tokenised", "printed"),
    [
        ("Den er god , og ( i hvert fall ) billig .", "Den er god, og (i hvert fall) billig."),
        ("Hun leser « Sult » igjen .", "Hun leser «Sult» igjen."),
        ('Han spilte " Ask " , og så " Tell " .', 'Han spilte "Ask", og så "Tell".'),
        ("Vi så ” Heat ” og ” Ran ” i går .", "Vi så ”Heat” og ”Ran” i går."),
        ("“ Lyst ” og “ mørkt ” , sa hun .", "“Lyst” og “mørkt”, sa hun."),
        ("Filmen om Dr. Moreau er lang .", "Filmen om Dr. Moreau er lang."),
        ("Filmen om Dr . Moreau er lang .", "Filmen om Dr. Moreau er lang."),
        ("Det var bra , f.eks . i regn .", "Det var bra, f.eks. i regn."),
        ("Nobody ’ s Fault er fin .", "Nobody’s Fault er fin."),
        ("Don ' t gjør det .", "Don't gjør det."),
        ("Jones ’ bok er ny .", "Jones’ bok er ny."),
        ("Hun sang ' Blue ' pent .", "Hun sang 'Blue' pent."),
        ("Vent litt ... – ... så kom han .", "Vent litt... – ... så kom han."),
        ("Det koster 50 % mer : 1775 - 1851 .", "Det koster 50% mer: 1775 - 1851."),
        ("Hvem vet ? ! Ingen .", "Hvem vet?! Ingen."),
        ("AC / DC spilte .", "AC / DC spilte."),
    ],
)
def test_detokenize_puts_text_back_as_printed(tokenised: str, printed: str) -> None:
    assert _detok(tokenised) == printed


_TOKENS = st.sampled_from(
    [
        *["«", "»", ",", ".", "...", "!", "?", "(", ")", '"', "“", "”", "'", "’", "s", "-", "–"],
        *["Hei", "sa", "hun", "Jones", "Dr", "f.eks", "50", "%", ":", "/"],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=40))
def test_detokenize_only_moves_spaces(tokens: list[str]) -> None:
    # Boundary offsets count non-space characters: they must not move.
    text = detokenize(tokens)
    assert "".join(text.split()) == "".join(tokens)
    assert "  " not in text and text == text.strip()


def test_quotes_alternate_across_sentences_of_a_paragraph() -> None:
    # The quotation opens in one sentence and closes in the next.
    text = _detok('Hun sa : " Kom . Nå . " Så gikk hun .')
    assert text == 'Hun sa: "Kom. Nå." Så gikk hun.'


def _corpus(sentences: dict[str, str]) -> str:
    return json.dumps([{"sent_id": k, "text": v, "opinions": []} for k, v in sentences.items()])


CORPUS = _corpus(
    {
        "000001-01-01": "Anmeldelse :",
        "000001-01-02": "« Sult » er god .",
        "000001-01-03": "Den er lang .",
        "000001-02-02": "Mr. Jones kommer .",  # out of order on purpose
        "000001-02-01": "Vi venter på Mr .",
        "000002-01-01": "Boka er ny .",
    }
)


def test_paragraphs_rebuilt_from_sentence_ids_in_order() -> None:
    paras = {p.pid: p for p in paragraphs(CORPUS)}
    assert sorted(paras) == ["000001-01", "000001-02", "000002-01"]
    first = paras["000001-01"]
    assert first.text == "Anmeldelse: «Sult» er god. Den er lang."
    assert first.gold == boundaries(["Anmeldelse:", "«Sult»ergod.", "Denerlang."])
    assert paras["000001-02"].text == "Vi venter på Mr. Mr. Jones kommer."
    assert paras["000001-02"].gold == {len("ViventerpåMr.")}


def test_prose_cuts_after_a_sentence_without_final_punctuation() -> None:
    pieces = [p for p in paragraphs(CORPUS, prose=True) if p.pid == "000001-01"]
    assert [(p.start, p.text) for p in pieces] == [
        (0, "Anmeldelse:"),
        (len("Anmeldelse:"), "«Sult» er god. Den er lang."),
    ]
    assert pieces[1].gold == {len("«Sult»ergod.")}


def test_adjudication_flips_judged_boundaries_and_leaves_out_ambiguous_ones() -> None:
    paras = [p for p in paragraphs(CORPUS) if p.pid != "000002-01"]
    mr = len("ViventerpåMr.")
    sult = len("Anmeldelse:")
    judged = [
        Judgement("000001-02", mr, True, "wrong", "title before a name"),
        Judgement("000001-01", sult, True, "ambiguous", "colon"),
    ]
    gold = {p.pid: (p, skip) for p, skip in adjudicated(paras, judged)}
    assert gold["000001-02"][0].gold == frozenset()
    assert gold["000001-01"][1] == {sult}
    # tolk splits neither at "Mr." nor at the colon: after judging, nothing is missed.
    assert score(split_sentences, list(gold.values())) == Tally(tp=1, fp=0, fn=0)
    assert tally(split_sentences, [(p.text, set(p.gold)) for p in paras]) == Tally(1, 0, 2)


def test_adjudication_refuses_a_judgement_the_corpus_does_not_match() -> None:
    paras = paragraphs(CORPUS)
    wrong = Judgement("000001-01", 3, True, "wrong", "no boundary there in the corpus")
    with pytest.raises(ValueError, match="no longer reads so"):
        adjudicated(paras, [wrong])


ADJUDICATIONS = [ADJUDICATION, NOREC_ADJUDICATION]


@pytest.mark.parametrize("path", ADJUDICATIONS, ids=lambda p: p.name)
def test_adjudication_file_parses_and_names_known_verdicts(path: Path) -> None:
    judged = read_adjudication(path)
    assert judged
    assert all(j.verdict in ("right", "wrong", "ambiguous") and j.kind for j in judged)
    assert len({(j.pid, j.offset) for j in judged}) == len(judged)  # each place judged once


@pytest.mark.parametrize("path", ADJUDICATIONS, ids=lambda p: p.name)
def test_adjudication_file_holds_no_corpus_text(path: Path) -> None:
    # Places are ids and offsets; a kind is our own short label, never a quotation.
    for j in read_adjudication(path):
        assert j.pid.replace("-", "").isdigit()
        assert len(j.kind) <= 60 and "«" not in j.kind and '"' not in j.kind


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("Mr. Bean er tilbake.", True),
        ("Regissert av J.J. Abrams.", True),
        ("Den spilles på TV hver fredag.", True),
        ("Hun synger «The Night Is Young».", True),
        ("Jack O'Connell og Steve McQueen spiller.", True),
        ("Rosemary's Baby er skummel.", True),
        ("Boka er lang og tung å lese.", False),
        ("HER ER VÅRE VURDERINGER:", False),
        ("Filmen varer 2 timer.", False),
    ],
)
def test_english_subset_selector(text: str, english: bool) -> None:
    assert quotes_english(text) is english


def test_joined_gold_counts_boundaries_in_non_space_characters() -> None:
    text, want = joined(["Ja.", "Nei  takk."])
    assert text == "Ja. Nei  takk."
    assert want == {3}
