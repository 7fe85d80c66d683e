"""When the memory database cannot take an import (issue 22): a full disk part-way through, a
file-size limit the kernel enforces, another tolk holding the write lock. Each is one line that
names the database, the file and the remedy; nothing is half-imported and what was there stays.
Real SQLite, real files, the real command line in a child process where the process matters."""

from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tolk.database.writing import FIRST_WAIT_S
from tolk.memory.database import MemoryStoreError, TranslationMemory, database_path

TOLK = [sys.executable, "-m", "tui"]
HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
    '<header creationtool="test" srclang="nb" adminlang="en" datatype="plaintext"/>\n<body>\n'
)


def write_tmx(path: Path, units: int, words: str = "om alliansen") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(units):
            out.write(
                f'<tu><tuv xml:lang="nb"><seg>Setning {n} {words}.</seg></tuv>'
                f'<tuv xml:lang="en"><seg>Sentence {n} {words}.</seg></tuv></tu>\n'
            )
        out.write("</body>\n</tmx>\n")
    return path


def stored() -> tuple[list[tuple[str, int]], int, str]:
    """(the imports and their unit counts, the units in the file, its integrity check)."""
    db = sqlite3.connect(database_path())
    try:
        imports = db.execute("SELECT name, units FROM imports ORDER BY id").fetchall()
        units = db.execute("SELECT COUNT(*) FROM units").fetchone()[0]
        return imports, units, db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


# --- out of space ---------------------------------------------------------------------------


def test_a_full_disk_part_way_imports_nothing_and_keeps_what_was_there(tmp_path: Path) -> None:
    first = write_tmx(tmp_path / "first.tmx", 10)
    big = write_tmx(tmp_path / "big.tmx", 30_000)
    # The same name as the first import: replacing it must not lose it either.
    bigger_first = write_tmx(tmp_path / "again" / "first.tmx", 30_000, "om noe annet")
    with TranslationMemory() as memory:
        memory.import_file(first)
        # SQLite's own "database or disk is full" (SQLITE_FULL), made real by capping the file
        # a few batches of units past what it holds now, as a disk that fills up would.
        pages = memory._db.execute("PRAGMA page_count").fetchone()[0]
        memory._db.execute(f"PRAGMA max_page_count = {pages + 200}")
        for path in (big, bigger_first):
            with pytest.raises(MemoryStoreError) as failed:
                memory.import_file(path)
            assert str(failed.value) == (
                f"translation memory {database_path()}: the disk is full while importing "
                f"{path}; nothing was imported. Free some space, then try again."
            )
        # The same connection goes on working once there is room again.
        memory._db.execute(f"PRAGMA max_page_count = {1 << 30}")
        assert memory.import_file(write_tmx(tmp_path / "later.tmx", 5)).units == 5
    assert stored() == ([("first.tmx", 10), ("later.tmx", 5)], 15, "ok")


def test_the_command_says_in_one_line_that_the_memory_cannot_grow(tmp_path: Path) -> None:
    first = write_tmx(tmp_path / "first.tmx", 10)
    big = write_tmx(tmp_path / "big.tmx", 30_000)
    other = write_tmx(tmp_path / "other.tmx", 10)
    done = subprocess.run([*TOLK, "memory", "import", str(first)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    room = database_path().stat().st_size + 256 * 1024

    def capped() -> None:
        # The kernel refuses to grow any file past `room` bytes (EFBIG), as a nearly full
        # disk would refuse the write; the signal it also sends would kill the process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    done = subprocess.run(
        [*TOLK, "memory", "import", str(big), str(other)],
        capture_output=True,
        text=True,
        preexec_fn=capped,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"tolk: error: translation memory {database_path()}: it could not be written (disk "
        f"I/O error) while importing {big}; nothing was imported. Check that its disk has room "
        f"and is not read-only, then try again. Not imported either: {other}.\n"
    )
    assert stored() == ([("first.tmx", 10)], 10, "ok")


# --- another tolk writing -------------------------------------------------------------------


def test_a_second_import_waits_its_turn_and_says_so(tmp_path: Path) -> None:
    first = write_tmx(tmp_path / "first.tmx", 3)
    second = write_tmx(tmp_path / "second.tmx", 4)
    with TranslationMemory() as memory:
        memory.import_file(first)
    # Another tolk in the middle of an import: it holds the write lock.
    holder = sqlite3.connect(database_path(), isolation_level=None)
    holder.execute("PRAGMA foreign_keys = ON")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("DELETE FROM imports WHERE name = 'first.tmx'")
    waiting = subprocess.Popen(
        [*TOLK, "memory", "import", str(second)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert waiting.stderr is not None
        said = waiting.stderr.readline()  # written once the short silent wait is over
        assert said == (
            f"tolk: another tolk is writing to the translation memory {database_path()} (an "
            "import?); waiting for it to finish (up to 10 minutes; ctrl+c stops waiting)\n"
        )
        assert waiting.poll() is None  # still waiting
        holder.execute("COMMIT")  # the other import ends
        out, err = waiting.communicate(timeout=120)
    finally:
        waiting.kill()
        holder.close()
    assert (waiting.returncode, err) == (0, "")
    assert out == f"Imported 4 units from {second}\n"
    assert stored() == ([("second.tmx", 4)], 4, "ok")


def test_a_wait_that_runs_out_says_so_and_changes_nothing(tmp_path: Path) -> None:
    first = write_tmx(tmp_path / "first.tmx", 3)
    second = write_tmx(tmp_path / "second.tmx", 4)
    told: list[str] = []
    with TranslationMemory() as memory:
        memory.import_file(first)
        holder = sqlite3.connect(database_path(), isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")
            started = time.monotonic()
            with pytest.raises(MemoryStoreError) as failed:
                memory.import_file(second, on_wait=told.append, wait_s=1.2)
            # It kept trying for the whole wait (in steps shorter than it), then gave up.
            assert time.monotonic() - started >= FIRST_WAIT_S + 1.2
            assert str(failed.value) == (
                f"translation memory {database_path()}: another tolk kept it busy for over "
                f"{FIRST_WAIT_S + 1.2:.0f} s while importing {second}; nothing was imported. Try "
                "again when it has finished."
            )
            with pytest.raises(MemoryStoreError, match=r"while removing first\.tmx; nothing was"):
                memory.remove("first.tmx", wait_s=0.1)
        finally:
            holder.close()
        assert len(told) == 1 and "waiting for it to finish (up to 1 s;" in told[0]
        assert memory.remove("first.tmx")  # its turn has come
    assert stored() == ([], 0, "ok")
