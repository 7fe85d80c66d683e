"""The bookmark and reading-state store: real SQLite files in the per-test data dir."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS
from tolk.library.articles import Article, read_article
from tolk.paths import data_dir
from tolk.userdata.bookmarks import (
    Bookmark,
    BookmarkStatus,
    absolute_path,
    article_key,
    check_against_file,
    find_paragraph,
)
from tolk.userdata.store import (
    DATABASE_NAME,
    MIGRATIONS,
    SCHEMA_VERSION,
    StoreError,
    UserStore,
    apply_migrations,
    open_store,
)

SEED = SEEDS / "000_4a397d34e890302c.txt"
# Real, distinct Norwegian paragraphs (the seed's), so no two are near-duplicates.
PARAGRAPHS = [paragraph.text for paragraph in read_article(SEED).paragraphs]


def write_article(path: Path, paragraphs: list[str], date: str = "2019-12") -> Article:
    path.write_text(f" date {date} – " + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return read_article(path)


def reopen() -> UserStore:
    opened = open_store()
    assert opened.store is not None, opened.message
    return opened.store


@pytest.fixture
def store() -> Iterator[UserStore]:
    opened = open_store()
    assert opened.store is not None and opened.message is None
    yield opened.store
    opened.store.close()


@pytest.fixture
def article(tmp_path: Path) -> Article:
    return write_article(tmp_path / "nato.txt", PARAGRAPHS)


def test_database_lives_in_the_data_dir_in_wal_mode_at_the_current_version(
    store: UserStore,
) -> None:
    assert store.path == data_dir() / DATABASE_NAME and store.path.is_file()
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)


def test_toggle_adds_then_removes_a_bookmark(store: UserStore, article: Article) -> None:
    added = store.toggle_bookmark(article, 2)
    assert added is not None
    assert added.paragraph_index == 2 and added.paragraph_text == PARAGRAPHS[2]
    assert added.article_key == article_key(article) and added.path == absolute_path(article.path)
    assert added.title == article.title and added.date == "2019-12" and added.note is None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", added.created)
    [found] = store.bookmarks_for(article)
    assert (found.status, found.index, found.bookmark) == (BookmarkStatus.OK, 2, added)
    assert store.bookmarked_paths() == {absolute_path(article.path)}

    assert store.toggle_bookmark(article, 2) is None
    assert store.bookmarks_for(article) == [] and store.all_bookmarks() == []
    assert store.bookmarked_paths() == set()


def test_toggle_rejects_a_paragraph_the_article_does_not_have(
    store: UserStore, article: Article
) -> None:
    with pytest.raises(ValueError):
        store.toggle_bookmark(article, len(PARAGRAPHS))


def test_notes_are_set_edited_and_cleared(store: UserStore, article: Article) -> None:
    bookmark = store.toggle_bookmark(article, 0)
    assert bookmark is not None
    assert store.set_note(bookmark.id, "  hjernedød = brain-dead ")
    assert store.all_bookmarks()[0].note == "hjernedød = brain-dead"
    assert store.set_note(bookmark.id, "edited")
    assert store.all_bookmarks()[0].note == "edited"
    assert store.set_note(bookmark.id, "   ")
    assert store.all_bookmarks()[0].note is None
    assert store.remove_bookmark(bookmark.id)
    assert not store.set_note(bookmark.id, "gone") and not store.remove_bookmark(bookmark.id)


def test_bookmarks_and_reading_state_persist_across_reopen(article: Article) -> None:
    first = reopen()
    bookmark = first.toggle_bookmark(article, 4)
    assert bookmark is not None
    first.set_note(bookmark.id, "a note")
    first.mark_opened(article, 3)
    first.close()
    with pytest.raises(StoreError):
        first.all_bookmarks()

    with reopen() as second:
        [stored] = second.all_bookmarks()
        assert stored.id == bookmark.id and stored.note == "a note"
        assert second.bookmarks_for(article)[0].index == 4
        position = second.last_position()
        assert position is not None and position.paragraph == 3
        assert second.read_paths() == {absolute_path(article.path)}


def test_a_moved_article_keeps_its_bookmarks(store: UserStore, article: Article) -> None:
    store.toggle_bookmark(article, 3)
    moved_path = article.path.parent / "renamed" / "elsewhere.txt"
    moved_path.parent.mkdir()
    article.path.rename(moved_path)
    moved = read_article(moved_path)

    [found] = store.bookmarks_for(moved)
    assert (found.status, found.index) == (BookmarkStatus.MOVED, 3)
    assert store.bookmarked_paths() == {absolute_path(moved_path)}
    [again] = store.bookmarks_for(moved)
    assert again.status is BookmarkStatus.OK


def test_editing_another_paragraph_keeps_the_index(
    store: UserStore, article: Article, tmp_path: Path
) -> None:
    store.toggle_bookmark(article, 5)
    edited = PARAGRAPHS.copy()
    edited[1] = "Et helt nytt avsnitt som ikke fantes før."
    changed = write_article(article.path, edited)

    [found] = store.bookmarks_for(changed)
    assert (found.status, found.index) == (BookmarkStatus.REANCHORED, 5)
    assert found.bookmark.article_key == article_key(changed)
    assert store.bookmarks_for(changed)[0].status is BookmarkStatus.OK


def test_a_paragraph_inserted_before_shifts_the_bookmark(
    store: UserStore, article: Article
) -> None:
    store.toggle_bookmark(article, 5)
    changed = write_article(
        article.path, [*PARAGRAPHS[:2], "Et innskutt avsnitt.", *PARAGRAPHS[2:]]
    )

    [found] = store.bookmarks_for(changed)
    assert (found.status, found.index) == (BookmarkStatus.REANCHORED, 6)
    assert found.bookmark.paragraph_text == PARAGRAPHS[5]
    # Stored: the toggle on the new index finds (and removes) it.
    assert store.toggle_bookmark(changed, 6) is None


def test_a_lightly_edited_paragraph_is_found_by_similarity(
    store: UserStore, article: Article
) -> None:
    store.toggle_bookmark(article, 1)
    edited = PARAGRAPHS.copy()
    edited[1] = edited[1].replace("Stoltenberg", "generalsekretær Stoltenberg")
    changed = write_article(article.path, edited)

    [found] = store.bookmarks_for(changed)
    assert (found.status, found.index) == (BookmarkStatus.REANCHORED, 1)
    assert found.bookmark.paragraph_text == edited[1]


def test_a_rewritten_paragraph_is_orphaned_with_its_saved_text(
    store: UserStore, article: Article
) -> None:
    store.toggle_bookmark(article, 2)
    store.toggle_bookmark(article, 6)
    edited = PARAGRAPHS.copy()
    edited[2] = "Helt omskrevet: her står nå noe annet om været i Bergen."
    changed = write_article(article.path, edited)

    kept, orphan = store.bookmarks_for(changed)
    assert (kept.status, kept.index) == (BookmarkStatus.REANCHORED, 6)
    assert (orphan.status, orphan.index) == (BookmarkStatus.ORPHANED, None)
    assert orphan.bookmark.paragraph_text == PARAGRAPHS[2]
    # Its neighbour now carries the new key; the orphan is still found (by path), not lost.
    statuses = [found.status for found in store.bookmarks_for(changed)]
    assert statuses == [BookmarkStatus.OK, BookmarkStatus.ORPHANED]
    assert len(store.all_bookmarks()) == 2


def test_a_moved_and_edited_article_is_found_by_date_and_title(
    store: UserStore, article: Article, tmp_path: Path
) -> None:
    store.toggle_bookmark(article, 4)
    article.path.unlink()
    edited = [*PARAGRAPHS[:-1], "Et nytt sluttavsnitt."]
    changed = write_article(tmp_path / "other-name.txt", edited)

    [found] = store.bookmarks_for(changed)
    assert (found.status, found.index) == (BookmarkStatus.REANCHORED, 4)
    assert store.bookmarked_paths() == {absolute_path(changed.path)}


def test_bookmarks_of_other_articles_are_not_mixed_in(store: UserStore, tmp_path: Path) -> None:
    nato = write_article(tmp_path / "a.txt", PARAGRAPHS)
    iran = read_article(SEEDS / "003_af9304a0a01167de.txt")
    store.toggle_bookmark(nato, 0)
    store.toggle_bookmark(iran, 0)
    assert [found.bookmark.path for found in store.bookmarks_for(nato)] == [nato.path]
    assert len(store.all_bookmarks()) == 2


def test_check_against_file_reads_the_last_path_without_writing(
    store: UserStore, article: Article
) -> None:
    bookmark = store.toggle_bookmark(article, 0)
    assert bookmark is not None
    assert check_against_file(bookmark).status is BookmarkStatus.OK
    article.path.unlink()
    assert check_against_file(bookmark).status is BookmarkStatus.MISSING


def test_find_paragraph_prefers_exact_matches_nearest_the_old_index() -> None:
    texts = ["Same text.", "Other text here.", "Same text."]
    assert find_paragraph("Same text.", texts, near=2) == 2
    assert find_paragraph("Same text.", texts, near=0) == 0
    assert find_paragraph("Nothing like it at all, really", texts, near=0) is None


def test_article_key_ignores_whitespace_and_path(tmp_path: Path) -> None:
    one = write_article(tmp_path / "one.txt", PARAGRAPHS[:3])
    spaced = [text.replace(" ", "  ", 1) for text in PARAGRAPHS[:3]]
    two = write_article(tmp_path / "two.txt", spaced)
    three = write_article(tmp_path / "three.txt", PARAGRAPHS[:2])
    assert article_key(one) == article_key(two) != article_key(three)


def test_reading_state_remembers_position_and_read_articles(
    store: UserStore, article: Article
) -> None:
    assert store.last_position() is None and store.read_paths() == set()
    iran = read_article(SEEDS / "003_af9304a0a01167de.txt")
    store.mark_opened(article)
    store.mark_opened(iran, 2)
    store.set_position(iran, 7)
    position = store.last_position()
    assert position is not None
    assert (position.path, position.article_key, position.paragraph) == (
        absolute_path(iran.path),
        article_key(iran),
        7,
    )
    assert store.read_paths() == {absolute_path(article.path), absolute_path(iran.path)}
    assert store.read_keys() == {article_key(article), article_key(iran)}


def test_relative_paths_are_stored_absolute(
    store: UserStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    relative = write_article(Path("rel.txt"), PARAGRAPHS[:2])
    store.mark_opened(relative)
    store.toggle_bookmark(relative, 0)
    assert store.read_paths() == store.bookmarked_paths() == {tmp_path / "rel.txt"}


def test_a_transaction_commits_as_one_or_not_at_all(store: UserStore) -> None:
    insert = "INSERT INTO read_articles (path, article_key, opened) VALUES (?, 'key', '2026-01-01')"
    with store.transaction() as db:
        db.execute(insert, ("/one",))
        db.execute(insert, ("/two",))
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.execute(insert, ("/three",))
        raise RuntimeError("a caller's failure half way")
    with pytest.raises(StoreError, match="UNIQUE constraint"), store.transaction() as db:
        db.execute(insert, ("/four",))
        db.execute(insert, ("/one",))
    assert store.read_paths() == {Path("/one"), Path("/two")}


def test_threads_share_one_store(store: UserStore, tmp_path: Path) -> None:
    articles = [
        write_article(tmp_path / f"t{n}.txt", [f"Tråd {n} sitt første avsnitt.", *PARAGRAPHS])
        for n in range(4)
    ]

    def bookmark_all(article: Article) -> None:
        for index in range(len(article.paragraphs)):
            store.toggle_bookmark(article, index)

    threads = [threading.Thread(target=bookmark_all, args=(a,)) for a in articles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.all_bookmarks()) == 4 * (len(PARAGRAPHS) + 1)


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    per_process, per_article = 300, 10
    database = tmp_path / "shared" / DATABASE_NAME
    groups: list[list[Path]] = []
    for writer in ("a", "b"):
        paths = []
        for n in range(per_process // per_article):
            lead = f"Skribent {writer} skriver sak nummer {n} om noe helt eget."
            path = tmp_path / f"{writer}{n:02d}.txt"
            write_article(path, [lead, *PARAGRAPHS[: per_article - 1]])
            paths.append(path)
        groups.append(paths)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.support.store_writer", str(database), *map(str, paths)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for paths in groups
    ]
    for process in processes:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    for process in processes:  # both are open and waiting: start them together
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    assert all(output.strip() == f"done {per_process}" for output in outputs)

    opened = open_store(database)
    assert opened.store is not None
    with opened.store as store:
        stored = store.all_bookmarks()
        expected = {
            (article_key(read_article(path)), index)
            for paths in groups
            for path in paths
            for index in range(per_article)
        }
        assert len(stored) == 2 * per_process
        assert {(b.article_key, b.paragraph_index) for b in stored} == expected


def test_a_file_that_is_not_a_database_is_moved_aside(article: Article) -> None:
    path = data_dir() / DATABASE_NAME
    path.parent.mkdir(parents=True)
    garbage = b"this is not SQLite\x00\xff" * 300
    path.write_bytes(garbage)

    opened = open_store()
    assert opened.store is not None and opened.message is not None
    [aside] = path.parent.glob(f"{DATABASE_NAME}.damaged-*")
    assert re.fullmatch(rf"{re.escape(DATABASE_NAME)}\.damaged-\d{{8}}T\d{{6}}Z", aside.name)
    assert aside.read_bytes() == garbage
    assert str(aside) in opened.message and "damaged" in opened.message
    with opened.store as store:
        assert store.toggle_bookmark(article, 0) is not None
    with reopen() as store:
        assert len(store.all_bookmarks()) == 1


def test_a_corrupted_database_is_moved_aside(article: Article) -> None:
    with reopen() as store:
        for index in range(len(article.paragraphs)):
            store.toggle_bookmark(article, index)
    path = data_dir() / DATABASE_NAME
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[page : 3 * page] = b"\xa5" * (2 * page)  # trash the tables' pages, keep the header
    path.write_bytes(bytes(data))

    opened = open_store()
    assert opened.store is not None and opened.message is not None
    assert "damaged" in opened.message
    assert len(list(path.parent.glob(f"{DATABASE_NAME}.damaged-*"))) == 1
    with opened.store as store:
        assert store.all_bookmarks() == []


def test_being_damaged_twice_in_a_second_keeps_both_old_files() -> None:
    path = data_dir() / DATABASE_NAME
    path.parent.mkdir(parents=True)
    for _ in range(2):
        path.write_bytes(b"garbage" * 1000)
        opened = open_store()
        assert opened.store is not None
        opened.store.close()
    assert len(list(path.parent.glob(f"{DATABASE_NAME}.damaged-*"))) == 2


def test_a_newer_schema_is_refused_and_left_untouched() -> None:
    path = data_dir() / DATABASE_NAME
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE from_the_future (x)")
        db.execute("PRAGMA user_version = 99")
    db.close()
    before = path.read_bytes()

    opened = open_store()
    assert opened.store is None and opened.message is not None
    assert "newer tolk" in opened.message and "99" in opened.message
    assert path.read_bytes() == before
    assert list(path.parent.iterdir()) == [path]


def test_an_uncreatable_data_dir_turns_bookmarks_off(isolated_home: Path) -> None:
    # Tests run as root, where chmod stops nothing: a FILE where the data dir should be makes
    # the folder impossible to create for anyone.
    data_dir().write_text("not a folder")
    opened = open_store()
    assert opened.store is None and opened.message is not None
    assert "Bookmarks are off" in opened.message and str(data_dir()) in opened.message


def test_an_unopenable_database_turns_bookmarks_off() -> None:
    (data_dir() / DATABASE_NAME).mkdir(parents=True)  # a folder where the file should be
    opened = open_store()
    assert opened.store is None and opened.message is not None
    assert "Bookmarks are off" in opened.message
    assert (data_dir() / DATABASE_NAME).is_dir()


def test_a_read_only_database_turns_bookmarks_off(monkeypatch: pytest.MonkeyPatch) -> None:
    # What SQLite reports for a read-only file or folder, simulated (root ignores permissions).
    def read_only(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(sqlite3, "connect", read_only)
    opened = open_store()
    assert opened.store is None and opened.message is not None
    assert "readonly" in opened.message


def test_a_version_1_database_is_upgraded_keeping_its_bookmarks(article: Article) -> None:
    path = data_dir() / DATABASE_NAME
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path, isolation_level=None)
    apply_migrations(db, MIGRATIONS[:1])
    db.execute(
        "INSERT INTO bookmarks (article_key, article_path, article_title, article_date, "
        "paragraph_index, paragraph_text, note, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article_key(article),
            str(article.path),
            article.title,
            "2019-12",
            1,
            PARAGRAPHS[1],
            "old note",
            "2024-01-01T00:00:00+00:00",
        ),
    )
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    db.close()

    with reopen() as store:
        [found] = store.bookmarks_for(article)
        assert (found.status, found.index, found.bookmark.note) == (
            BookmarkStatus.OK,
            1,
            "old note",
        )
        store.mark_opened(article)
        assert store.read_paths() == {absolute_path(article.path)}
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_later_issue_adds_a_table_by_appending_a_migration() -> None:
    def create_reviews(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE reviews (id INTEGER PRIMARY KEY, mark TEXT)")

    path = data_dir() / DATABASE_NAME
    reopen().close()
    db = sqlite3.connect(path, isolation_level=None)
    apply_migrations(db, (*MIGRATIONS, create_reviews))
    apply_migrations(db, (*MIGRATIONS, create_reviews))  # already there: nothing to do
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    db.execute("INSERT INTO reviews (mark) VALUES ('good')")
    db.close()
    # This tolk does not know version SCHEMA_VERSION + 1: refused, as any newer schema.
    assert open_store().store is None


def test_bookmark_fields_round_trip(store: UserStore, article: Article) -> None:
    added = store.toggle_bookmark(article, 0)
    assert isinstance(added, Bookmark)
    assert store.all_bookmarks() == [added]


def test_a_file_name_that_is_not_utf8_is_a_store_error_naming_it(
    store: UserStore, article: Article, tmp_path: Path
) -> None:
    # Python keeps the bytes of a name that is not UTF-8 as lone surrogates; SQLite stores
    # text as UTF-8 and cannot take them. A StoreError (what every caller handles), not a
    # UnicodeEncodeError (which ended `tolk translate` with a traceback).
    latin1 = write_article(tmp_path / os.fsdecode(b"caf\xe9.txt"), PARAGRAPHS[:2])
    with pytest.raises(StoreError) as raised:
        store.toggle_bookmark(latin1, 0)
    assert str(raised.value) == (
        f"user database {store.path}: a file name that is not UTF-8 cannot be stored "
        f"({tmp_path}/caf\ufffd.txt); rename the file to use it here."
    )
    assert store.toggle_bookmark(article, 0) is not None  # the store goes on for the others
