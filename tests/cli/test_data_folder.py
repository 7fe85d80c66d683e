"""Commands that read the user's data when its folder cannot be used: one line naming what is
wrong and what to do; never a traceback, and never "no bookmarks" as if none had been saved.

The data folder is made unusable in each way a user meets it: a file where it should be (or
where XDG_DATA_HOME should be), a link to nothing, a link loop, a folder of mode 000 and a
read-only one. Modes bind root through `tests.support.permissions.AS_A_USER`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tests.support.loopback import free_loopback_port
from tests.support.permissions import AS_A_USER
from tolk.library.articles import read_article
from tolk.paths import data_dir
from tolk.userdata.store import DATABASE_NAME, open_store

NATO = SEEDS / "000_4a397d34e890302c.txt"
TOLK = [sys.executable, "-m", "tui"]


def tolk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*AS_A_USER, *TOLK, *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )


def bookmark_something() -> None:
    """A bookmark saved while the data folder was fine: it must not be reported as none."""
    opened = open_store()
    assert opened.store is not None
    with opened.store as store:
        store.toggle_bookmark(read_article(NATO), 1)


def move_aside(folder: Path) -> None:
    """The data folder as it was, out of the way (what the user would find again)."""
    folder.rename(folder.with_name("moved"))


def a_file(folder: Path) -> str:
    move_aside(folder)
    folder.write_text("not a folder")
    return f"{folder} is a file, not a folder: move it away"


def a_link_to_nothing(folder: Path) -> str:
    move_aside(folder)
    folder.symlink_to(folder.with_name("unmounted"))
    return f"{folder} is a link to {folder.with_name('unmounted')}, which does not exist"


def a_link_loop(folder: Path) -> str:
    move_aside(folder)
    folder.symlink_to(folder)
    return f"{folder} is a symbolic link loop: remove or fix the link"


@contextmanager
def mode(folder: Path, bits: int) -> Iterator[None]:
    folder.chmod(bits)
    try:
        yield
    finally:
        folder.chmod(0o755)  # so that pytest can clean it up


BROKEN: dict[str, Callable[[Path], str]] = {
    "file": a_file,
    "link to nothing": a_link_to_nothing,
    "link loop": a_link_loop,
}


@pytest.mark.parametrize("kind", BROKEN)
def test_bookmarks_say_why_they_cannot_be_read(kind: str) -> None:
    bookmark_something()
    said = BROKEN[kind](data_dir())
    for args in (("list",), ("list", "--json"), ("export",), ("export", "--format", "json")):
        result = tolk("bookmarks", *args)
        assert (result.returncode, result.stdout) == (1, ""), args
        assert result.stderr.startswith(f"tolk: error: cannot read the bookmarks: {said}")
        assert "XDG_DATA_HOME" in result.stderr and result.stderr.count("\n") == 1


def test_bookmarks_in_an_unreadable_folder_say_so() -> None:
    bookmark_something()
    with mode(data_dir(), 0):
        result = tolk("bookmarks", "list")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"tolk: error: cannot read the bookmarks: {data_dir()} cannot be read (permission "
        f"denied): make it readable and writable by you (chmod u+rwx {data_dir()}), or set "
        "XDG_DATA_HOME to a folder of your own\n"
    )


def test_bookmarks_in_a_read_only_folder_name_the_file_and_the_remedy() -> None:
    bookmark_something()
    database = data_dir() / DATABASE_NAME
    database.chmod(0o444)
    with mode(data_dir(), 0o555):
        result = tolk("bookmarks", "list")
    assert (result.returncode, result.stdout) == (1, "")
    # SQLite's own words, then which file and what to do.
    assert result.stderr.startswith(f"tolk: error: Bookmarks are off: {database}: ")
    assert "read-only: make them writable by you" in result.stderr
    assert result.stderr.count("\n") == 1


def test_translate_in_an_unreadable_data_folder_translates_and_says_what_is_missing(
    installed_cipher_model: Path,
) -> None:
    # What the trial met: `tolk translate FILE` with a data folder of mode 000 ended in a
    # PermissionError traceback (Path.exists raises it). Here the real PermissionError.
    bookmark_something()
    with mode(data_dir(), 0):
        result = tolk("translate", str(NATO))
    assert result.returncode == 0, result.stderr
    paragraphs = result.stdout.strip().split("\n\n")
    assert paragraphs == [cipher_text(p.text) for p in read_article(NATO).paragraphs]
    assert result.stderr == (
        "tolk: warning: translating without your corrections, review marks and translation "
        f"memory: {data_dir()} cannot be read (permission denied): make it readable and "
        f"writable by you (chmod u+rwx {data_dir()}), or set XDG_DATA_HOME to a folder of your "
        "own\n"
    )


@pytest.mark.parametrize("command", ["translate", "check", "export"])
@pytest.mark.parametrize("kind", BROKEN)
def test_reading_commands_go_on_without_the_user_data_and_say_why(
    command: str, kind: str, installed_cipher_model: Path
) -> None:
    bookmark_something()
    said = BROKEN[kind](data_dir())
    result = tolk(command, str(NATO))
    assert result.returncode in (0, 1) and result.stdout  # check: 1, sentences are flagged
    warning, *rest = result.stderr.splitlines()
    doing = {"translate": "translating", "check": "checking", "export": "exporting"}[command]
    assert warning.startswith(
        f"tolk: warning: {doing} without your corrections, review marks and translation "
        f"memory: {said}"
    )
    assert all(line.startswith("tolk: ") for line in rest), result.stderr


def test_an_unusable_xdg_data_home_is_one_line_per_problem(installed_cipher_model: Path) -> None:
    # XDG_DATA_HOME a regular file: Argos Translate makes its folder there as it is imported,
    # so no model can be used, and tolk's own data folder is under it too.
    home = Path(os.environ["XDG_DATA_HOME"])
    home.rmdir()
    home.write_text("not a folder")
    result = tolk("translate", str(NATO))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "tolk: warning: translating without your corrections, review marks and translation "
        f"memory: {home} is a file, not a folder: move it away, or set XDG_DATA_HOME to a "
        "folder of your own",
        "tolk: error: Argos Translate, which tolk translates with, cannot make its folder "
        f"{home / 'argos-translate'} (Not a directory): make {home} a folder you can write "
        "to, or set XDG_DATA_HOME to one.",
    ]
    models = tolk("models", "list")
    assert models.returncode == 1 and models.stderr.splitlines() == result.stderr.splitlines()[1:]
    # Commands that need no model do not depend on Argos's folders.
    bookmarks = tolk("bookmarks", "list")
    assert bookmarks.returncode == 1
    assert bookmarks.stderr.startswith("tolk: error: cannot read the bookmarks: ")
    assert "Traceback" not in models.stderr + bookmarks.stderr


def test_a_read_only_translation_cache_is_named_and_left_where_it_is(
    installed_cipher_model: Path,
) -> None:
    assert tolk("translate", str(NATO)).returncode == 0  # fills the cache
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "tolk"
    database = cache / "translations.sqlite"
    before = sorted(path.name for path in cache.iterdir())
    database.chmod(0o444)
    with mode(cache, 0o555):
        result = tolk("translate", str(NATO))
    assert result.returncode == 0
    assert result.stdout.strip().split("\n\n") == [
        cipher_text(p.text) for p in read_article(NATO).paragraphs
    ]
    # It was taken for damaged and moved aside (which failed: "Permission denied: …damaged-…").
    assert result.stderr.startswith(
        "tolk: warning: The translation cache is off, translations are not kept: "
        f"{database}: attempt to write a readonly database. It, its folder {cache} or the disk "
        "is read-only: make them writable by you"
    )
    assert result.stderr.count("\n") == 1
    assert sorted(path.name for path in cache.iterdir()) == before


def test_a_file_where_the_cache_folder_should_be_is_named(installed_cipher_model: Path) -> None:
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "tolk"
    cache.write_text("not a folder")
    result = tolk("translate", str(NATO))
    assert result.returncode == 0 and result.stdout
    assert result.stderr == (
        "tolk: warning: The translation cache is off, translations are not kept: "
        f"{cache} is a file, not a folder: move it away, or set XDG_CACHE_HOME to a folder of "
        "your own\n"
    )


def configure_a_feed() -> None:
    """A feed on a loopback port nothing listens on: fetching must stop before reaching it."""
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "tolk" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'feeds = ["http://127.0.0.1:{free_loopback_port()}/feed.rss"]\n')


@pytest.mark.parametrize("kind", BROKEN)
def test_fetch_says_why_it_cannot_save(kind: str) -> None:
    configure_a_feed()
    data_dir().mkdir(parents=True)
    said = BROKEN[kind](data_dir())
    result = tolk("fetch")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"tolk: error: cannot fetch: {said}")
    assert result.stderr.count("\n") == 1


def test_fetch_in_an_unreadable_data_folder_moves_nothing_aside() -> None:
    configure_a_feed()
    state = data_dir() / "feeds.sqlite"
    state.parent.mkdir(parents=True)
    state.write_bytes(b"")  # what fetching remembered: not to be taken for damaged
    with mode(data_dir(), 0):
        result = tolk("fetch")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"tolk: error: cannot fetch: {data_dir()} cannot be read (permission denied): make it "
        f"readable and writable by you (chmod u+rwx {data_dir()}), or set XDG_DATA_HOME to a "
        "folder of your own\n"
    )
    assert [path.name for path in data_dir().iterdir()] == ["feeds.sqlite"]
