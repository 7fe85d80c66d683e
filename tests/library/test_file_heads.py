"""Reading file heads in batches: the right bytes of each file, in order, whole or cut, and a
file that cannot be read gives its error without stopping the others."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tolk.library.file_heads import read_head, read_heads

LIMIT = 100


def write(path: Path, size: int) -> Path:
    path.write_bytes(bytes(i % 251 for i in range(size)))
    return path


@pytest.mark.parametrize("size", [0, 1, LIMIT - 1, LIMIT, LIMIT + 1, 10 * LIMIT])
def test_head_and_whether_it_is_the_whole_file(tmp_path: Path, size: int) -> None:
    path = write(tmp_path / "a.txt", size)
    data = path.read_bytes()
    expected = (data[:LIMIT], size <= LIMIT)
    assert read_head(path, LIMIT) == expected
    assert read_head(path, LIMIT, size) == expected
    assert read_heads([(path, size)], LIMIT) == [expected]


def test_a_size_from_an_older_stat_still_gives_the_file_as_it_is(tmp_path: Path) -> None:
    # The file grew or shrank after the walk looked at it: the head is what is there now.
    grown = write(tmp_path / "grown.txt", 3 * LIMIT)
    shrunk = write(tmp_path / "shrunk.txt", 10)
    assert read_heads([(grown, 10), (shrunk, 3 * LIMIT)], LIMIT) == [
        (grown.read_bytes()[:LIMIT], False),
        (shrunk.read_bytes(), True),
    ]


def test_a_batch_keeps_its_order_and_each_failure_is_its_own(tmp_path: Path) -> None:
    first = write(tmp_path / "1.txt", 5)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    last = write(tmp_path / "3.txt", 2 * LIMIT)
    files: list[tuple[Path, int | None]] = [
        (first, 5),
        (tmp_path / "missing.txt", None),
        (folder, None),
        (last, None),
    ]
    heads = read_heads(files, LIMIT)
    assert heads[0] == (first.read_bytes(), True)
    assert isinstance(heads[1], FileNotFoundError)
    assert isinstance(heads[2], IsADirectoryError)
    assert heads[3] == (last.read_bytes()[:LIMIT], False)


def test_no_descriptor_is_left_open(tmp_path: Path) -> None:
    files: list[tuple[Path, int | None]] = [(write(tmp_path / f"{n}.txt", n), n) for n in range(50)]
    files.append((tmp_path / "missing.txt", None))
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(5):
        read_heads(files, LIMIT)
    assert len(os.listdir("/proc/self/fd")) == before


def test_a_named_pipe_does_not_hang_the_scan(tmp_path: Path) -> None:
    # Nothing writes to it: a plain open for reading would wait for a writer forever.
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    heads: list[object] = []
    reading = threading.Thread(target=lambda: heads.extend(read_heads([(pipe, 0)], LIMIT)))
    reading.start()
    reading.join(timeout=10)
    stuck = reading.is_alive()
    if stuck:  # waiting in open(): a writer lets it go, so that the test ends
        os.close(os.open(pipe, os.O_WRONLY))
        reading.join()
    assert not stuck
    assert heads == [(b"", True)]
