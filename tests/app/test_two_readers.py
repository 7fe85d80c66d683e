"""Two whole tolk readers started at the same instant on a brand-new data dir: both come up with
bookmarks on, and the bookmark each adds survives (issue 13).

tests/userdata/test_store_opening.py races two bare `open_store` calls; this races two whole
readers, each the real TolkApp in a process of its own (tests/support/reader_process.py) doing all
its start-up work (library index, search index, model, user store) in the same shared home.
Barriers over their pipes release both start-ups together, and then both store openings (the
reader's own job, held at its start until the peer's is there too)."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from tests.conftest import REPO
from tolk.userdata.store import open_store

ROUNDS = 15
# Paragraphs the two readers bookmark, in the same article.
PARAGRAPHS = (1, 2)
# Generous: a round takes seconds; this only keeps a hung reader from hanging the suite.
LINE_TIMEOUT_S = 120


def _lines(stream: IO[str]) -> queue.Queue[str]:
    """The protocol lines a reader writes, as they come (a thread reads its stdout)."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stream:
            if line.startswith(("ready ", "opening ", "result ")):
                lines.put(line.strip())
        lines.put("exited")

    threading.Thread(target=read, daemon=True).start()
    return lines


def _next(lines: queue.Queue[str], what: str) -> str:
    line = lines.get(timeout=LINE_TIMEOUT_S)
    assert line.startswith(what), f"expected {what!r}, got {line!r}"
    return line


def test_two_readers_started_at_once_on_a_new_data_dir_both_keep_bookmarks(
    tmp_path: Path,
) -> None:
    homes = tmp_path / "homes"
    readers: list[subprocess.Popen[str]] = []
    for number, paragraph in enumerate(PARAGRAPHS):
        arguments = [str(homes), str(paragraph), str(ROUNDS)]
        with (tmp_path / f"reader-{number}.stderr").open("w") as stderr:
            readers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "tests.support.reader_process", *arguments],
                    cwd=REPO,
                    env=dict(os.environ),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=stderr,
                    text=True,
                )
            )
    outputs = [_lines(reader.stdout) for reader in readers if reader.stdout is not None]
    problems: list[str] = []
    try:
        for number in range(ROUNDS):
            for lines in outputs:
                _next(lines, f"ready {number}")
            assert not (homes / str(number) / "data").exists()  # a brand-new data dir
            _release(readers, f"go {number}")
            for lines in outputs:
                _next(lines, f"opening {number}")
            _release(readers, f"open {number}")
            reports = [json.loads(_next(lines, "result ")[len("result ") :]) for lines in outputs]
            problems += _check_round(number, reports)
    finally:
        for reader in readers:
            if reader.stdin is not None:
                reader.stdin.close()
            reader.wait(timeout=LINE_TIMEOUT_S)
    assert [reader.returncode for reader in readers] == [0, 0]
    assert problems == []


def _release(readers: list[subprocess.Popen[str]], line: str) -> None:
    """Tell both readers to go on, one write after the other."""
    for reader in readers:
        assert reader.stdin is not None
        reader.stdin.write(line + "\n")
        reader.stdin.flush()


def _check_round(number: int, reports: list[dict[str, Any]]) -> list[str]:
    """What went wrong in one round: a reader without bookmarks, or a lost bookmark."""
    problems = []
    for report, paragraph in zip(reports, PARAGRAPHS, strict=True):
        off = [n for n in report["notices"] if "Bookmarks are off" in n]
        if not report["bookmarks_on"] or off:
            problems.append(f"round {number}: bookmarks off in a reader: {off}")
        if paragraph not in report["marked"]:
            problems.append(f"round {number}: paragraph {paragraph} not shown bookmarked")
    (database,) = {report["database"] for report in reports}
    (article,) = {report["article"] for report in reports}
    opened = open_store(Path(database))
    if opened.store is None:
        return [*problems, f"round {number}: store cannot be opened after: {opened.message}"]
    with opened.store as store:
        kept = sorted((b.paragraph_index, str(b.path)) for b in store.all_bookmarks())
    if kept != [(paragraph, article) for paragraph in PARAGRAPHS]:
        problems.append(f"round {number}: bookmarks kept {kept}")
    return problems
