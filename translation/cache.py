"""Sentence translations kept in SQLite, so reopening an article never runs the model again."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from translation.damaged_database import move_aside

_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sentence_translation (
    model TEXT NOT NULL,     -- package name and version
    options TEXT NOT NULL,   -- decoding options that change the output
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (model, options, source)
) WITHOUT ROWID;
"""
# SQLite's default limit on bound parameters is 999 on old builds; stay well under it.
_LOOKUP_CHUNK = 400


class TranslationCache:
    """A SQLite file of (model, options, source sentence) -> translation.

    Thread-safe: the reader's workers and the CLI share one instance. A file that is not a
    usable database is moved aside (never deleted) and a fresh one started; `warning` then says
    what happened, for the user to see.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warning: str | None = None
        self._lock = threading.Lock()
        try:
            self._connection = self._open()
        except sqlite3.DatabaseError as error:
            aside = move_aside(path)
            self.warning = (
                f"The translation cache {path} was damaged ({error}); it was moved to {aside} "
                "and a new cache started."
            )
            self._connection = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, check_same_thread=False, timeout=5.0)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > _SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"made by a newer tolk (schema {version})")
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")
            connection.execute("SELECT count(*) FROM sentence_translation LIMIT 1").fetchone()
            connection.commit()
        except sqlite3.DatabaseError:
            connection.close()
            raise
        return connection

    def lookup(self, model: str, options: str, sources: Iterable[str]) -> dict[str, str]:
        """The cached translations among `sources` (missing ones are simply absent)."""
        wanted = list(dict.fromkeys(sources))
        found: dict[str, str] = {}
        with self._lock:
            for start in range(0, len(wanted), _LOOKUP_CHUNK):
                chunk = wanted[start : start + _LOOKUP_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._connection.execute(
                    "SELECT source, target FROM sentence_translation "
                    f"WHERE model = ? AND options = ? AND source IN ({marks})",
                    (model, options, *chunk),
                )
                found.update(rows)
        return found

    def store(self, model: str, options: str, translations: Mapping[str, str]) -> None:
        """Remember translations, in one transaction."""
        if not translations:
            return
        with self._lock, self._connection:
            self._connection.executemany(
                "INSERT OR REPLACE INTO sentence_translation VALUES (?, ?, ?, ?)",
                [(model, options, source, target) for source, target in translations.items()],
            )

    def close(self) -> None:
        """Close the database file."""
        with self._lock:
            self._connection.close()
