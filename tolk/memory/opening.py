"""Opening the memory database: its schema (versioned migrations) and the steps of opening,
with the integrity check run once per change of the file (`tolk.memory.integrity`).

Opening waits out a peer that holds the database for a moment (two imports started together
on a new data dir both create the file), as the user store does.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tolk.database.migrations import Migration, apply_migrations, user_version, wait_for_peers
from tolk.memory.integrity import fingerprint, last_checked, remember_checked
from tolk.memory.writing import BUSY_TIMEOUT_S

__all__ = ["MIGRATIONS", "connect"]


def _create_memory(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE TABLE imports (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
        "path TEXT NOT NULL, imported TEXT NOT NULL, units INTEGER NOT NULL, "
        "skipped INTEGER NOT NULL, format TEXT NOT NULL)"
    )
    db.execute(
        """CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            folded TEXT NOT NULL,
            length INTEGER NOT NULL,
            target TEXT NOT NULL,
            note TEXT
        )"""
    )
    db.execute("CREATE INDEX units_by_key ON units (key)")
    db.execute("CREATE INDEX units_by_folded ON units (folded)")
    db.execute("CREATE INDEX units_by_length ON units (length)")
    db.execute("CREATE INDEX units_by_import ON units (import_id)")


def _count_too_long(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE imports ADD COLUMN too_long INTEGER NOT NULL DEFAULT 0")


MIGRATIONS: tuple[Migration, ...] = (_create_memory, _count_too_long)


def connect(
    path: Path, migrations: tuple[Migration, ...] = MIGRATIONS
) -> tuple[sqlite3.Connection, bool]:
    """Open the memory database at `path` (created if need be, brought up to the current
    schema); the second value says whether its integrity was checked (only when the file
    changed since its last check). Raises sqlite3.DatabaseError for a damaged file. The
    glossary's database opens the same way with its own `migrations`."""
    before = fingerprint(path)
    check = before is None or before != last_checked(path)
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        wait_for_peers(lambda: _prepare(db, check, migrations), BUSY_TIMEOUT_S)
    except BaseException:
        db.close()
        raise
    if check and before is not None:
        remember_checked(path, before)
    return db, check


def _prepare(db: sqlite3.Connection, check: bool, migrations: tuple[Migration, ...]) -> None:
    """Every step of opening; each may be repeated (it does nothing a second time)."""
    # The version first: a newer tolk's database must not even get its journal mode changed.
    user_version(db, len(migrations))
    if check:
        result = db.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"integrity check: {result}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA foreign_keys = ON")
    apply_migrations(db, migrations)
