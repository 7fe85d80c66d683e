"""The building half of the index: bringing it up to date with the library's files, and adding
the English of translated articles.

FTS5's tokenizers know no Norwegian, so the index holds Snowball stems (the same ones keyword
matching uses) and the original paragraph text sits beside them for snippets. Norwegian text
goes in the `nb` column, English translations in `en`, each stemmed in its own language.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from tolk.library.dates import ArticleDate
from tolk.library.files import find_article_stats
from tolk.search.parsing import FileToParse, ParsedFile, index_words_of, parse_file
from tolk.search.query import Language
from tolk.search.schema import SEQUENCE_BITS, date_key, date_key_of
from tolk.workers import parsed_batches, usable_cores

__all__ = ["IndexBuilder", "IndexProgress", "IndexUpdate", "Progress", "not_utf8"]

# Files parsed per batch (a worker process's task, and what a cancel waits for at most).
_BATCH_FILES = 100
# Parsed files are written in one transaction once this many are waiting, or this long after
# the last write: FTS5 writes what a transaction added as one new segment, and merges them, so
# few big transactions cost less than many small ones (FTS5's inserts of 10,000 articles took
# 2.7 s of CPU in transactions of 100, 1.8 s of 1,000, 1.5 s of 2,500, 1.0 s in one; and the
# rows of each are sorted by row id: FTS5 starts a new segment each time a row id is lower than
# the one before, 3.6 s unsorted). Short enough that a translation indexed meanwhile never
# waits long for the lock, and that progress shows.
_WRITE_FILES = 2_500
_WRITE_SECONDS = 1.0
# From this many files to read, the parsing is done in worker processes (when the machine has
# more than one core): starting them costs about what parsing a thousand files does.
_POOL_FILES = 1_000
_VARIABLES = sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER
# Rows inserted by one statement (at most: SQLite's limit on parameters may be lower).
_ROWS_A_STATEMENT = 500
# The walk reports how far it is every this many files.
_WALK_PROGRESS_FILES = 1_000


@dataclass(frozen=True)
class IndexUpdate:
    """What an update did; `cancelled` means it stopped early (nothing was removed then), and
    `in_workers` how many of the files read were parsed in worker processes."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    cancelled: bool = False
    in_workers: int = 0


@dataclass(frozen=True)
class IndexProgress:
    """How far an update is: `looked_at` files walked so far; once the walk is done,
    `to_index` files new or changed, of which `indexed` are in the index now."""

    looked_at: int
    indexed: int = 0
    to_index: int | None = None


Progress = Callable[[IndexProgress], None]


class IndexBuilder:
    """Writes the index through `writer`, one writer at a time (`lock`)."""

    def __init__(self, writer: sqlite3.Connection, lock: threading.Lock) -> None:
        self._writer = writer
        self._write_lock = lock

    def update(
        self,
        roots: Iterable[Path],
        cancelled: Callable[[], bool],
        progress: Progress | None,
        processes: int | None,
    ) -> IndexUpdate:
        """See `SearchIndex.update`; raises sqlite3.Error."""
        report = progress or (lambda _progress: None)
        indexed = {
            path: (mtime_ns, size)
            for path, mtime_ns, size in self._writer.execute(
                "SELECT path, mtime_ns, size FROM search_file"
            )
        }
        # The walk: which files are new or changed (only their (mtime, size) is looked at).
        to_read: list[FileToParse] = []
        seen: set[str] = set()
        looked_at = 0
        for path, info in find_article_stats(roots, on_error=lambda _row: None):
            if cancelled():
                return IndexUpdate(cancelled=True)
            looked_at += 1
            if looked_at % _WALK_PROGRESS_FILES == 0:
                report(IndexProgress(looked_at))
            key = str(path)
            if not key.isascii() and not_utf8(key):
                continue  # SQLite keeps text as UTF-8: such a file is listed, not searched
            seen.add(key)
            stamp = (info.st_mtime_ns, info.st_size)
            if indexed.get(key) != stamp:
                to_read.append((key, stamp))
        # The reading, in batches, each written in one transaction as soon as it is parsed.
        report(IndexProgress(looked_at, 0, len(to_read)))
        if processes is None:
            cores = usable_cores()
            processes = cores if cores > 1 and len(to_read) >= _POOL_FILES else 0
        batches = [
            to_read[start : start + _BATCH_FILES] for start in range(0, len(to_read), _BATCH_FILES)
        ]
        added = changed = in_workers = 0
        waiting: list[ParsedFile] = []  # parsed, not yet written
        last_write = time.monotonic()

        def write() -> None:
            nonlocal added, changed, waiting, last_write
            self._write_files(waiting)
            replaced = sum(file.path in indexed for file in waiting)
            changed += replaced
            added += len(waiting) - replaced
            waiting, last_write = [], time.monotonic()
            report(IndexProgress(looked_at, added + changed, len(to_read)))

        parsed_so_far = parsed_batches(batches, processes, "search")
        try:
            for parsed, in_worker in parsed_so_far:
                waiting += parsed
                in_workers += len(parsed) if in_worker else 0
                stop = cancelled()
                if (
                    stop
                    or len(waiting) >= _WRITE_FILES
                    or time.monotonic() - last_write >= _WRITE_SECONDS
                ):
                    write()
                if stop:
                    unchanged = len(seen) - len(to_read)
                    return IndexUpdate(added, changed, 0, unchanged, True, in_workers)
        finally:
            parsed_so_far.close()
        if waiting:
            write()
        gone = [path for path in indexed if path not in seen]
        self._remove_files(gone)
        return IndexUpdate(added, changed, len(gone), len(seen) - len(to_read), False, in_workers)

    def index_translation(self, path: Path, paragraph_targets: Sequence[str | None]) -> None:
        """See `SearchIndex.index_translation`; raises OSError and sqlite3.Error."""
        with self._write_lock, self._writer:
            row = self._writer.execute(
                "SELECT id, year, month, day FROM search_file WHERE path = ?", (str(path),)
            ).fetchone()
            if row is None:
                info = path.stat()
                parsed = parse_file(str(path), (info.st_mtime_ns, info.st_size))
                file_id = self._insert_files([parsed])[0]
                key = date_key(parsed.date)
            else:
                file_id, key = row[0], date_key_of(row[1], row[2], row[3])
            self._delete_paragraphs(file_id, "en")
            texts = [
                (n, text, index_words_of(text, "en"))
                for n, text in enumerate(paragraph_targets)
                if text
            ]
            self._insert_paragraphs([(file_id, key, "en", texts)])

    def _write_files(self, batch: Sequence[ParsedFile]) -> None:
        """Put `batch` in the index, in place of what it holds of those files. A file it holds
        as parsed (its translation was indexed meanwhile, and the file with it) is kept."""
        with self._write_lock, self._writer:
            held = self._held([parsed.path for parsed in batch])
            fresh = []
            for parsed in batch:
                found = held.get(parsed.path)
                if found is not None and found[1] == parsed.stamp:
                    continue
                if found is not None:
                    self._delete_file_id(found[0])
                fresh.append(parsed)
            self._insert_files(fresh)

    def _held(self, paths: Sequence[str]) -> dict[str, tuple[int, tuple[int, int]]]:
        """Of `paths`, those the index holds: each with its id and (mtime, size)."""
        found = {}
        per_statement = min(_ROWS_A_STATEMENT, self._writer.getlimit(_VARIABLES))
        for start in range(0, len(paths), per_statement):
            chunk = paths[start : start + per_statement]
            marks = ", ".join("?" * len(chunk))
            for file_id, path, mtime_ns, size in self._writer.execute(
                f"SELECT id, path, mtime_ns, size FROM search_file WHERE path IN ({marks})", chunk
            ):
                found[path] = (file_id, (mtime_ns, size))
        return found

    def _remove_files(self, paths: Sequence[str]) -> None:
        for start in range(0, len(paths), _BATCH_FILES):
            with self._write_lock, self._writer:
                for path in paths[start : start + _BATCH_FILES]:
                    self._delete_file(path)

    def _delete_file(self, path: str) -> None:
        row = self._writer.execute("SELECT id FROM search_file WHERE path = ?", (path,)).fetchone()
        if row is not None:
            self._delete_file_id(row[0])

    def _delete_file_id(self, file_id: int) -> None:
        self._delete_paragraphs(file_id, None)
        self._writer.execute("DELETE FROM search_file WHERE id = ?", (file_id,))

    def _delete_paragraphs(self, file_id: int, language: Language | None) -> None:
        where = "file_id = ?" + ("" if language is None else " AND language = ?")
        values = (file_id,) if language is None else (file_id, language)
        self._writer.execute(
            f"DELETE FROM search_words WHERE rowid IN (SELECT id FROM search_paragraph "
            f"WHERE {where})",
            values,
        )
        self._writer.execute(f"DELETE FROM search_paragraph WHERE {where}", values)

    def _insert_files(self, batch: Sequence[ParsedFile]) -> list[int]:
        """Insert the files of `batch` with their paragraphs (in a transaction the caller
        holds, so that no other writer takes the ids given here); their ids."""
        (first_id,) = self._writer.execute(
            "SELECT coalesce(max(id), 0) + 1 FROM search_file"
        ).fetchone()
        ids = list(range(first_id, first_id + len(batch)))
        self._insert_rows(
            "INSERT INTO search_file (id, path, mtime_ns, size, title, year, month, day, "
            "precision, error) VALUES",
            [
                (
                    file_id,
                    parsed.path,
                    *parsed.stamp,
                    parsed.title,
                    *_date_columns(parsed.date),
                    parsed.error,
                )
                for file_id, parsed in zip(ids, batch, strict=True)
            ],
        )
        self._insert_paragraphs(
            [
                (
                    file_id,
                    date_key(parsed.date),
                    "nb",
                    [(n, text, words) for n, (text, words) in enumerate(parsed.paragraphs)],
                )
                for file_id, parsed in zip(ids, batch, strict=True)
                if parsed.paragraphs
            ]
        )
        return ids

    def _insert_paragraphs(
        self, files: Sequence[tuple[int, int, Language, Sequence[tuple[int, str, str]]]]
    ) -> None:
        """Insert paragraphs: per file, its id, date key, language and (number, text, index
        words) of each paragraph."""
        next_ids: dict[int, int] = {}  # by date key: the next free row id
        rows = []
        words = []
        for file_id, key, language, texts in files:
            first = next_ids.get(key)
            if first is None:
                first = self._first_free_id(key)
            # The first paragraph gets the highest id, so newest-first reads an article top
            # down.
            for offset, (number, text, indexed) in enumerate(reversed(texts)):
                row_id = first + offset
                rows.append((row_id, file_id, number, language, text))
                words.append(
                    (row_id, indexed, None) if language == "nb" else (row_id, None, indexed)
                )
            next_ids[key] = first + len(texts)
        # In row id order: FTS5 starts a new segment whenever a row id is lower than the last.
        rows.sort(key=itemgetter(0))
        words.sort(key=itemgetter(0))
        self._insert_rows("INSERT INTO search_paragraph VALUES", rows)
        self._insert_rows("INSERT INTO search_words (rowid, nb, en) VALUES", words)

    def _insert_rows(self, insert: str, rows: Sequence[tuple[object, ...]]) -> None:
        """`insert` ("INSERT INTO t (…) VALUES") of every row, many rows a statement.
        `executemany` steps once a row, and lets go of the interpreter lock at each step: with a
        busy thread beside it (the reader's language job), getting the lock back cost up to a
        switch interval each time, and a build took five times as long."""
        if not rows:
            return
        width = len(rows[0])
        most = self._writer.getlimit(_VARIABLES) // width
        per_statement = max(1, min(_ROWS_A_STATEMENT, most))
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join(["(" + ", ".join("?" * width) + ")"] * len(chunk))
            self._writer.execute(f"{insert} {values}", [value for row in chunk for value in row])

    def _first_free_id(self, key: int) -> int:
        """The first row id after every paragraph of date key `key`."""
        low = key << SEQUENCE_BITS
        (highest,) = self._writer.execute(
            "SELECT max(id) FROM search_paragraph WHERE id >= ? AND id < ?",
            (low, low + (1 << SEQUENCE_BITS)),
        ).fetchone()
        return low if highest is None else int(highest) + 1


def _date_columns(
    date: ArticleDate | None,
) -> tuple[int | None, int | None, int | None, int | None]:
    if date is None:
        return None, None, None, None
    return date.year, date.month, date.day, int(date.precision)


def not_utf8(name: str) -> bool:
    """Whether a file name was not UTF-8 (Python keeps such bytes as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
