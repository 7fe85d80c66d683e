"""No SQLite file of tolk's is moved aside unless SQLite says it is damaged (issue 22): one that
another program holds the write lock on, or that is read-only, is sound. It stays where it is,
with the other writer's WAL, and tolk says what is wrong instead of "damaged".

Each of the seven databases (the feed state, the user store, the shared cache database, the
translation cache, the translation memory, the vocabulary, the glossary) is made by tolk's own
code, given a marker row, and then opened (and written) the way tolk does while:

- another connection holds its write lock with a write not yet committed (`BEGIN IMMEDIATE`):
  once that writer commits, its row must be in the same file. Only the feed state and a
  translation cache that needs an upgrade write while opening, so only they can fail here;
  for the others the test guards that opening goes on without the write lock.
- the file is mode 0444 in a folder the user may write (as after a `chmod`, or a copy from a
  read-only medium). These tests run as root, and root ignores file modes, so the opening runs
  with the effective user and group `nobody` (os.seteuid): SQLite then really opens the file
  read-only and refuses to write, "attempt to write a readonly database" (SQLITE_READONLY).
  A read-only mount gives SQLite the same error; it cannot be made here.

A full disk is in tests/cli/test_fetch_database.py (the feed state) and
tests/userdata/test_disk_full.py (the user store).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.glossary.files import OMEGAT
from tests.glossary.files import write as write_glossary
from tolk.feeds.state import FeedStateError, open_feed_state
from tolk.glossary.database import Glossary, GlossaryStoreError
from tolk.library.articles import read_article
from tolk.memory.database import MemoryStoreError, TranslationMemory
from tolk.search.index import SearchError, SearchIndex
from tolk.userdata.store import StoreError, open_store
from tolk.vocabulary.entries import NewWord
from tolk.vocabulary.lexicon import WordSense
from tolk.vocabulary.store import VocabularyError, open_vocabulary
from translation.cache import TranslationCache

NOBODY = 65534
TMX = Path(__file__).resolve().parent.parent / "data" / "memory" / "third_party.tmx"


def _make_feeds(path: Path) -> None:
    open_feed_state(path).close()


def _open_feeds(path: Path) -> str:
    try:
        state = open_feed_state(path, timeout=0.5)
    except FeedStateError as error:
        return str(error)
    state.close()
    return state.warning or ""


def _make_store(path: Path) -> None:
    opened = open_store(path)
    assert opened.store is not None
    opened.store.close()


def _open_store(path: Path, *, write: bool = False) -> str:
    opened = open_store(path)
    if opened.store is None:
        return opened.message or ""
    try:
        if write:
            opened.store.toggle_bookmark(read_article(sorted(SEEDS.glob("*.txt"))[0]), 0)
    except StoreError as error:
        return str(error)
    finally:
        opened.store.close()
    return opened.message or ""


def _make_cache(path: Path) -> None:
    SearchIndex(path).close()


def _open_cache(path: Path, *, write: bool = False) -> str:
    try:
        index = SearchIndex(path)
    except sqlite3.Error as error:
        return str(error)
    try:
        if write:
            index.update([SEEDS])
    except SearchError as error:
        return str(error)
    finally:
        index.close()
    return index.warning or ""


def _make_translations(path: Path) -> None:
    TranslationCache(path).close()
    with sqlite3.connect(path) as db:
        # As a cache from an older tolk: opening it upgrades it, which writes.
        db.execute("PRAGMA user_version = 1")
    db.close()


def _open_translations(path: Path, *, write: bool = False) -> str:
    try:
        cache = TranslationCache(path)
    except sqlite3.Error as error:
        return str(error)
    try:
        if write:
            cache.store("model", "options", {"Hei.": "Hello."})
    except sqlite3.Error as error:
        return str(error)
    finally:
        cache.close()
    return cache.warning or ""


def _make_memory(path: Path) -> None:
    TranslationMemory(path).close()


def _open_memory(path: Path, *, write: bool = False) -> str:
    try:
        memory = TranslationMemory(path)
    except MemoryStoreError as error:
        return str(error)
    try:
        if write:
            memory.import_file(TMX)
    except (MemoryStoreError, sqlite3.Error) as error:
        return str(error)
    finally:
        memory.close()
    return memory.warning or ""


def _make_glossary(path: Path) -> None:
    Glossary(path).close()


def _open_glossary(path: Path, *, write: bool = False) -> str:
    try:
        glossary = Glossary(path)
    except GlossaryStoreError as error:
        return str(error)
    try:
        if write:
            glossary.import_file(write_glossary(path.with_name("nato.txt"), OMEGAT))
    except (GlossaryStoreError, sqlite3.Error) as error:
        return str(error)
    finally:
        glossary.close()
    return glossary.warning or ""


def _make_vocabulary(path: Path) -> None:
    opened = open_vocabulary(path)
    assert opened.store is not None
    opened.store.close()


def _open_vocabulary(path: Path, *, write: bool = False) -> str:
    opened = open_vocabulary(path)
    if opened.store is None:
        return opened.message or ""
    try:
        if write:
            opened.store.save(NewWord("gikk", WordSense("gå"), "Hun gikk hjem."))
    except VocabularyError as error:
        return str(error)
    finally:
        opened.store.close()
    return opened.message or ""


@dataclass(frozen=True)
class Database:
    name: str
    make: Callable[[Path], None]  # a real one, by tolk's own code
    use: Callable[..., str]  # open it as tolk does (and write once: write=True); what it said
    advises: bool = False  # its own report names the file and what to do (else its caller's)

    def __str__(self) -> str:
        return self.name


DATABASES = [
    Database("feeds", _make_feeds, lambda path, write=False: _open_feeds(path), advises=True),
    Database("user store", _make_store, _open_store),
    Database("cache database", _make_cache, _open_cache),
    Database("translation cache", _make_translations, _open_translations),
    Database("translation memory", _make_memory, _open_memory),
    Database("vocabulary", _make_vocabulary, _open_vocabulary),
    Database("glossary", _make_glossary, _open_glossary),
]


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder `nobody` may write in (tmp_path's parents are root's alone)."""
    path = Path(tempfile.mkdtemp(prefix="tolk-sound-"))
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    yield path
    shutil.rmtree(path)


def made(database: Database, folder: Path) -> Path:
    path = folder / f"{database.name.replace(' ', '-')}.sqlite"
    database.make(path)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE test_marker (text TEXT)")
        db.execute("INSERT INTO test_marker VALUES ('kept')")
    db.close()
    return path


def markers(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        rows = [row[0] for row in db.execute("SELECT text FROM test_marker ORDER BY rowid")]
    db.close()
    return rows


def assert_left_in_place(path: Path, report: str) -> None:
    assert "damaged" not in report, report
    assert not [p.name for p in path.parent.iterdir() if ".damaged-" in p.name]
    assert path.is_file()


@contextmanager
def as_nobody() -> Iterator[None]:
    """The block runs as the user `nobody` (when these tests run as root, as here)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.mark.parametrize("database", DATABASES, ids=str)
def test_a_database_locked_by_another_writer_stays_with_its_wal(
    database: Database, folder: Path
) -> None:
    path = made(database, folder)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO test_marker VALUES ('not yet committed')")
    try:
        report = database.use(path)
        assert_left_in_place(path, report)
        if report:  # only those that must write to open fail
            assert "locked" in report, report
        if database.advises:
            assert str(path) in report, report
            assert "let it finish, or close it, and try again" in report, report
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert markers(path) == ["kept", "not yet committed"]


@pytest.mark.parametrize("database", DATABASES, ids=str)
def test_a_read_only_database_stays_and_the_refused_write_says_read_only(
    database: Database, folder: Path
) -> None:
    path = made(database, folder)
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    path.chmod(0o444)

    with as_nobody():
        report = database.use(path, write=True)

    assert_left_in_place(path, report)
    assert "readonly" in report or "read-only" in report, report
    if database.advises:
        assert str(path) in report and "make them writable by you" in report, report
    assert markers(path) == ["kept"]
