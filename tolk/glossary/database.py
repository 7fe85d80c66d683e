"""The glossary: nb→en terms imported from glossary files, in their own SQLite database,
`data_dir()/glossary.sqlite`.

Why a file of its own, rather than tables in the translation memory's or the user store's: an
import of a big termbase is one long transaction, and in `memory.sqlite` it would hold the lock
a `tolk memory import` needs (and the other way round), though the two have nothing to do with
each other; every glossary import would also change the memory's file and so make its next
opening run the integrity check over every unit (3 s for two million). The user store is out
for the reasons the memory keeps out of it (`tolk.memory.database`). A glossary can be dropped
or rebuilt from its files without touching the memory or anyone's reviews. It opens, writes
and undoes imports as the memory does, with the same code (`tolk.database.imports_database`):
WAL, busy timeout, `PRAGMA user_version` migrations, `BEGIN IMMEDIATE` per change taken in turn
behind another tolk's, the integrity check once per change of the file.

Finding an article's terms: each term is kept with the Snowball stem of its first word
(`first_stem`, indexed). The terms of an article are those whose first stem is a stem of one of
its words — one index lookup per chunk of its distinct stems, however big the glossary — and
`tolk.qa.terminology` then matches them whole, as keywords are matched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tolk.database.imports_database import ImportsDatabase
from tolk.database.migrations import Migration
from tolk.database.writing import WAIT_FOR_TURN_S, Announce
from tolk.glossary.entries import GlossaryFileError, Limits, ReadCounts
from tolk.glossary.reading import read_terms
from tolk.keywords.matching import WORD, word_stemmer
from tolk.paths import glossary_database
from tolk.qa.terminology import Term

__all__ = [
    "DATABASE_NAME",
    "Glossary",
    "GlossaryFileError",
    "GlossaryRecord",
    "GlossaryStoreError",
    "Limits",
    "database_path",
    "terms_for",
    "terms_for_each",
    "terms_for_each_lazily",
]

DATABASE_NAME = glossary_database().name
BATCH = 2000  # terms per executemany while importing
_CHUNK = 500  # stems per lookup query


class GlossaryStoreError(Exception):
    """The glossary database cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class GlossaryRecord:
    """One imported file: its name (what `tolk glossary remove` takes), where it came from,
    when, its format, and how many terms it brought (and skipped, and left out as too long)."""

    name: str
    path: str
    imported: str
    terms: int
    skipped: int
    too_long: int
    format: str


def _create(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE TABLE imports (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
        "path TEXT NOT NULL, imported TEXT NOT NULL, terms INTEGER NOT NULL, "
        "skipped INTEGER NOT NULL, too_long INTEGER NOT NULL, format TEXT NOT NULL)"
    )
    db.execute(
        """CREATE TABLE terms (
            id INTEGER PRIMARY KEY,
            import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            first_stem TEXT NOT NULL,
            renderings TEXT NOT NULL,  -- one a line
            note TEXT
        )"""
    )
    db.execute("CREATE INDEX terms_by_stem ON terms (first_stem)")
    db.execute("CREATE INDEX terms_by_import ON terms (import_id)")


MIGRATIONS: tuple[Migration, ...] = (_create,)


def database_path() -> Path:
    return glossary_database()


class Glossary(ImportsDatabase):
    """The glossary database. Not shared between threads: open one where it is used."""

    name = "glossary"
    failure = GlossaryStoreError
    migrations = MIGRATIONS
    import_again = "glossaries"

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
    ) -> GlossaryRecord:
        """Import `path` in one transaction, under `name` (default: the file's name); an import
        of the same name is replaced. Raises GlossaryFileError, importing nothing, when the
        file cannot be read as a glossary or has no nb→en term, and GlossaryStoreError,
        importing nothing, when the database cannot be written."""
        name = name or path.name
        with self._writing(f"importing {path}", "nothing was imported", on_wait, wait_s):
            self._import(path, name, limits or Limits())
        return next(record for record in self.imports() if record.name == name)

    def _import(self, path: Path, name: str, limits: Limits) -> None:
        counts = ReadCounts()
        self._db.execute("DELETE FROM imports WHERE name = ?", (name,))
        import_id = self._db.execute(
            "INSERT INTO imports (name, path, imported, terms, skipped, too_long, format) "
            "VALUES (?, ?, ?, 0, 0, 0, '')",
            (name, str(path.resolve()), _now()),
        ).lastrowid
        stem = word_stemmer("norwegian").stem
        batch: list[tuple[object, ...]] = []
        terms = 0
        for term in read_terms(path, counts, limits):
            first = WORD.search(term.source)
            if first is None:  # no word to find it by ("–", "%")
                counts.skipped += 1
                continue
            renderings = "\n".join(term.renderings)
            batch.append((import_id, term.source, stem(first.group()), renderings, term.note))
            if len(batch) >= BATCH:
                terms += self._insert(batch)
        terms += self._insert(batch)
        if not terms:
            too_long = (
                f", {counts.too_long} too long (a term over {limits.term_chars:,} characters, "
                f"or an entry of over {limits.entry_terms:,} terms)"
                if counts.too_long
                else ""
            )
            raise GlossaryFileError(
                f"{path}: no Norwegian (nb, no, nb-NO) → English terms ({counts.skipped} "
                f"without both{too_long}); nothing was imported"
            )
        self._db.execute(
            "UPDATE imports SET terms = ?, skipped = ?, too_long = ?, format = ? WHERE id = ?",
            (terms, counts.skipped, counts.too_long, counts.format, import_id),
        )

    def _insert(self, batch: list[tuple[object, ...]]) -> int:
        self._db.executemany(
            "INSERT INTO terms (import_id, source, first_stem, renderings, note) "
            "VALUES (?, ?, ?, ?, ?)",
            batch,
        )
        done = len(batch)
        batch.clear()
        return done

    def imports(self) -> list[GlossaryRecord]:
        """Every import, most recent first."""
        rows = self._db.execute(
            "SELECT name, path, imported, terms, skipped, too_long, format FROM imports "
            "ORDER BY id DESC"
        ).fetchall()
        return [GlossaryRecord(*row) for row in rows]

    # Lookups ---------------------------------------------------------------------------------

    def terms_for(self, texts: Iterable[str]) -> list[Term]:
        """The terms that may occur in `texts` (Norwegian): those whose first word's stem is
        a stem of a word of theirs, in import order. `tolk.qa.terminology` matches them."""
        stem = word_stemmer("norwegian").stem
        stems = sorted({stem(word) for text in texts for word in WORD.findall(text)})
        found: list[tuple[int, int, Term]] = []
        for start in range(0, len(stems), _CHUNK):
            chunk = stems[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for import_id, term_id, source, renderings, name in self._db.execute(
                f"SELECT t.import_id, t.id, t.source, t.renderings, i.name FROM terms t "
                f"JOIN imports i ON i.id = t.import_id WHERE t.first_stem IN ({marks})",
                chunk,
            ):
                found.append(
                    (import_id, term_id, Term(source, tuple(renderings.split("\n")), name))
                )
        found.sort(key=lambda row: row[:2])
        return [term for *_, term in found]


def terms_for(texts: Iterable[str]) -> tuple[list[Term], str | None]:
    """The glossary's terms that may occur in `texts`, and a warning for the user (None when all
    went well). Without a glossary file, none (none is created)."""
    found, warning = terms_for_each([texts])
    return found[0], warning


def terms_for_each(
    documents: Sequence[Iterable[str]],
) -> tuple[list[list[Term]], str | None]:
    """`terms_for` each document (its texts), the glossary opened once."""
    path = database_path()
    if not path.exists():
        return [[] for _ in documents], None
    try:
        with Glossary(path) as glossary:
            return [glossary.terms_for(texts) for texts in documents], glossary.warning
    except (GlossaryStoreError, sqlite3.Error) as error:
        return [[] for _ in documents], f"The glossary is off: {error}"


def terms_for_each_lazily(
    documents: Iterable[Iterable[str]], warn: Callable[[str], None]
) -> Iterator[list[Term]]:
    """`terms_for` each document as the caller asks for it, the glossary opened once: a caller
    that judges each document before asking for the next holds one document's terms at a time
    (a list of them all held 730 MB for 10,000 articles). A problem is given to `warn` once;
    the documents after it get no terms."""
    path = database_path()
    glossary: Glossary | None = None
    try:
        if path.exists():
            glossary = Glossary(path)
    except (GlossaryStoreError, sqlite3.Error) as error:
        warn(f"The glossary is off: {error}")
    try:
        for texts in documents:
            if glossary is None:
                yield []
                continue
            try:
                yield glossary.terms_for(texts)
            except (GlossaryStoreError, sqlite3.Error) as error:
                warn(f"The glossary is off: {error}")
                glossary.close()
                glossary = None
                yield []
        if glossary is not None and glossary.warning:
            warn(glossary.warning)
    finally:
        if glossary is not None:
            glossary.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
