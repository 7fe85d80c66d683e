"""`make screenshots`: SVG screenshots of the real app on the seeds, for the README.

Runs headless with throwaway user dirs, so the user's own config and data never show. The
English comes from the project's own reference translation of the seeds
(`screenshots/reference-translation.tmx`, written by hand for the project), imported into that
temporary home's translation memory: no real nb→en model can be downloaded where the
screenshots are made, and the copy test model's "English" is its Norwegian.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from tolk.config import LoadedConfig
from tolk.paths import bundled_seeds_dir

SIZES = [(120, 40), (80, 24)]
REFERENCE_TRANSLATION = (
    Path(__file__).resolve().parent.parent / "screenshots" / ("reference-translation.tmx")
)


async def _shoot(out_dir: Path, size: tuple[int, int]) -> list[Path]:
    from tui.app import TolkApp

    app = TolkApp([bundled_seeds_dir()], LoadedConfig.defaults())
    width, height = size
    shots: list[Path] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shots.append(Path(app.save_screenshot(f"library-{width}x{height}.svg", str(out_dir))))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("j")
        await pilot.pause()
        shots.append(Path(app.save_screenshot(f"reader-{width}x{height}.svg", str(out_dir))))
    return shots


async def _shoot_review(out_dir: Path, size: tuple[int, int]) -> Path:
    """The reader with a model: flags, the line that says why, the word cursor."""
    from tui.app import TolkApp
    from tui.reader.screen import ReaderScreen

    app = TolkApp([bundled_seeds_dir()], LoadedConfig.defaults())
    width, height = size
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("down", "enter")  # Dec 2019
        for _ in range(20):  # until the translation, its reviews and marks have all arrived
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("r", "j", "x", "w", "w", "w")
        await pilot.pause()
        return Path(app.save_screenshot(f"review-{width}x{height}.svg", str(out_dir)))


async def _shoot_dictionary(out_dir: Path, size: tuple[int, int]) -> Path:
    """The dictionary dialog (`d`) on a word of Dec 2019, the dictionary prepared by the
    reader itself in the background, as on a first start."""
    from tui.app import TolkApp
    from tui.dialogs.dictionary import DictionaryDialog

    app = TolkApp([bundled_seeds_dir()], LoadedConfig.defaults())
    width, height = size
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("down", "enter")  # Dec 2019: "Da er det viktig at vi sitter…"
        for _ in range(20):  # the translation and the dictionary's preparation
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press(*"wwwwwww")  # "sitter"
        await pilot.press("d")
        for _ in range(10):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, DictionaryDialog), app.screen
        return Path(app.save_screenshot(f"dictionary-{width}x{height}.svg", str(out_dir)))


def _install_copy_model(home: Path) -> None:
    """A real package whose English is its Norwegian (built here: the real model needs the
    network): enough to show what the reader draws over a translation."""
    from tolk.cli import main as tolk_main
    from translation.copy_model import build_copy_package

    text = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(bundled_seeds_dir().glob("*.txt"))
    )
    archive = build_copy_package(home / "model", text)
    tolk_main(["models", "install", str(archive)])


def _import_reference_translation() -> None:
    from tolk.cli import main as tolk_main

    if tolk_main(["memory", "import", str(REFERENCE_TRANSLATION)]) != 0:
        raise SystemExit(f"could not import {REFERENCE_TRANSLATION}")


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0] if argv else "screenshots")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ARGOS_PACKAGES_DIR"):
            os.environ[name] = str(Path(home) / name.lower())
        _import_reference_translation()
        for size in SIZES:
            for shot in asyncio.run(_shoot(out_dir, size)):
                print(shot)
            print(asyncio.run(_shoot_dictionary(out_dir, size)))
        _install_copy_model(Path(home))
        print(asyncio.run(_shoot_review(out_dir, (120, 40))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
