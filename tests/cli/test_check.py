"""Scores, flags and alignment through the command line: `tolk translate --json`, `tolk check`
and `tolk export`, with real models. The copy model's English is its Norwegian, so the QA check
`untranslated` must flag exactly the sentences long enough to judge; the cipher model's English
differs from its Norwegian, so it must flag none of them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from tolk.cli import main
from tolk.library.articles import read_article
from tolk.qa.checks import UNTRANSLATED_MIN_WORDS
from tolk.userdata.review import article_sentences

SEED_FILES = sorted(SEEDS.glob("*.txt"))
LINT_LINE = re.compile(
    r"^(?P<path>.+):(?P<paragraph>\d+):(?P<sentence>\d+): (?P<code>\S+) (?P<message>.+)$"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def long_enough(sentence: str) -> bool:
    """Enough words (with a letter or digit) for `untranslated` to judge the sentence."""
    words = [word for word in sentence.split() if any(c.isalnum() for c in word)]
    return len(words) >= UNTRANSLATED_MIN_WORDS


def sentences_of(documents: list[dict[str, Any]]) -> list[tuple[str, int, int, dict[str, Any]]]:
    """(file name, paragraph, sentence, the sentence's JSON), 1-based as `tolk check` counts."""
    return [
        (Path(document["article"]["path"]).name, paragraph["index"] + 1, number, sentence)
        for document in documents
        for paragraph in document["paragraphs"]
        for number, sentence in enumerate(paragraph["sentences"], start=1)
    ]


def test_done_when_the_copy_model_is_aligned_word_for_word_and_flagged_untranslated(
    installed_copy_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "translate", "--json", *map(str, SEED_FILES))
    assert status == 0, err
    sentences = sentences_of(json.loads(out))
    assert len(sentences) > 30
    expected_untranslated = set()
    for name, paragraph, number, sentence in sentences:
        words = sentence["source"].split()
        assert sentence["target"] == sentence["source"]
        assert sentence["alignment"] == [[i, i] for i in range(len(words))], sentence
        assert isinstance(sentence["score"], float) and sentence["score"] <= 0
        codes = [flag["code"] for flag in sentence["flags"]]
        assert all(
            set(flag) == {"code", "message"} and flag["message"] for flag in sentence["flags"]
        )
        assert ("untranslated" in codes) == long_enough(sentence["source"]), sentence
        if long_enough(sentence["source"]):
            expected_untranslated.add((name, paragraph, number))
    # Both kinds are there: the check judges, it does not flag everything.
    assert 0 < len(expected_untranslated) < len(sentences)

    status, out, err = run(capsys, "check", str(SEEDS))
    assert status == 1, err
    lines = out.splitlines()
    assert lines and all(LINT_LINE.match(line) for line in lines), lines
    listed = {
        (Path(m["path"]).name, int(m["paragraph"]), int(m["sentence"]))
        for m in map(LINT_LINE.match, lines)
        if m is not None and m["code"] == "untranslated"
    }
    assert listed == expected_untranslated
    assert f"of {len(sentences)} sentences flagged in 2 articles" in err


def test_check_lists_every_flag_the_translation_has_and_nothing_else(
    installed_cipher_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "translate", "--json", *map(str, SEED_FILES))
    assert status == 0
    flagged = {
        (name, paragraph, number, flag["code"], flag["message"])
        for name, paragraph, number, sentence in sentences_of(json.loads(out))
        for flag in sentence["flags"]
    }
    # The cipher's English is not the Norwegian: nothing is untranslated. (Its names and
    # numbers are ciphered, so those checks do flag.)
    assert flagged and not any(code == "untranslated" for *_, code, _ in flagged)

    status, out, _ = run(capsys, "check", *map(str, SEED_FILES))
    assert status == 1
    listed = {
        (Path(m["path"]).name, int(m["paragraph"]), int(m["sentence"]), m["code"], m["message"])
        for m in map(LINT_LINE.match, out.splitlines())
        if m is not None
    }
    assert listed == flagged

    status, out, _ = run(capsys, "check", "--json", str(SEEDS))
    assert status == 1
    findings = json.loads(out)
    assert {
        (Path(f["path"]).name, f["paragraph"], f["sentence"], flag["code"], flag["message"])
        for f in findings
        for flag in f["flags"]
    } == flagged
    assert all(isinstance(f["score"], float) and f["source"] and f["target"] for f in findings)


def test_check_exits_0_when_clean_and_2_on_errors(
    installed_cipher_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = tmp_path / "clean.txt"
    # The cipher model's English is the ROT13 of the Norwegian: this comes out as real English
    # ("Yes, thanks." "Hi there."), which the spelling check passes.
    clean.write_text("Lrf, gunaxf.\n\nUv gurer.\n", encoding="utf-8")
    status, out, err = run(capsys, "check", str(clean))
    assert (status, out) == (0, "")
    assert "0 of 2 sentences flagged" in err
    # An unreadable path is an error even beside a flagged article: 2 wins over 1.
    status, out, err = run(capsys, "check", str(SEED_FILES[0]), str(tmp_path / "missing.txt"))
    assert status == 2 and out and "missing.txt" in err


def test_check_without_a_model_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", str(SEEDS))
    assert (status, out) == (2, "")
    assert "tolk models install" in err


def test_export_carries_score_and_flags(
    installed_copy_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = SEED_FILES[0]
    keys = article_sentences(read_article(seed))
    status, out, err = run(capsys, "export", str(seed), "--format", "tmx")
    assert status == 0, err
    units = ET.fromstring(out).findall("./body/tu")
    assert len(units) == len(keys)
    for unit, key in zip(units, keys, strict=True):
        props = {prop.attrib["type"]: prop.text or "" for prop in unit.findall("prop")}
        assert float(props["x-score"]) <= 0
        assert ("untranslated" in props.get("x-flags", "").split()) == long_enough(key.source)

    status, out, _ = run(capsys, "export", str(seed), "--format", "json")
    sentences = [s for p in json.loads(out)["paragraphs"] for s in p["sentences"]]
    assert [("untranslated" in [f["code"] for f in s["flags"]]) for s in sentences] == [
        long_enough(key.source) for key in keys
    ]
    assert all(s["score"] <= 0 for s in sentences)

    status, out, _ = run(capsys, "export", str(seed), "--format", "md")
    flagged = sum(long_enough(key.source) for key in keys)
    assert f"Flagged: {flagged}/{len(keys)} sentences" in out
    assert out.count("⚑ untranslated: ") == flagged
