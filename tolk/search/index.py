"""Full-text search across the library, kept in SQLite FTS5 and updated incrementally.

FTS5's tokenizers know no Norwegian, so the index holds Snowball stems (the same ones keyword
matching uses) and the original paragraph text sits beside them for snippets. Norwegian text
goes in the `nb` column, English translations (where the reader has them) in `en`, each stemmed
in its own language; a query is stemmed both ways.

A paragraph's row id carries its article's date in the high bits, so "newest first" is FTS5's
own rowid order and a query stops after `limit` rows even for a word in every article.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tolk.database.cache_database import open_cache_database
from tolk.keywords.matching import KeywordHit, KeywordMatcher, word_stemmer
from tolk.library.articles import Article, ArticleError, read_article
from tolk.library.dates import ArticleDate, Precision
from tolk.library.files import find_article_files
from tolk.search.query import (
    STEMMER_LANGUAGE,
    Language,
    exact_phrases,
    index_words,
    match_expression,
    query_terms,
)
from tolk.search.snippets import make_snippet

__all__ = ["IndexUpdate", "SearchError", "SearchIndex", "SearchResult"]

# 2: Norwegian stems undouble a final "mm" (tolk.keywords.matching): the stems in the index are
# made again.
_SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS search_file (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    title TEXT NOT NULL,
    year INTEGER, month INTEGER, day INTEGER, precision INTEGER,
    error TEXT
);
CREATE TABLE IF NOT EXISTS search_paragraph (
    id INTEGER PRIMARY KEY,  -- also the row id in search_words: (date key << 32) | sequence
    file_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    language TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS search_paragraph_by_file ON search_paragraph (file_id);
CREATE VIRTUAL TABLE IF NOT EXISTS search_words
    USING fts5(nb, en, tokenize = 'unicode61 remove_diacritics 0');
"""
_TABLES = ("search_file", "search_paragraph", "search_words")
_SEQUENCE_BITS = 32
# Files parsed per write transaction: short enough that a search never waits long for the lock.
_BATCH_FILES = 100
_SEARCH_SQL = (
    "SELECT p.id, p.number, p.language, p.text, f.path, f.title, f.year, f.month, f.day, "
    "f.precision FROM (SELECT rowid AS id FROM search_words WHERE search_words MATCH ? "
    "ORDER BY rowid DESC LIMIT ?) AS m "
    "JOIN search_paragraph AS p ON p.id = m.id JOIN search_file AS f ON f.id = p.file_id"
)


# A search with a "quoted phrase" reads this many candidates per result wanted (at most
# _MOST_CANDIDATES), of which those holding the exact phrase are kept.
_PHRASE_CANDIDATES = 20
_MOST_CANDIDATES = 5_000
_QUOTED_PARTS = re.compile(r'"[^"]*"?')


class SearchError(Exception):
    """The search index could not be read or written; the message says why."""


@dataclass(frozen=True)
class SearchResult:
    """One matching paragraph.

    `snippet` is a window of the paragraph's original text (with `…` where it was cut);
    `snippet_matches` are the spans to highlight in it, and `match_start`/`match_end` locate the
    first match in the whole paragraph, for the reader to open it there.
    """

    path: Path
    title: str
    date: ArticleDate | None
    paragraph: int
    language: Language
    snippet: str
    snippet_matches: tuple[tuple[int, int], ...]
    match_start: int
    match_end: int


@dataclass(frozen=True)
class IndexUpdate:
    """What an update did; `cancelled` means it stopped early (nothing was removed then)."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    cancelled: bool = False


class SearchIndex:
    """The library's full-text index in the cache database at `db_path`.

    Thread-safe: writes (update, index_translation) take turns on one connection, and
    searches read through their own pooled connections, so with WAL a search never waits for
    an update. A damaged database file is moved aside; `warning` then says so, for the user.
    """

    def __init__(self, db_path: Path) -> None:
        self.path = db_path
        self._writer, self.warning = open_cache_database(
            db_path, "search", _SCHEMA_VERSION, _SCHEMA, _TABLES
        )
        self._write_lock = threading.Lock()
        # Idle read connections. UI workers each run on a fresh thread, so connections are
        # pooled rather than kept per thread: there are only ever as many as concurrent searches.
        self._idle_readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()

    def close(self) -> None:
        """Close every connection this index opened."""
        with self._write_lock:
            self._writer.close()
        with self._readers_lock:
            for connection in self._idle_readers:
                connection.close()
            self._idle_readers.clear()

    # Updating

    def update(
        self,
        roots: Iterable[Path],
        *,
        cancelled: Callable[[], bool] = lambda: False,
        progress: Callable[[int], None] | None = None,
    ) -> IndexUpdate:
        """Make the index match the articles under `roots` (files or folders).

        Files whose (mtime, size) match the index are not read; added and changed ones are
        parsed and written in batches, one transaction each; files that are gone, or outside
        `roots`, are removed once the walk has finished. `progress` gets the number of files
        looked at so far, after each batch.
        """
        try:
            return self._update(roots, cancelled, progress)
        except sqlite3.Error as error:
            raise SearchError(f"cannot update the search index: {error}") from error

    def _update(
        self,
        roots: Iterable[Path],
        cancelled: Callable[[], bool],
        progress: Callable[[int], None] | None,
    ) -> IndexUpdate:
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
            if not key.isascii() and _not_utf8(key):
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
        """Add or replace the English translation of the article at `path`, one entry per
        paragraph (None where a paragraph is not translated). An article not yet indexed is
        indexed first; one that cannot be read, or whose name is not UTF-8, is left out."""
        if _not_utf8(str(path)):
            return
        try:
            with self._write_lock, self._writer:
                row = self._writer.execute(
                    "SELECT id, year, month, day FROM search_file WHERE path = ?", (str(path),)
                ).fetchone()
                if row is None:
                    info = path.stat()
                    parsed = _parse_file(path, (info.st_mtime_ns, info.st_size))
                    file_id = self._insert_file(parsed)
                    date_key = _date_key(parsed.article.date if parsed.article else None)
                else:
                    file_id, date_key = row[0], _date_key_of(row[1], row[2], row[3])
                self._delete_paragraphs(file_id, "en")
                texts = [(n, text) for n, text in enumerate(paragraph_targets) if text]
                self._insert_paragraphs(file_id, date_key, "en", texts)
        except OSError:
            return  # the file is gone; the next update removes it from the index
        except sqlite3.Error as error:
            raise SearchError(f"cannot index the translation: {error}") from error

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
            self._insert_paragraphs(file_id, _date_key(date), "nb", texts)
        return file_id

    def _insert_paragraphs(
        self, file_id: int, date_key: int, language: Language, texts: Sequence[tuple[int, str]]
    ) -> None:
        if not texts:
            return
        low = date_key << _SEQUENCE_BITS
        (highest,) = self._writer.execute(
            "SELECT max(id) FROM search_paragraph WHERE id >= ? AND id < ?",
            (low, low + (1 << _SEQUENCE_BITS)),
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

    # Searching

    def search(self, query: str, limit: int = 50) -> list[SearchResult]:
        """Paragraphs holding every word of `query` (inflected forms too; "quoted words" as
        that exact phrase), in Norwegian or in an indexed translation: newest article first
        (undated last), then in reading order; at most `limit`."""
        terms = query_terms(query)
        expression = match_expression(terms)
        if expression is None or limit <= 0:
            return []
        phrases = exact_phrases(query)
        # The index holds stems, so a phrase's candidates include its inflections: read more
        # of them and keep those where the phrase stands exactly as typed.
        wanted = min(limit * _PHRASE_CANDIDATES, _MOST_CANDIDATES) if phrases else limit
        reader = self._take_reader()
        try:
            rows = reader.execute(_SEARCH_SQL, (expression, wanted)).fetchall()
        except sqlite3.Error as error:
            raise SearchError(f"cannot search: {error}") from error
        finally:
            with self._readers_lock:
                self._idle_readers.append(reader)
        if phrases:
            rows = [row for row in rows if all(p.search(row[3]) for p in phrases)]
        loose = query_terms(_QUOTED_PARTS.sub(" ", query))
        matchers = {
            language: KeywordMatcher(loose, name) for language, name in STEMMER_LANGUAGE.items()
        }
        rows.sort(key=lambda r: (-(r[0] >> _SEQUENCE_BITS), r[4], r[1], r[2] != "nb"))
        results = []
        for _, number, language, text, path, title, year, month, day, precision in rows[:limit]:
            hits = sorted(
                [
                    *(
                        KeywordHit(m.start(), m.end(), 0)
                        for pattern in phrases
                        for m in pattern.finditer(text)
                    ),
                    *(matchers[language].find(text) if loose else ()),
                ],
                key=lambda hit: hit.start,
            )
            snippet, spans = make_snippet(text, hits)
            first = hits[0] if hits else KeywordHit(0, 0, 0)
            results.append(
                SearchResult(
                    Path(path),
                    title,
                    _article_date(year, month, day, precision),
                    number,
                    language,
                    snippet,
                    spans,
                    first.start,
                    first.end,
                )
            )
        return results

    def _take_reader(self) -> sqlite3.Connection:
        with self._readers_lock:
            if self._idle_readers:
                return self._idle_readers.pop()
        connection = sqlite3.connect(self.path, check_same_thread=False, timeout=10.0)
        connection.execute("PRAGMA query_only=1")
        return connection


@dataclass(frozen=True)
class _ParsedFile:
    path: Path
    stamp: tuple[int, int]
    article: Article | None
    error: str | None


def _not_utf8(name: str) -> bool:
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


def _date_key(date: ArticleDate | None) -> int:
    """Newer dates give bigger keys; undated is 0, so it sorts last."""
    if date is None:
        return 0
    return date.year * 10_000 + date.month * 100 + date.day


def _date_key_of(year: int | None, month: int | None, day: int | None) -> int:
    if year is None or month is None or day is None:
        return 0
    return year * 10_000 + month * 100 + day


def _article_date(
    year: int | None, month: int | None, day: int | None, precision: int | None
) -> ArticleDate | None:
    if year is None or month is None or day is None or precision is None:
        return None
    return ArticleDate(year, month, day, Precision(precision))
