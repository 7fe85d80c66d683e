"""Where tolk keeps things: platformdirs' user dirs, and the bundled seed articles."""

from __future__ import annotations

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


def bundled_seeds_dir() -> Path:
    """The seed articles that ship in the repository's `seeds/` folder."""
    return Path(__file__).resolve().parent.parent / "seeds"


def cache_database() -> Path:
    """The cache database: search index and keyword hit counts (rebuildable, so a cache)."""
    return cache_dir() / "cache.sqlite"


def library_index_file() -> Path:
    """The library index: each article file's size, mtime and summary (rebuildable, a cache)."""
    return cache_dir() / "library.sqlite"
