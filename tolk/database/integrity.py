"""The memory's integrity check, run once per change of its file rather than at every opening.

`PRAGMA quick_check` reads every page: after a 2.1-million-unit import it took 3 s, and every
`tolk translate` and every article opened in the reader paid it. A check only finds what
changed since the last one, so the file's fingerprint (device, inode, size, modification and
change times of the database and of a non-empty write-ahead log) is written beside it,
`memory.sqlite.checked`, after a check that passed; an opening whose file still has that
fingerprint skips the check. Any write to the file changes its change time (which no tool can
set back), so a file changed since — by tolk, a copy, a crash, another program — is checked
again. What this gives up: damage that appears without any write (a failing disk returning
other bytes) is found when the damaged pages are read, not at opening.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

__all__ = ["fingerprint", "last_checked", "remember_checked"]

_SUFFIX = ".checked"


def fingerprint(path: Path) -> str | None:
    """What identifies the database's content as of now; None when there is no file."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    parts = [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]
    try:
        wal = os.stat(f"{path}-wal")
    except OSError:
        pass
    else:
        # An empty log holds nothing; SQLite creates one at every first opening.
        if wal.st_size:
            parts += [wal.st_ino, wal.st_size, wal.st_mtime_ns, wal.st_ctime_ns]
    return " ".join(str(part) for part in parts)


def last_checked(path: Path) -> str | None:
    """The fingerprint the database had at its last check that passed, if one was kept."""
    try:
        return Path(f"{path}{_SUFFIX}").read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def remember_checked(path: Path, checked: str) -> None:
    """Keep `checked` (the fingerprint taken before a check that passed) when the file still
    has it: a write during the check means the next opening checks again. Best effort: a
    marker that cannot be written costs one more check, nothing else."""
    if fingerprint(path) != checked:
        return
    marker = Path(f"{path}{_SUFFIX}")
    temp = marker.with_name(f".{marker.name}.{os.getpid()}.tmp")
    with suppress(OSError):
        temp.write_text(checked + "\n", encoding="ascii")
        os.replace(temp, marker)
    with suppress(OSError):
        temp.unlink(missing_ok=True)
