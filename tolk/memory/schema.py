"""The memory database's schema: its tables and the migrations that create them
(`tolk.database.migrations` applies them, and says how every change is made).

Append only: a later version adds tables by appending a migration, never by editing one.
"""

from __future__ import annotations

import sqlite3

from tolk.database.migrations import Migration

__all__ = ["MIGRATIONS"]


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


# Schema version N is the first N migrations applied. Append only: released ones never change.
MIGRATIONS: tuple[Migration, ...] = (_create_memory, _count_too_long)
