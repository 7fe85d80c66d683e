"""What every benchmark shares: how many times a figure is measured, a row's shape, and the
machine's load to write beside a figure."""

from __future__ import annotations

import os
import resource
from pathlib import Path

# Every timed figure is the median of this many measurements (interleaved where two figures
# form a ratio, so drift on a noisy machine hits both alike).
RUNS = 5

# (figure, value, goal, met)
Row = tuple[str, str, str, bool]


def load_average() -> float:
    """The machine's load average over the last minute (0.0 where the system has none)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def load_range(samples: list[float]) -> str:
    """How loaded the machine was while a figure was measured, as "load 0.4–1.9" (the
    one-minute load average sampled during the runs): on a shared machine a figure means
    little without it."""
    if not samples:
        return "load unknown"
    low, high = min(samples), max(samples)
    return f"load {low:.1f}" if f"{low:.1f}" == f"{high:.1f}" else f"load {low:.1f}–{high:.1f}"


def peak_rss_mb() -> float:
    """This process's own peak resident memory, in MB. Not `ru_maxrss`: Linux carries a
    process's peak across `exec`, so a child started by a big process (the bench's own, after
    the 100,000-article suite) would report its parent's size (VmHWM is the new program's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
