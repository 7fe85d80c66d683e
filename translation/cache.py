"""Sentence translations kept in SQLite, so reopening an article never runs the model again.

Each row holds the English with the model's score, word alignment and unknown-token mark
(translation.hypothesis). Schema 1 kept the English only; opening such a file adds the columns
(NULL for the old rows), and `lookup_translations` treats a row without a score as missing, so
the sentence is translated again, and kept with its score, the next time it is needed.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from translation.damaged_database import move_aside
from translation.hypothesis import SentenceTranslation, format_alignment, parse_alignment

_SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sentence_translation (
    model TEXT NOT NULL,     -- package name and version
    options TEXT NOT NULL,   -- decoding options that change the output
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    score REAL,              -- mean log-probability per target token; NULL: not known
    alignment TEXT,          -- (source word, target word) pairs as "0-0 1-2"; NULL: not known
    unknown_replaced INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (model, options, source)
) WITHOUT ROWID;
"""
# Columns added since schema 1, with their declarations.
_ADDED_COLUMNS = (
    ("score", "REAL"),
    ("alignment", "TEXT"),
    ("unknown_replaced", "INTEGER NOT NULL DEFAULT 0"),
)
# SQLite's default limit on bound parameters is 999 on old builds; stay well under it.
_LOOKUP_CHUNK = 400
# SQLite's primary result codes for "database disk image is malformed" and "not a database".
_DAMAGE_CODES = frozenset({11, 26})


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
            if not _damaged(error):
                # Locked, read-only, full, cannot be opened: the file is sound, and moving it
                # aside would lose it for nothing (or fail); the caller turns the cache off.
                raise
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
            if version < _SCHEMA_VERSION or _missing_columns(connection):
                _migrate(connection)
            connection.execute("SELECT count(*) FROM sentence_translation LIMIT 1").fetchone()
            connection.commit()
        except sqlite3.DatabaseError:
            connection.close()
            raise
        return connection

    def lookup(self, model: str, options: str, sources: Iterable[str]) -> dict[str, str]:
        """The cached English among `sources`, scored or not (missing ones are absent)."""
        return {
            row[0]: row[1] for row in self._rows("source, target", model, options, sources, False)
        }

    def lookup_translations(
        self, model: str, options: str, sources: Iterable[str]
    ) -> dict[str, SentenceTranslation]:
        """The cached translations among `sources` that carry a score (rows from before scores
        were kept count as missing)."""
        found: dict[str, SentenceTranslation] = {}
        columns = "source, target, score, alignment, unknown_replaced"
        for source, target, score, alignment, replaced in self._rows(
            columns, model, options, sources, True
        ):
            found[source] = SentenceTranslation(
                target,
                score,
                parse_alignment(alignment) if alignment is not None else None,
                bool(replaced),
            )
        return found

    def _rows(
        self, columns: str, model: str, options: str, sources: Iterable[str], scored: bool
    ) -> list[tuple[Any, ...]]:
        wanted = list(dict.fromkeys(sources))
        only_scored = " AND score IS NOT NULL" if scored else ""
        rows: list[tuple[Any, ...]] = []
        with self._lock:
            for start in range(0, len(wanted), _LOOKUP_CHUNK):
                chunk = wanted[start : start + _LOOKUP_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows += self._connection.execute(
                    f"SELECT {columns} FROM sentence_translation "
                    f"WHERE model = ? AND options = ? AND source IN ({marks}){only_scored}",
                    (model, options, *chunk),
                )
        return rows

    def store(self, model: str, options: str, translations: Mapping[str, str]) -> None:
        """Remember English texts without a score, in one transaction."""
        self.store_translations(
            model, options, {source: SentenceTranslation(t) for source, t in translations.items()}
        )

    def store_translations(
        self, model: str, options: str, translations: Mapping[str, SentenceTranslation]
    ) -> None:
        """Remember translations with their score, alignment and unknown mark, in one
        transaction."""
        if not translations:
            return
        with self._lock, self._connection:
            self._connection.executemany(
                "INSERT OR REPLACE INTO sentence_translation (model, options, source, target, "
                "score, alignment, unknown_replaced) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        model,
                        options,
                        source,
                        t.target,
                        t.score,
                        format_alignment(t.alignment) if t.alignment is not None else None,
                        int(t.unknown_replaced),
                    )
                    for source, t in translations.items()
                ],
            )

    def close(self) -> None:
        """Close the database file."""
        with self._lock:
            self._connection.close()


def _missing_columns(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    present = {row[1] for row in connection.execute("PRAGMA table_info(sentence_translation)")}
    return [(name, declaration) for name, declaration in _ADDED_COLUMNS if name not in present]


def _migrate(connection: sqlite3.Connection) -> None:
    """Bring a schema-1 table up to date in one write transaction (IMMEDIATE, and the columns
    looked up again inside it: another process may be migrating the same file)."""
    connection.commit()
    connection.execute("BEGIN IMMEDIATE")
    try:
        for name, declaration in _missing_columns(connection):
            connection.execute(f"ALTER TABLE sentence_translation ADD COLUMN {name} {declaration}")
        connection.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except sqlite3.Error:
        connection.rollback()
        raise


def _damaged(error: sqlite3.DatabaseError) -> bool:
    """Whether the file is no cache this tolk can use: SQLite says it is damaged, or (no code:
    raised here) a newer tolk made it."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is None or code & 0xFF in _DAMAGE_CODES
