"""Start-up benchmark (issue 14): the first article title on screen with a model installed,
against a bare Textual app (an App that shows one Label).

Both run as a user starts them: a fresh process on a pseudo-terminal (120x40), timed from the
moment it is started until its text is in what it wrote to the terminal (tolk: the newest seed's
title in the sidebar; the bare app: its label). Imports, the app's start, the first frames and,
for tolk, the scan's first batch are all in the figure. tolk runs `python -m tui` on the seeds,
in a temporary home with the transformer-base copy model installed (so the model is loaded as at
any start with a model).

Python's bytecode caches change what an import costs, so both are measured twice, interleaved:
with caches (as after any first start: written once into a cache folder of this run, then read)
and without (every module compiled at each start, as with PYTHONDONTWRITEBYTECODE and no caches).
The goal is for the first, how a user starts tolk.

`python -m bench.startup` runs this suite alone.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.home import temporary_home
from bench.timing import Row
from tolk.library.articles import read_summary
from tolk.paths import bundled_seeds_dir

SIZE = (120, 40)
BARE_LABEL = "tolk-bench-bare-app"
# The reader's column titles: its side of the screen mounts once the first titles are drawn.
READER_SHOWN = b"Norsk"
BARE_APP = f"""
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label({BARE_LABEL!r})

Bare().run()
"""
# Far above either start: it catches a hang, it is not a goal.
LIMIT_S = 60
# Starts of each kind. More than the other figures' 5: a start takes a fraction of a second,
# and on a shared machine single starts vary by tens of percent.
STARTS = 11


def _seconds_until_shown(argv: list[str], env: dict[str, str], *wanted: bytes) -> list[float]:
    """Start `argv` on a new pseudo-terminal; seconds until each of `wanted` is in its output."""
    import fcntl
    import termios

    master, slave = pty.openpty()
    width, height = SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    output = bytearray()
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen: dict[bytes, float] = {}
    try:
        while len(seen) < len(wanted):
            ready, _, _ = select.select([master], [], [], LIMIT_S)
            if not ready:
                raise RuntimeError(f"{argv[-1]}: {wanted!r} never shown: {bytes(output[-500:])!r}")
            output += os.read(master, 65536)
            now = time.perf_counter() - start
            seen.update((text, now) for text in wanted if text not in seen and text in output)
        return [seen[text] for text in wanted]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()
        os.close(master)


def _install_model(packages: Path, build: Path) -> None:
    from bench.corpus import seed_text
    from translation.copy_model import TRANSFORMER_BASE, build_copy_package

    archive = build_copy_package(build, seed_text(), size=TRANSFORMER_BASE)
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(packages)


def _with_caches(env: dict[str, str], caches: Path, *, written: bool) -> dict[str, str]:
    """`env` with bytecode caches read from `caches` (and written there, if `written`)."""
    env = dict(env)
    env["PYTHONPYCACHEPREFIX"] = str(caches)
    if written:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run() -> list[Row]:
    """Measure; returns rows of (figure, value, goal, met)."""
    seeds = bundled_seeds_dir()
    newest = min((read_summary(path) for path in seeds.glob("*.txt")), key=lambda s: s.sort_key)
    title = newest.title[:12].encode()
    with tempfile.TemporaryDirectory(prefix="tolk-bench-startup-") as tmp_name:
        tmp = Path(tmp_name)
        env = temporary_home(tmp / "home")
        _install_model(Path(env["ARGOS_PACKAGES_DIR"]), tmp / "build")
        tolk = [sys.executable, "-m", "tui", str(seeds)]
        bare = [sys.executable, "-c", BARE_APP]
        cached = _with_caches(env, tmp / "bytecode", written=True)
        # An empty prefix hides the caches beside the modules too: everything is compiled.
        uncached = _with_caches(env, tmp / "no-bytecode", written=False)
        # The first start of each writes the caches (and the library index) the others use.
        _seconds_until_shown(bare, cached, BARE_LABEL.encode())
        _seconds_until_shown(tolk, cached, title, READER_SHOWN)
        times: dict[str, list[float]] = {
            name: [] for name in ("tolk", "reader", "bare", "tolk-src", "bare-src")
        }
        for _ in range(STARTS):  # interleaved, so drift on a noisy machine hits all alike
            times["bare"] += _seconds_until_shown(bare, cached, BARE_LABEL.encode())
            first_title, reader = _seconds_until_shown(tolk, cached, title, READER_SHOWN)
            times["tolk"].append(first_title)
            times["reader"].append(reader)
            times["bare-src"] += _seconds_until_shown(bare, uncached, BARE_LABEL.encode())
            times["tolk-src"] += _seconds_until_shown(tolk, uncached, title)
    median = {name: statistics.median(values) for name, values in times.items()}
    ratio = median["tolk"] / median["bare"]
    compiled = median["tolk-src"] / median["bare-src"]
    return [
        (
            "first title, model installed / bare Textual app (bytecode cached)",
            f"{ratio:.2f}x ({median['tolk'] * 1000:.0f} ms / {median['bare'] * 1000:.0f} ms)",
            "<= 1.5x",
            ratio <= 1.5,
        ),
        (
            "the reader's side drawn too (its column titles), same starts",
            f"{median['reader'] / median['bare']:.2f}x ({median['reader'] * 1000:.0f} ms)",
            "report",
            True,
        ),
        (
            "same, every module compiled at start (no bytecode caches)",
            f"{compiled:.2f}x ({median['tolk-src'] * 1000:.0f} ms / "
            f"{median['bare-src'] * 1000:.0f} ms)",
            "report",
            True,
        ),
    ]


if __name__ == "__main__":
    for figure, value, goal, met in run():
        print(f"{figure:<66}  {value:<28}  goal {goal:<7}  {'met' if met else 'MISSED'}")
