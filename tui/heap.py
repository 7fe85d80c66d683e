"""Keeping the garbage collector off the library's rows (and what is kept per article).

CPython's full collection walks every object that could be in a cycle. A 100,000-article list
is several hundred thousand long-lived objects, and while it grows a full collection runs again
and again, each stopping the UI (and the scan) for 0.1–0.4 s. The rows never form cycles (they
are freed by reference counting when they leave the list), so once a batch is in the list,
everything alive is moved out of the collector's sight (`gc.freeze`).
"""

from __future__ import annotations

import gc


def set_aside_long_lived() -> None:
    """Collect the young generations (cheap: only what is new), then freeze what survived.

    The cost: a cycle that is already garbage in the oldest generation stays in memory; such
    cycles are rare and small next to the list itself."""
    gc.collect(1)
    gc.freeze()
