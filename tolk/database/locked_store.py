"""What the stores the reader shares between its threads have in common (the user store,
`tolk.userdata.store`, and the vocabulary, `tolk.vocabulary.store`): opening that never raises,
and one connection behind a lock, every operation one transaction.

Opening (`open_locked_store`) gives a store, or None and a message for the user saying why the
feature is off: a damaged file is moved aside (never deleted) and a new one started (said
too); a file that is locked, read-only or on a full disk is sound and left as it is; a file
from a newer tolk is left untouched, not opened read-only: its tables may mean things this
version does not know, and "off, update tolk" is safer than half working.

Every operation is one transaction (`BEGIN IMMEDIATE` … `COMMIT`) on a WAL database with a busy
timeout, so two tolk instances writing at once queue on SQLite's lock and neither loses the
other's changes. Threads: one connection (`check_same_thread=False`) behind a lock. Operations
are short, so serialising them costs nothing, and there are no per-thread connections to track
and close.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar, TypeVar

from tolk.database.migrations import Migration, NewerSchemaError, transaction
from tolk.database.opening import NotMovedAside, OpenDatabase, connect, open_or_start_afresh
from tolk.paths import DataFolderError, data_file_exists
from tolk.text import printable
from translation.damaged_database import failure_message

__all__ = ["LockedStore", "open_locked_store"]

Store = TypeVar("Store", bound="LockedStore")


class LockedStore(OpenDatabase):
    """One connection to a database file, shared between threads behind a lock. A subclass
    names its failure (`failure`, raised for every SQLite error, the file named as `name`)
    and what renaming a file whose name SQLite cannot store lets the user do (`rename_to`)."""

    failure: ClassVar[type[Exception]]
    name: ClassVar[str]  # "user database"
    rename_to: ClassVar[str]  # "use it here"

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        super().__init__(db, path)
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the connection (once an operation in another thread is done); later calls
        raise the store's failure."""
        with self._lock:
            self._db.close()

    @contextmanager
    def _access(self, write: bool) -> Iterator[sqlite3.Connection]:
        """The connection, for one operation (in one write transaction with `write`)."""
        with self._lock:
            try:
                if write:
                    with transaction(self._db):
                        yield self._db
                else:
                    yield self._db
            except sqlite3.Error as error:
                raise self.failure(f"{self.name} {failure_message(self.path, error)}") from error
            except UnicodeEncodeError as error:
                # A file name that is not UTF-8 (Python keeps its bytes as lone surrogates):
                # SQLite stores text as UTF-8 and cannot hold it.
                raise self.failure(
                    f"{self.name} {self.path}: a file name that is not UTF-8 cannot be stored "
                    f"({printable(str(error.object))}); rename the file to {self.rename_to}."
                ) from error


def open_locked_store(
    path: Path,
    migrations: tuple[Migration, ...],
    make: Callable[[sqlite3.Connection, Path], Store],
    *,
    off: str,
    what: str,
) -> tuple[Store | None, str | None]:
    """Open (creating or upgrading) the database at `path` as `make` makes a store of it.
    Never raises: the store (None when it cannot be used) and a message for the user (None
    when all went well) — why it is off, starting `off` ("Bookmarks are off"), or that the
    `what` database ("bookmarks") was damaged and a new one started."""
    try:
        data_file_exists(path)
    except DataFolderError as error:
        return None, f"{off}: {error}."

    def opening(path: Path) -> Store:
        return make(connect(path, migrations, threads=True)[0], path)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        store, damage = open_or_start_afresh(path, opening)
    except NewerSchemaError as error:
        return None, f"{off}: {path} was {error}. It was left untouched; update tolk to use it."
    except NotMovedAside as error:
        return None, (
            f"{off}: {path} is damaged ({error.damage}) and could not be moved aside "
            f"({error.reason})."
        )
    except sqlite3.Error as error:  # locked, read-only, full: the file is sound, leave it
        return None, f"{off}: {failure_message(path, error)}"
    except OSError as error:
        return None, f"{off}: cannot create {path.parent} ({error.strerror or error})."
    if damage is None:
        return store, None
    return store, (
        f"The {what} database was damaged ({damage.reason}). It was kept as {damage.aside}; "
        "a new, empty one was started."
    )
