"""Helper for tests/userdata/test_store_opening.py: one "tolk instance" opening a new user
database in each round, at the same instant as its peer (a shared barrier), reporting what it
got."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tolk.userdata.store import SCHEMA_VERSION, open_store


def open_in_rounds(folder: str, rounds: int, barrier: Any, results: Any) -> None:
    """Per round: wait for the peer, open `folder/<round>/tolk.sqlite`, report
    (round, None) when the store is on at the current schema, else (round, the message)."""
    for number in range(rounds):
        barrier.wait(timeout=60)
        opened = open_store(Path(folder) / str(number) / "tolk.sqlite")
        if opened.store is None:
            results.put((number, opened.message or "no store and no message"))
            continue
        with opened.store as store, store.transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            mode = db.execute("PRAGMA journal_mode").fetchone()[0]
        results.put((number, None if (version, mode) == (SCHEMA_VERSION, "wal") else mode))
