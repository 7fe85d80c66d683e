"""What `tolk memory` and `tolk glossary` share: `import FILE... | list | remove NAME` over a
database the user fills by importing files (`tolk.database.imports_database`).

Each file is one import, in one transaction: a file that cannot be read (malformed, not of its
kind, hostile) imports nothing and is reported with its file and line; the others still
import. A database that cannot be written (a full disk, another tolk's import past the wait)
stops the command with one line: what happened, which files were not imported, what to do.
While another tolk writes to the database, the command says that it waits its turn, and waits.
Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, Protocol, Self, TypeVar

from tolk.database.writing import Announce
from tolk.text import printable

__all__ = ["ImportsCommand", "add_imports_parser", "run_imports"]


class Listed(Protocol):
    """An import as `list` shows it: its name, what it left out, its format, when."""

    @property
    def name(self) -> str: ...

    @property
    def skipped(self) -> int: ...

    @property
    def too_long(self) -> int: ...

    @property
    def format(self) -> str: ...

    @property
    def imported(self) -> str: ...


Record = TypeVar("Record", bound=Listed)


class Imports(Protocol[Record]):
    """The database, open (`TranslationMemory`, `Glossary`)."""

    @property
    def warning(self) -> str | None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def import_file(self, path: Path, *, on_wait: Announce | None = None) -> Record: ...

    def imports(self) -> list[Record]: ...

    def remove(self, name: str, *, on_wait: Announce | None = None) -> bool: ...


@dataclass(frozen=True)
class ImportsCommand(Generic[Record]):
    """One command over a database of imports: its name ("memory"), how the database is
    opened, its errors (a file that cannot be read; the database that cannot be used), what
    it is called ("the translation memory") and one import of it ("import"), how an import is
    told when done, and what it brought as `list` shows it ("  1,204 units")."""

    command: str
    opening: Callable[[], Imports[Record]]
    file_error: type[Exception]
    store_error: type[Exception]
    whole: str
    one: str
    imported: Callable[[Record, Path], str]
    size: Callable[[Record], str]


def add_imports_parser(
    subparsers: argparse._SubParsersAction[Any],
    command: str,
    *,
    help: str,
    description: str,
    epilog: str,
    import_help: str,
    import_description: str,
    list_help: str,
) -> None:
    """Register `tolk COMMAND import FILE... | list | remove NAME` (the chosen one in
    `COMMAND_command`)."""
    parser = subparsers.add_parser(command, help=help, description=description, epilog=epilog)
    commands = parser.add_subparsers(dest=f"{command}_command", required=True, metavar="COMMAND")
    importing = commands.add_parser("import", help=import_help, description=import_description)
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    commands.add_parser("list", help=list_help)
    removing = commands.add_parser("remove", help="undo an import")
    removing.add_argument("name", metavar="NAME", help="the import's name, as `list` shows it")


def run_imports(command: ImportsCommand[Record], args: argparse.Namespace) -> int:
    """Run one command; returns the exit status."""
    try:
        with command.opening() as database:
            if database.warning:
                _say(f"tolk: warning: {database.warning}")
            chosen = getattr(args, f"{command.command}_command")
            if chosen == "import":
                return _import(command, database, args.files)
            if chosen == "list":
                return _list(command, database)
            return _remove(command, database, args.name)
    except command.store_error as error:
        _say(f"tolk: error: {error}")
        return 1


def _say(line: str) -> None:
    print(printable(line), file=sys.stderr, flush=True)


def _waiting(message: str) -> None:
    _say(f"tolk: {message}")


def _import(command: ImportsCommand[Record], database: Imports[Record], files: list[Path]) -> int:
    failed = False
    for number, path in enumerate(files):
        try:
            record = database.import_file(path, on_wait=_waiting)
        except command.file_error as error:
            failed = True
            _say(f"tolk: error: {error}")
            continue
        except command.store_error as error:
            # The next file would meet the same full disk or busy database.
            left = files[number + 1 :]
            untried = f" Not imported either: {', '.join(str(p) for p in left)}." if left else ""
            _say(f"tolk: error: {error}{untried}")
            return 1
        print(command.imported(record, path))
    return 1 if failed else 0


def _list(command: ImportsCommand[Record], database: Imports[Record]) -> int:
    records = database.imports()
    if not records:
        name = command.whole.removeprefix("the ")
        print(f"The {name} is empty. Add files with `tolk {command.command} import FILE`.")
        return 0
    width = max(len(printable(record.name)) for record in records)
    for record in records:
        left_out = [f"{record.skipped:,} skipped"] if record.skipped else []
        left_out += [f"{record.too_long:,} too long"] if record.too_long else []
        skipped = f" ({', '.join(left_out)})" if left_out else ""
        print(
            f"{printable(record.name):<{width}}  {command.size(record)}{skipped}  "
            f"{record.format}  {record.imported}"
        )
    return 0


def _remove(command: ImportsCommand[Record], database: Imports[Record], name: str) -> int:
    if database.remove(name, on_wait=_waiting):
        print(f"Removed {printable(name)} from {command.whole}")
        return 0
    _say(f"tolk: error: no {command.one} called {name} (see `tolk {command.command} list`)")
    return 1
