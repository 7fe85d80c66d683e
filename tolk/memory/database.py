"""The translation memory: nb→en units imported from TMX (or tolk JSON) files, in their own
SQLite database, `data_dir()/memory.sqlite`.

Why a file of its own rather than tables in the user store (`tolk.userdata.store`): a memory can
hold hundreds of thousands of units and an import is one long transaction; in the user store
that transaction would hold the write lock the reader needs for every bookmark and review mark,
and a 50 MB memory would make the small store slow to check and copy. The memory can also be
dropped or rebuilt from its files without touching anyone's reviews. Opening, writing in turn
behind another tolk's import and undoing an import are those of every database of imports
(`tolk.database.imports_database`): WAL, busy timeout, `PRAGMA user_version` migrations
(`tolk.memory.schema`), `BEGIN IMMEDIATE` per change, the integrity check once per change of
the file.

Matching: a unit's source is kept whitespace-normalised (`key`) and case-folded (`folded`),
both indexed. An exact match (same `key`) is the memory's English for a sentence; when several
units share a key, the most recently imported wins and the others are alternatives. A match on
`folded` only is weaker (listed, never shown in place of the model's English), and so are
fuzzy matches, scored with rapidfuzz's normalised Indel similarity over units of a length
that could reach the cut-off.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tolk.database.imports_database import ImportsDatabase
from tolk.database.writing import WAIT_FOR_TURN_S, Announce
from tolk.memory.reading import read_units
from tolk.memory.schema import MIGRATIONS
from tolk.memory.units import Limits, MemoryFileError, ReadCounts
from tolk.paths import data_dir
from tolk.text import normalise

__all__ = [
    "DATABASE_NAME",
    "FUZZY_CUTOFF",
    "ExactMatch",
    "ImportRecord",
    "Limits",
    "MemoryFileError",
    "MemoryMatch",
    "MemoryStoreError",
    "TranslationMemory",
    "exact_matches",
    "memory_renderings",
]

DATABASE_NAME = "memory.sqlite"
FUZZY_CUTOFF = 70.0  # percent similarity below which a unit is not a near match
BATCH = 2000  # units per executemany while importing


class MemoryStoreError(Exception):
    """The memory database cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class ImportRecord:
    """One imported file: its name (what `tolk memory remove` takes), where it came from, when,
    and how many units it brought (and skipped, and left out as too long)."""

    name: str
    path: str
    imported: str
    units: int
    skipped: int
    format: str
    too_long: int = 0


@dataclass(frozen=True)
class ExactMatch:
    """The memory's English for a sentence (an exact match), and the import it came from."""

    target: str
    name: str


@dataclass(frozen=True)
class MemoryMatch:
    """A memory unit offered for a sentence: its English, its own source, the similarity in
    percent (100 for exact), and how it matched: "exact", "older" (an exact match a more
    recent import overrides), "case" (equal but for case) or "fuzzy"."""

    target: str
    source: str
    score: float
    kind: str
    name: str  # the import it came from
    note: str | None = None

    @property
    def label(self) -> str:
        """How the alternatives dialog names it."""
        if self.kind == "exact":
            return f"memory · {self.name}"
        if self.kind == "older":
            return f"memory, older import · {self.name}"
        if self.kind == "case":
            return f"memory, case differs · {self.name}"
        return f"memory {self.score:.0f}% · {self.name}"


def database_path() -> Path:
    return data_dir() / DATABASE_NAME


class TranslationMemory(ImportsDatabase):
    """The memory database. Not shared between threads: open one where it is used."""

    name = "translation memory"
    failure = MemoryStoreError
    migrations = MIGRATIONS
    import_again = "files"

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path or database_path())

    # Imports ---------------------------------------------------------------------------------

    def import_file(
        self,
        path: Path,
        name: str | None = None,
        *,
        limits: Limits | None = None,
        on_wait: Announce | None = None,
        wait_s: float = WAIT_FOR_TURN_S,
    ) -> ImportRecord:
        """Import `path` in one transaction, under `name` (default: the file's name); an import
        of the same name is replaced. Raises MemoryFileError, importing nothing, when the file
        cannot be read as a memory or has no nb→en unit, and MemoryStoreError, importing
        nothing, when the database cannot be written (the disk is full, another tolk kept
        it past `wait_s`; `on_wait` is told when waiting for it starts)."""
        name = name or path.name
        with self._writing(f"importing {path}", "nothing was imported", on_wait, wait_s):
            self._import(path, name, limits)
        found = self.imports()
        return next(record for record in found if record.name == name)

    def _import(self, path: Path, name: str, limits: Limits | None) -> None:
        """The import's statements, inside its transaction."""
        counts = ReadCounts()
        units = 0
        self._db.execute("DELETE FROM imports WHERE name = ?", (name,))
        cursor = self._db.execute(
            "INSERT INTO imports (name, path, imported, units, skipped, format) "
            "VALUES (?, ?, ?, 0, 0, '')",
            (name, str(path.resolve()), _now()),
        )
        import_id = cursor.lastrowid
        batch: list[tuple[object, ...]] = []
        for unit in read_units(path, counts, limits):
            key = normalise(unit.source)
            batch.append((import_id, key, key.casefold(), len(key), unit.target, unit.note))
            if len(batch) >= BATCH:
                units += self._insert(batch)
        units += self._insert(batch)
        if not units:
            too_long = (
                f", {counts.too_long} too long (over {(limits or Limits()).segment_chars:,} "
                "characters)"
                if counts.too_long
                else ""
            )
            raise MemoryFileError(
                f"{path}: no Norwegian (nb, no, nb-NO, no-NO) → English units "
                f"({counts.skipped} units without both sides"
                + (" or not corrected/reviewed" if counts.skipped else "")
                + f"{too_long}); nothing was imported"
            )
        self._db.execute(
            "UPDATE imports SET units = ?, skipped = ?, too_long = ?, format = ? WHERE id = ?",
            (units, counts.skipped, counts.too_long, counts.format, import_id),
        )

    def _insert(self, batch: list[tuple[object, ...]]) -> int:
        self._db.executemany(
            "INSERT INTO units (import_id, key, folded, length, target, note) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            batch,
        )
        done = len(batch)
        batch.clear()
        return done

    def imports(self) -> list[ImportRecord]:
        """Every import, most recent first."""
        rows = self._db.execute(
            "SELECT name, path, imported, units, skipped, format, too_long FROM imports "
            "ORDER BY id DESC"
        ).fetchall()
        return [ImportRecord(*row) for row in rows]

    # Lookups ---------------------------------------------------------------------------------

    def exact(self, sources: Iterable[str]) -> dict[str, str]:
        """Normalised source -> the memory's English, for the sources with an exact match (the
        most recent import's unit where several match)."""
        return {key: match.target for key, match in self.exact_matches(sources).items()}

    def exact_matches(self, sources: Iterable[str]) -> dict[str, ExactMatch]:
        """Normalised source -> the memory's English and its import, for the sources with an
        exact match (the most recent import's unit where several match)."""
        found: dict[str, ExactMatch] = {}
        # Most recent first: the first row seen for a key wins.
        for key, target, name in self._units_with({normalise(source) for source in sources}):
            if key not in found:
                found[key] = ExactMatch(target, name)
        return found

    def renderings(self, keys: Iterable[str]) -> dict[str, list[ExactMatch]]:
        """Key (a normalised source) -> every distinct English of the units with that key, the
        most recent import's first: what the `inconsistent` check compares with."""
        found: dict[str, list[ExactMatch]] = {}
        for key, target, name in self._units_with(set(keys)):
            seen = found.setdefault(key, [])
            if all(match.target != target for match in seen):
                seen.append(ExactMatch(target, name))
        return found

    def _units_with(self, keys: set[str]) -> Iterator[tuple[str, str, str]]:
        """(key, English, import name) of every unit whose key is one of `keys`: for each
        chunk of keys, the most recent import's first."""
        wanted = sorted(keys)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            yield from self._db.execute(
                f"SELECT u.key, u.target, i.name FROM units u JOIN imports i "
                f"ON i.id = u.import_id WHERE u.key IN ({marks}) "
                "ORDER BY u.import_id DESC, u.id DESC",
                chunk,
            )

    def matches(self, source: str, limit: int = 5) -> list[MemoryMatch]:
        """What the memory offers for `source`, best first: exact matches (most recent import
        first, the rest marked "older"), matches but for case, then up to `limit` fuzzy ones."""
        key = normalise(source)
        if not key:
            return []
        found: list[MemoryMatch] = []
        seen: set[str] = set()
        rows = self._db.execute(
            "SELECT u.key, u.target, u.note, i.name, u.key = ? FROM units u "
            "JOIN imports i ON i.id = u.import_id WHERE u.folded = ? "
            "ORDER BY u.key = ? DESC, u.import_id DESC, u.id DESC",
            (key, key.casefold(), key),
        ).fetchall()
        for unit_key, target, note, name, same in rows:
            if target in seen:
                continue
            seen.add(target)
            kind = ("exact" if not found else "older") if same else "case"
            found.append(MemoryMatch(target, unit_key, 100.0, kind, name, note))
        found += self._fuzzy(key, limit, seen)
        return found

    def _fuzzy(self, key: str, limit: int, seen: set[str]) -> list[MemoryMatch]:
        # Indel similarity 2·M/(a+b) ≥ c needs min/max length ≥ c/(2−c): only those lengths
        # are read, so a big memory costs one index range, not a table scan.
        share = FUZZY_CUTOFF / 100
        low = int(len(key) * share / (2 - share))
        high = int(len(key) * (2 - share) / share) + 1
        rows = self._db.execute(
            "SELECT u.key, u.target, u.note, i.name FROM units u JOIN imports i "
            "ON i.id = u.import_id WHERE u.length BETWEEN ? AND ? AND u.folded != ? "
            "ORDER BY u.import_id DESC, u.id DESC",
            (low, high, key.casefold()),
        ).fetchall()
        if not rows:
            return []
        # Imported for the first near match, not as the reader starts (30-50 ms).
        from rapidfuzz import fuzz, process

        ranked = process.extract(
            key.casefold(),
            [row[0].casefold() for row in rows],
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_CUTOFF,
            limit=limit * 2,
        )
        found = []
        for _, score, index in ranked:
            unit_key, target, note, name = rows[index]
            if target in seen:
                continue
            seen.add(target)
            found.append(MemoryMatch(target, unit_key, float(score), "fuzzy", name, note))
            if len(found) == limit:
                break
        return found


def exact_matches(sources: Sequence[str]) -> tuple[dict[str, ExactMatch], str | None]:
    """The memory's English (and its import) for each of `sources` with an exact match, by
    normalised source, and a warning for the user (None when all went well). Without a memory
    file, nothing (none is created)."""
    path = database_path()
    if not path.exists():
        return {}, None
    try:
        with TranslationMemory(path) as memory:
            return memory.exact_matches(sources), memory.warning
    except (MemoryStoreError, sqlite3.Error) as error:
        return {}, f"The translation memory is off: {error}"


def memory_renderings(keys: Sequence[str]) -> tuple[dict[str, list[ExactMatch]], str | None]:
    """`TranslationMemory.renderings` of the memory file, and a warning for the user (None
    when all went well). Without a memory file, nothing (none is created)."""
    path = database_path()
    if not path.exists():
        return {}, None
    try:
        with TranslationMemory(path) as memory:
            return memory.renderings(keys), memory.warning
    except (MemoryStoreError, sqlite3.Error) as error:
        return {}, f"The translation memory is off: {error}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
