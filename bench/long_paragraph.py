"""A 200,000-character paragraph (issue 13): `tolk translate` on an article whose paragraph has
no sentence punctuation, once without a single space and once with spaces, with the small copy
test model (TINY). Each run is a fresh `tolk translate` process with an empty translation cache;
its wall time and peak RSS (the child's `ru_maxrss`) are reported. One run each: a figure is
minutes when the cutting is broken, seconds when it works, far beyond the machine's noise.

Run alone: ``python -m bench.long_paragraph``; `make bench` includes it.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.home import temporary_home
from bench.timing import Row

ROOT = Path(__file__).resolve().parent.parent
CHARS = 200_000
GOAL_SECONDS = 60.0
GOAL_MB = 500.0
# Seconds after which a run is stopped and reported as missed (the unfixed engine took ~190 s).
TIMEOUT = 300
_WORDS = "regjeringen Stortinget kommunen fylket næringslivet økonomien nordmenn og i på til"


def paragraph(*, spaces: bool, seed: int = 13) -> str:
    """Norwegian words, with or without spaces between them, exactly CHARS characters long."""
    rng = random.Random(seed)
    words = _WORDS.split()
    parts: list[str] = []
    size = 0
    while size < CHARS:
        parts.append(rng.choice(words))
        size += len(parts[-1]) + (1 if spaces else 0)
    return (" " if spaces else "").join(parts)[:CHARS].strip()


def _tolk() -> list[str]:
    found = shutil.which("tolk", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-c", "from tolk.cli import main; main()"]


def measure(article: Path, env: dict[str, str]) -> tuple[float, float, bool]:
    """Seconds, peak MB and whether `tolk translate article` finished in time.

    Call it in a process that has started no other child: the peak is the largest of all of
    this process's children (`_measure_in_child` does that).
    """
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [*_tolk(), "translate", str(article)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
            check=False,
        )
        ok = done.returncode == 0
    except subprocess.TimeoutExpired:
        ok = False
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, ok


def _measure_in_child(article: Path, env: dict[str, str]) -> tuple[float, float, bool]:
    """`measure` from a fresh Python process, so earlier children do not set the peak."""
    code = (
        "import sys, json; from pathlib import Path; from bench.long_paragraph import measure; "
        "print(json.dumps(measure(Path(sys.argv[1]), dict(__import__('os').environ))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(article)],
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seconds, peak, ok = json.loads(out)
    return float(seconds), float(peak), bool(ok)


def run() -> list[Row]:
    from translation.copy_model import TINY, build_copy_package

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="tolk-long-") as tmp:
        root = Path(tmp)
        seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("seeds/*.txt")))
        archive = build_copy_package(root / "build", seeds, size=TINY)
        for spaces in (False, True):
            env = temporary_home(root / f"home-{spaces}")
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(env["ARGOS_PACKAGES_DIR"])
            article = root / f"long-{spaces}.txt"
            text = paragraph(spaces=spaces)
            article.write_text(f" date 2016-04 – Et vanlig avsnitt.\n\n{text}\n", encoding="utf-8")
            seconds, peak, ok = _measure_in_child(article, env)
            kind = "with spaces" if spaces else "without a space"
            met = ok and seconds < GOAL_SECONDS and peak < GOAL_MB
            value = f"{seconds:.1f} s, peak {peak:.0f} MB" + ("" if ok else " (did not finish)")
            rows.append(
                (
                    f"tolk translate, 200,000-char paragraph {kind} (TINY model)",
                    value,
                    f"< {GOAL_SECONDS:.0f} s, < {GOAL_MB:.0f} MB",
                    met,
                )
            )
    return rows


if __name__ == "__main__":
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    for figure, value, goal, met in run():
        print(f"{figure}  {value}  goal {goal}  {'met' if met else 'MISSED'}")
