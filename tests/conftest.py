"""Shared fixtures: no test touches the real home directory or the network."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every per-user directory tolk and argostranslate use at a temp folder."""
    home = tmp_path / "home"
    for name, sub in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("ARGOS_PACKAGES_DIR", "argos-packages"),
    ]:
        path = home / sub
        path.mkdir(parents=True)
        monkeypatch.setenv(name, str(path))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seed articles, for tests that add or change files."""
    target = tmp_path / "library"
    shutil.copytree(SEEDS, target)
    return target


def seed_paragraph_count(path: Path) -> int:
    """Count paragraphs straight from the file: blocks separated by blank lines."""
    text = path.read_text(encoding="utf-8")
    return len([block for block in text.split("\n\n") if block.strip()])
