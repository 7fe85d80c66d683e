"""Translation benchmarks (issue 3), on a transformer-base copy model built here.

Figures, each a ratio of two times measured in this one run:
- whole article through tolk vs through `argostranslate.translate.translate` (same package,
  text, beam size and threads; argos's sentence splitter replaced by tolk's, since its own
  downloads a model on first use);
- whole article through tolk vs one bare CTranslate2 `translate_batch` over the same sentences;
- first paragraph available / whole article;
- cached re-open / first translation.

Runs in a child process whose argostranslate directories point at a temp folder (argos reads
them once, at import).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

REPEATS = 3


def _measure(workdir: Path) -> dict[str, Any]:
    import ctranslate2
    from argostranslate.package import Package

    from bench.corpus import seed_paragraphs, seed_text
    from translation.cache import TranslationCache
    from translation.copy_model import TRANSFORMER_BASE, build_copy_package
    from translation.engine import (
        ArticleTranslator,
        DecodingOptions,
        ParagraphSource,
        TranslationModel,
    )
    from translation.sentences import split_sentences

    archive = build_copy_package(workdir / "build", seed_text(), size=TRANSFORMER_BASE)
    packages = Path(os.environ["ARGOS_PACKAGES_DIR"])
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(packages)
    (folder,) = packages.iterdir()
    package = Package(folder)
    options = DecodingOptions()
    model = TranslationModel(package, options)
    paragraphs = [ParagraphSource(text) for text in seed_paragraphs()]
    sentences = [s for p in paragraphs for s in split_sentences(p.text)]
    tokens = [package.tokenizer.encode(s) for s in sentences]
    model.translate(sentences[:2])  # warm up: first-call allocations are not what we measure

    # The limit: one batch on a translator set up for one big batch (all cores intra-op), not
    # on tolk's (one core per batch), which would handicap it.
    single_batch = ctranslate2.Translator(
        str(folder / "model"),
        device="cpu",
        compute_type=options.compute_type,
        intra_threads=options.threads,
        inter_threads=1,
    )
    single_batch.translate_batch(tokens[:2], beam_size=options.beam_size)

    def bare() -> float:
        start = time.perf_counter()
        single_batch.translate_batch(
            tokens, beam_size=options.beam_size, length_penalty=0.2, replace_unknowns=True
        )
        return time.perf_counter() - start

    def ours(cache: TranslationCache | None) -> tuple[float, float]:
        start = time.perf_counter()
        first = None
        for _ in ArticleTranslator(model, cache).translate(paragraphs):
            first = first if first is not None else time.perf_counter() - start
        return time.perf_counter() - start, first or 0.0

    bare_times, our_times, first_times = [], [], []
    for _ in range(REPEATS):  # interleaved, so drift on a noisy machine hits both alike
        bare_times.append(bare())
        whole, first = ours(None)
        our_times.append(whole)
        first_times.append(first / whole)
    cache = TranslationCache(workdir / "cache.sqlite")
    cold, _ = ours(cache)
    warm, _ = ours(cache)
    # Peak memory of translating, in a process that only does that: this one also built the
    # model, and Python rarely gives memory back.
    peak_mb = float(
        subprocess.run(
            [sys.executable, "-m", "bench.translation", "--rss", str(folder)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
    )
    argos = _argos_seconds(paragraphs, split_sentences)
    return {
        "sentences": len(sentences),
        "bare": statistics.median(bare_times),
        "ours": statistics.median(our_times),
        "first_ratio": statistics.median(first_times),
        "cold": cold,
        "warm": warm,
        "argos": argos,
        "peak_mb": peak_mb,
    }


def _translate_for_rss(folder: Path) -> float:
    """Load the package and translate the article as the reader does; the peak RSS in MB."""
    from argostranslate.package import Package

    from bench.corpus import seed_paragraphs
    from translation.engine import (
        ArticleTranslator,
        DecodingOptions,
        ParagraphSource,
        TranslationModel,
    )

    model = TranslationModel(Package(folder), DecodingOptions())
    paragraphs = [ParagraphSource(text) for text in seed_paragraphs()]
    for _ in ArticleTranslator(model, None).translate(paragraphs):
        pass
    return _peak_rss_mb()


def _peak_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _argos_seconds(paragraphs: list[Any], split: Any) -> float:
    import argostranslate.translate as argos_translate

    class TolkSentencizer:
        """argostranslate's sentencizer interface over tolk's splitter."""

        def __init__(self, package: Any) -> None:
            pass

        def split_sentences(self, text: str) -> list[str]:
            return list(split(text))

    argos_translate.MiniSBDSentencizer = TolkSentencizer  # type: ignore[attr-defined,misc]
    argos_translate.StanzaSentencizer = TolkSentencizer  # type: ignore[attr-defined,misc]
    text = "\n".join(p.text for p in paragraphs)
    argos_translate.translate("Hei.", "nb", "en")  # loads the model, as our warm-up did
    start = time.perf_counter()
    argos_translate.translate(text, "nb", "en")
    return time.perf_counter() - start


def run() -> list[tuple[str, str, str, bool]]:
    """Measure in a child process; returns rows of (figure, value, goal, met)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            env[name] = str(Path(tmp) / name.lower())
        env["ARGOS_PACKAGES_DIR"] = str(Path(tmp) / "packages")
        Path(env["ARGOS_PACKAGES_DIR"]).mkdir()
        # argos runs with the same beam and threads as tolk's defaults.
        env["ARGOS_BEAM_SIZE"] = "4"
        env["ARGOS_INTRA_THREADS"] = str(min(os.cpu_count() or 1, 4))
        env["ARGOS_COMPUTE_TYPE"] = "int8"
        output = subprocess.run(
            [sys.executable, "-m", "bench.translation", tmp],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    n = figures["sentences"]
    speedup = figures["argos"] / figures["ours"]
    overhead = figures["ours"] / figures["bare"]
    cached = figures["warm"] / figures["cold"]
    return [
        (
            f"article ({n} sentences): argostranslate / tolk",
            f"{speedup:.1f}x ({figures['argos']:.1f} s / {figures['ours']:.2f} s)",
            ">= 10x",
            speedup >= 10,
        ),
        (
            "tolk / one bare translate_batch",
            f"{overhead:.2f}x ({figures['ours']:.2f} s / {figures['bare']:.2f} s)",
            "<= 1.10x",
            overhead <= 1.10,
        ),
        (
            "first paragraph / whole article",
            f"{figures['first_ratio']:.3f}",
            "<= 0.2",
            figures["first_ratio"] <= 0.2,
        ),
        (
            "cached re-open / first translation",
            f"{cached:.4f} ({figures['warm'] * 1000:.1f} ms / {figures['cold']:.2f} s)",
            "<= 0.02",
            cached <= 0.02,
        ),
        (
            "peak RSS while translating (tolk, base model, loaded)",
            f"{figures['peak_mb']:.0f} MB",
            "report",
            True,
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1] == "--rss":
        print(f"{_translate_for_rss(Path(sys.argv[2])):.1f}")
    else:
        print(json.dumps(_measure(Path(sys.argv[1]))))
