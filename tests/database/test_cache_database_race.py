"""The cache database shared by the search index, hit counts and look counts: the reader opens
it from several workers at the same moment on a first start, and none of them may take that for
damage (a damaged file is moved aside and the user warned)."""

from __future__ import annotations

import threading
from pathlib import Path

from tolk.database.cache_database import open_cache_database

COMPONENTS = 6


def open_at_once(path: Path) -> tuple[list[str | None], list[BaseException]]:
    """Every component opens a brand-new file at the same moment; their warnings and errors."""
    barrier = threading.Barrier(COMPONENTS)
    warnings: list[str | None] = []
    errors: list[BaseException] = []

    def open_one(number: int) -> None:
        schema = f"CREATE TABLE IF NOT EXISTS table_{number} (key TEXT PRIMARY KEY, value TEXT);"
        barrier.wait()
        try:
            connection, warning = open_cache_database(
                path, f"component_{number}", 1, schema, [f"table_{number}"]
            )
            connection.close()
            warnings.append(warning)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=open_one, args=(n,)) for n in range(COMPONENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return warnings, errors


def test_components_opening_a_new_file_at_once_see_no_damage(tmp_path: Path) -> None:
    # Before openings took turns, one in a few rounds moved the file aside as "damaged
    # (database is locked)".
    for attempt in range(30):
        warnings, errors = open_at_once(tmp_path / f"cache-{attempt}.sqlite")
        assert errors == []
        assert warnings == [None] * COMPONENTS, warnings
    assert [p.name for p in tmp_path.iterdir() if "damaged" in p.name] == []
