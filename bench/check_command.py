"""`tolk check` over 10,000 cached articles (issue 24, item 8): the real CLI, `python -m tui
check LIBRARY`, timed from its start to its exit, RUNS (3) runs, the median.

The home is set up first, in a process of its own: the library generated as
`bench/library.py` does (10,000 articles of 8 seed paragraphs), the tiny copy model installed
(only its name counts: every sentence is in the cache), the translation cache filled with a
person's English for every sentence (`bench.desk.english_for`; a score each, two of the seeds'
sentences below the confidence threshold) as if the model had translated the library, and the
reviewer's desk of `bench.desk` (a 20,000-term glossary, a 100,000-unit memory, 1,000
corrections in 200 of the library's articles) with `[keyword_translations]` in config.toml.
So every check has its work: `tolk check` reads 10,000 articles, looks up their English,
reviews, memory matches and glossary terms, and judges each sentence.

The articles share the seeds' sentences (a generated article's first sentence aside), so the
cache holds about 10,000 distinct sentences, not the 300,000 of a real library; the checks
judge every sentence of every article all the same.

Run alone: ``python -m bench.check_command``; `make bench` includes it.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.home import temporary_home
from bench.timing import Row

ARTICLES = 10_000
# Runs of the command: a few minutes each on a shared 2-core machine.
RUNS = 3
KEYWORDS = {"allianse": ["alliance"], "NATO": ["NATO"]}
# Seed sentences (by position) the cache gives a score below the confidence threshold.
LOW_SCORED = (3, 30)


def _set_up(workdir: Path) -> dict[str, Any]:
    """Build the library, the model, the cache and the desk in this process's home."""
    from bench.corpus import generate_library, seed_text
    from bench.desk import english_for, furnish, seed_english
    from tolk import paths
    from tolk.config import Config
    from tolk.library.articles import read_article
    from tolk.translating import load_translator
    from tolk.userdata.review import paragraph_sentences
    from translation.cache import TranslationCache
    from translation.copy_model import build_copy_package
    from translation.hypothesis import SentenceTranslation
    from translation.packages import install_from_file

    library = generate_library(workdir / "library", ARTICLES)
    install_from_file(build_copy_package(workdir / "build", seed_text()))
    model = load_translator(Config().translation).translator.model
    english = seed_english()
    low = {list(english)[n] for n in LOW_SCORED}
    paths_found = sorted(library.rglob("*.txt"))
    translations: dict[str, SentenceTranslation] = {}
    sentences = 0
    for path in paths_found:
        for paragraph in read_article(path).paragraphs:
            for sentence in paragraph_sentences(paragraph):
                sentences += 1
                score = -1.2 if sentence in low else -0.1 - len(sentence) % 5 / 10
                translations[sentence] = SentenceTranslation(english_for(sentence, english), score)
    cache = TranslationCache(paths.cache_dir() / "translations.sqlite")
    cache.store_translations(model.key, model.options.cache_key(), translations)
    cache.close()
    desk = furnish(workdir, paths_found, english)
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    keywords = "".join(f"{k} = {json.dumps(v)}\n" for k, v in KEYWORDS.items())
    config.write_text(f"[keyword_translations]\n{keywords}", encoding="utf-8")
    return {"sentences": sentences, "cached": len(translations), **desk}


def _check(library: Path, env: dict[str, str]) -> tuple[float, float, int, str]:
    """Seconds for `python -m tui check library`, its peak RSS in MB, its exit status and its
    summary line."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "check", str(library)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stderr is not None
    said = process.stderr.read()  # a few lines: the findings go to stdout
    _, wait_status, usage = os.wait4(process.pid, 0)  # the child's own peak, not the set-up's
    took = time.perf_counter() - started
    process.returncode = status = os.waitstatus_to_exitcode(wait_status)
    if status not in (0, 1):
        raise SystemExit(f"tolk check failed ({status}): {said[-2000:]}")
    return took, usage.ru_maxrss / 1024, status, said.strip().splitlines()[-1]


def measure(workdir: Path) -> dict[str, Any]:
    """Set the home up, then time the command RUNS times; the figures."""
    env = temporary_home(workdir / "home")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path.cwd()), env.get("PYTHONPATH")]))
    setup = subprocess.run(
        [sys.executable, "-m", "bench.check_command", "--set-up", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    figures: dict[str, Any] = json.loads(setup.strip().splitlines()[-1])
    loads, times, peaks = [os.getloadavg()[0]], [], []
    for _ in range(RUNS):
        took, peak, status, summary = _check(workdir / "library", env)
        times.append(took)
        peaks.append(peak)
        loads.append(os.getloadavg()[0])
    figures.update(
        times=times,
        status=status,
        summary=summary,
        load=[min(loads), max(loads)],
        peak_mb=max(peaks),
    )
    return figures


def run() -> list[Row]:
    """Rows of (figure, value, goal, met)."""
    with tempfile.TemporaryDirectory(prefix="tolk-bench-check-") as tmp:
        figures = measure(Path(tmp))
    return rows(figures)


def rows(figures: dict[str, Any]) -> list[Row]:
    """The report's rows from the figures."""
    seconds = statistics.median(figures["times"])
    low, high = figures["load"]
    return [
        (
            f"`tolk check` over {ARTICLES:,} cached articles ({figures['sentences']:,} "
            "sentences, every check, the desk of bench/desk.py)",
            f"{seconds:.1f} s, {ARTICLES / seconds:,.0f} articles/s "
            f"({min(figures['times']):.1f}-{max(figures['times']):.1f} s), load "
            f"{low:.1f}-{high:.1f}",
            "report",
            True,
        ),
        (
            "  its peak RSS; what it said",
            f"{figures['peak_mb']:.0f} MB; {figures['summary']}",
            "report",
            True,
        ),
    ]


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--set-up":  # the child: build the home
        print(json.dumps(_set_up(Path(argv[1]))))
        return 0
    for figure, value, goal, _ in run():
        print(f"{figure}: {value} (goal {goal})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
