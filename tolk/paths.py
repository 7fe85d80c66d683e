"""Where tolk keeps things: platformdirs' user dirs, and the bundled seed articles."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "tolk"


def config_dir() -> Path:
    """The user config dir (honours XDG_CONFIG_HOME)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    """The user's `config.toml`."""
    return config_dir() / "config.toml"


def data_dir() -> Path:
    """The user data dir (honours XDG_DATA_HOME): bookmarks, reading state, reviews."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class DataFolderError(Exception):
    """The folder a file of the user's data belongs in cannot hold it; the message names what is
    wrong and what the user can do."""


def data_file_exists(path: Path) -> bool:
    """Whether the data file at `path` exists. False when it, or the folders it belongs in, do
    not exist yet (they can be made); DataFolderError when they cannot be used: a file where a
    folder should be, a link to nothing or a link loop on the way, a folder that cannot be
    read. (`Path.exists` says False to the first three, as if nothing had been saved yet, and
    raises on the last.)"""
    try:
        path.stat()
        return True
    except OSError:
        pass  # missing, or something on the way is wrong: which, is worked out below
    problem = unusable_folder(path)
    if problem is not None:
        raise DataFolderError(problem)
    return False


def unusable_folder(path: Path, variable: str = "XDG_DATA_HOME") -> str | None:
    """What stops the file at `path` being read or made, and what to do (`variable` is the
    environment variable that moves its folder); None when only missing folders, or the file
    itself, stand in the way. Each folder is looked at from the root down: the first one that
    fails is the one to fix."""
    elsewhere = f"or set {variable} to a folder of your own"
    for place in [*reversed(path.parents), path]:
        try:
            info = place.stat()
        except FileNotFoundError:
            if place.is_symlink():
                return (
                    f"{place} is a link to {os.readlink(place)}, which does not exist (a disk "
                    f"not mounted?): make that folder, or remove the link, {elsewhere}"
                )
            return None  # missing from here down: it is made when something is saved
        except PermissionError:
            import shlex  # for this message only: not on the way to the reader's first frame

            folder = place.parent
            return (
                f"{folder} cannot be read (permission denied): make it readable and writable "
                f"by you (chmod u+rwx {shlex.quote(str(folder))}), {elsewhere}"
            )
        except OSError as error:
            if error.errno == errno.ELOOP:
                return f"{place} is a symbolic link loop: remove or fix the link, {elsewhere}"
            return f"{place} cannot be used ({error.strerror or error}): {elsewhere[3:]}"
        if place != path and not stat.S_ISDIR(info.st_mode):
            return f"{place} is a file, not a folder: move it away, {elsewhere}"
    return None


def cache_dir() -> Path:
    """The user cache dir (honours XDG_CACHE_HOME): the translation cache."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def feeds_dir() -> Path:
    """Articles fetched from feeds, one subfolder per feed: part of the library."""
    return data_dir() / "feeds"


def added_dir() -> Path:
    """Articles added by their page's URL (`tolk add`), beside the feeds' folders (a feed's
    folder name always ends with a hash, so none is ever called this)."""
    return feeds_dir() / "added"


def feed_state_database() -> Path:
    """What `tolk fetch` remembers: each feed's ETag and Last-Modified, the items it saved."""
    return data_dir() / "feeds.sqlite"


def glossary_database() -> Path:
    """The glossaries `tolk glossary import` keeps (`tolk.glossary.database`)."""
    return data_dir() / "glossary.sqlite"


def bundled_seeds_dir() -> Path:
    """The seed articles that ship in the repository's `seeds/` folder."""
    return Path(__file__).resolve().parent.parent / "seeds"


def cache_database() -> Path:
    """The cache database: search index and keyword hit counts (rebuildable, so a cache)."""
    return cache_dir() / "cache.sqlite"


def library_index_file() -> Path:
    """The library index: each article file's size, mtime and summary (rebuildable, a cache)."""
    return cache_dir() / "library.sqlite"
