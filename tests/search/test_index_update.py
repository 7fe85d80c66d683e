"""Bringing the search index up to date: only what changed is read and written, a cancelled
update keeps what it did, progress counts the files to index, and worker processes build the
same index as one process does. Each is checked by what the index file holds."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from bench.corpus import generate_library
from tests.conftest import SEEDS
from tolk.search.index import IndexProgress, IndexUpdate, SearchIndex

# Per file: its row id, title, error, and its paragraphs (row id, number, language, text and
# the index words of each).
Contents = dict[str, tuple[int, str, str | None, list[tuple[int, int, str, str, str]]]]


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    return SearchIndex(tmp_path / "cache.sqlite")


def contents(index: SearchIndex) -> Contents:
    """What the index file holds, read with a connection of the test's own."""
    with sqlite3.connect(index.path) as db:
        files = db.execute("SELECT id, path, title, error FROM search_file").fetchall()
        paragraphs = db.execute(
            "SELECT p.file_id, p.id, p.number, p.language, p.text, coalesce(w.nb, w.en) "
            "FROM search_paragraph AS p JOIN search_words AS w ON w.rowid = p.id ORDER BY p.id"
        ).fetchall()
    found: Contents = {path: (file_id, title, error, []) for file_id, path, title, error in files}
    by_id = {file_id: path for file_id, path, _, _ in files}
    for file_id, *paragraph in paragraphs:
        found[by_id[file_id]][3].append(tuple(paragraph))  # type: ignore[arg-type]
    return found


def touch_later(path: Path) -> None:
    """Give `path` a new mtime even on file systems with coarse timestamps."""
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def rewrite_unseen(path: Path, text: str) -> None:
    """Give `path` new content of the same size and its old mtime: to the update, unchanged."""
    before = path.stat()
    data = text.encode("utf-8")
    assert len(data) == before.st_size
    path.write_bytes(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_an_update_reads_and_writes_only_the_files_that_changed(
    index: SearchIndex, tmp_path: Path
) -> None:
    library = generate_library(tmp_path / "library", 12)
    assert index.update([library]) == IndexUpdate(added=12)
    before = contents(index)
    files = sorted(library.rglob("*.txt"))
    removed, changed, disguised = files[0], files[1], files[2]
    removed.unlink()
    changed.write_text(" date 2020-01 – Sjiraffene møtte Nato.\n", encoding="utf-8")
    touch_later(changed)
    # Same size and mtime: the update must not read it (its old text stays in the index).
    old_text = disguised.read_text(encoding="utf-8")
    rewrite_unseen(disguised, old_text.replace("Sak", "Zak", 1))
    added = library / "2030" / "added.txt"
    added.parent.mkdir()
    added.write_text(" date 2030-02 – Sjiraffen gikk i Brussel.\n", encoding="utf-8")

    assert index.update([library]) == IndexUpdate(added=1, changed=1, removed=1, unchanged=10)
    after = contents(index)
    assert str(removed) not in after
    untouched = set(before) - {str(removed), str(changed)}
    # Every other file keeps its row and its paragraphs' rows, as they were: none was rewritten.
    assert {path: after[path] for path in untouched} == {path: before[path] for path in untouched}
    assert "Zak" not in str(after[str(disguised)])
    assert [p[3] for p in after[str(changed)][3]] == ["Sjiraffene møtte Nato."]
    assert [p[3] for p in after[str(added)][3]] == ["Sjiraffen gikk i Brussel."]
    assert [r.path for r in index.search("sjiraff")] == [added, changed]
    assert index.update([library]) == IndexUpdate(unchanged=12)
    assert contents(index) == after


def test_a_changed_file_drops_its_translation(index: SearchIndex, seeds_copy: Path) -> None:
    seed = sorted(seeds_copy.glob("*.txt"))[0]
    index.update([seeds_copy])
    index.index_translation(seed, ["The alliance."])
    assert index.search("alliance")
    seed.write_text(seed.read_text() + "\nEtterord.\n")
    touch_later(seed)
    index.update([seeds_copy])
    assert index.search("alliance") == []
    assert index.search("etterord")


def test_files_outside_the_roots_are_removed(index: SearchIndex, seeds_copy: Path) -> None:
    index.update([seeds_copy])
    one = sorted(seeds_copy.glob("*.txt"))[1]
    assert index.update([one]) == IndexUpdate(removed=1, unchanged=1)
    assert {r.path for r in index.search("Nato")} == {one}


def test_a_cancelled_update_keeps_what_it_wrote(index: SearchIndex, tmp_path: Path) -> None:
    library = generate_library(tmp_path / "library", 3_000, paragraphs=1)
    heard: list[IndexProgress] = []

    def enough() -> bool:  # cancelled once the first files are written
        return any(p.indexed for p in heard)

    report = index.update([library], cancelled=enough, progress=heard.append, processes=0)
    assert report.cancelled and report.removed == 0
    assert 0 < report.added == len(contents(index)) < 3_000
    assert heard[-1].indexed == report.added  # what was parsed when it was cancelled is kept
    again = index.update([library], processes=0)
    assert again == IndexUpdate(added=3_000 - report.added, unchanged=report.added)
    assert len(contents(index)) == 3_000


def test_an_update_cancelled_in_its_walk_writes_nothing(
    index: SearchIndex, seeds_copy: Path
) -> None:
    index.update([seeds_copy])
    sorted(seeds_copy.glob("*.txt"))[0].unlink()
    assert index.update([seeds_copy], cancelled=lambda: True) == IndexUpdate(cancelled=True)
    assert len(contents(index)) == 2  # the one gone is removed only by an update that ends


def test_unreadable_files_are_remembered_not_reread(index: SearchIndex, tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    blank = tmp_path / "lib" / "blank.txt"
    blank.write_text("\n\n\n\n\n")
    index.update([tmp_path / "lib"])
    ((_, title, error, paragraphs),) = contents(index).values()
    assert error is not None and paragraphs == [] and title == "blank.txt"
    rewrite_unseen(blank, "Hei.\n")
    assert index.update([tmp_path / "lib"]) == IndexUpdate(unchanged=1)
    assert contents(index)[str(blank)][2] == error  # not read again


def test_progress_counts_the_walk_then_the_files_to_index(
    index: SearchIndex, tmp_path: Path
) -> None:
    library = generate_library(tmp_path / "library", 1_250, paragraphs=1)
    index.update([library / "2000"])  # a few are indexed already
    already = len(contents(index))
    heard: list[IndexProgress] = []
    index.update([library], progress=heard.append, processes=0)
    walking = [p for p in heard if p.to_index is None]
    assert [p.looked_at for p in walking] == [1_000]  # the walk says how far it is
    indexing = [p for p in heard if p.to_index is not None]
    assert {p.to_index for p in indexing} == {1_250 - already}
    assert indexing[0].indexed == 0 and indexing[-1].indexed == 1_250 - already
    counts = [p.indexed for p in indexing]
    assert counts == sorted(counts)  # after each write, growing


def test_worker_processes_build_the_same_index(tmp_path: Path) -> None:
    library = generate_library(tmp_path / "library", 300)
    here, workers = SearchIndex(tmp_path / "here.sqlite"), SearchIndex(tmp_path / "pool.sqlite")
    assert here.update([SEEDS, library], processes=0) == IndexUpdate(added=302)
    assert workers.update([SEEDS, library], processes=2) == IndexUpdate(added=302, in_workers=302)
    assert contents(workers) == contents(here)
    for query in ("alliansene", '"Jens Stoltenberg"', "det er", "Sak 17"):
        assert workers.search(query, limit=500) == here.search(query, limit=500)


def test_a_translation_indexed_while_an_update_runs_is_kept(
    index: SearchIndex, seeds_copy: Path
) -> None:
    # The reader indexes an article's English as soon as it is translated, which can be while
    # the first build has yet to reach that article: the build must neither fail on the file
    # it now finds in the index nor drop its English.
    seed = sorted(seeds_copy.glob("*.txt"))[0]

    def translate_meanwhile(reached: IndexProgress) -> None:
        if reached.to_index is not None and reached.indexed == 0:  # walked, nothing written
            index.index_translation(seed, ["The giraffe."])

    assert index.update([seeds_copy], progress=translate_meanwhile) == IndexUpdate(added=2)
    assert [r.path for r in index.search("giraffe")] == [seed]
    assert {r.path for r in index.search("Nato")} == set(seeds_copy.glob("*.txt"))
    assert index.update([seeds_copy]) == IndexUpdate(unchanged=2)
