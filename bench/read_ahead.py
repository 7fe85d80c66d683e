"""English before you ask (issue 26, item 3): the next article's first English after `j`.

The real app (`App.run_test`, driven with Pilot) on a generated library, with the
transformer-base copy model installed (so a batch costs what a real model's does). The reader
opens the first article, and the time it takes to translate it is taken as how long a reader
stays on an article. Then, move after move: the reader stays on the article that long, presses
`j` and `enter` in the list, and the clock runs until the next article's first English (its
title's) is drawn in the English column (and, apart, until the reader has handled it). The
clock starts at `enter`: `j` only moves the list's cursor. The reader starts reading once the
article is drawn, and while it reads a task asking to run every 5 ms measures the longest
stall of the event loop (while it cannot run, no frame is drawn either): the reading ahead
runs meanwhile. Then the reader skips ahead, to articles nothing read ahead, while the reading
ahead has batches in the model: the article opened must get the model first.

Each session is a fresh process with its own home (an empty translation cache); sessions with
reading ahead on and off (`prefetch_next = false`) alternate, so drift on a shared machine hits
both alike. Every article's sentences are its own (each marked with its number): nothing is
found in the cache that this session did not translate.

`python -m bench.read_ahead` runs this suite alone.
"""

from __future__ import annotations

import asyncio
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from bench.home import temporary_home
from bench.timing import Row, load_average, load_range
from tolk.library.articles import read_article
from tolk.paths import bundled_seeds_dir

# Moves per session, sessions per setting: 22 moves with reading ahead on, 22 off.
MOVES = 11
SESSIONS = 2
# Seed paragraphs per article (about 15 sentences: a short news article).
PARAGRAPHS = 4
# Then the reader skips ahead JUMP articles, JUMPS times, to articles nothing read ahead, a
# moment (JUMP_AFTER) after the one before is drawn: the reading ahead has batches in the model.
JUMPS = 5
JUMP = 5
JUMP_AFTER = 0.3
# The engine alone: rounds, and how long after the background starts the article is asked for.
QUEUE_ROUNDS = 7
QUEUE_AFTER = 1.0
# Enough articles for the moves, the jumps and the reading ahead after the last one.
ARTICLES = MOVES + 1 + JUMPS * JUMP + 4
STALL_TICK = 0.005
# A frame and more (Textual draws at 60 per second).
FRAME = 0.05
# Far above any figure: a hang, not a goal.
LIMIT_S = 120.0


def write_library(folder: Path) -> list[Path]:
    """ARTICLES articles, the first on top of the list (newest), each sentence of each marked
    with the article's number so that no two articles share one."""
    from translation.sentences import split_sentences

    seeds = [
        split_sentences(paragraph.text)
        for path in sorted(bundled_seeds_dir().glob("*.txt"))
        for paragraph in read_article(path).paragraphs[1:]
        if len(paragraph.text) > 80
    ]
    folder.mkdir(parents=True)
    written = []
    for n in range(ARTICLES):
        body = [
            " ".join(f"I sak {n}: {sentence}" for sentence in seeds[(n * 3 + i) % len(seeds)])
            for i in range(PARAGRAPHS)
        ]
        day = 1 + n % 28
        title = f" date 2024-{12 - n // 28:02d}-{29 - day:02d} – Sak {n} om alliansen og budsjettet"
        path = folder / f"sak-{n:03d}.txt"
        path.write_text("\n\n".join([title, *body]) + "\n", encoding="utf-8")
        written.append(path)
    return written


async def _session(root: Path) -> dict[str, Any]:
    """One reader: the first article opened, then MOVES moves and JUMPS jumps; what each
    took."""
    from textual import events
    from textual.strip import Strip
    from textual.worker import WorkerState

    from tolk.config import load_config
    from tolk.reading.open_article import OpenArticle
    from tui.app import TolkApp
    from tui.reader.screen import ReaderScreen
    from tui.widgets.parallel_rows import GUTTER
    from tui.widgets.parallel_text import ParallelText

    shown: dict[str, float] = {}  # an article's title → when its English was first drawn
    titles: dict[str, str] = {}  # the English column's text to look for → the title
    render_line = ParallelText.render_line

    def timed_render_line(self: ParallelText, y: int) -> Strip:
        strip = render_line(self, y)
        english = strip.text.partition(GUTTER)[2]
        for wanted, title in titles.items():
            if title not in shown and wanted in english:
                shown[title] = time.perf_counter()
        return strip

    ParallelText.render_line = timed_render_line  # type: ignore[method-assign]
    received: dict[str, float] = {}  # an article's title → when its first English was handled
    add_translation = OpenArticle.add_translation

    def timed_add_translation(self: OpenArticle, paragraph: Any, flags: Any) -> None:
        add_translation(self, paragraph, flags)
        if paragraph.index == 0:
            received.setdefault(self.article.paragraphs[0].text, time.perf_counter())

    OpenArticle.add_translation = timed_add_translation  # type: ignore[method-assign,assignment]
    app = TolkApp([root], load_config())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        articles = screen.sidebar.article_list
        driver = app._driver
        assert driver is not None

        async def until(done: Any, what: str) -> None:
            began = time.perf_counter()
            while not done():
                if time.perf_counter() - began > LIMIT_S:
                    raise RuntimeError(f"never happened: {what}")
                await asyncio.sleep(STALL_TICK)

        def send(key: events.Key) -> None:
            # A key as a terminal sends it: Pilot's `press` waits after each key until the
            # process is idle, which it is not while the model translates.
            key.set_sender(app)
            driver.send_message(key)

        def expect(index: int) -> str:
            summary = articles.shown[index]
            title = read_article(summary.path).paragraphs[0].text
            # The copy model's English is the Norwegian: the title's start, in the English half.
            titles[title[:24]] = title
            return title

        def translated() -> bool:
            text = screen.parallel_text
            return screen.article is not None and all(
                text.translation(i) is not None for i in range(text.paragraph_count)
            )

        def busy() -> bool:
            running = (WorkerState.PENDING, WorkerState.RUNNING)
            return any(worker.state in running for worker in app.workers)

        await until(lambda: articles.total_count >= ARTICLES, "every article listed")
        await until(lambda: screen.translator is not None, "the model loaded")
        # The start's own jobs (the scan's checks, the languages, the dictionary opening)
        # are over: what is measured is the reading, not the start.
        await until(lambda: not busy(), "the start's jobs done")

        articles.focus()
        await pilot.press("home")
        title = expect(0)
        began = time.perf_counter()
        send(events.Key("enter", "\r"))
        await until(lambda: title in shown, "the first article's English")
        await until(translated, "the first article translated")
        # How long the reader stays on each article: as long as translating one takes.
        dwell = time.perf_counter() - began

        async def drawn() -> None:
            # The reader reads once the article is drawn: its messages handled, and a frame.
            await pilot.wait_for_scheduled_animations()
            await asyncio.sleep(FRAME)

        await drawn()

        async def open_below(index: int, steps: int) -> tuple[float, float]:
            """`j` `steps` times in the list, to the article at `index`, then `enter`: how long
            after `enter` its first English was drawn, and handled; back once it is drawn."""
            title = expect(index)
            articles.focus()
            for _ in range(steps):
                send(events.Key("j", "j"))
            await until(lambda: articles.highlighted == index, "j handled")
            began = time.perf_counter()
            send(events.Key("enter", "\r"))
            await until(lambda: title in shown, f"article {index}'s first English")
            timed = shown[title] - began, received[title] - began
            await until(translated, f"article {index} translated")
            await drawn()
            return timed

        firsts, handled, stalls = [], [], []
        for move in range(1, MOVES + 1):
            stall, last = 0.0, time.perf_counter()
            reading = last
            while time.perf_counter() - reading < dwell:  # the reader reads
                await asyncio.sleep(STALL_TICK)
                now = time.perf_counter()
                stall = max(stall, now - last - STALL_TICK)
                last = now
            stalls.append(stall)
            first, first_handled = await open_below(move, 1)
            firsts.append(first)
            handled.append(first_handled)
        jumps, at = [], MOVES
        for _ in range(JUMPS):
            await asyncio.sleep(JUMP_AFTER)
            at += JUMP
            jumps.append((await open_below(at, JUMP))[0])
    return {"dwell": dwell, "first": firsts, "handled": handled, "stall": stalls, "jump": jumps}


def _link_dictionary(prepared: Path) -> None:
    """The dictionary prepared once for the whole run, where this home's tolk looks for it (as
    on any start after a user's first; preparing it is not what is measured)."""
    from tolk.dictionary.location import prepared_file

    target = prepared_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(prepared)


def _write_config(home: Path, text: str) -> None:
    config = Path(temporary_home(home)["XDG_CONFIG_HOME"]) / "tolk" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")


def _in_process(home: Path, packages: Path, dictionary: Path, root: Path) -> dict[str, Any]:
    env = temporary_home(home)
    env["ARGOS_PACKAGES_DIR"] = str(packages)
    output = subprocess.run(
        [sys.executable, "-m", "bench.read_ahead", str(root), str(dictionary)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    found: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return found


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def run() -> list[Row]:
    """Measure; returns rows of (figure, value, goal, met)."""
    from bench.corpus import seed_text
    from translation.copy_model import TRANSFORMER_BASE, build_copy_package

    with tempfile.TemporaryDirectory(prefix="tolk-bench-read-ahead-") as tmp_name:
        tmp = Path(tmp_name)
        archive = build_copy_package(tmp / "build", seed_text(), size=TRANSFORMER_BASE)
        packages = tmp / "packages"
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(packages)
        write_library(tmp / "library")
        from tolk.dictionary import prepare

        dictionary = prepare(tmp / "dictionary.sqlite")
        runs: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
        loads = []
        for number in range(SESSIONS):  # interleaved: on, off, on, off
            for ahead in (True, False):
                home = tmp / f"home-{number}-{'on' if ahead else 'off'}"
                _write_config(home, f"[translation]\nprefetch_next = {str(ahead).lower()}\n")
                loads.append(load_average())
                runs[ahead].append(_in_process(home, packages, dictionary, tmp / "library"))
                loads.append(load_average())
                session = runs[ahead][-1]
                print(
                    f"  session {number + 1}, reading ahead {'on' if ahead else 'off'}: "
                    f"dwell {session['dwell']:.2f} s, first English "
                    f"{', '.join(f'{t * 1000:.0f}' for t in session['first'])} ms; skipping "
                    f"ahead {', '.join(f'{t * 1000:.0f}' for t in session['jump'])} ms",
                    flush=True,
                )
        queue = _queue_rows(packages, tmp / "library")
    return _rows(runs, load_range(loads)) + queue


def _queue_rows(packages: Path, library: Path) -> list[Row]:
    """The engine alone: an article's first paragraph, asked for when the translation of
    three others in the background is cancelled (a moment after it started: its batches are in
    the model), as opening an article cancels the reading ahead; the background translating as
    work ahead of time (READ_AHEAD) or as the reader's read-ahead did before (FOREGROUND: two
    batches of 8 per worker in the model's queue). Interleaved, no cache: the model alone."""
    import threading

    from argostranslate.package import Package

    from tolk.translating import paragraph_sources
    from translation.engine import ArticleTranslator, DecodingOptions, TranslationModel
    from translation.turns import FOREGROUND, READ_AHEAD

    (folder,) = packages.iterdir()
    model = TranslationModel(Package(folder), DecodingOptions())
    articles = sorted(library.glob("*.txt"))
    # The background: three articles in a row, as reading ahead has them.
    behind = [
        source
        for path in articles[-3:]
        for source in paragraph_sources(read_article(path).paragraphs)
    ]
    times: dict[int, list[float]] = {FOREGROUND: [], READ_AHEAD: []}
    loads = []
    for round_ in range(QUEUE_ROUNDS):
        for priority in (READ_AHEAD, FOREGROUND):
            translator = ArticleTranslator(model, None)
            opened = paragraph_sources(read_article(articles[round_]).paragraphs)
            stop = threading.Event()

            def ahead(priority: int = priority, job: Any = translator, halt: Any = stop) -> None:
                for _ in job.translate(behind, cancelled=halt.is_set, priority=priority):
                    pass

            thread = threading.Thread(target=ahead)
            loads.append(load_average())
            thread.start()
            time.sleep(QUEUE_AFTER)
            # As the reader does: opening an article cancels the reading ahead.
            stop.set()
            began = time.perf_counter()
            stream = translator.translate(opened)
            next(stream)
            times[priority].append(time.perf_counter() - began)
            stream.close()
            thread.join()
    new, old = times[READ_AHEAD], times[FOREGROUND]
    return [
        (
            f"first paragraph of an article opened as reading ahead is cancelled (engine, "
            f"median of {QUEUE_ROUNDS})",
            f"{statistics.median(new) * 1000:.0f} ms as work ahead of time / "
            f"{statistics.median(old) * 1000:.0f} ms as before (worst {max(new) * 1000:.0f} / "
            f"{max(old) * 1000:.0f} ms; {load_range(loads)})",
            "report",
            True,
        )
    ]


def _rows(runs: dict[bool, list[dict[str, Any]]], load: str) -> list[Row]:
    def gathered(ahead: bool, key: str) -> list[float]:
        return [value for session in runs[ahead] for value in session[key]]

    on, off = gathered(True, "first"), gathered(False, "first")
    handled_on, handled_off = gathered(True, "handled"), gathered(False, "handled")
    jumped, alone = gathered(True, "jump"), gathered(False, "jump")
    dwell = statistics.median(session["dwell"] for s in runs.values() for session in s)
    stall_on, stall_off = max(gathered(True, "stall")), max(gathered(False, "stall"))
    return [
        (
            f"next article's first English after j, reading ahead (p95 of {len(on)} moves)",
            f"{p95(on) * 1000:.0f} ms (median {statistics.median(on) * 1000:.0f} ms; "
            f"reader on each article {dwell:.1f} s; {load})",
            "<= 100 ms",
            p95(on) <= 0.1,
        ),
        (
            f"same, prefetch_next = false (p95 of {len(off)} moves, interleaved)",
            f"{p95(off) * 1000:.0f} ms (median {statistics.median(off) * 1000:.0f} ms)",
            "report",
            True,
        ),
        (
            "the same moves: its first English in the reader (message handled), on / off",
            f"p95 {p95(handled_on) * 1000:.0f} ms / {p95(handled_off) * 1000:.0f} ms (median "
            f"{statistics.median(handled_on) * 1000:.0f} / "
            f"{statistics.median(handled_off) * 1000:.0f} ms)",
            "report",
            True,
        ),
        (
            f"an article not read ahead, opened while reading ahead runs (p95 of {len(jumped)})",
            f"{p95(jumped) * 1000:.0f} ms (median {statistics.median(jumped) * 1000:.0f} ms); "
            f"with nothing running (prefetch_next = false) {p95(alone) * 1000:.0f} ms "
            f"(median {statistics.median(alone) * 1000:.0f} ms)",
            "report",
            True,
        ),
        (
            "longest UI stall while reading ahead (translating the next 3)",
            f"{stall_on * 1000:.0f} ms (prefetch_next = false: {stall_off * 1000:.0f} ms)",
            "<= 50 ms",
            stall_on <= 0.05,
        ),
    ]


if __name__ == "__main__":
    if len(sys.argv) > 1:
        _link_dictionary(Path(sys.argv[2]))
        print(json.dumps(asyncio.run(_session(Path(sys.argv[1])))))
    else:
        for figure, value, goal, met in run():
            print(f"{figure:<72}  {value:<40}  goal {goal:<9}  {'met' if met else 'MISSED'}")
