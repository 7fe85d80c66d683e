"""`make bench` (or `python -m bench`): every benchmark, each figure beside its goal; the exit
status is 1 when a goal is missed.

The whole run, and every process it starts, lives in a temporary home: a benchmark never reads
or writes the user's store, config, translation cache or installed models.
"""

from __future__ import annotations

import datetime as dt
import platform
import tempfile
from pathlib import Path

from bench.home import enter_temporary_home
from bench.timing import RUNS, Row


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="tolk-bench-") as tmp:
        enter_temporary_home(Path(tmp))
        # Imported after the move: argostranslate reads its directories once, at import.
        from bench import (
            archive,
            check_command,
            checked_translation,
            dictionary,
            folder_translation,
            glossary_bounds,
            keywords,
            language,
            library,
            long_paragraph,
            memory,
            memory_bounds,
            read_ahead,
            search,
            startup,
            translation,
        )

        machine = f"{platform.machine()} · {platform.processor()}"
        print(f"tolk benchmarks · {dt.date.today()} · {machine}")
        print(f"each timed figure is the median of {RUNS} runs", flush=True)
        rows: list[Row] = []
        for name, suite in [
            ("library", library),
            ("archive (100,000 articles)", archive),
            ("start-up (first title with a model / a bare Textual app)", startup),
            ("search", search),
            ("keywords", keywords),
            ("memory", memory),
            ("memory import in bounded memory (200 MB files)", memory_bounds),
            ("glossary import in bounded memory (a million terms)", glossary_bounds),
            ("translation", translation),
            ("translation of a folder (tolk translate / the bare engine)", folder_translation),
            ("English before you ask: the next article after j (read ahead / not)", read_ahead),
            (
                "checked translation: every check / the checks of before (issue 24)",
                checked_translation,
            ),
            ("`tolk check` over 10,000 cached articles (issue 24)", check_command),
            ("long paragraph", long_paragraph),
            ("Nynorsk or Bokmål (UD treebanks, where given)", language),
            ("dictionary (coverage on the UD Bokmål treebank, where given)", dictionary),
        ]:
            print(f"running {name}…", flush=True)
            rows += suite.run()
    width = max(len(r[0]) for r in rows)
    for figure, value, goal, met in rows:
        print(f"{figure:<{width}}  {value:<44}  goal {goal:<9}  {'met' if met else 'MISSED'}")
    missed = [figure for figure, _, _, met in rows if not met]
    if missed:
        print(f"{len(missed)} goal(s) missed: {'; '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
