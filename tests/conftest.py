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

# The real dictionary's fixtures (prepared once per session, only when a test asks for it).
pytest_plugins = ["tests.support.dictionary"]

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


def unpack_package(archive: Path, target: Path) -> Any:
    """Unzip an .argosmodel into `target` and load it as an argostranslate Package."""
    from argostranslate.package import Package

    with zipfile.ZipFile(archive) as opened:
        opened.extractall(target)
    (folder,) = target.iterdir()
    return Package(folder)


def install_package(package: Any) -> Path:
    """Copy a package into this test's ARGOS_PACKAGES_DIR, as an install would leave it."""
    target = Path(os.environ["ARGOS_PACKAGES_DIR"]) / Path(package.package_path).name
    shutil.copytree(package.package_path, target)
    return target


@pytest.fixture(scope="session")
def copy_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real nb→en .argosmodel whose model copies its input (built once per run)."""
    from translation.copy_model import TINY, build_copy_package

    return build_copy_package(tmp_path_factory.mktemp("copy-model"), seed_text(), size=TINY)


@pytest.fixture(scope="session")
def copy_package(copy_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The copy model unpacked and loaded as an argostranslate Package."""
    return unpack_package(copy_archive, tmp_path_factory.mktemp("copy-package"))


@pytest.fixture
def installed_copy_model(copy_package: Any) -> Path:
    """The copy model installed in this test's ARGOS_PACKAGES_DIR, as an install would leave it."""
    return install_package(copy_package)


@pytest.fixture(scope="session")
def cipher_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real nb→en .argosmodel whose English is `cipher_text(Norwegian)` (built once per run).

    It has the copy model's package name and version, so the two never sit side by side."""
    from translation.cipher_model import build_cipher_package
    from translation.copy_model import TINY

    return build_cipher_package(tmp_path_factory.mktemp("cipher-model"), seed_text(), size=TINY)


@pytest.fixture(scope="session")
def cipher_package(cipher_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The cipher model unpacked and loaded as an argostranslate Package."""
    return unpack_package(cipher_archive, tmp_path_factory.mktemp("cipher-package"))


@pytest.fixture
def installed_cipher_model(cipher_package: Any) -> Path:
    """The cipher model installed in this test's ARGOS_PACKAGES_DIR: what tolk translates with,
    its English is `translation.cipher_model.cipher_text` of the Norwegian."""
    return install_package(cipher_package)


@pytest.fixture(scope="session")
def prefixed_cipher_package(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A cipher package whose metadata has a `target_prefix` ("__en__"), as multilingual Argos
    packages do: the decoder starts with that token and the English must not show it."""
    from translation.cipher_model import build_cipher_package
    from translation.copy_model import TINY

    archive = build_cipher_package(
        tmp_path_factory.mktemp("prefixed-model"), seed_text(), size=TINY, target_prefix="__en__"
    )
    return unpack_package(archive, tmp_path_factory.mktemp("prefixed-package"))
