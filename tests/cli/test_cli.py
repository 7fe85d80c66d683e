"""`tolk translate` and the command line, run as a user would (console script, real files)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.support.english import assert_english, cipher_text
from tolk.cli import main
from tolk.library.articles import read_article
from translation.pieces import LONG_SENTENCE_CHARS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
TOLK = [sys.executable, "-m", "tui"]


def tolk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TOLK, *args], capture_output=True, text=True, env=dict(os.environ), timeout=120
    )


def test_done_when_a_model_from_file_translates_every_sentence(cipher_archive: Path) -> None:
    installed = tolk("models", "install", str(cipher_archive))
    assert installed.returncode == 0, installed.stderr
    result = tolk("translate", "--json", *map(str, SEED_FILES))
    assert result.returncode == 0, result.stderr
    documents = json.loads(result.stdout)
    assert isinstance(documents, list) and len(documents) == 2
    for document, path in zip(documents, SEED_FILES, strict=True):
        article = read_article(path)
        assert document["article"]["path"] == str(path)
        assert document["article"]["date"] == article.date.iso()  # type: ignore[union-attr]
        paragraphs = document["paragraphs"]
        assert [p["index"] for p in paragraphs] == list(range(len(article.paragraphs)))
        for paragraph, original in zip(paragraphs, article.paragraphs, strict=True):
            assert paragraph["kind"] == original.kind.value
            assert paragraph["source"] == original.text
            assert paragraph["sentences"]
            pairs = [(s["source"], s["target"]) for s in paragraph["sentences"]]
            assert_english(pairs)
            assert " ".join(s["source"] for s in paragraph["sentences"]) == original.text
            assert paragraph["target"] == cipher_text(original.text)


def test_one_path_prints_one_object_and_plain_text_is_paragraph_aligned(
    installed_cipher_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["translate", "--json", str(SEED_FILES[0])]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"article", "paragraphs"}
    assert main(["translate", str(SEED_FILES[0])]) == 0
    plain = capsys.readouterr().out.strip().split("\n\n")
    assert plain == [cipher_text(p.text) for p in read_article(SEED_FILES[0]).paragraphs]


def test_without_a_model_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", str(SEED_FILES[0])]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tolk: error: No Norwegian→English model is installed.")
    assert "tolk models install" in err and "Traceback" not in err
    assert "Press i" not in err  # a hint for the reader, not for the command line


def test_bad_input_is_one_line_and_nonzero(tmp_path: Path) -> None:
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 50)
    result = tolk("translate", str(tmp_path / "missing.txt"), str(binary))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"tolk: error: {tmp_path / 'missing.txt'}: no such file or folder",
        f"tolk: error: {binary}: binary data, not a text file",
    ]


def test_translate_never_imports_textual(installed_cipher_model: Path) -> None:
    code = (
        "import sys; from tolk.cli import main; "
        f"status = main(['translate', {str(SEED_FILES[0])!r}]); "
        "assert 'textual' not in sys.modules and 'torch' not in sys.modules, "
        "[m for m in sys.modules if m.startswith(('textual', 'torch'))]; "
        "sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ)
    )
    assert result.returncode == 0, result.stderr


def test_help_names_the_commands() -> None:
    result = tolk("--help")
    assert result.returncode == 0
    assert "tolk translate" in result.stdout and "tolk models" in result.stdout


class _Terminal(io.StringIO):
    """stderr as a terminal, so `tolk translate` draws its progress."""

    def isatty(self) -> bool:
        return True


def test_a_run_on_sentence_is_one_sentence_of_the_json_and_progress_is_a_share(
    installed_cipher_model: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Long enough to go to the model in several batches (of 8 pieces), so progress can move.
    run_on = "Regjeringen " + " ".join(f"ord{n}" for n in range(1000))
    path = tmp_path / "run_on.txt"
    path.write_text(f" date 2020-03 – Kort avsnitt.\n\nFørst. {run_on}. Sist.\n", encoding="utf-8")
    assert len(run_on) > LONG_SENTENCE_CHARS
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["translate", "--json", str(path)]) == 0
    sentences = json.loads(capsys.readouterr().out)["paragraphs"][1]["sentences"]
    assert [s["source"] for s in sentences] == ["Først.", f"{run_on}.", "Sist."]
    whole = sentences[1]
    assert whole["target"] == cipher_text(f"{run_on}.") and whole["origin"] == "model"
    words = len(whole["source"].split())
    assert whole["alignment"] == [[i, i] for i in range(words)]
    # Progress: a share of the model's work (the run-on sentence's pieces), never a count of
    # "sentences" that the article does not have.
    drawn = [line for line in terminal.getvalue().split("\r\x1b[K") if line]
    shares = [
        int(line.removeprefix("translating run_on.txt: ").removesuffix("%")) for line in drawn
    ]
    assert shares == sorted(shares) and shares[0] == 0 and shares[-1] == 100
    assert len(set(shares)) > 3  # it moved while the run-on sentence was translated


def test_translate_takes_folders_as_check_does(
    installed_cipher_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "library"
    (folder / "2019").mkdir(parents=True)
    for path in SEED_FILES:
        (folder / "2019" / path.name).write_bytes(path.read_bytes())
    (folder / "notes.pdf").write_bytes(b"%PDF")  # not an article: left alone
    assert main(["translate", "--json", str(folder)]) == 0
    documents = json.loads(capsys.readouterr().out)
    # A folder gives a list, even of one: a script gets the same shape whatever it holds.
    assert isinstance(documents, list)
    assert sorted(Path(d["article"]["path"]).name for d in documents) == [
        p.name for p in SEED_FILES
    ]
    assert main(["translate", str(folder)]) == 0
    plain = capsys.readouterr().out
    assert plain.count("== ") == len(SEED_FILES)  # each article under its own heading
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["translate", str(empty)]) == 1
    assert capsys.readouterr().err == (
        "tolk: error: no articles (.txt, .md) under the given paths\n"
    )
