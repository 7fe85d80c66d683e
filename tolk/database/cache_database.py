"""The cache database (`cache_dir()/cache.sqlite`), shared by the search index and the keyword
hit counts: opening it, and giving each component its own versioned tables in it."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from translation.damaged_database import move_aside

__all__ = ["open_cache_database"]

# The reader's workers open the file at the same moment as it starts (the search index, hit
# and look counts): two connections setting up a new file at once can fail one of them with
# "database is locked". Within the process, openings take turns.
_OPENING = threading.Lock()


def open_cache_database(
    path: Path, component: str, version: int, schema: str, tables: Sequence[str]
) -> tuple[sqlite3.Connection, str | None]:
    """Open (or create) a cache database file and set up one component's tables in it.

    Several components share the file, so each records its schema version in `cache_schema`
    and rebuilds only its own tables when the version differs (it is a cache: rebuilding loses
    nothing). A file that is not a usable database is moved aside, never deleted, and a fresh
    one started; the second value then says so, for the user.
    """
    with _OPENING:
        return _open_or_replace(path, component, version, schema, tables)


def _open_or_replace(
    path: Path, component: str, version: int, schema: str, tables: Sequence[str]
) -> tuple[sqlite3.Connection, str | None]:
    try:
        return _open_component(path, component, version, schema, tables), None
    except sqlite3.OperationalError:
        raise  # locked, or an I/O error: not damage, and the file is left where it is
    except sqlite3.DatabaseError as error:
        damage = error
    try:
        where = f"it was moved to {move_aside(path)}"
    except FileNotFoundError:
        # Another component sharing the file moved it aside first (and says where).
        where = "it was moved aside"
    warning = f"The cache {path} was damaged ({damage}); {where} and a new one started."
    return _open_component(path, component, version, schema, tables), warning


def _open_component(
    path: Path, component: str, version: int, schema: str, tables: Sequence[str]
) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, check_same_thread=False, timeout=10.0)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        if _schema_version(connection, component) != version:
            with connection:
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS cache_schema "
                    "(component TEXT PRIMARY KEY, version INTEGER NOT NULL)"
                )
                row = connection.execute(
                    "SELECT version FROM cache_schema WHERE component = ?", (component,)
                ).fetchone()
                if row is not None and row[0] != version:
                    for table in tables:
                        connection.execute(f"DROP TABLE IF EXISTS {table}")
                connection.executescript(schema)
                connection.execute(
                    "INSERT OR REPLACE INTO cache_schema VALUES (?, ?)", (component, version)
                )
        # A read of each table, so that a file that is not (or no longer) a database fails
        # here and is moved aside. One row, not a count: counting reads a whole table, which
        # for the library index of 100,000 files held up the first titles (0.3 s from disk).
        # Damage further in shows when the rows are read, and is handled there.
        for table in tables:
            connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        connection.close()
        raise
    return connection


def _schema_version(connection: sqlite3.Connection, component: str) -> int | None:
    """The version of `component`'s tables in the file (None: none yet). Read first, so that
    opening an up-to-date file writes nothing: the library index is opened as the reader
    starts, and every statement there waits on the UI for the GIL."""
    try:
        row = connection.execute(
            "SELECT version FROM cache_schema WHERE component = ?", (component,)
        ).fetchone()
    except sqlite3.OperationalError:  # no cache_schema table: a new file
        return None
    return None if row is None else int(row[0])
