"""The library index: a second start lists from the index without reading unchanged files;
changed, new and vanished files are picked up; a damaged index is moved aside and rebuilt; a
scan cut short keeps what it indexed; identical copies are separate articles.

Reads are counted by wrapping `read_summaries` (the real one still does the reading)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.app.pilot import make_app, reader_screen, wait_for_scan
from tolk import paths, workers
from tolk.library import scan as library_scan
from tolk.library.articles import ArticleSummary, read_summaries, read_summary
from tolk.library.index import LibraryIndex
from tolk.library.scan import Found, FoundMany, Gone, Listed, scan_with_index


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files read for their summary, in order (counted, not faked)."""
    done: list[Path] = []

    def counting(files: list[tuple[Path, int | None]]) -> list[ArticleSummary]:
        done.extend(path for path, _size in files)
        return read_summaries(files)

    monkeypatch.setattr(library_scan, "read_summaries", counting)
    return done


def write_library(root: Path, count: int) -> Path:
    for number in range(count):
        folder = root / f"{2000 + number % 5}"
        folder.mkdir(parents=True, exist_ok=True)
        month = number % 12 + 1
        (folder / f"{number:03d}.txt").write_text(
            f" date {2000 + number % 5}-{month:02d} – Sak nummer {number} om alliansen.\n\n"
            "Mer tekst.\n",
            encoding="utf-8",
        )
    return root


def scan(roots: list[Path], *, cancel_after: int | None = None) -> Iterator[object]:
    index = LibraryIndex(paths.library_index_file())
    found = 0

    def cancelled() -> bool:
        return cancel_after is not None and found >= cancel_after

    try:
        for step in scan_with_index(roots, index, cancelled=cancelled):
            found += isinstance(step, Found)
            yield step
    finally:
        index.close()


def listing(steps: list[object]) -> dict[Path, str]:
    """What the steps leave on the list: path → title."""
    shown: dict[Path, str] = {}
    for step in steps:
        if isinstance(step, Listed | FoundMany):
            shown.update((Path(file.path), file.title) for file in step.files)
        elif isinstance(step, Found):
            shown[step.summary.path] = step.summary.title
        elif isinstance(step, Gone):
            for path in step.paths:
                del shown[path]
    return shown


def titles_on_disk(root: Path) -> dict[Path, str]:
    return {path: read_summary(path).title for path in root.rglob("*.txt")}


def test_second_scan_lists_from_the_index_and_reads_nothing(
    tmp_path: Path, reads: list[Path]
) -> None:
    root = write_library(tmp_path / "library", 40)
    first = list(scan([root]))
    assert len(reads) == 40
    assert listing(first) == titles_on_disk(root)
    reads.clear()
    second = list(scan([root]))
    assert reads == []
    assert listing(second) == titles_on_disk(root)
    # Everything is listed before the walk begins.
    listed = [step for step in second if isinstance(step, Listed)]
    assert second[: len(listed)] == listed
    assert sum(len(step.files) for step in listed) == 40


def test_changed_new_and_vanished_files_are_picked_up(tmp_path: Path, reads: list[Path]) -> None:
    root = write_library(tmp_path / "library", 30)
    list(scan([root]))
    changed, gone = root / "2001" / "001.txt", root / "2002" / "002.txt"
    info = changed.stat()
    changed.write_text(" date 2024-01 – Endret sak.\n", encoding="utf-8")
    os.utime(changed, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    gone.unlink()
    new = root / "2003" / "ny.txt"
    new.write_text(" date 2023-05 – Ny sak.\n", encoding="utf-8")
    reads.clear()
    steps = list(scan([root]))
    assert sorted(reads) == sorted([changed, new])
    assert listing(steps) == titles_on_disk(root)
    assert [step.paths for step in steps if isinstance(step, Gone)] == [(gone,)]
    # The index learnt all three: the next start reads nothing and lists the same.
    reads.clear()
    again = list(scan([root]))
    assert reads == []
    assert listing(again) == titles_on_disk(root)
    assert not any(isinstance(step, Gone) for step in again)


def test_a_damaged_index_is_moved_aside_and_rebuilt(tmp_path: Path, reads: list[Path]) -> None:
    root = write_library(tmp_path / "library", 20)
    list(scan([root]))
    index_file = paths.library_index_file()
    index_file.write_bytes(b"this is not a database" * 100)
    for companion in ("-wal", "-shm"):
        Path(f"{index_file}{companion}").unlink(missing_ok=True)
    reads.clear()
    index = LibraryIndex(index_file)
    assert index.warning is not None and "moved" in index.warning
    index.close()
    aside = [p for p in index_file.parent.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1
    assert aside[0].read_bytes().startswith(b"this is not a database")
    steps = list(scan([root]))
    assert len(reads) == 20  # nothing trusted: every file read again
    assert listing(steps) == titles_on_disk(root)
    reads.clear()
    assert listing(list(scan([root]))) == titles_on_disk(root)
    assert reads == []  # rebuilt


def test_a_scan_cut_short_keeps_what_it_indexed(tmp_path: Path, reads: list[Path]) -> None:
    root = write_library(tmp_path / "library", 200)
    list(scan([root], cancel_after=20))
    first = len(reads)
    assert 20 <= first < 200
    reads.clear()
    steps = list(scan([root]))
    assert len(reads) == 200 - first  # only the files the first scan had not reached
    assert listing(steps) == titles_on_disk(root)


def test_identical_copies_in_two_folders_are_separate_articles(
    tmp_path: Path, reads: list[Path]
) -> None:
    original = write_library(tmp_path / "a", 10)
    copy = tmp_path / "b"
    shutil.copytree(original, copy)
    steps = list(scan([original, copy]))
    assert len(listing(steps)) == 20
    reads.clear()
    assert len(listing(list(scan([original, copy])))) == 20
    assert reads == []


def test_a_file_that_cannot_be_read_is_tried_again(
    tmp_path: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_library(tmp_path / "library", 3)
    locked = root / "2000" / "000.txt"
    locked.chmod(0)
    if os.access(locked, os.R_OK):
        # Root reads any file (CI runs as root): have the OS refuse this one as it would refuse
        # a user, the one thing a test cannot arrange otherwise here.
        real_open = os.open

        def refusing(path: Any, *args: Any, **kwargs: Any) -> Any:
            if os.fspath(path) == os.fspath(locked):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing)
    try:
        first = listing(list(scan([root])))
        assert "cannot read file" in (read_summary(locked).error or "")
        assert locked in first
        reads.clear()
        list(scan([root]))
        assert reads == [locked]
    finally:
        locked.chmod(0o644)


async def test_second_start_of_the_reader_lists_everything_without_reading(
    tmp_path: Path, reads: list[Path]
) -> None:
    root = write_library(tmp_path / "library", 60)
    app = make_app(root)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_scan(pilot)
        first = reader_screen(pilot).sidebar.article_list.shown
    assert len(reads) == 60
    reads.clear()
    (root / "2000" / "000.txt").unlink()
    app = make_app(root)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_scan(pilot)
        sidebar = reader_screen(pilot).sidebar
        shown = sidebar.article_list.shown
        status = str(sidebar.query_one("#scan-status").render())
    assert reads == []
    assert shown == [s for s in first if s.path.name != "000.txt" or s.path.parent.name != "2000"]
    assert status == "59 articles"


@pytest.mark.parametrize("given", ["library", "./library", ".", "library/2001/001.txt", "/abs"])
def test_the_index_names_files_as_the_walk_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    """Rows listed from the index are named by text, without a `Path` (made only when asked
    for): each must name its file exactly as the walk would, for every form of root, or the
    walk would list a second row beside it."""
    write_library(tmp_path / "library", 6)
    monkeypatch.chdir(tmp_path / "library" if given == "." else tmp_path)
    root = tmp_path / "library" if given == "/abs" else Path(given)
    walked = listing(list(scan([root])))
    steps = list(scan([root]))
    listed = [file for step in steps if isinstance(step, Listed) for file in step.files]
    assert sorted(file.path for file in listed) == sorted(str(path) for path in walked)
    assert not [step for step in steps if isinstance(step, Found)]  # nothing read again
    assert listing(steps) == walked


def test_a_first_scan_of_a_big_library_reads_the_rest_in_worker_processes(
    tmp_path: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the first 1,000 files read as the walk goes, a first scan leaves the rest for
    worker processes (python -c, over pipes): what they read is listed and indexed exactly as
    a read here would have it, named by text as the walk names files."""
    root = write_library(tmp_path / "library", 2_300)
    started: list[int] = []
    start = workers._start

    def counting(count: int) -> Any:
        made = start(count)
        started.append(len(made))
        return made

    monkeypatch.setattr(workers, "usable_cores", lambda: 2)  # as on any machine of 2 cores
    monkeypatch.setattr(workers, "_start", counting)
    steps = list(scan([root]))
    # Read in this process as the walk went: the first 1,000 (in batches, the last one whole).
    assert 1_000 <= len(reads) < 1_000 + 128
    assert started == [2]
    many = [file for step in steps if isinstance(step, FoundMany) for file in step.files]
    assert len(many) == 2_300 - len(reads)
    assert all(isinstance(file.path, str) for file in many)
    assert listing(steps) == titles_on_disk(root)
    reads.clear()
    again = list(scan([root]))  # the index has every file: nothing is read again
    assert reads == [] and not [step for step in again if isinstance(step, FoundMany)]
    assert listing(again) == titles_on_disk(root)
