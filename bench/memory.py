"""Translation memory: importing 100,000 TMX units (peak memory of the importing process, and
time), opening such a memory (with the integrity check that runs once per change of the file,
and without), and the lookups the reader makes in it. `bench/memory_bounds.py` imports files
built to break the memory's limits."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import RUNS, Row

UNITS = 100_000
# Run in a fresh process, so its peak RSS is the import's own (plus Python and the libraries).
_IMPORT = """
import sys, time
from bench.timing import peak_rss_mb
from pathlib import Path
from tolk.memory.database import TranslationMemory
started = time.perf_counter()
with TranslationMemory(Path(sys.argv[2])) as memory:
    record = memory.import_file(Path(sys.argv[1]))
took = time.perf_counter() - started
print(record.units, took, round(peak_rss_mb() * 1024))
"""
_BASELINE = """
from bench.timing import peak_rss_mb
import tolk.memory.database
print(round(peak_rss_mb() * 1024))
"""


def _write_tmx(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
        out.write('<tmx version="1.4"><header creationtool="bench" srclang="nb" ')
        out.write('segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x"/><body>\n')
        for n in range(UNITS):
            out.write(
                f'<tu><tuv xml:lang="nb"><seg>Setning nummer {n} om alliansen og møtet i '
                f'London.</seg></tuv><tuv xml:lang="en"><seg>Sentence number {n} about the '
                "alliance and the meeting in London.</seg></tuv></tu>\n"
            )
        out.write("</body></tmx>\n")


def run() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="tolk-bench-memory-") as tmp:
        tmx, database = Path(tmp) / "big.tmx", Path(tmp) / "memory.sqlite"
        _write_tmx(tmx)
        size_mb = tmx.stat().st_size / 1e6
        done = subprocess.run(
            [sys.executable, "-c", _IMPORT, str(tmx), str(database)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        units, took, peak_kb = int(done[0]), float(done[1]), int(done[2])
        base_kb = int(
            subprocess.run(
                [sys.executable, "-c", _BASELINE], check=True, capture_output=True, text=True
            ).stdout
        )
        from tolk.memory.database import TranslationMemory

        checked, unchanged = _openings(database)
        with TranslationMemory(database) as memory:
            sentence = "Setning nummer 54321 om alliansen og møtet i London."
            exact, near = [], []
            for _ in range(RUNS):
                started = time.perf_counter()
                memory.exact([sentence])
                exact.append(time.perf_counter() - started)
                started = time.perf_counter()
                memory.matches("Setning nummer 54321 om alliansen og møtet i Oslo.")
                near.append(time.perf_counter() - started)
    return [
        (
            f"import {units:,} TMX units ({size_mb:.0f} MB file): peak RSS / time",
            f"{peak_kb / 1024:.0f} MB (Python + libraries alone {base_kb / 1024:.0f} MB)"
            f" / {took:.1f} s",
            "report",
            True,
        ),
        (
            f"opening a memory of {units:,} units: changed since its last check / unchanged",
            f"{statistics.median(checked) * 1000:.0f} ms / "
            f"{statistics.median(unchanged) * 1000:.1f} ms",
            "report",
            True,
        ),
        (
            f"memory lookup in {units:,} units: exact / near (fuzzy)",
            f"{statistics.median(exact) * 1000:.2f} ms / {statistics.median(near) * 1000:.0f} ms",
            "report",
            True,
        ),
    ]


def _openings(database: Path) -> tuple[list[float], list[float]]:
    """Seconds to open (and close) the memory: when its file changed since the last integrity
    check (the check runs: the first `tolk translate` after an import), and when not."""
    from tolk.memory.database import TranslationMemory

    marker = database.with_name(f"{database.name}.checked")
    checked: list[float] = []
    unchanged: list[float] = []
    for _ in range(RUNS):
        marker.unlink(missing_ok=True)  # as after a change: the fingerprint no longer matches
        for times, expected in ((checked, True), (unchanged, False)):
            started = time.perf_counter()
            with TranslationMemory(database) as memory:
                assert memory.checked == expected
            times.append(time.perf_counter() - started)
    return checked, unchanged
