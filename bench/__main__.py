"""`make bench`: every benchmark, each figure beside its goal."""

from __future__ import annotations

import datetime as dt
import platform

from bench import library, search, translation


def main() -> int:
    print(f"tolk benchmarks · {dt.date.today()} · {platform.machine()} · {platform.processor()}")
    rows = []
    for name, suite in [("library", library), ("search", search), ("translation", translation)]:
        print(f"running {name}…", flush=True)
        rows += suite.run()
    width = max(len(r[0]) for r in rows)
    for figure, value, goal, met in rows:
        print(f"{figure:<{width}}  {value:<40}  goal {goal:<8}  {'met' if met else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
