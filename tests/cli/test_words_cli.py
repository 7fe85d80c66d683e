"""`tolk words list | export`: output shapes, exit statuses, and an export that cannot be
written (one line saying why, nothing lost, exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.vocabulary.test_exports import anki_import
from tolk.vocabulary.entries import NewWord, WordSource, WordState
from tolk.vocabulary.lexicon import WordSense
from tolk.vocabulary.store import open_vocabulary, vocabulary_file

TOLK = [sys.executable, "-m", "tui"]


def tolk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TOLK, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def saved(tmp_path: Path) -> None:
    opened = open_vocabulary()
    assert opened.store is not None
    with opened.store as store:
        source = WordSource(tmp_path / "a.txt", "Strømprisene stiger", "2024-05-01", 0)
        sense = WordSense("gå", "verb", "bevege seg")
        store.save(NewWord("gikk", sense, "Hun gikk hjem.", "went", "She went.", source))
        store.save(NewWord("huset", WordSense("hus"), "Huset er rødt."), WordState.KNOWN)


def test_with_nothing_saved_the_list_says_so_and_makes_no_database() -> None:
    result = tolk("words", "list")
    assert result.returncode == 0, result.stderr
    assert "No words saved yet" in result.stdout
    assert not vocabulary_file().exists()


def test_list_shows_each_word_with_its_lemma_sentence_and_state(saved: None) -> None:
    result = tolk("words", "list")
    assert result.returncode == 0, result.stderr
    assert "gikk → gå (verb) · went  [learning]" in result.stdout
    assert (
        "“Hun gikk hjem.”" in result.stdout and "Strømprisene stiger (2024-05-01)" in result.stdout
    )
    assert "huset → hus  [known]" in result.stdout


def test_list_json_and_the_state_filter(saved: None) -> None:
    result = tolk("words", "list", "--json", "--state", "learning")
    assert result.returncode == 0, result.stderr
    [word] = json.loads(result.stdout)
    assert (word["word"], word["lemma"], word["state"]) == ("gikk", "gå", "learning")


def test_export_writes_an_anki_file_anki_reads(saved: None, tmp_path: Path) -> None:
    target = tmp_path / "out" / "words.txt"
    result = tolk("words", "export", "--format", "anki", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "Wrote 2 words to" in result.stderr
    imported = anki_import(target.read_text(encoding="utf-8"))
    assert [note["Front"] for note in imported.notes] == [
        "<b>Huset</b> er rødt.",
        "Hun <b>gikk</b> hjem.",
    ]


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_to_stdout(saved: None, kind: str) -> None:
    result = tolk("words", "export", "--format", kind)
    assert result.returncode == 0, result.stderr
    assert "gikk" in result.stdout and "huset" in result.stdout


def test_an_unwritable_export_path_says_why_and_loses_nothing(saved: None, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("kept")
    target = blocker / "words.txt"  # a file where a folder should be: no one can write there
    before = vocabulary_file().read_bytes()
    result = tolk("words", "export", "-o", str(target))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"tolk: error: cannot write {target}")
    assert "the words stay in" in line and "Traceback" not in result.stderr
    assert blocker.read_text() == "kept" and list(tmp_path.glob("a-file*")) == [blocker]
    assert vocabulary_file().read_bytes() == before
    assert len(json.loads(tolk("words", "list", "--json").stdout)) == 2


def test_a_damaged_vocabulary_is_said_in_one_line(tmp_path: Path) -> None:
    vocabulary_file().parent.mkdir(parents=True)
    vocabulary_file().write_bytes(b"not sqlite" * 500)
    result = tolk("words", "list")
    assert result.returncode == 0
    assert "damaged" in result.stderr and "Traceback" not in result.stderr


def test_a_data_folder_that_is_a_file_is_said_not_taken_for_no_words() -> None:
    folder = vocabulary_file().parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder")
    for args in (("list",), ("list", "--json"), ("export",)):
        result = tolk("words", *args)
        assert (result.returncode, result.stdout) == (2, ""), args
        assert result.stderr.startswith("tolk: error: cannot read the vocabulary: ")
        assert "is a file, not a folder" in result.stderr and result.stderr.count("\n") == 1
