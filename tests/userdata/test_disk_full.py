"""A full disk while saving: a clear message, and nothing saved before is lost."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tolk import paths
from tolk.config import load_config, save_setting
from tolk.library.articles import read_article
from tolk.userdata.store import StoreError, open_store

SEED = sorted(SEEDS.glob("*.txt"))[0]


def test_full_database_says_so_and_keeps_earlier_bookmarks() -> None:
    article = read_article(SEED)
    store = open_store().store
    assert store is not None
    saved = store.toggle_bookmark(article, 0)
    assert saved is not None
    # SQLite's own "database or disk is full" (SQLITE_FULL), made real by capping the file at
    # the pages it has now, as a full disk would.
    store._db.execute(
        f"PRAGMA max_page_count = {store._db.execute('PRAGMA page_count').fetchone()[0]}"
    )
    with pytest.raises(StoreError) as raised:
        for index in range(1, len(article.paragraphs)):
            bookmark = store.toggle_bookmark(article, index)
            assert bookmark is not None
            store.set_note(bookmark.id, "x" * 100_000)
    # The file, SQLite's words, and what to do.
    assert str(raised.value) == (
        f"user database {store.path}: database or disk is full. The disk is full: free some "
        "space and try again."
    )
    store.close()
    reopened = open_store().store
    assert reopened is not None
    notes = {b.paragraph_index: b.note for b in reopened.all_bookmarks()}
    assert notes[0] is None and saved.id in {b.id for b in reopened.all_bookmarks()}
    reopened.close()


def test_full_disk_while_saving_config_keeps_the_old_file(monkeypatch: pytest.MonkeyPatch) -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('# mine\ntheme = "nord"\n')
    real_fsync = __import__("os").fsync

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # The kernel reports ENOSPC at write-back; fsync is where an atomic writer meets it.
    monkeypatch.setattr("os.fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        save_setting("theme", "gruvbox")
    monkeypatch.setattr("os.fsync", real_fsync)
    assert path.read_text() == '# mine\ntheme = "nord"\n'
    assert load_config().config.theme == "nord"
    assert [p.name for p in Path(path.parent).iterdir()] == ["config.toml"]  # no temp file left
