"""The library scan: recursion, sorting, symlinks, unreadable files and folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tolk.library.articles import ArticleSummary
from tolk.library.files import scan_library


def sorted_rows(roots: list[Path]) -> list[ArticleSummary]:
    return sorted(scan_library(roots), key=lambda s: s.sort_key)


def test_seeds_newest_first() -> None:
    rows = sorted_rows([SEEDS])
    assert [r.date.iso() for r in rows if r.date] == ["2020-01", "2019-12"]
    assert all(r.error is None for r in rows)


def test_folders_recursive_undated_last_and_errors_listed(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "new.txt").write_text(" date 2021-05-01 – Ny sak.\n")
    (tmp_path / "a" / "undated.md").write_text("# Uten dato\n\nTekst.\n")
    (tmp_path / "old.txt").write_text(" date 2018 – Gammel sak.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")  # not an article suffix: ignored
    rows = sorted_rows([tmp_path])
    titles = [r.title for r in rows]
    assert titles[:2] == ["Ny sak.", "Gammel sak."]
    assert set(titles[2:]) == {"Uten dato", "empty.txt"}
    errors = [r for r in rows if r.error]
    assert [(r.path.name, r.error) for r in errors] == [("empty.txt", "empty file: no text")]


def test_symlink_loop_and_dangling_link_do_not_hang(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(" date 2020-02 – Sak.\n")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")
    rows = list(scan_library([tmp_path]))
    articles = [r for r in rows if r.error is None]
    assert [r.title for r in articles] == ["Sak."]
    reasons = {r.path.name: r.error for r in rows if r.error}
    assert reasons["dangling.txt"] == "dangling symlink: its target does not exist"
    assert reasons["self.txt"] == "symlink loop"


def test_missing_path_is_an_error_row(tmp_path: Path) -> None:
    rows = list(scan_library([tmp_path / "nope", SEEDS]))
    assert len(rows) == 3
    assert rows[0].error == "no such file or folder"


def test_unreadable_folder_is_an_error_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("x")
    (tmp_path / "ok.txt").write_text(" date 2020-01 – Lesbar.\n")
    # Tests run as root here, and root reads any folder whatever its mode, so the kernel's
    # refusal is simulated at the one call that meets it.
    real_scandir = os.scandir

    def scandir(path: str | Path) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    rows = list(scan_library([tmp_path]))
    assert sorted((r.path.name, r.error) for r in rows) == [
        ("locked", "permission denied"),
        ("ok.txt", None),
    ]


def test_files_given_directly_whatever_their_suffix(tmp_path: Path) -> None:
    path = tmp_path / "artikkel"
    path.write_text(" date 2020-03 – Direkte.\n")
    assert [r.title for r in scan_library([path, path])] == ["Direkte."]


def test_cancel_stops_the_scan(tmp_path: Path) -> None:
    for i in range(50):
        (tmp_path / f"{i:03}.txt").write_text(f" date 2020-01 – Sak {i}.\n")
    seen = []
    for row in scan_library([tmp_path], cancelled=lambda: len(seen) >= 5):
        seen.append(row)
    assert len(seen) == 5
