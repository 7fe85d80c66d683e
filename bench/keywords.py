"""Keyword benchmarks: highlighting a huge paragraph, and counting hits over many short ones.

These were wall-clock assertions in the unit tests; speed belongs here, where a slow machine
shows a figure instead of a failing test.
"""

from __future__ import annotations

import statistics
import time

from bench.timing import RUNS
from tolk.keywords.matching import KeywordMatcher

GOAL_S = 1.0


def run() -> list[tuple[str, str, str, bool]]:
    """Measure; returns rows of (figure, value, goal, met)."""
    huge = "Stoltenberg sa at alliansen står sammen, og Nato-landene er enige. " * 3000
    paragraphs = [
        f"Sak {n}: alliansen og Nato-landene møttes i Brussel i dag." for n in range(10_000)
    ]
    find_times, count_times = [], []
    for _ in range(RUNS):
        matcher = KeywordMatcher(["allianse", "Nato", "Jens Stoltenberg"])
        start = time.perf_counter()
        matcher.find(huge)
        find_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for paragraph in paragraphs:
            matcher.count(paragraph)
        count_times.append(time.perf_counter() - start)
    rows = []
    for figure, times in [
        (f"keyword hits in one {len(huge):,}-character paragraph", find_times),
        (f"keyword counts over {len(paragraphs):,} short paragraphs", count_times),
    ]:
        median = statistics.median(times)
        value = f"median {median * 1000:.0f} ms"
        rows.append((figure, value, f"< {GOAL_S:.0f} s", median < GOAL_S))
    return rows
