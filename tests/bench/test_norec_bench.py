"""The NoReC benchmark's own machinery (bench/norec_sentences.py, bench/checkout_files.py).

Its corpus (NoReC, CC BY-NC 4.0) is never copied here: every review below is written for this
test, laid out as NoReC lays out its files (a sentence a line, a blank line between paragraphs).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bench.boundaries import boundaries
from bench.checkout_files import read_checkout_folder
from bench.norec_sentences import english_sample, paragraphs, read_documents

REVIEWS = {
    "000001.txt": "Tittel \nEn ingress. \n\nFørste avsnitt. Nei. \nAndre setning. \n",
    "000002.txt": "\n\nMr. Bean er tilbake. \nHan er morsom. \n\n\nSlutt. \n",
}


def _checkout(root: Path) -> Path:
    (root / "data" / "train").mkdir(parents=True)
    for name, text in REVIEWS.items():
        (root / "data" / "train" / name).write_text(text, encoding="utf-8")
    (root / "data" / "train" / "notes.md").write_text("not a review", encoding="utf-8")
    return root


def _bare_mirror(checkout: Path, tmp_path: Path) -> Path:
    def git(*args: str, cwd: Path = checkout) -> None:
        subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "reviews")
    mirror = tmp_path / "mirror.git"
    git("clone", "-q", "--bare", str(checkout), str(mirror), cwd=tmp_path)
    return mirror


def test_folder_read_from_a_checkout_and_from_a_bare_git_directory(tmp_path: Path) -> None:
    checkout = _checkout(tmp_path / "checkout")
    mirror = _bare_mirror(checkout, tmp_path)
    assert read_checkout_folder(checkout, "data/train") == REVIEWS
    # One cat-file batch: every blob's text comes back whole and under its own name.
    assert read_checkout_folder(mirror, "data/train") == REVIEWS
    assert read_checkout_folder(mirror, "data/test") == {}


def test_documents_and_paragraphs_keep_the_corpus_sentences(tmp_path: Path) -> None:
    docs = read_documents(_checkout(tmp_path), "train")
    assert docs == [
        ("000001", [["Tittel", "En ingress."], ["Første avsnitt. Nei.", "Andre setning."]]),
        ("000002", [["Mr. Bean er tilbake.", "Han er morsom."], ["Slutt."]]),
    ]
    whole = {p.pid: p for p in paragraphs(docs)}
    assert sorted(whole) == ["000001-01", "000001-02", "000002-01", "000002-02"]
    second = whole["000001-02"]
    assert second.text == "Første avsnitt. Nei. Andre setning."
    # A line is a sentence, whatever its inside: the corpus has no boundary at "avsnitt.".
    assert second.gold == boundaries(["Første avsnitt. Nei.", "Andre setning."])
    # As prose, the unpunctuated heading is a piece of its own.
    pieces = [p for p in paragraphs(docs, prose=True) if p.pid == "000001-01"]
    assert [(p.start, p.text, p.gold) for p in pieces] == [
        (0, "Tittel", frozenset()),
        (len("Tittel"), "En ingress.", frozenset()),
    ]


def test_english_sample_is_fixed_and_english_only() -> None:
    docs = [(f"{i:06d}", [[f"Mr. Bean {i} er her."], [f"Boka {i} er lang."]]) for i in range(50)]
    picked, pool = english_sample(docs, 10)
    assert pool == 50 and len(picked) == 10
    assert all(pid.endswith("-01") for pid in picked)  # the English paragraph of each review
    assert english_sample(docs, 10) == (picked, pool)  # the seed fixes it
    assert english_sample(docs, 100)[0] == {f"{i:06d}-01" for i in range(50)}


@pytest.mark.parametrize("name", ["000001.txt", "000002.txt"])
def test_offsets_count_non_space_characters(tmp_path: Path, name: str) -> None:
    docs = [d for d in read_documents(_checkout(tmp_path), "train") if f"{d[0]}.txt" == name]
    for para in paragraphs(docs):
        squashed = "".join(para.text.split())
        assert all(0 < b < len(squashed) for b in para.gold)
