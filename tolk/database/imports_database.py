"""What the databases the user fills by importing files have in common (the translation memory,
`tolk.memory.database`, and the glossary, `tolk.glossary.database`): opening, writing in turn,
and undoing an import.

Each is a file of its own in the data dir, with an `imports` table (one row per imported file,
its `name` unique) whose rows the imported entries hang from (`ON DELETE CASCADE`: foreign keys
are on). Opening runs the integrity check once per change of the file (an import can bring
millions of rows, and checking them took seconds at every opening: `tolk.database.integrity`);
a damaged file is moved aside and a new, empty one started, and anything else that keeps the
file from use raises the database's own error, saying what to do. Writes take their turn behind
another tolk's import (`tolk.database.writing`).

Not shared between threads: open one where it is used.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import ClassVar

from tolk.database.migrations import Migration, NewerSchemaError
from tolk.database.opening import NotMovedAside, OpenDatabase, connect, open_or_start_afresh
from tolk.database.writing import WAIT_FOR_TURN_S, Announce, write_failure, write_transaction

__all__ = ["ImportsDatabase"]


class ImportsDatabase(OpenDatabase):
    """A database of imported files, open. A subclass names it (`name`: "translation memory"),
    its failure (`failure`), its schema (`migrations`) and what the user imports again after
    a damaged file was replaced (`import_again`: "files")."""

    name: ClassVar[str]
    failure: ClassVar[type[Exception]]
    migrations: ClassVar[tuple[Migration, ...]]
    import_again: ClassVar[str]

    def __init__(self, path: Path) -> None:
        # Whether this opening ran the integrity check: once per change of the file.
        self.checked = False
        # For the user: a damaged file was kept aside and a new one started.
        self.warning: str | None = None
        name = self.name

        def opening(path: Path) -> tuple[sqlite3.Connection, bool]:
            return connect(path, self.migrations, check_each_change_once=True, foreign_keys=True)

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            (db, self.checked), damage = open_or_start_afresh(path, opening)
        except NewerSchemaError as error:
            raise self.failure(f"{name} {path} was written by a newer tolk; update tolk") from error
        except NotMovedAside as error:
            raise self.failure(
                f"{name} {path} is damaged ({error.damage}) and could not be moved aside "
                f"({error.reason}); move it away yourself and try again"
            ) from error
        except sqlite3.Error as error:  # locked, full, read-only: the file is left in place
            said = write_failure(path, error, "opening it", "it was left as it is", name)
            raise self.failure(said) from error
        except OSError as error:
            raise self.failure(f"{name} {path}: {error}") from error
        super().__init__(db, path)
        if damage is not None:
            self.warning = (
                f"The {name} was damaged ({damage.reason}); it was kept as {damage.aside} and a "
                f"new, empty one started. Import your {self.import_again} again."
            )

    def _writing(
        self, doing: str, outcome: str, on_wait: Announce | None, wait_s: float
    ) -> AbstractContextManager[None]:
        """One write transaction, taken in its turn (`write_transaction`); failures raise the
        database's own error, saying what failed while `doing` and the `outcome`."""
        name, failure = self.name, self.failure
        return write_transaction(
            self._db, self.path, doing, outcome, on_wait, wait_s, store=name, error=failure
        )

    def remove(
        self, name: str, *, on_wait: Announce | None = None, wait_s: float = WAIT_FOR_TURN_S
    ) -> bool:
        """Undo the import called `name`; False if there is none. Raises the database's error,
        removing nothing, when the database cannot be written."""
        with self._writing(f"removing {name}", "nothing was removed", on_wait, wait_s):
            return self._db.execute("DELETE FROM imports WHERE name = ?", (name,)).rowcount > 0
