"""A named pipe (FIFO) with an article's name, in a folder or given by name: every command reports
it as not a regular file and goes on with the others; none waits for a writer (issue 22).

Opening a FIFO for reading blocks until something opens it for writing, and nothing here ever
does: a command that opened it would hang, and `subprocess.run`'s timeout would end the test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tolk.library.articles import ArticleError, ArticleSummary, read_article
from tolk.library.files import find_article_files

SEED = sorted(SEEDS.glob("*.txt"))[0]
TOLK = [sys.executable, "-m", "tui"]
# Generous: a run takes a few seconds; a command that opened the pipe would wait for ever.
HANG_LIMIT_S = 90


def tolk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TOLK, *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=HANG_LIMIT_S,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with one real article and a named pipe called `pipe.txt` beside it."""
    path = tmp_path / "articles"
    path.mkdir()
    (path / SEED.name).write_bytes(SEED.read_bytes())
    os.mkfifo(path / "pipe.txt")
    return path


@pytest.mark.usefixtures("installed_cipher_model")
@pytest.mark.parametrize("command", ["translate", "check"])
def test_a_named_pipe_in_a_folder_is_reported_not_waited_on(folder: Path, command: str) -> None:
    result = tolk(command, str(folder))

    assert f"tolk: error: {folder / 'pipe.txt'}: a named pipe, not a regular file" in (
        result.stderr.splitlines()
    )
    assert "Traceback" not in result.stderr
    assert result.returncode != 0
    if command == "translate":  # the real article beside it was still translated
        assert cipher_text(read_article(SEED).paragraphs[0].text) in result.stdout
    else:
        assert "sentences flagged in 1 article" in result.stderr


def test_a_named_pipe_given_by_name_is_reported_not_waited_on(folder: Path) -> None:
    pipe = folder / "pipe.txt"
    for command in (["export"], ["translate"], ["check"]):
        result = tolk(*command, str(pipe))
        assert result.stderr.splitlines()[0] == (
            f"tolk: error: {pipe}: a named pipe, not a regular file"
        ), command
        assert result.returncode != 0


def test_the_walk_reports_a_named_pipe_and_reading_one_refuses_at_once(folder: Path) -> None:
    errors: list[ArticleSummary] = []
    found = list(find_article_files([folder], on_error=errors.append))
    assert found == [folder / SEED.name]
    assert [(row.path, row.error) for row in errors] == [
        (folder / "pipe.txt", "a named pipe, not a regular file")
    ]
    # Given the pipe itself (a bookmark, an export path), the parser refuses it without waiting.
    with pytest.raises(ArticleError, match="a named pipe, not a regular file"):
        read_article(folder / "pipe.txt")
