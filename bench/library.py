"""Library benchmarks (issue 2): time to the first title on screen, and filter latency.

Each measurement runs in a fresh process, so both cases pay the same imports and neither
benefits from the other's warm caches; the clock starts when the app is constructed. Each process
gets its own temporary home: the app would otherwise open the user's store, reopen their last
article and load their installed model.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from textual import events
from textual.strip import Strip
from textual.worker import WorkerCancelled

from bench.corpus import generate_library
from bench.home import temporary_home
from bench.timing import RUNS, Row
from tolk.config import LoadedConfig
from tolk.paths import bundled_seeds_dir


async def _first_title_seconds(root: Path) -> float:
    from tui.app import TolkApp
    from tui.widgets.article_list import ArticleList

    drawn: list[float] = []
    render_line = ArticleList.render_line

    def timed_render_line(self: ArticleList, y: int) -> Strip:
        strip = render_line(self, y)
        # The first time a title reaches a frame, the user sees it.
        if not drawn and self.total_count and strip.text.strip():
            drawn.append(time.perf_counter())
        return strip

    ArticleList.render_line = timed_render_line  # type: ignore[method-assign]
    start = time.perf_counter()
    app = TolkApp([root], LoadedConfig.defaults())
    async with app.run_test(size=(120, 40)):
        while not drawn:
            await asyncio.sleep(0.001)
    return drawn[0] - start


async def _filter_latencies(root: Path, query: str) -> list[float]:
    from tui.app import TolkApp
    from tui.reader.screen import ReaderScreen

    app = TolkApp([root], LoadedConfig.defaults())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        with contextlib.suppress(WorkerCancelled):  # one replaced by a newer one of its group
            await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("slash")
        filter_input = screen.sidebar.query_one("#filter")
        articles = screen.sidebar.article_list
        latencies = []
        typed = ""
        for key in query:
            typed += key
            start = time.perf_counter()
            # The key event goes through Textual's dispatch like a keypress from the terminal;
            # the clock stops once the list is filtered and its visible rows are drawn.
            filter_input.post_message(events.Key(key, key))
            while articles.filter_text != typed:
                await asyncio.sleep(0)
            for y in range(articles.size.height):
                articles.render_line(y)
            latencies.append(time.perf_counter() - start)
            await pilot.pause()
        return latencies


def _child(argv: list[str]) -> None:
    kind, root = argv[0], Path(argv[1])
    if kind == "first-title":
        print(json.dumps(asyncio.run(_first_title_seconds(root))))
    else:
        print(json.dumps(asyncio.run(_filter_latencies(root, argv[2]))))


def _in_fresh_process(*args: str) -> Any:
    """Run one measurement in a new process with a new temporary home; its JSON result."""
    with tempfile.TemporaryDirectory(prefix="tolk-bench-home-") as home:
        output = subprocess.run(
            [sys.executable, "-m", "bench.library", *args],
            check=True,
            capture_output=True,
            text=True,
            env=temporary_home(Path(home)),
        ).stdout
    return json.loads(output.strip().splitlines()[-1])


def run() -> list[Row]:
    """Measure; returns rows of (figure, value, goal, met)."""
    with tempfile.TemporaryDirectory() as tmp:
        big = generate_library(Path(tmp) / "library", 10_000)
        seeds = bundled_seeds_dir()
        small_times, big_times, run_medians, worst = [], [], [], 0.0
        for _ in range(RUNS):  # interleaved, so drift on a noisy machine hits both alike
            small_times.append(float(_in_fresh_process("first-title", str(seeds))))
            big_times.append(float(_in_fresh_process("first-title", str(big))))
            latencies = [float(x) for x in _in_fresh_process("filter", str(big), "allian")]
            run_medians.append(statistics.median(latencies))
            worst = max(worst, *latencies)
        small, large = statistics.median(small_times), statistics.median(big_times)
        worst_ms = worst * 1000
        median_ms = statistics.median(run_medians) * 1000
    ratio = large / small
    return [
        (
            "first title, 10,000 articles / 2 seeds",
            f"{ratio:.2f}x ({large * 1000:.0f} ms / {small * 1000:.0f} ms)",
            "<= 2x",
            ratio <= 2,
        ),
        (
            "filter latency per keystroke, 10,000 articles",
            f"median {median_ms:.1f} ms, worst of {RUNS}x6 {worst_ms:.1f} ms",
            "<= 50 ms",
            worst_ms <= 50,
        ),
    ]


if __name__ == "__main__":
    _child(sys.argv[1:])
