"""SQLite's failures told to the user: the file, SQLite's words and what to do, for errors
SQLite really gives (a full file, a read-only one, a missing folder, a lock held)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from translation.damaged_database import failure_message


def sqlite_error(action: object) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        assert callable(action)
        action()
    return caught.value


def a_database(tmp_path: Path) -> Path:
    path = tmp_path / "data.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x TEXT)")
    db.close()
    return path


def test_a_full_disk_says_to_free_space(tmp_path: Path) -> None:
    path = a_database(tmp_path)
    db = sqlite3.connect(path)
    # SQLite's own SQLITE_FULL, as a full disk gives it: the file may not grow.
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    error = sqlite_error(lambda: db.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,)))
    db.close()
    assert failure_message(path, error) == (
        f"{path}: database or disk is full. The disk is full: free some space and try again."
    )


def test_a_read_only_file_says_what_to_make_writable(tmp_path: Path) -> None:
    path = a_database(tmp_path)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    error = sqlite_error(lambda: db.execute("INSERT INTO t VALUES ('x')"))
    db.close()
    message = failure_message(path, error)
    assert message.startswith(f"{path}: attempt to write a readonly database. ")
    assert f"its folder {tmp_path} or the disk is read-only: make them writable" in message


def test_a_file_that_cannot_be_opened_names_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "data.sqlite"
    error = sqlite_error(lambda: sqlite3.connect(path).execute("SELECT 1"))
    assert failure_message(path, error) == (
        f"{path}: unable to open database file. Check that {path.parent} is a folder you can "
        "write to, on a disk that is mounted and not full."
    )


def test_a_lock_held_says_who_may_hold_it(tmp_path: Path) -> None:
    path = a_database(tmp_path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waiter = sqlite3.connect(path, timeout=0)
    error = sqlite_error(lambda: waiter.execute("INSERT INTO t VALUES ('x')"))
    holder.close()
    waiter.close()
    assert failure_message(path, error) == (
        f"{path}: database is locked. Another program (another tolk?) holds it: let it finish, "
        "or close it, and try again."
    )


def test_an_error_without_a_code_is_the_file_and_sqlites_words(tmp_path: Path) -> None:
    path = a_database(tmp_path)
    db = sqlite3.connect(path)
    db.close()
    error = sqlite_error(lambda: db.execute("SELECT 1"))
    assert failure_message(path, error) == f"{path}: Cannot operate on a closed database."
