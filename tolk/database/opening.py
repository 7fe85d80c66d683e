"""Opening one of the SQLite files tolk keeps the user's work in (the user store, the vocabulary,
the translation memory, the glossary, the feed state): the same steps, and the same outcomes
when a file cannot be used, for every one of them.

The steps (`connect`): the schema version first (a newer tolk's file is left untouched, not even
its journal mode changed), SQLite's integrity check (at every opening, or once per change of the
file: `tolk.database.integrity`), WAL, the migrations. A peer holding the file for a moment is
waited out (`tolk.database.migrations.wait_for_peers`).

The outcomes (`open_or_start_afresh`): only a file SQLite calls damaged, or whose integrity check
fails, is moved aside (never deleted: `translation.damaged_database.move_aside`) and a new one
started. A file that is locked by another program, read-only, on a full disk or from a newer
tolk is sound: the error is raised, the file left as it is, and the caller says what to do.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar

from tolk.database.integrity import fingerprint, last_checked, remember_checked
from tolk.database.migrations import Migration, apply_migrations, user_version, wait_for_peers
from translation.damaged_database import is_damage, move_aside

__all__ = [
    "BUSY_TIMEOUT_S",
    "Damage",
    "FailedIntegrityCheck",
    "NotMovedAside",
    "OpenDatabase",
    "connect",
    "open_or_start_afresh",
]

BUSY_TIMEOUT_S = 10.0  # SQLite's busy timeout: how long a statement waits for a peer's lock

Opened = TypeVar("Opened")


class FailedIntegrityCheck(sqlite3.DatabaseError):
    """SQLite opened the file, but its integrity check found damage (the message: what)."""


@dataclass(frozen=True)
class Damage:
    """A damaged file that was moved aside for a new one: what was wrong (SQLite's words, or
    the integrity check's) and where the damaged file is kept."""

    reason: str
    aside: Path


class NotMovedAside(Exception):
    """The file is damaged (`damage`) and could not be moved aside (`error`): it is left where
    it is, and nothing new was started."""

    def __init__(self, damage: str, error: OSError) -> None:
        super().__init__(f"damaged ({damage}) and could not be moved aside ({error})")
        self.damage = damage
        self.error = error

    @property
    def reason(self) -> str:
        """Why it could not be moved, in the system's words."""
        return self.error.strerror or str(self.error)


def connect(
    path: Path,
    migrations: tuple[Migration, ...],
    *,
    threads: bool = False,
    check_each_change_once: bool = False,
    foreign_keys: bool = False,
) -> tuple[sqlite3.Connection, bool]:
    """Open the database at `path` (created if need be, brought up to `migrations`) on a
    connection that leaves transactions to the caller (isolation_level=None); the second value
    says whether its integrity was checked.

    `threads`: the connection may be used from other threads (the caller serialises them).
    `check_each_change_once`: the integrity check runs only when the file changed since its
    last check (a big file's check takes seconds), not at every opening. Raises
    NewerSchemaError, FailedIntegrityCheck, sqlite3.Error."""
    before = fingerprint(path) if check_each_change_once else None
    check = not check_each_change_once or before is None or before != last_checked(path)
    db = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=not threads
    )
    try:
        wait_for_peers(lambda: _prepare(db, migrations, check, foreign_keys), BUSY_TIMEOUT_S)
    except BaseException:
        db.close()
        raise
    if check_each_change_once and check and before is not None:
        remember_checked(path, before)
    return db, check


def _prepare(
    db: sqlite3.Connection, migrations: tuple[Migration, ...], check: bool, foreign_keys: bool
) -> None:
    """Every step of opening; each may be repeated (it does nothing a second time)."""
    # The version first: a newer tolk's database must not even get its journal mode changed.
    user_version(db, len(migrations))
    if check:
        result = db.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise FailedIntegrityCheck(f"integrity check: {result}")
    db.execute("PRAGMA journal_mode = WAL")
    if foreign_keys:
        db.execute("PRAGMA foreign_keys = ON")
    apply_migrations(db, migrations)


def open_or_start_afresh(
    path: Path, opening: Callable[[Path], Opened]
) -> tuple[Opened, Damage | None]:
    """`opening(path)`; when SQLite says the file is damaged (or its integrity check fails),
    the file is moved aside with its -wal and -shm and `opening` tried once more on a new one,
    and the second value says what was wrong and where the damaged file is kept.

    Raises whatever `opening` raises when the file is not damaged (locked, read-only, full, a
    newer tolk's: the file is left as it is) or when the second try fails, and NotMovedAside
    when the damaged file could not be moved."""
    try:
        return opening(path), None
    except sqlite3.Error as error:
        if not (is_damage(error) or isinstance(error, FailedIntegrityCheck)):
            raise
        damage = str(error)
    try:
        aside = move_aside(path)
    except OSError as error:
        raise NotMovedAside(damage, error) from error
    return opening(path), Damage(damage, aside)


class OpenDatabase:
    """A database file open on one connection, closed at the end of a `with` (the base of
    every store over one of tolk's files)."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self.path = path

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._db.close()
