"""Moving a damaged SQLite database aside: one helper for the cache, the shared cache database
and the user store, keeping the -wal and -shm files and every earlier copy."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tolk.keywords.hits import HitCounter
from tolk.paths import data_dir
from tolk.search.index import SearchIndex
from tolk.userdata.store import DATABASE_NAME, open_store
from translation import damaged_database
from translation.cache import TranslationCache
from translation.damaged_database import move_aside

GARBAGE = b"this is not a database" * 200
NOON = datetime(2026, 1, 2, 12, 0, 0, tzinfo=UTC)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every move happens in the same second."""
    monkeypatch.setattr(damaged_database, "_utc_now", lambda: NOON)


def wal_database_snapshot(folder: Path) -> Path:
    """A real WAL-mode database whose newest rows live only in its -wal file: the three files
    copied while the writer still had them open (so nothing was checkpointed)."""
    live = folder / "live.sqlite"
    snapshot = folder / "snapshot.sqlite"
    db = sqlite3.connect(live)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA wal_autocheckpoint=0")
        db.execute("CREATE TABLE note (text TEXT)")
        db.execute("INSERT INTO note VALUES ('only in the WAL')")
        db.commit()
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(f"{live}{suffix}", f"{snapshot}{suffix}")
    finally:
        db.close()
    return snapshot


def rows(path: Path) -> list[tuple[str, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT text FROM note").fetchall()


def test_the_wal_and_shm_files_go_with_the_database(tmp_path: Path) -> None:
    path = wal_database_snapshot(tmp_path)
    # The main file alone does not hold the row: it is the WAL that must travel with it.
    shutil.copyfile(path, tmp_path / "main-only.sqlite")
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        rows(tmp_path / "main-only.sqlite")

    aside = move_aside(path)

    assert re.fullmatch(r"snapshot\.sqlite\.damaged-\d{8}T\d{6}Z", aside.name)
    for suffix in ("", "-wal", "-shm"):
        assert not Path(f"{path}{suffix}").exists()
        assert Path(f"{aside}{suffix}").is_file()
    assert rows(aside) == [("only in the WAL",)]


def test_two_copies_in_the_same_second_are_both_kept(tmp_path: Path, frozen_clock: None) -> None:
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"first")
    first = move_aside(path)
    path.write_bytes(b"second")
    Path(f"{path}-wal").write_bytes(b"second's wal")
    second = move_aside(path)

    assert first.name == "cache.sqlite.damaged-20260102T120000Z"
    assert second.name == "cache.sqlite.damaged-20260102T120000Z-2"
    assert first.read_bytes() == b"first"
    assert second.read_bytes() == b"second"
    assert Path(f"{second}-wal").read_bytes() == b"second's wal"
    assert sorted(p.name for p in tmp_path.glob("cache.sqlite*")) == [
        "cache.sqlite.damaged-20260102T120000Z",
        "cache.sqlite.damaged-20260102T120000Z-2",
        "cache.sqlite.damaged-20260102T120000Z-2-wal",
    ]


def test_an_earlier_copys_leftover_wal_is_not_overwritten(
    tmp_path: Path, frozen_clock: None
) -> None:
    path = tmp_path / "cache.sqlite"
    # The user deleted an earlier copy but not its WAL: that name is still taken.
    leftover = tmp_path / "cache.sqlite.damaged-20260102T120000Z-wal"
    leftover.write_bytes(b"earlier wal")
    path.write_bytes(b"damaged")
    Path(f"{path}-wal").write_bytes(b"new wal")

    aside = move_aside(path)

    assert aside.name == "cache.sqlite.damaged-20260102T120000Z-2"
    assert leftover.read_bytes() == b"earlier wal"
    assert Path(f"{aside}-wal").read_bytes() == b"new wal"


def test_a_database_already_gone_raises_and_leaves_everything_in_place(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    Path(f"{path}-wal").write_bytes(b"wal")

    with pytest.raises(FileNotFoundError):
        move_aside(path)

    assert [p.name for p in tmp_path.glob("cache.sqlite*")] == ["cache.sqlite-wal"]


def damaged_with_companions(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(GARBAGE)
    Path(f"{path}-wal").write_bytes(b"")
    Path(f"{path}-shm").write_bytes(b"")


def only_aside(path: Path) -> Path:
    [aside] = path.parent.glob(f"{path.name}.damaged-*[0-9Z]")
    assert aside.read_bytes() == GARBAGE
    for suffix in ("-wal", "-shm"):
        assert Path(f"{aside}{suffix}").is_file()
    return aside


def test_the_translation_cache_says_where_it_kept_the_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "translations.sqlite"
    damaged_with_companions(path)
    cache = TranslationCache(path)
    cache.close()
    aside = only_aside(path)
    assert cache.warning == (
        f"The translation cache {path} was damaged (file is not a database); it was moved to "
        f"{aside} and a new cache started."
    )


@pytest.mark.parametrize("opener", [SearchIndex, lambda path: HitCounter(path, ["Nato"])])
def test_the_cache_database_says_where_it_kept_the_damaged_file(
    tmp_path: Path, opener: Callable[[Path], SearchIndex | HitCounter]
) -> None:
    path = tmp_path / "cache.sqlite"
    damaged_with_companions(path)
    component = opener(path)
    component.close()
    aside = only_aside(path)
    assert component.warning == (
        f"The cache {path} was damaged (file is not a database); it was moved to {aside} "
        "and a new one started."
    )


def test_the_user_store_says_where_it_kept_the_damaged_file() -> None:
    path = data_dir() / DATABASE_NAME
    damaged_with_companions(path)
    opened = open_store()
    assert opened.store is not None
    opened.store.close()
    aside = only_aside(path)
    assert opened.message == (
        f"The bookmarks database was damaged (file is not a database). It was kept as {aside}; "
        "a new, empty one was started."
    )
