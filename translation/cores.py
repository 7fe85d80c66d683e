"""The cores this process may use: what the model's thread layout splits, and the default of
`[translation] threads` (kept apart from `translation.model`, which the reader's start-up does
not import before its first titles)."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system tells it)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)
