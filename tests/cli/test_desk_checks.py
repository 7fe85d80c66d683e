"""The reviewer's desk checks through `tolk check` and `tolk export`, with the real copy model,
a real user store, a real translation memory and a real config.toml: `inconsistent` (the same
Norwegian with other English in the user's corrections or the memory, across articles) and
`spelling` (a misspelt correction; a word the user accepted)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from tolk import paths
from tolk.cli import main
from tolk.library.articles import Article, read_article
from tolk.userdata.review import ReviewBook, SentenceKey, article_sentences
from tolk.userdata.store import open_store

SEED = SEEDS / "000_4a397d34e890302c.txt"
# The second sentence of the article's first paragraph.
SENTENCE = "Han mener ikke alliansen er i ferd med å slå sprekker."


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def two_articles(folder: Path) -> tuple[Article, Article]:
    """The seed, and another article (other content, so reviewed apart) with the same
    sentence."""
    folder.mkdir()
    first = folder / "first.txt"
    shutil.copy(SEED, first)
    second = folder / "second.txt"
    second.write_text(f"Toppmøtet\n\nDet var kaldt i London. {SENTENCE}\n", encoding="utf-8")
    return read_article(first), read_article(second)


def key_of(article: Article, source: str) -> SentenceKey:
    return next(key for key in article_sentences(article) if key.source == source)


def correct(article: Article, english: str, source: str = SENTENCE) -> None:
    opened = open_store()
    assert opened.store is not None, opened.message
    with opened.store as store:
        ReviewBook(store).set_correction(article, key_of(article, source), english)


def finding(findings: list[dict[str, Any]], path: Path, source: str) -> dict[str, Any]:
    return next(f for f in findings if Path(f["path"]) == path and f["source"] == source)


def codes(found: dict[str, Any]) -> list[str]:
    return [flag["code"] for flag in found["flags"]]


def test_the_same_sentence_corrected_two_ways_flags_inconsistent_in_both(
    installed_copy_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = two_articles(tmp_path / "news")
    correct(first, "He does not think the alliance is about to crack.")
    correct(second, "He doesn't believe the alliance is falling apart.")

    status, out, err = run(capsys, "check", "--json", str(first.path), str(second.path))
    assert status == 1, err
    findings = json.loads(out)
    in_first = finding(findings, first.path, SENTENCE)
    in_second = finding(findings, second.path, SENTENCE)
    assert "inconsistent" in codes(in_first) and "inconsistent" in codes(in_second)
    message = next(f["message"] for f in in_first["flags"] if f["code"] == "inconsistent")
    assert '"He doesn\'t believe the alliance is falling apart."' in message
    assert "corrected in second.txt, paragraph 2" in message
    message = next(f["message"] for f in in_second["flags"] if f["code"] == "inconsistent")
    assert '"He does not think the alliance is about to crack."' in message
    assert "corrected in first.txt, paragraph 1" in message

    # Only one article checked: the other's correction is still the user's work.
    status, out, _ = run(capsys, "check", str(first.path))
    assert f"{first.path}:1:2: inconsistent other English" in out

    # The export's flags are the same as check's.
    status, out, _ = run(capsys, "export", "--format", "json", str(first.path))
    sentences = [s for p in json.loads(out)["paragraphs"] for s in p["sentences"]]
    exported = next(s for s in sentences if s["source"] == SENTENCE)
    assert exported["origin"] == "corrected"
    assert "inconsistent" in [flag["code"] for flag in exported["flags"]]


def test_the_same_english_in_other_quotes_and_spacing_is_consistent(
    installed_copy_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = two_articles(tmp_path / "news")
    correct(first, 'He says the alliance is not "brain-dead".')
    correct(second, "He says  the alliance is not “brain-dead”. ")

    status, out, err = run(capsys, "check", "--json", str(first.path), str(second.path))
    assert status == 1, err  # the copy model's English elsewhere is untranslated
    findings = json.loads(out)
    assert all("inconsistent" not in codes(f) for f in findings if f["source"] == SENTENCE), (
        findings
    )


def test_the_model_english_of_a_sentence_corrected_elsewhere_is_inconsistent(
    installed_copy_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = two_articles(tmp_path / "news")
    correct(first, "He does not think the alliance is about to crack.")

    status, out, _ = run(capsys, "check", "--json", str(second.path))
    assert status == 1
    found = finding(json.loads(out), second.path, SENTENCE)
    assert found["origin"] == "model" and "inconsistent" in codes(found)


def test_other_english_in_the_memory_is_inconsistent(
    installed_copy_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = two_articles(tmp_path / "news")
    memory = tmp_path / "nrk.tmx"
    # Another tool's quotes and spacing around the same Norwegian: still the same sentence.
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'srclang="nb" segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x"/><body>'
        '<tu><tuv xml:lang="nb"><seg>Han  mener ikke alliansen er i ferd med å slå sprekker.'
        '</seg></tuv><tuv xml:lang="en"><seg>He denies the alliance is cracking.</seg></tuv></tu>'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    assert run(capsys, "memory", "import", str(memory))[0] == 0
    correct(first, "He does not think the alliance is about to crack.")

    status, out, _ = run(capsys, "check", str(first.path))
    assert status == 1
    assert (
        f'{first.path}:1:2: inconsistent other English for this Norwegian: "He denies the '
        'alliance is cracking.", in the translation memory (nrk.tmx)'
    ) in out.splitlines()


def test_a_misspelt_correction_flags_spelling_and_an_accepted_word_does_not(
    installed_copy_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = two_articles(tmp_path / "news")
    correct(first, "He does not think the allience is about to crack.")

    status, out, _ = run(capsys, "check", str(first.path))
    line = f'{first.path}:1:2: spelling "allience" (alliance?) is not in the English dictionary'
    assert line in out.splitlines()

    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text('[qa]\naccept = ["Allience"]\n', encoding="utf-8")
    status, out, err = run(capsys, "check", str(first.path))
    assert status == 1  # the copy model's untranslated sentences
    assert f"{first.path}:1:2: spelling" not in out
    assert "warning" not in err
