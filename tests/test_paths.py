"""`tolk.paths.data_file_exists`: "not saved yet" told apart from "its folder cannot be used".

(A folder that cannot be read is in tests/cli/test_data_folder.py: root reads any folder, and
only a command started without that power meets the mode.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tolk.paths import DataFolderError, data_file_exists


def test_a_file_that_is_there(tmp_path: Path) -> None:
    path = tmp_path / "data" / "tolk.sqlite"
    path.parent.mkdir()
    path.write_bytes(b"")
    assert data_file_exists(path)


def test_nothing_saved_yet_is_no_problem(tmp_path: Path) -> None:
    assert not data_file_exists(tmp_path / "data" / "tolk" / "tolk.sqlite")
    (tmp_path / "data").mkdir()
    assert not data_file_exists(tmp_path / "data" / "tolk.sqlite")


@pytest.mark.parametrize("depth", [1, 2], ids=["its folder", "a folder above"])
def test_a_file_where_a_folder_should_be(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "data" / "tolk" / "tolk.sqlite"
    blocker = path.parents[depth - 1]
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("not a folder")
    with pytest.raises(DataFolderError) as raised:
        data_file_exists(path)
    assert str(raised.value) == (
        f"{blocker} is a file, not a folder: move it away, or set XDG_DATA_HOME to a folder "
        "of your own"
    )


def test_a_link_to_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "tolk"
    folder.symlink_to(tmp_path / "unmounted" / "tolk")
    with pytest.raises(DataFolderError) as raised:
        data_file_exists(folder / "tolk.sqlite")
    assert str(raised.value).startswith(
        f"{folder} is a link to {tmp_path / 'unmounted' / 'tolk'}, which does not exist"
    )


def test_a_link_loop(tmp_path: Path) -> None:
    folder = tmp_path / "tolk"
    folder.symlink_to(folder)
    with pytest.raises(DataFolderError) as raised:
        data_file_exists(folder / "tolk.sqlite")
    assert str(raised.value).startswith(f"{folder} is a symbolic link loop")


def test_a_database_that_is_a_link_to_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tolk.sqlite"
    path.symlink_to(tmp_path / "gone.sqlite")
    with pytest.raises(DataFolderError, match="is a link to"):
        data_file_exists(path)
