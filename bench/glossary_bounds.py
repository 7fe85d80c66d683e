"""Glossary import in bounded memory (issue 24): the peak RSS and time of a fresh `tolk
glossary import` process for a million-term OmegaT glossary and a TBX of a million concept
entries, generated in a temporary folder and deleted after its run, and the lookup of an
article's terms in the million-term glossary.

The goal is the memory import's: under 200 MB whatever the file's size. Each file runs once.

Run alone: ``python -m bench.glossary_bounds``; `make bench` includes it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.home import temporary_home
from bench.timing import Row

GOAL_MB = 200.0
MB = 1_000_000
TERMS = 1_000_000
# A fresh process imports the file into its own database, looks a seed article's terms up and
# reports its own peak.
_IMPORT = """
import sys, time
from bench.timing import peak_rss_mb
from pathlib import Path
from tolk.glossary.database import Glossary
from tolk.library.articles import read_article
started = time.perf_counter()
with Glossary(Path(sys.argv[2])) as glossary:
    record = glossary.import_file(Path(sys.argv[1]))
    took = time.perf_counter() - started
    article = read_article(Path(sys.argv[3]))
    looked = time.perf_counter()
    found = glossary.terms_for(p.text for p in article.paragraphs)
    lookup = time.perf_counter() - looked
peak = round(peak_rss_mb() * 1024)
print(record.terms, took, lookup, len(found), peak)
"""
# First words of the terms: a real glossary's share words, and its stems are memoised. One term
# in a thousand starts with the bare word, which the article looked up has.
_WORDS = ("allianse", "forsvar", "toppmøte", "regjering", "kommune", "økonomi", "valg", "skatt")


def _first_word(n: int) -> str:
    word = _WORDS[n % len(_WORDS)]
    return word if n % 1000 < len(_WORDS) else f"{word}{n % 5000}"


def write_omegat(path: Path) -> str:
    """OmegaT's tab-separated glossary: source, target, comment; TERMS lines."""
    with path.open("w", encoding="utf-8") as out:
        out.write("# Written by bench/glossary_bounds.py\n")
        for n in range(TERMS):
            word = _first_word(n)
            out.write(f"{word} nummer {n}\t{word} number {n}\tcomment {n}\n")
    return f"OmegaT glossary, {TERMS:,} terms"


def write_tbx(path: Path) -> str:
    """TBX-Basic with TERMS concept entries, one Norwegian and two English terms each."""
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en">'
            "<martifHeader><fileDesc><sourceDesc><p>bench</p></sourceDesc></fileDesc>"
            "</martifHeader><text><body>\n"
        )
        for n in range(TERMS):
            word = _first_word(n)
            out.write(
                f'<termEntry id="c{n}"><langSet xml:lang="nb"><tig><term>{word} {n}</term></tig>'
                f'</langSet><langSet xml:lang="en"><tig><term>{word} {n}</term></tig>'
                f'<tig><term>old {n}</term><termNote type="administrativeStatus">'
                "deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry>\n"
            )
        out.write("</body></text></martif>\n")
    return f"TBX-Basic, {TERMS:,} entries"


def _measure(tmp: Path, env: dict[str, str], name: str, write: Callable[[Path], str]) -> Row:
    source = tmp / name
    described = write(source)
    size_mb = source.stat().st_size / MB
    database = tmp / "glossary.sqlite"
    article = Path(__file__).resolve().parent.parent / "seeds" / "000_4a397d34e890302c.txt"
    try:
        done = subprocess.run(
            [sys.executable, "-c", _IMPORT, str(source), str(database), str(article)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout.split()
    finally:
        source.unlink()
        for leftover in tmp.glob("glossary.sqlite*"):
            leftover.unlink()
    terms, took, lookup, found = int(done[0]), float(done[1]), float(done[2]), int(done[3])
    peak_mb = int(done[4]) / 1024
    return (
        f"glossary import peak RSS: {described} ({size_mb:.0f} MB file)",
        f"{peak_mb:.0f} MB / {took:.1f} s ({terms:,} terms); article lookup {lookup * 1000:.0f} "
        f"ms ({found:,} candidates)",
        f"< {GOAL_MB:.0f} MB",
        peak_mb < GOAL_MB,
    )


def run() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="tolk-bench-glossary-bounds-") as folder:
        tmp = Path(folder)
        env = temporary_home(tmp / "home")
        return [
            _measure(tmp, env, "glossary.txt", write_omegat),
            _measure(tmp, env, "glossary.tbx", write_tbx),
        ]


if __name__ == "__main__":
    for figure, value, goal, met in run():
        print(f"{figure}: {value} (goal {goal}: {'met' if met else 'MISSED'})")
