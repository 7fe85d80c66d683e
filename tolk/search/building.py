"""The building half of the index: bringing it up to date with the library's files, and adding
the English of translated articles.

FTS5's tokenizers know no Norwegian, so the index holds Snowball stems (the same ones keyword
matching uses) and the original paragraph text sits beside them for snippets. Norwegian text
goes in the `nb` column, English translations in `en`, each stemmed in its own language.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tolk.keywords.matching import word_stemmer
from tolk.library.articles import Article, ArticleError, read_article
from tolk.library.files import find_article_files
from tolk.search.query import STEMMER_LANGUAGE, Language, index_words
from tolk.search.schema import SEQUENCE_BITS, date_key, date_key_of

__all__ = ["IndexBuilder", "IndexUpdate"]

# Files parsed per write transaction: short enough that a search never waits long for the lock.
_BATCH_FILES = 100


@dataclass(frozen=True)
class IndexUpdate:
    """What an update did; `cancelled` means it stopped early (nothing was removed then)."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    cancelled: bool = False


class IndexBuilder:
    """Writes the index through `writer`, one writer at a time (`lock`)."""

    def __init__(self, writer: sqlite3.Connection, lock: threading.Lock) -> None:
        self._writer = writer
        self._write_lock = lock

    def update(
        self,
        roots: Iterable[Path],
        cancelled: Callable[[], bool],
        progress: Callable[[int], None] | None,
    ) -> IndexUpdate:
        """See `SearchIndex.update`; raises sqlite3.Error."""
        indexed = {
            path: (mtime_ns, size)
            for path, mtime_ns, size in self._writer.execute(
                "SELECT path, mtime_ns, size FROM search_file"
            )
        }
        seen: set[str] = set()
        batch: list[_ParsedFile] = []
        added = changed = unchanged = looked_at = 0
        for path in find_article_files(roots, on_error=lambda _row: None):
            if cancelled():
                self._write_files(batch)
                return IndexUpdate(added, changed, 0, unchanged, cancelled=True)
            looked_at += 1
            key = str(path)
            if not key.isascii() and not_utf8(key):
                continue  # SQLite keeps text as UTF-8: such a file is listed, not searched
            try:
                info = path.stat()
            except OSError:
                continue
            seen.add(key)
            stamp = (info.st_mtime_ns, info.st_size)
            if indexed.get(key) == stamp:
                unchanged += 1
                continue
            if key in indexed:
                changed += 1
            else:
                added += 1
            batch.append(_parse_file(path, stamp))
            if len(batch) >= _BATCH_FILES:
                self._write_files(batch)
                batch.clear()
                if progress is not None:
                    progress(looked_at)
        self._write_files(batch)
        gone = [path for path in indexed if path not in seen]
        self._remove_files(gone)
        if progress is not None:
            progress(looked_at)
        return IndexUpdate(added, changed, len(gone), unchanged)

    def index_translation(self, path: Path, paragraph_targets: Sequence[str | None]) -> None:
        """See `SearchIndex.index_translation`; raises OSError and sqlite3.Error."""
        with self._write_lock, self._writer:
            row = self._writer.execute(
                "SELECT id, year, month, day FROM search_file WHERE path = ?", (str(path),)
            ).fetchone()
            if row is None:
                info = path.stat()
                parsed = _parse_file(path, (info.st_mtime_ns, info.st_size))
                file_id = self._insert_file(parsed)
                key = date_key(parsed.article.date if parsed.article else None)
            else:
                file_id, key = row[0], date_key_of(row[1], row[2], row[3])
            self._delete_paragraphs(file_id, "en")
            texts = [(n, text) for n, text in enumerate(paragraph_targets) if text]
            self._insert_paragraphs(file_id, key, "en", texts)

    def _write_files(self, batch: Sequence[_ParsedFile]) -> None:
        if not batch:
            return
        with self._write_lock, self._writer:
            for parsed in batch:
                self._delete_file(str(parsed.path))
                self._insert_file(parsed)

    def _remove_files(self, paths: Sequence[str]) -> None:
        for start in range(0, len(paths), _BATCH_FILES):
            with self._write_lock, self._writer:
                for path in paths[start : start + _BATCH_FILES]:
                    self._delete_file(path)

    def _delete_file(self, path: str) -> None:
        row = self._writer.execute("SELECT id FROM search_file WHERE path = ?", (path,)).fetchone()
        if row is None:
            return
        self._delete_paragraphs(row[0], None)
        self._writer.execute("DELETE FROM search_file WHERE id = ?", (row[0],))

    def _delete_paragraphs(self, file_id: int, language: Language | None) -> None:
        where = "file_id = ?" + ("" if language is None else " AND language = ?")
        values = (file_id,) if language is None else (file_id, language)
        self._writer.execute(
            f"DELETE FROM search_words WHERE rowid IN (SELECT id FROM search_paragraph "
            f"WHERE {where})",
            values,
        )
        self._writer.execute(f"DELETE FROM search_paragraph WHERE {where}", values)

    def _insert_file(self, parsed: _ParsedFile) -> int:
        article = parsed.article
        date = article.date if article else None
        cursor = self._writer.execute(
            "INSERT INTO search_file (path, mtime_ns, size, title, year, month, day, precision, "
            "error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(parsed.path),
                *parsed.stamp,
                article.title if article else parsed.path.name,
                date.year if date else None,
                date.month if date else None,
                date.day if date else None,
                int(date.precision) if date else None,
                parsed.error,
            ),
        )
        file_id = cursor.lastrowid
        assert file_id is not None
        if article is not None:
            texts = [(n, paragraph.text) for n, paragraph in enumerate(article.paragraphs)]
            self._insert_paragraphs(file_id, date_key(date), "nb", texts)
        return file_id

    def _insert_paragraphs(
        self, file_id: int, key: int, language: Language, texts: Sequence[tuple[int, str]]
    ) -> None:
        if not texts:
            return
        low = key << SEQUENCE_BITS
        (highest,) = self._writer.execute(
            "SELECT max(id) FROM search_paragraph WHERE id >= ? AND id < ?",
            (low, low + (1 << SEQUENCE_BITS)),
        ).fetchone()
        first = low if highest is None else highest + 1
        stemmer = word_stemmer(STEMMER_LANGUAGE[language])
        rows = []
        words = []
        # The first paragraph gets the highest id, so newest-first reads an article top down.
        for offset, (number, text) in enumerate(reversed(texts)):
            row_id = first + offset
            rows.append((row_id, file_id, number, language, text))
            indexed = index_words(stemmer.stems(text))
            words.append((row_id, indexed, None) if language == "nb" else (row_id, None, indexed))
        self._writer.executemany("INSERT INTO search_paragraph VALUES (?, ?, ?, ?, ?)", rows)
        self._writer.executemany("INSERT INTO search_words (rowid, nb, en) VALUES (?, ?, ?)", words)


@dataclass(frozen=True)
class _ParsedFile:
    path: Path
    stamp: tuple[int, int]
    article: Article | None
    error: str | None


def not_utf8(name: str) -> bool:
    """Whether a file name was not UTF-8 (Python keeps such bytes as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _parse_file(path: Path, stamp: tuple[int, int]) -> _ParsedFile:
    try:
        return _ParsedFile(path, stamp, read_article(path), None)
    except ArticleError as error:
        # Kept in the index with no paragraphs, so an unreadable file is not re-read each time.
        return _ParsedFile(path, stamp, None, str(error))
