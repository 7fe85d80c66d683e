"""What every benchmark shares: how many times a figure is measured, and a row's shape."""

from __future__ import annotations

# Every timed figure is the median of this many measurements (interleaved where two figures
# form a ratio, so drift on a noisy machine hits both alike).
RUNS = 5

# (figure, value, goal, met)
Row = tuple[str, str, str, bool]
