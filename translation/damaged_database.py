"""Keeping a damaged SQLite database for the user instead of deleting it.

Every SQLite file tolk owns (the translation cache, the shared cache database, the user store)
moves a file it cannot use aside through `move_aside`, so all of them behave the same: the
database goes with its `-wal` and `-shm` files (the WAL may hold the newest committed pages),
and an earlier damaged copy is never overwritten, not even one made in the same second.

It lives in `translation/`, the lowest layer, so that the translation cache can use it too.
"""

from __future__ import annotations

import os
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["COMPANION_SUFFIXES", "move_aside"]

# The files SQLite keeps beside a WAL-mode database; they belong to it.
COMPANION_SUFFIXES = ("-wal", "-shm")


def move_aside(path: Path) -> Path:
    """Rename the database at `path`, with its -wal and -shm files, to
    `<name>.damaged-<UTC time>` (`…-2`, `…-3` when that is taken) and return the new path.

    Raises FileNotFoundError when `path` is gone (someone else moved it first) and OSError when
    it cannot be renamed; the companions are then put back, so the database stays whole.
    """
    stamp = _utc_now().strftime("%Y%m%dT%H%M%SZ")
    number = 1
    aside = _reserve(path, stamp, number)
    while aside is None:
        number += 1
        aside = _reserve(path, stamp, number)
    moved: list[str] = []
    try:
        # Companions first: a fresh database opened at `path` in the meantime must not find the
        # damaged one's WAL there, or SQLite would replay its pages into the new file.
        for suffix in COMPANION_SUFFIXES:
            with suppress(FileNotFoundError):
                os.replace(f"{path}{suffix}", f"{aside}{suffix}")
                moved.append(suffix)
        os.replace(path, aside)
    except OSError:
        for suffix in moved:
            with suppress(OSError):
                os.replace(f"{aside}{suffix}", f"{path}{suffix}")
        aside.unlink(missing_ok=True)
        raise
    return aside


def _reserve(path: Path, stamp: str, number: int) -> Path | None:
    """Claim the aside name for `number` by creating it empty (O_EXCL: two processes never
    claim the same one); None when it, or one of its companions, already exists."""
    suffix = "" if number == 1 else f"-{number}"
    aside = path.with_name(f"{path.name}.damaged-{stamp}{suffix}")
    if any(Path(f"{aside}{companion}").exists() for companion in COMPANION_SUFFIXES):
        return None
    try:
        os.close(os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return None
    return aside


def _utc_now() -> datetime:
    # A function of its own so that a test can hold the clock at one second.
    return datetime.now(UTC)
