"""What the UI thread imports while the reader's side mounts, in a fresh process.

Run: ``python -m tests.support.reader_mount_imports FOLDER`` from the repository root, with the
XDG directories pointing at a test's home. It runs the real TolkApp headless on FOLDER and prints
one line: the modules first imported on the UI thread from the moment the reader's widgets are
mounted (`ReaderStart.mount_features`) until the reader's text first draws a line. Imports in
that window stall the UI beside a first scan (the reason for `import_reader`, which imports them
in a worker first), so the line should be empty.

A fresh process, because a test's own process has imported every module long before.
"""

from __future__ import annotations

import asyncio
import importlib.abc
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from textual.strip import Strip

from tests.app.pilot import make_app, wait_for_scan
from tui.reader.starting import ReaderStart
from tui.widgets.parallel_text import ParallelText


class UIThreadImports(importlib.abc.MetaPathFinder):
    """Notes each module looked for on the main thread while `watching`; finds nothing itself
    (the finders after it do), and is asked only for modules not yet imported."""

    def __init__(self) -> None:
        self.watching = False
        self.imported: list[str] = []
        self._main = threading.main_thread()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        if self.watching and threading.current_thread() is self._main:
            self.imported.append(fullname)


def main(folder: Path) -> list[str]:
    finder = UIThreadImports()
    sys.meta_path.insert(0, finder)
    mount_features = ReaderStart.mount_features
    render_line = ParallelText.render_line

    def mounting(self: ReaderStart) -> None:
        finder.watching = not self.features_started
        mount_features(self)

    def drawing(self: ParallelText, y: int) -> Strip:
        finder.watching = False
        return render_line(self, y)

    ReaderStart.mount_features = mounting  # type: ignore[method-assign]
    ParallelText.render_line = drawing  # type: ignore[method-assign]

    async def run() -> None:
        async with make_app(folder).run_test(size=(120, 40)) as pilot:
            await wait_for_scan(pilot)

    asyncio.run(run())
    return finder.imported


if __name__ == "__main__":
    print(" ".join(main(Path(sys.argv[1]))))
