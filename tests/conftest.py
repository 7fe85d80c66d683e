"""Shared fixtures: no test touches the real home directory or the network."""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

# argostranslate reads its directories from the environment once, at import, and creates them:
# point them at a throwaway folder before anything imports it. (Each test then gets its own
# folders through `isolated_home`; tolk resolves them at call time.)
_IMPORT_HOME = Path(tempfile.mkdtemp(prefix="tolk-tests-"))
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = str(_IMPORT_HOME / _name.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(_IMPORT_HOME / "argos-packages")

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


def seed_text() -> str:
    """Both seeds, the text the test tokenizers are trained on."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


@pytest.fixture(scope="session")
def copy_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real nb→en .argosmodel whose model copies its input (built once per run)."""
    from translation.copy_model import TINY, build_copy_package

    return build_copy_package(tmp_path_factory.mktemp("copy-model"), seed_text(), size=TINY)


@pytest.fixture(scope="session")
def copy_package(copy_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The copy model unpacked and loaded as an argostranslate Package."""
    from argostranslate.package import Package

    target = tmp_path_factory.mktemp("copy-package")
    with zipfile.ZipFile(copy_archive) as archive:
        archive.extractall(target)
    (folder,) = target.iterdir()
    return Package(folder)


@pytest.fixture
def installed_copy_model(copy_package: Any) -> Path:
    """The copy model installed in this test's ARGOS_PACKAGES_DIR, as an install would leave it."""
    target = Path(os.environ["ARGOS_PACKAGES_DIR"]) / Path(copy_package.package_path).name
    shutil.copytree(copy_package.package_path, target)
    return target
