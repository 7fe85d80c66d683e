"""Every database tolk keeps the user's work in opens the same way (`tolk.database.opening`), so
every one of them has the same outcomes when its file cannot be used as it is: a damaged file
is kept aside and a new one started, a damaged file that cannot be moved aside is left where it
is with one line saying so, a newer tolk's file is left untouched. Each is opened through its
own public way in (what the reader and the CLI call), and says it in its own words."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.database.test_sound_files_stay import as_nobody
from tolk.feeds.state import FeedStateError, open_feed_state
from tolk.glossary.database import Glossary, GlossaryStoreError
from tolk.memory.database import MemoryStoreError, TranslationMemory
from tolk.userdata.store import open_store
from tolk.vocabulary.store import open_vocabulary


def _store(path: Path) -> tuple[bool, str]:
    opened = open_store(path)
    if opened.store is not None:
        opened.store.close()
    return opened.store is not None, opened.message or ""


def _vocabulary(path: Path) -> tuple[bool, str]:
    opened = open_vocabulary(path)
    if opened.store is not None:
        opened.store.close()
    return opened.store is not None, opened.message or ""


def _imports(
    kind: Callable[[Path], TranslationMemory | Glossary],
) -> Callable[[Path], tuple[bool, str]]:
    def use(path: Path) -> tuple[bool, str]:
        try:
            database = kind(path)
        except (MemoryStoreError, GlossaryStoreError) as error:
            return False, str(error)
        database.close()
        return True, database.warning or ""

    return use


def _feeds(path: Path) -> tuple[bool, str]:
    try:
        state = open_feed_state(path)
    except FeedStateError as error:
        return False, str(error)
    state.close()
    return True, state.warning or ""


@dataclass(frozen=True)
class Kind:
    name: str
    use: Callable[[Path], tuple[bool, str]]  # open it as tolk does: (usable, what it said)
    versioned: bool = True  # its schema version is PRAGMA user_version, with migrations

    def __str__(self) -> str:
        return self.name


KINDS = [
    Kind("user store", _store),
    Kind("vocabulary", _vocabulary),
    Kind("translation memory", _imports(TranslationMemory)),
    Kind("glossary", _imports(Glossary)),
    Kind("feed state", _feeds, versioned=False),
]

GARBAGE = b"this is not a database, it is a text file " * 200


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder outside tmp_path (whose parents `nobody` may not enter)."""
    path = Path(tempfile.mkdtemp(prefix="tolk-opening-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path)


def asides(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_a_damaged_file_is_kept_aside_and_a_new_one_started(kind: Kind, folder: Path) -> None:
    path = folder / "data.sqlite"
    path.write_bytes(GARBAGE)
    usable, said = kind.use(path)
    assert usable, said
    (aside,) = asides(path)
    assert aside.read_bytes() == GARBAGE  # kept as it was
    assert "damaged" in said and str(aside) in said, said
    assert kind.use(path) == (True, "")  # the new one is sound


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_a_damaged_file_that_cannot_be_moved_aside_stays_and_is_said_so(
    kind: Kind, folder: Path
) -> None:
    path = folder / "data.sqlite"
    path.write_bytes(GARBAGE)
    # The file may be read, but not renamed: its folder is not writable (root ignores modes,
    # so as root the opening runs as `nobody`).
    folder.chmod(0o555)
    try:
        with as_nobody():
            usable, said = kind.use(path)
    finally:
        folder.chmod(0o755)
    assert not usable
    assert str(path) in said and "could not be moved aside" in said, said
    assert "\n" not in said and "Traceback" not in said
    assert path.read_bytes() == GARBAGE and asides(path) == []


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind.versioned], ids=str)
def test_a_newer_tolks_file_is_left_untouched(kind: Kind, folder: Path) -> None:
    path = folder / "data.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE from_the_future (x)")
        db.execute("PRAGMA user_version = 99")
    db.close()
    before = path.read_bytes()
    usable, said = kind.use(path)
    assert not usable
    assert str(path) in said and "newer tolk" in said, said
    assert path.read_bytes() == before  # not even its journal mode changed
    assert asides(path) == []
