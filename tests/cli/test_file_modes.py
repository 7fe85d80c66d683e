"""Files tolk writes for the user get the mode a new file would get (the umask's), and a file it
rewrites keeps its mode: exports, bookmark exports and config.toml, on real files."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tolk.cli import main
from tolk.config import save_setting, write_atomically

SEED = SEEDS / "000_4a397d34e890302c.txt"


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the process umask after a test that sets its own."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder of the test's own (tmp_path also holds the isolated home)."""
    path = tmp_path / "files"
    path.mkdir()
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_file_gets_the_umask_mode(folder: Path, mask: int, expected: int) -> None:
    os.umask(mask)
    target = folder / "new.md"
    write_atomically(target, "text")
    assert target.read_text(encoding="utf-8") == "text"
    assert mode(target) == expected
    assert [p.name for p in folder.iterdir()] == ["new.md"]  # no temp file left


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("existing", [0o600, 0o640, 0o664, 0o604])
def test_a_rewritten_file_keeps_its_mode(tmp_path: Path, existing: int) -> None:
    target = tmp_path / "kept.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(existing)
    write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert mode(target) == existing


@pytest.mark.usefixtures("umask")
def test_config_rewrite_keeps_a_private_config_private(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('# mine\ntheme = "nord"\n', encoding="utf-8")
    config.chmod(0o600)
    save_setting("theme", "dracula", config)
    assert mode(config) == 0o600
    assert config.read_text(encoding="utf-8") == '# mine\ntheme = "dracula"\n'


@pytest.mark.usefixtures("umask")
def test_a_new_config_gets_the_umask_mode(tmp_path: Path) -> None:
    config = tmp_path / "sub" / "config.toml"
    save_setting("theme", "nord", config)
    assert mode(config) == 0o644


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(
    "argv",
    [["export", str(SEED), "--format", "md"], ["bookmarks", "export", "--format", "json"]],
    ids=["export", "bookmarks-export"],
)
def test_exports_are_readable_by_others_under_umask_022(
    tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "shared" / "export.out"
    target.parent.mkdir()
    assert main([*argv, "-o", str(target)]) == 0, capsys.readouterr().err
    assert target.stat().st_size > 0
    assert mode(target) == 0o644


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = folder / "kept.md"
    target.write_text("old", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in folder.iterdir()] == ["kept.md"]
