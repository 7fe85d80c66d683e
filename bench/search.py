"""Search benchmarks (issue 4): building the index for 10,000 articles, and query latency."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench.corpus import generate_library
from bench.timing import RUNS, Row
from tolk.search.index import SearchIndex

ARTICLES = 10_000
# Each kind of query that could be slow in its own way. The generated articles are built from
# the seeds' paragraphs, so no seed word is rare; an article's number ("Sak 4711:") is.
QUERIES = {
    "single word": "Stoltenberg",
    "inflected word": "alliansene",
    "two words": "Trump Nato",
    "phrase": '"Jens Stoltenberg"',
    "two common words never together": "Macron Soleimani",
    "rare word": "4711",
    "absent word": "sjiraff",
    "word in nearly every article": "det",
}
GOAL_MS = 100


def run() -> list[Row]:
    """Measure; returns rows of (figure, value, goal, met)."""
    with tempfile.TemporaryDirectory() as tmp:
        library = generate_library(Path(tmp) / "library", ARTICLES)
        builds, rechecks = [], []
        for number in range(RUNS):
            index = SearchIndex(Path(tmp) / f"cache-{number}.sqlite")
            start = time.perf_counter()
            index.update([library])
            builds.append(time.perf_counter() - start)
            start = time.perf_counter()
            index.update([library])
            rechecks.append(time.perf_counter() - start)
            if number < RUNS - 1:
                index.close()
        rows: list[Row] = [
            (
                f"search index build, {ARTICLES:,} articles",
                f"median {statistics.median(builds):.1f} s",
                "report",
                True,
            ),
            (
                f"search index update, {ARTICLES:,} unchanged",
                f"median {statistics.median(rechecks) * 1000:.0f} ms",
                "report",
                True,
            ),
        ]
        for kind, query in QUERIES.items():
            latencies = []
            for _ in range(RUNS):
                start = time.perf_counter()
                index.search(query, limit=100)
                latencies.append((time.perf_counter() - start) * 1000)
            worst = max(latencies)
            rows.append(
                (
                    f"search latency, {kind} ({query})",
                    f"median {statistics.median(latencies):.1f} ms, worst {worst:.1f} ms",
                    f"< {GOAL_MS} ms",
                    worst < GOAL_MS,
                )
            )
        index.close()
    return rows


if __name__ == "__main__":
    for figure, value, goal, met in run():
        print(f"{figure:<55}  {value:<32}  goal {goal:<8}  {'met' if met else 'MISSED'}")
