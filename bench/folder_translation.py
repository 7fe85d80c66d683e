"""`tolk translate` on a folder of articles against the bare engine (issue 26, item 2).

The folder: ARTICLES articles of PARAGRAPHS seed paragraphs each, the words of every sentence
shuffled by article (so the sentences are distinct, of the seeds' lengths and words), on the
transformer-base copy model. Interleaved, RUNS rounds, each round:
- bare: one CTranslate2 `translate_batch` over the distinct sentences `tolk translate` sends to
  the model (tokenized beforehand), in the fastest of the layouts `bench.translation` tries,
  in a process that loaded the model before the clock started;
- tolk, first run: `tolk translate FOLDER` as a user runs it (a fresh process, its start, the
  model's load and the output included; bytecode cached, as after any first start), the
  translation cache empty;
- tolk, second run: the same command again, answered from the cache.
Figures: tolk's sentences per second / the bare call's (the medians'), and the second run /
the first, each with the load average seen during the rounds; beside them the CPU seconds
(tolk's process, start-up included / the bare call's threads), steadier than wall time on a
machine whose cores other work shares.

Run alone: ``python -m bench.folder_translation``; `make bench` includes it.
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from bench.home import temporary_home
from bench.timing import RUNS, Row, load_average, load_range

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 24
PARAGRAPHS = 8
SPEED_GOAL = 0.9
CACHED_GOAL = 0.05


def write_folder(folder: Path) -> None:
    """ARTICLES articles in the seeds' format, each sentence's words shuffled by article."""
    from bench.corpus import seed_paragraphs
    from translation.sentences import split_sentences

    texts = seed_paragraphs()
    for number in range(ARTICLES):
        rng = random.Random(number)
        body = []
        for text in rng.sample(texts, k=min(PARAGRAPHS, len(texts))):
            shuffled = []
            for sentence in split_sentences(text):
                words = sentence.split()
                rng.shuffle(words)
                shuffled.append(" ".join(words))
            body.append(" ".join(shuffled))
        title = f"Sak {number}"
        path = folder / f"{number:03d}.txt"
        path.write_text(f" date 2020-01 – {title}\n\n" + "\n\n".join(body) + "\n", "utf-8")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _tolk_translate(folder: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of `tolk translate FOLDER` (or file) in a fresh process."""
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [sys.executable, "-m", "tui", "translate", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=True,
    )
    return time.perf_counter() - start, _children_cpu() - cpu


def _measure(root: Path) -> dict[str, Any]:
    import ctranslate2
    from argostranslate.package import Package

    from bench.corpus import seed_text
    from bench.translation import bare_layouts
    from tolk.library.articles import read_article
    from tolk.translating import paragraph_sources
    from translation.copy_model import TRANSFORMER_BASE, build_copy_package
    from translation.engine import DecodingOptions
    from translation.sentences import split_sentences

    env = temporary_home(root / "home")
    env["PYTHONPATH"] = str(ROOT)
    # Bytecode cached, as after any first start (bench.startup measures starts without).
    env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    archive = build_copy_package(root / "build", seed_text(), size=TRANSFORMER_BASE)
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(env["ARGOS_PACKAGES_DIR"])
    (package_folder,) = Path(env["ARGOS_PACKAGES_DIR"]).iterdir()
    package = Package(package_folder)
    folder = root / "articles"
    folder.mkdir()
    write_folder(folder)
    # The distinct sentences tolk sends to the model: headings whole, other paragraphs split.
    sentences = list(
        dict.fromkeys(
            sentence
            for path in sorted(folder.glob("*.txt"))
            for source in paragraph_sources(read_article(path).paragraphs)
            for sentence in (
                [source.text.strip()] if source.is_heading else split_sentences(source.text)
            )
        )
    )
    tokens = [package.tokenizer.encode(s) for s in sentences]
    options = DecodingOptions()

    def translator(intra: int, inter: int) -> Any:
        loaded = ctranslate2.Translator(
            str(package_folder / "model"),
            device="cpu",
            compute_type=options.compute_type,
            intra_threads=intra,
            inter_threads=inter,
        )
        loaded.translate_batch(tokens[:2], beam_size=options.beam_size)
        return loaded

    def bare(loaded: Any, max_batch: int) -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        loaded.translate_batch(
            tokens,
            beam_size=options.beam_size,
            length_penalty=0.2,
            replace_unknowns=True,
            max_batch_size=max_batch,
        )
        return time.perf_counter() - start, time.process_time() - cpu

    # The best layout on a sample (a quarter of the sentences), as bench.translation finds it.
    sample = tokens[: len(tokens) // 4]
    tried = {}
    for intra, inter, max_batch in bare_layouts(options.threads, len(tokens)):
        loaded = translator(intra, inter)
        start = time.perf_counter()
        loaded.translate_batch(sample, beam_size=options.beam_size, max_batch_size=max_batch)
        tried[(intra, inter, max_batch)] = time.perf_counter() - start
        del loaded
    intra, inter, max_batch = min(tried, key=lambda layout: tried[layout])
    best = translator(intra, inter)
    # A first start writes the bytecode caches and reads the model into the page cache, as the
    # bare call's model was loaded before its clock started.
    seed = sorted(folder.glob("*.txt"))[:1]
    _tolk_translate(seed[0], {**env, "XDG_CACHE_HOME": str(root / "cache-warm-up")})
    bare_times, first_times, second_times, loads = [], [], [], []
    for number in range(RUNS):
        loads.append(load_average())
        bare_times.append(bare(best, max_batch))
        run_env = {**env, "XDG_CACHE_HOME": str(root / f"cache-{number}")}
        first_times.append(_tolk_translate(folder, run_env))
        second_times.append(_tolk_translate(folder, run_env))
    loads.append(load_average())

    def median(times: list[tuple[float, float]], which: int) -> float:
        return statistics.median(pair[which] for pair in times)

    return {
        "articles": ARTICLES,
        "sentences": len(sentences),
        "layout": [intra, inter, max_batch],
        "bare": median(bare_times, 0),
        "first": median(first_times, 0),
        "second": median(second_times, 0),
        # CPU seconds: steadier than wall time when other work shares the cores.
        "bare_cpu": median(bare_times, 1),
        "first_cpu": median(first_times, 1),
        "load": load_range(loads),
    }


def run() -> list[Row]:
    """Measure in a child process (its own home); the rows of figure, value, goal, met."""
    with tempfile.TemporaryDirectory(prefix="tolk-bench-folder-") as tmp:
        output = subprocess.run(
            [sys.executable, "-m", "bench.folder_translation", tmp],
            check=True,
            capture_output=True,
            text=True,
            env={**temporary_home(Path(tmp) / "bench-home"), "PYTHONPATH": str(ROOT)},
        ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    n = figures["sentences"]
    bare_rate, tolk_rate = n / figures["bare"], n / figures["first"]
    speed = tolk_rate / bare_rate
    cached = figures["second"] / figures["first"]
    intra, inter, max_batch = figures["layout"]
    layout = f"intra {intra} x inter {inter}, " + (
        f"chunks of {max_batch}" if max_batch else "one chunk"
    )
    return [
        (
            f"tolk translate, folder of {figures['articles']} articles ({n} sentences), "
            "cache empty: sentences/s / bare translate_batch's",
            f"{speed:.2f}x ({tolk_rate:.1f} / {bare_rate:.1f} a second: {figures['first']:.1f} s"
            f" / {figures['bare']:.1f} s; CPU {figures['first_cpu']:.1f} s / "
            f"{figures['bare_cpu']:.1f} s; bare {layout}; {figures['load']})",
            f">= {SPEED_GOAL}x",
            speed >= SPEED_GOAL,
        ),
        (
            "  the same command again (answered from the cache) / the first run",
            f"{cached:.3f} ({figures['second']:.2f} s / {figures['first']:.1f} s; "
            f"{figures['load']})",
            f"<= {CACHED_GOAL}",
            cached <= CACHED_GOAL,
        ),
    ]


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(json.dumps(_measure(Path(sys.argv[1]))))
    else:
        for figure, value, goal, met in run():
            print(f"{figure}  {value}  goal {goal}  {'met' if met else 'MISSED'}")
