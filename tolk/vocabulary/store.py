"""The vocabulary database (`data_dir()/vocabulary.sqlite`): saved words, which are known, and
each opened article's lemmas and share of lemmas not yet known.

Opened and shared between threads as the user store is (`tolk.database.locked_store`): one
connection behind a lock, one transaction per operation on a WAL database with a busy timeout,
so two tolk instances queue instead of losing changes. Opening never raises: a damaged file is
moved aside (never deleted) and a new one started; a file that is locked, read-only or on a
full disk is sound, and is left as it is, with the vocabulary off and a message saying why; a
file from a newer tolk is left untouched.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tolk.database.locked_store import LockedStore, open_locked_store
from tolk.paths import data_dir
from tolk.vocabulary.entries import (
    ArticleShare,
    NewWord,
    SavedWord,
    WordSource,
    WordState,
)
from tolk.vocabulary.schema import MIGRATIONS

__all__ = [
    "DATABASE_NAME",
    "OpenedVocabulary",
    "Saved",
    "VocabularyError",
    "VocabularyStore",
    "open_vocabulary",
    "vocabulary_file",
]

DATABASE_NAME = "vocabulary.sqlite"


def vocabulary_file() -> Path:
    """Where the vocabulary is kept, beside the user's other stores."""
    return data_dir() / DATABASE_NAME


class VocabularyError(Exception):
    """A vocabulary operation failed (disk full, locked too long, closed); the message says
    why, naming the file."""


@dataclass(frozen=True)
class OpenedVocabulary:
    """What `open_vocabulary` gives: a store (None when the vocabulary is off) and a message
    for the user (why it is off, or that a damaged file was moved aside)."""

    store: VocabularyStore | None
    message: str | None


@dataclass(frozen=True)
class Saved:
    """What saving did: the word as stored, whether it is new (False: its lemma was saved
    already, perhaps from another form), and the articles whose share changed."""

    word: SavedWord
    created: bool
    shares: dict[Path, ArticleShare]


def open_vocabulary(path: Path | None = None) -> OpenedVocabulary:
    """Open (creating or upgrading) the vocabulary at `path` (default `vocabulary_file()`).
    Never raises: when it cannot be used, `store` is None and `message` says why."""
    store, message = open_locked_store(
        path or vocabulary_file(),
        MIGRATIONS,
        VocabularyStore,
        off="The vocabulary is off",
        what="vocabulary",
    )
    return OpenedVocabulary(store, message)


# --- the store ------------------------------------------------------------------------------

_WORD_COLUMNS = (
    "id, word, lemma, word_class, definition, english, sentence, sentence_english, "
    "article_path, article_title, article_date, paragraph_index, state, created, updated"
)


class VocabularyStore(LockedStore):
    """Saved words and the articles' shares. Every method is one transaction; failures raise
    VocabularyError."""

    failure = VocabularyError
    name = "vocabulary"
    rename_to = "save words from it"

    # Words -----------------------------------------------------------------------------------

    def save(self, new: NewWord, state: WordState = WordState.LEARNING) -> Saved:
        """Save `new` under its lemma. A lemma saved already keeps its first sentence; saving
        it as known marks it known."""
        lemma = new.sense.lemma
        now = _now()
        with self._access(write=True) as db:
            row = db.execute(f"SELECT {_WORD_COLUMNS} FROM words WHERE lemma = ?", (lemma,))
            found = row.fetchone()
            if found is not None:
                saved = _word(found)
                if state is WordState.KNOWN and saved.state is not WordState.KNOWN:
                    shares = _set_state(db, saved.id, lemma, state, now)
                    return Saved(_get(db, saved.id), False, shares)
                return Saved(saved, False, {})
            source = new.source
            cursor = db.execute(
                "INSERT INTO words (lemma, word, word_class, definition, english, sentence, "
                "sentence_english, article_path, article_title, article_date, paragraph_index, "
                "state, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    lemma,
                    new.word,
                    new.sense.word_class,
                    new.sense.definition,
                    new.english,
                    new.sentence,
                    new.sentence_english,
                    str(_absolute(source.path)) if source else None,
                    source.title if source else None,
                    source.date if source else None,
                    source.paragraph if source else None,
                    state.value,
                    now,
                    now,
                ),
            )
            assert cursor.lastrowid is not None
            shares = _lemma_turned(db, lemma, known=True) if state is WordState.KNOWN else {}
            return Saved(_get(db, cursor.lastrowid), True, shares)

    def set_state(self, word_id: int, state: WordState) -> dict[Path, ArticleShare] | None:
        """Mark a saved word learning or known; the articles whose share changed (None: the
        word is gone)."""
        with self._access(write=True) as db:
            found = db.execute("SELECT lemma, state FROM words WHERE id = ?", (word_id,))
            row = found.fetchone()
            if row is None:
                return None
            if row[1] == state.value:
                return {}
            return _set_state(db, word_id, row[0], state, _now())

    def remove(self, word_id: int) -> dict[Path, ArticleShare] | None:
        """Delete a saved word (a known one counts as new again); the articles whose share
        changed (None: it was gone already)."""
        with self._access(write=True) as db:
            row = db.execute("SELECT lemma, state FROM words WHERE id = ?", (word_id,)).fetchone()
            if row is None:
                return None
            db.execute("DELETE FROM words WHERE id = ?", (word_id,))
            return _lemma_turned(db, row[0], known=False) if row[1] == "known" else {}

    def words(self, state: WordState | None = None) -> list[SavedWord]:
        """The saved words (those in `state`, or all), newest first."""
        where, values = ("WHERE state = ?", (state.value,)) if state else ("", ())
        with self._access(write=False) as db:
            rows = db.execute(
                f"SELECT {_WORD_COLUMNS} FROM words {where} ORDER BY created DESC, id DESC",
                values,
            ).fetchall()
        return [_word(row) for row in rows]

    def known_lemmas(self) -> set[str]:
        """The lemmas marked known."""
        with self._access(write=False) as db:
            rows = db.execute("SELECT lemma FROM words WHERE state = 'known'")
            return {row[0] for row in rows}

    # Articles' shares ------------------------------------------------------------------------

    def record_article(self, path: Path, lemmas: Iterable[str]) -> ArticleShare:
        """Keep the distinct `lemmas` of the article at `path` and store (and return) its share
        of lemmas not known."""
        key = str(_absolute(path))
        distinct = sorted(set(lemmas))
        with self._access(write=True) as db:
            db.execute("DELETE FROM article_lemmas WHERE path = ?", (key,))
            db.executemany(
                "INSERT INTO article_lemmas (path, lemma) VALUES (?, ?)",
                [(key, lemma) for lemma in distinct],
            )
            unknown = db.execute(
                "SELECT count(*) FROM article_lemmas WHERE path = ? AND lemma NOT IN "
                "(SELECT lemma FROM words WHERE state = 'known')",
                (key,),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO article_shares (path, lemmas, unknown, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (path) DO UPDATE SET lemmas = excluded.lemmas, "
                "unknown = excluded.unknown, updated = excluded.updated",
                (key, len(distinct), unknown, _now()),
            )
        return ArticleShare(len(distinct), unknown)

    def shares(self) -> dict[Path, ArticleShare]:
        """The stored share of every article opened (absolute paths)."""
        with self._access(write=False) as db:
            rows = db.execute("SELECT path, lemmas, unknown FROM article_shares").fetchall()
        return {Path(path): ArticleShare(lemmas, unknown) for path, lemmas, unknown in rows}


def _set_state(
    db: sqlite3.Connection, word_id: int, lemma: str, state: WordState, now: str
) -> dict[Path, ArticleShare]:
    db.execute("UPDATE words SET state = ?, updated = ? WHERE id = ?", (state.value, now, word_id))
    return _lemma_turned(db, lemma, known=state is WordState.KNOWN)


def _lemma_turned(db: sqlite3.Connection, lemma: str, *, known: bool) -> dict[Path, ArticleShare]:
    """`lemma` became known (or new again): one fewer (more) unknown lemma in every article that
    holds it. The callers know it changed, so a step of one is exact. The shares changed."""
    holding = "path IN (SELECT path FROM article_lemmas WHERE lemma = ?)"
    db.execute(
        f"UPDATE article_shares SET unknown = unknown + ? WHERE {holding}",
        (-1 if known else 1, lemma),
    )
    rows = db.execute(
        f"SELECT path, lemmas, unknown FROM article_shares WHERE {holding}", (lemma,)
    ).fetchall()
    return {Path(path): ArticleShare(lemmas, unknown) for path, lemmas, unknown in rows}


def _get(db: sqlite3.Connection, word_id: int) -> SavedWord:
    row = db.execute(f"SELECT {_WORD_COLUMNS} FROM words WHERE id = ?", (word_id,)).fetchone()
    return _word(row)


def _word(row: tuple[Any, ...]) -> SavedWord:
    (word_id, word, lemma, word_class, definition, english, sentence, sentence_english) = row[:8]
    path, title, date, paragraph, state, created, updated = row[8:]
    source = None if path is None else WordSource(Path(path), title or "", date, paragraph or 0)
    return SavedWord(
        word_id,
        word,
        lemma,
        word_class,
        definition,
        english,
        sentence,
        sentence_english,
        source,
        WordState(state),
        created,
        updated,
    )


def _absolute(path: Path) -> Path:
    # As the user store names files (tolk.userdata.bookmarks.absolute_path), so the list's
    # marks find them.
    return Path(os.path.abspath(path))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
