"""A generated library of Norwegian articles for the benchmarks, built from the seeds' text."""

from __future__ import annotations

import random
from pathlib import Path

from tolk.library.articles import read_article
from tolk.paths import bundled_seeds_dir


def seed_paragraphs() -> list[str]:
    """Every paragraph of the bundled seeds."""
    return [
        paragraph.text
        for path in sorted(bundled_seeds_dir().glob("*.txt"))
        for paragraph in read_article(path).paragraphs
    ]


def seed_text() -> str:
    """Both seed files, for training the benchmark model's tokenizer."""
    return "\n".join(
        path.read_text(encoding="utf-8") for path in sorted(bundled_seeds_dir().glob("*.txt"))
    )


def generate_library(folder: Path, count: int, *, seed: int = 7, paragraphs: int = 8) -> Path:
    """Write `count` articles in the seeds' format, with varied dates and text, into `folder`
    (`paragraphs` seed paragraphs each)."""
    rng = random.Random(seed)
    texts = seed_paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        year, month = rng.randint(2000, 2024), rng.randint(1, 12)
        body = rng.sample(texts, k=min(paragraphs, len(texts)))
        subfolder = folder / f"{year}"
        subfolder.mkdir(exist_ok=True)
        text = f" date {year}-{month:02d} – Sak {number}: " + "\n\n".join(body) + "\n"
        (subfolder / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    return folder
