"""Translation memory import in bounded memory (issue 22): the peak RSS of a fresh
`tolk memory import` process for each of three big files, generated in a temporary folder and
deleted after its run:

- a TMX whose one `<seg>` is 200 MB (skipped as too long, counted, the other units imported);
- a TMX with 123 MB of elements outside any `<tu>` (`<prop>`s in its `<header>`);
- a 200 MB JSON export (`tolk export --format json` of many articles, as one array).

Before this work they took 3.2 GB, 529 MB and 992 MB. The goal is under 200 MB each. Each file
runs once: the figure is a peak, not a time, and the files take a while to write.

Run alone: ``python -m bench.memory_bounds``; `make bench` includes it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.home import temporary_home
from bench.timing import Row

GOAL_MB = 200.0
MB = 1_000_000
# A fresh process imports the file into its own memory and reports its own peak.
_IMPORT = """
import sys, time
from bench.timing import peak_rss_mb
from pathlib import Path
from tolk.memory.database import TranslationMemory
started = time.perf_counter()
with TranslationMemory(Path(sys.argv[2])) as memory:
    record = memory.import_file(Path(sys.argv[1]))
took = time.perf_counter() - started
print(record.units, record.too_long, took, round(peak_rss_mb() * 1024))
"""
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    '<tmx version="1.4"><header creationtool="bench" srclang="nb" segtype="sentence" '
    'adminlang="en" datatype="plaintext" o-tmf="x">\n'
)


def _tu(n: int) -> str:
    return (
        f'<tu><tuv xml:lang="nb"><seg>Setning nummer {n} om alliansen.</seg></tuv>'
        f'<tuv xml:lang="en"><seg>Sentence number {n} about the alliance.</seg></tuv></tu>\n'
    )


def write_long_segment(path: Path, size: int = 200 * MB) -> str:
    """A TMX whose first unit's Norwegian segment is `size` bytes, then 1,000 plain units."""
    line = "Regjeringen og Stortinget møtes i kommunen om økonomien. " * 1000
    with path.open("w", encoding="utf-8") as out:
        out.write(_HEAD + '</header><body>\n<tu><tuv xml:lang="nb"><seg>')
        written = 0
        while written < size:
            out.write(line)
            written += len(line.encode())
        out.write('</seg></tuv><tuv xml:lang="en"><seg>Long.</seg></tuv></tu>\n')
        out.writelines(_tu(n) for n in range(1000))
        out.write("</body></tmx>\n")
    return f"one {size // MB} MB <seg> + 1,000 units"


def write_outside_units(path: Path, size: int = 123 * MB) -> str:
    """A TMX whose `<header>` holds `size` bytes of `<prop>` elements, then 1,000 units."""
    props = "".join(
        f'<prop type="x-client-{n % 97}">Kunde {n}: Regjeringen i Oslo</prop>\n'
        for n in range(10_000)
    )
    with path.open("w", encoding="utf-8") as out:
        out.write(_HEAD)
        written = 0
        while written < size:
            out.write(props)
            written += len(props.encode())
        out.write("</header><body>\n")
        out.writelines(_tu(n) for n in range(1000))
        out.write("</body></tmx>\n")
    return f"{size // MB} MB of elements outside <tu> + 1,000 units"


def write_json_export(path: Path, size: int = 200 * MB) -> str:
    """An array of articles as `tolk export --format json` writes them, each sentence
    corrected, `size` bytes in all."""
    number = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("[\n")
        written = 0
        while written < size:
            text = json.dumps(_article(number), ensure_ascii=False, indent=2)
            out.write(("" if number == 0 else ",\n") + text)
            written += len(text.encode())
            number += 1
        out.write("\n]\n")
    return f"{size // MB} MB JSON export ({number:,} articles)"


def _article(number: int) -> dict[str, object]:
    def sentence(n: int) -> dict[str, object]:
        source = f"Artikkel {number}, setning {n}: alliansen møtes utenfor London."
        return {
            "source": source,
            "target": f"Article {number}, sentence {n}: the alliance meets outside London.",
            "origin": "corrected",
            "model_target": "The alliance meets outside London.",
            "score": -0.31,
            "flags": [],
            "alignment": [[0, 0], [1, 1], [2, 2]],
            "correction": f"Article {number}, sentence {n}: the alliance meets near London.",
            "memory": None,
            "reviewed": True,
            "note": None,
            "model_flags": [],
        }

    paragraphs = [
        {
            "index": p,
            "kind": "body",
            "source": "Alliansen møtes utenfor London.",
            "target": "The alliance meets outside London.",
            "sentences": [sentence(p * 4 + s) for s in range(4)],
        }
        for p in range(10)
    ]
    return {
        "article": {
            "path": f"library/{number:06d}.txt",
            "title": f"Artikkel {number}",
            "date": "2019-12",
            "model": "translate-nb_en-1_9",
            "translated": True,
        },
        "paragraphs": paragraphs,
    }


def _measure(tmp: Path, env: dict[str, str], name: str, write: Callable[[Path], str]) -> Row:
    source = tmp / name
    described = write(source)
    size_mb = source.stat().st_size / MB
    database = tmp / "memory.sqlite"
    try:
        done = subprocess.run(
            [sys.executable, "-c", _IMPORT, str(source), str(database)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout.split()
    finally:
        source.unlink()
        for leftover in tmp.glob("memory.sqlite*"):
            leftover.unlink()
    units, too_long, took, peak_kb = int(done[0]), int(done[1]), float(done[2]), int(done[3])
    peak_mb = peak_kb / 1024
    left_out = f", {too_long} too long" if too_long else ""
    return (
        f"memory import peak RSS: {described} ({size_mb:.0f} MB file)",
        f"{peak_mb:.0f} MB / {took:.1f} s ({units:,} units{left_out})",
        f"< {GOAL_MB:.0f} MB",
        peak_mb < GOAL_MB,
    )


def run() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="tolk-bench-memory-bounds-") as folder:
        tmp = Path(folder)
        env = temporary_home(tmp / "home")
        return [
            _measure(tmp, env, "long-segment.tmx", write_long_segment),
            _measure(tmp, env, "outside-units.tmx", write_outside_units),
            _measure(tmp, env, "export.json", write_json_export),
        ]


if __name__ == "__main__":
    for figure, value, goal, met in run():
        print(f"{figure}: {value} (goal {goal}: {'met' if met else 'MISSED'})")
