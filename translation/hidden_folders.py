"""Hidden working folders inside a packages or downloads dir: staging for installs, a
graveyard for removals, a home for downloads. Being on the same filesystem as their target makes
the final renames atomic; being hidden keeps them out of package listings.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

__all__ = ["HIDDEN_PREFIX", "clear_stale_leftovers", "hidden_folder"]

# Staging and removal happen in hidden folders with this prefix; listings skip them.
HIDDEN_PREFIX = ".tolk-"
# Leftovers of a killed install older than this are cleared by the next install.
_STALE_SECONDS = 24 * 3600


@contextmanager
def hidden_folder(directory: Path, purpose: str) -> Iterator[Path]:
    """A hidden temp folder inside ``directory`` (same filesystem, so renames are atomic),
    removed with whatever is left in it."""
    folder = Path(tempfile.mkdtemp(prefix=f"{HIDDEN_PREFIX}{purpose}-", dir=directory))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def clear_stale_leftovers(directory: Path) -> None:
    """Remove staging folders of installs that were killed long ago."""
    for path in directory.glob(f"{HIDDEN_PREFIX}*"):
        with suppress(OSError):
            if time.time() - path.lstat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(path)
