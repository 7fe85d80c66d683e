"""A count of one says one thing: "Wrote 1 article", "in 1 article", "Wrote 1 bookmark"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tolk.cli import main
from tolk.library.articles import read_article
from tolk.userdata.store import open_store

SEED = SEEDS / "000_4a397d34e890302c.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_export_of_one_article_says_one_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "review.md"
    status, _, err = run(capsys, "export", str(SEED), "-o", str(target))
    assert status == 0, err
    assert f"Wrote 1 article to {target}" in err


def test_check_of_one_article_says_one_article(
    installed_cipher_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, err = run(capsys, "check", str(SEED))
    assert err.splitlines()[-1].endswith(" sentences flagged in 1 article"), err


def test_export_of_one_bookmark_says_one_bookmark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opened = open_store()
    assert opened.store is not None, opened.message
    with opened.store as store:
        store.toggle_bookmark(read_article(SEED), 1)
    target = tmp_path / "bookmarks.md"
    status, _, err = run(capsys, "bookmarks", "export", "-o", str(target))
    assert status == 0, err
    assert f"Wrote 1 bookmark to {target}" in err
