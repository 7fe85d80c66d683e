"""Read and unread without opening: the list's mark read/unread and "mark all read" with its
undo, on a real user database in the per-test data dir."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tolk.library.articles import Article, read_article
from tolk.paths import data_dir
from tolk.userdata.bookmarks import absolute_path, article_key
from tolk.userdata.store import (
    DATABASE_NAME,
    MIGRATIONS,
    SCHEMA_VERSION,
    UserStore,
    apply_migrations,
    open_store,
)

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def store() -> Iterator[UserStore]:
    opened = open_store()
    assert opened.store is not None, opened.message
    yield opened.store
    opened.store.close()


def rows(store: UserStore) -> dict[str, tuple[str | None, str]]:
    """Every read row as stored: path -> (content key, stamp)."""
    with sqlite3.connect(store.path) as db:
        found = db.execute("SELECT path, article_key, opened FROM read_articles").fetchall()
    return {path: (key, stamp) for path, key, stamp in found}


def test_mark_read_marks_only_the_unread_and_keeps_the_read_rows_as_they_were(
    store: UserStore, tmp_path: Path
) -> None:
    opened = read_article(SEED_FILES[0])
    store.mark_opened(opened, 3)
    before = rows(store)
    others = [tmp_path / "a.txt", tmp_path / "b.txt"]

    marking = store.mark_read([opened.path, *others])

    assert marking.paths == {absolute_path(path) for path in others}
    assert store.read_paths() == {absolute_path(opened.path), *marking.paths}
    after = rows(store)
    assert after[str(absolute_path(opened.path))] == before[str(absolute_path(opened.path))]
    assert {after[str(path)] for path in marking.paths} == {(None, marking.stamp)}
    assert store.read_keys() == {article_key(opened)}  # marked, not opened: no content key
    position = store.last_position()
    assert position is not None and position.paragraph == 3  # marking moves no position
    assert store.mark_read(others).paths == frozenset()  # all read already: nothing to undo


def test_undo_restores_exactly_the_read_state_before_the_marking(
    store: UserStore, tmp_path: Path
) -> None:
    read_before = read_article(SEED_FILES[0])
    store.mark_opened(read_before)
    earlier = store.mark_read([tmp_path / "earlier.txt"])  # another, older marking
    before = rows(store)
    listed = [read_before.path, tmp_path / "one.txt", tmp_path / "two.txt", tmp_path / "x.txt"]

    marking = store.mark_read(listed)
    assert store.undo_marking(marking) == 3

    assert rows(store) == before
    assert absolute_path(tmp_path / "earlier.txt") in earlier.paths
    assert store.undo_marking(marking) == 0  # a second undo changes nothing


def test_an_article_opened_after_the_marking_stays_read_on_undo(
    store: UserStore, tmp_path: Path
) -> None:
    opened_later = read_article(SEED_FILES[1])
    marking = store.mark_read([opened_later.path, tmp_path / "other.txt"])
    store.mark_opened(opened_later)

    assert store.undo_marking(marking) == 1
    assert store.read_paths() == {absolute_path(opened_later.path)}


def test_mark_unread_forgets_only_those_articles(store: UserStore, tmp_path: Path) -> None:
    article = read_article(SEED_FILES[0])
    store.mark_opened(article, 2)
    store.mark_read([tmp_path / "keep.txt"])

    assert store.mark_unread([article.path, tmp_path / "never-read.txt"]) == 1

    assert store.read_paths() == {absolute_path(tmp_path / "keep.txt")}
    position = store.last_position()
    assert position is not None and position.paragraph == 2  # where to reopen stays


def test_relative_paths_are_marked_by_their_absolute_path(
    store: UserStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    marking = store.mark_read([Path("rel.txt")])
    assert marking.paths == {tmp_path / "rel.txt"}
    assert store.mark_unread([tmp_path / "rel.txt"]) == 1


def test_a_version_3_database_keeps_its_read_articles_and_takes_marked_ones(
    tmp_path: Path,
) -> None:
    article: Article = read_article(SEED_FILES[0])
    path = data_dir() / DATABASE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    apply_migrations(db, MIGRATIONS[:3])
    db.execute(
        "INSERT INTO read_articles (path, article_key, opened) VALUES (?, ?, ?)",
        (str(absolute_path(article.path)), article_key(article), "2025-01-01T00:00:00+00:00"),
    )
    db.close()

    opened = open_store()
    assert opened.store is not None, opened.message
    with opened.store as store:
        assert store.read_keys() == {article_key(article)}
        store.mark_read([tmp_path / "new.txt"])
        assert store.read_paths() == {absolute_path(article.path), tmp_path / "new.txt"}
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
