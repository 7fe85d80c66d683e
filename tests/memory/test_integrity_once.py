"""The memory's integrity check runs once per change of its file, not at every opening (issue
22: after a 2.1-million-unit import each `tolk translate` spent 3 s in it), and a file changed
since its last check — by tolk or anything else — is checked, and moved aside when damaged."""

from __future__ import annotations

import os
from pathlib import Path

from tolk.memory.database import TranslationMemory, database_path, exact_matches

TMX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t"/>'
    "<body>{units}</body></tmx>\n"
)


def write_tmx(path: Path, count: int) -> Path:
    units = "".join(
        f'<tu><tuv xml:lang="nb"><seg>Setning {n}.</seg></tuv>'
        f'<tuv xml:lang="en"><seg>Sentence {n}.</seg></tuv></tu>'
        for n in range(count)
    )
    path.write_text(TMX.format(units=units), encoding="utf-8")
    return path


def opening_checks() -> bool:
    with TranslationMemory() as memory:
        return memory.checked


def test_the_check_runs_once_after_each_change(tmp_path: Path) -> None:
    with TranslationMemory() as memory:
        memory.import_file(write_tmx(tmp_path / "a.tmx", 500))
    # The import changed the file: the next opening checks it, the ones after do not.
    assert [opening_checks() for _ in range(3)] == [True, False, False]
    # What `tolk translate` and the reader use opens the same way.
    found, warning = exact_matches(["Setning 7."])
    assert (found["Setning 7."].target, warning) == ("Sentence 7.", None)
    assert not opening_checks()
    with TranslationMemory() as memory:
        memory.remove("a.tmx")
    assert [opening_checks() for _ in range(2)] == [True, False]


def test_a_file_damaged_since_its_check_is_found_and_kept_aside(tmp_path: Path) -> None:
    with TranslationMemory() as memory:
        memory.import_file(write_tmx(tmp_path / "a.tmx", 2000))
    assert opening_checks() and not opening_checks()
    path = database_path()
    before = path.stat()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[page : 3 * page] = b"\xa5" * (2 * page)  # trash the tables' pages, keep the header
    path.write_bytes(bytes(data))
    # Same size, same modification time: only the change time (which no tool sets) says so.
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size

    with TranslationMemory() as memory:
        assert memory.checked
        assert memory.warning is not None and "damaged" in memory.warning
        assert memory.imports() == []
    assert len(list(path.parent.glob("memory.sqlite.damaged-*"))) == 1


def test_a_marker_that_is_not_this_files_fingerprint_is_not_trusted(tmp_path: Path) -> None:
    with TranslationMemory() as memory:
        memory.import_file(write_tmx(tmp_path / "a.tmx", 5))
    assert opening_checks() and not opening_checks()
    marker = database_path().with_name("memory.sqlite.checked")
    for text in ("", "garbage\n", "1 2 3 4 5\n", "\xff\xfe"):
        marker.write_text(text, encoding="latin-1")
        assert opening_checks()  # and the marker is written again
        assert not opening_checks()
