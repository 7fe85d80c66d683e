"""`make screenshots`: SVG screenshots of the real app on the seeds, for the README.

Runs headless with throwaway user dirs, so the user's own config and data never show.
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


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0] if argv else "screenshots")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ARGOS_PACKAGES_DIR"):
            os.environ[name] = str(Path(home) / name.lower())
        for size in SIZES:
            for shot in asyncio.run(_shoot(out_dir, size)):
                print(shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
