"""The reader closes what it opened: one process runs the app again and again (as the test
suite does, or a program that embeds the reader) without gathering open files."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from tests.app.pilot import make_app, open_article, settle
from tests.conftest import SEEDS


def open_files() -> Counter[str]:
    """What this process holds open: how many descriptors name each file (by its name)."""
    found: Counter[str] = Counter()
    for fd in os.listdir("/proc/self/fd"):
        try:
            found[os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))] += 1
        except OSError:  # the descriptor listdir itself used, closed meanwhile
            continue
    return found


async def run_once() -> None:
    """Start the reader, open an article (the model, the translation cache, the user store,
    the search index, the dictionary, the vocabulary: all of them at work), save a word,
    quit."""
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_article(pilot, 1)
        await pilot.press("w", "S")
        await settle(pilot)


async def test_running_the_reader_again_and_again_keeps_no_file_open(
    installed_cipher_model: Path,
) -> None:
    await run_once()  # what stays for the process's life: imported modules, shared caches
    before = open_files()
    for _ in range(3):
        await run_once()
    gained = open_files() - before
    # Before the reader closed its stores: {'tolk.sqlite': 3, 'vocabulary.sqlite': 3,
    # 'cache.sqlite': 3, 'translations.sqlite': 3, 'prepared.sqlite': 3, …-wal: 3 each}.
    assert gained == Counter()
