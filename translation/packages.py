"""Installed Argos Translate packages: finding, installing from a file and removing them.

argostranslate.settings reads its directories once, at import, so this module works out the
packages dir itself on every call, by the same rules (``ARGOS_PACKAGES_DIR``, then argos'
``settings.json``, then ``$XDG_DATA_HOME/argos-translate/packages``), and hands folders to
``argostranslate.package.Package`` directly.  argos' own ``install_from_path`` unzips straight
into the packages dir without checks (a bad archive leaves half a package behind) and imports
the slow ``argostranslate.translate``; installs here are validated in a hidden staging folder
and renamed into place.  Nothing here uses the network: the package index and downloads are in
:mod:`translation.package_index`.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import packaging.version
from argostranslate.package import Package, package_lock

if TYPE_CHECKING:
    from translation.package_index import AvailablePackageInfo

__all__ = [
    "BrokenPackage",
    "PackageError",
    "find_package",
    "format_size",
    "install_from_file",
    "installed_packages",
    "package_dirs",
    "package_name",
    "packages_dir",
    "remove_package",
]

TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
# Staging and removal happen in hidden folders with this prefix; listings skip them.
_HIDDEN_PREFIX = ".tolk-"
# Leftovers of a killed install older than this are cleared by the next install.
_STALE_SECONDS = 24 * 3600
_MAX_METADATA_BYTES = 1024 * 1024
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


class PackageError(Exception):
    """A package could not be found, installed, removed or downloaded; the message is one line
    for the user."""


@dataclass(frozen=True)
class BrokenPackage:
    """A folder in a packages dir that is not a usable package, and why."""

    path: Path
    reason: str


# Directories ----------------------------------------------------------------------------------


def _home() -> Path:
    snap_data = os.environ.get("SNAP_USER_DATA")
    return Path(snap_data) if "SNAP" in os.environ and snap_data else Path.home()


def _xdg_dir(variable: str, *default: str) -> Path:
    value = os.environ.get(variable)
    return Path(value) if value else _home().joinpath(*default)


def _argos_setting(key: str) -> str | None:
    """A value from argos' settings.json (fail-soft: a broken file counts as empty)."""
    settings_file = _xdg_dir("XDG_CONFIG_HOME", ".config") / "argos-translate" / "settings.json"
    try:
        settings = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = settings.get(key) if isinstance(settings, dict) else None
    return value if isinstance(value, str) and value else None


def packages_dir() -> Path:
    """The user's packages dir, where installs go (it may not exist yet)."""
    configured = os.environ.get("ARGOS_PACKAGES_DIR") or _argos_setting("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured)
    return _xdg_dir("XDG_DATA_HOME", ".local", "share") / "argos-translate" / "packages"


def package_dirs() -> list[Path]:
    """Every dir searched for packages: the user's, then read-only ones bundled with a snap."""
    dirs = [packages_dir()]
    snap = os.environ.get("SNAP")
    if snap:
        custom = Path(snap) / "snap_custom"
        dirs.append(custom / "packages")
        content = custom / "content_snap_packages"
        with suppress(OSError):
            dirs += sorted(path for path in content.iterdir() if path.is_dir())
    return [path for path in dirs if path.is_dir()] or dirs[:1]


# Installed packages ---------------------------------------------------------------------------


def _parse_metadata(raw: bytes) -> dict[str, Any]:
    """metadata.json as a dict with language codes, or PackageError with the reason."""
    try:
        metadata = json.loads(raw.decode("utf-8"))
    except ValueError as error:
        raise PackageError(f"metadata.json is not valid JSON ({error})") from None
    if not isinstance(metadata, dict):
        raise PackageError("metadata.json does not hold a JSON object")
    for key in ("from_code", "to_code"):
        if not isinstance(metadata.get(key), str) or not metadata[key]:
            raise PackageError(f"metadata.json has no {key}")
    return metadata


def _load_folder(folder: Path) -> Package:
    """The package in an installed folder, or PackageError saying what is wrong with it."""
    try:
        _parse_metadata((folder / "metadata.json").read_bytes())
    except FileNotFoundError:
        raise PackageError("no metadata.json") from None
    except OSError as error:
        raise PackageError(f"metadata.json is unreadable ({error.strerror})") from None
    if not (folder / "model" / "model.bin").is_file():
        raise PackageError("no model/model.bin (the CTranslate2 model)")
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        raise PackageError("no tokenizer (sentencepiece.model or bpe.model)")
    try:
        return Package(folder)
    except (OSError, ValueError, TypeError, AttributeError) as error:
        raise PackageError(f"argostranslate cannot read it ({error})") from None


def _package_folders(directory: Path) -> list[Path]:
    try:
        children = sorted(directory.iterdir())
    except OSError:
        return []
    return [path for path in children if not path.name.startswith(".") and path.is_dir()]


def installed_packages() -> tuple[list[Package], list[BrokenPackage]]:
    """The usable installed packages, and the folders skipped because they are damaged."""
    packages: list[Package] = []
    broken: list[BrokenPackage] = []
    for directory in package_dirs():
        for folder in _package_folders(directory):
            try:
                packages.append(_load_folder(folder))
            except PackageError as error:
                broken.append(BrokenPackage(folder, str(error)))
    return packages, broken


def _version_key(version: object) -> packaging.version.Version:
    try:
        return packaging.version.Version(str(version))
    except packaging.version.InvalidVersion:
        return packaging.version.Version("0")


def find_package(from_code: str = "nb", to_code: str = "en") -> Package | None:
    """The installed package translating ``from_code`` → ``to_code`` (the newest, if several)."""
    matches = [
        package
        for package in installed_packages()[0]
        if package.from_code == from_code and package.to_code == to_code
    ]
    if not matches:
        return None
    # max() keeps the first of equal versions: the user's dir wins over snap dirs.
    return max(matches, key=lambda package: _version_key(package.package_version))


def package_name(package: Package | AvailablePackageInfo) -> str:
    """The argospm name of a package, e.g. ``translate-nb_en``."""
    code = getattr(package, "code", None)
    if isinstance(code, str) and code:
        return code
    return f"{getattr(package, 'type', 'translate')}-{package.from_code}_{package.to_code}"


# Installing from a file -----------------------------------------------------------------------


def _unsafe_member(info: zipfile.ZipInfo) -> str | None:
    """Why an archive member may not be extracted, if it may not."""
    name = info.filename
    parts = name.rstrip("/").split("/")
    if name.startswith("/") or "\\" in name or ":" in parts[0]:
        return f"unsafe path {name!r}"
    if any(part in ("", ".", "..") for part in parts):
        return f"unsafe path {name!r}"
    file_type = stat.S_IFMT(info.external_attr >> 16)
    if file_type == stat.S_IFLNK:
        return f"symbolic link {name!r}"
    if file_type not in (0, stat.S_IFREG, stat.S_IFDIR):
        return f"special file {name!r}"
    return None


def _check_archive(archive: zipfile.ZipFile) -> str:
    """Check an archive's layout and metadata without extracting it; return its top folder."""
    infos = archive.infolist()
    if not infos:
        raise PackageError("the archive is empty")
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise PackageError("the archive lists a file twice")
    for info in infos:
        problem = _unsafe_member(info)
        if problem:
            raise PackageError(f"the archive holds a {problem}")
    tops = sorted({name.split("/")[0] for name in names})
    if len(tops) != 1:
        raise PackageError(f"the archive must hold one folder, not {len(tops)}: {', '.join(tops)}")
    top = tops[0]
    if top in names:
        raise PackageError(f"the archive must hold one folder, but {top!r} is a file")
    if top.startswith("."):
        raise PackageError(f"the package folder {top!r} is hidden")
    contents = {name[len(top) + 1 :] for name in names}
    metadata_info = archive.NameToInfo.get(f"{top}/metadata.json")
    if metadata_info is None:
        raise PackageError(f"no metadata.json in {top}/")
    if metadata_info.file_size > _MAX_METADATA_BYTES:
        raise PackageError("metadata.json is too large")
    _parse_metadata(archive.read(metadata_info))
    if not any(name.startswith("model/") for name in contents):
        raise PackageError(f"no model/ folder in {top}/ (the CTranslate2 model)")
    if "model/model.bin" not in contents:
        raise PackageError(f"no model/model.bin in {top}/")
    if not contents.intersection(TOKENIZER_FILES):
        raise PackageError(f"no tokenizer in {top}/ (sentencepiece.model or bpe.model)")
    return top


def _check_loads(folder: Path) -> Package:
    """Load the staged package's model and tokenizer and translate one word with them."""
    import ctranslate2  # Imported here: listing packages must not pay for it.

    # Any exception counts: these libraries raise RuntimeError, ValueError, OSError and more
    # on files they cannot read, and the files are untrusted.
    try:
        translator = ctranslate2.Translator(str(folder / "model"), device="cpu", intra_threads=1)
    except Exception as error:
        raise PackageError(f"the model does not load ({_first_line(error)})") from None
    try:
        package = Package(folder)
        tokens = package.tokenizer.encode("hei")
        translator.translate_batch([tokens], beam_size=1, max_decoding_length=4)
    except Exception as error:
        raise PackageError(f"the model or tokenizer does not work ({_first_line(error)})") from None
    return package


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


@contextmanager
def _hidden_folder(directory: Path, purpose: str) -> Iterator[Path]:
    """A hidden temp folder inside ``directory`` (same filesystem, so renames are atomic),
    removed with whatever is left in it."""
    folder = Path(tempfile.mkdtemp(prefix=f"{_HIDDEN_PREFIX}{purpose}-", dir=directory))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _clear_stale_leftovers(directory: Path) -> None:
    """Remove staging folders of installs that were killed long ago."""
    for path in directory.glob(f"{_HIDDEN_PREFIX}*"):
        with suppress(OSError):
            if time.time() - path.lstat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(path)


def _same_pair(package: Package, other: Package) -> bool:
    return (package.type, package.from_code, package.to_code) == (
        other.type,
        other.from_code,
        other.to_code,
    )


def install_from_file(archive: Path) -> Package:
    """Install an ``.argosmodel`` file (offline), replacing any installed package for the same
    language pair once the new one has loaded.  Nothing is left behind on failure."""
    archive = Path(archive)
    try:
        return _install_from_file(archive)
    except PackageError as error:
        raise PackageError(f"Cannot install {archive.name}: {error}") from None


def _install_from_file(archive: Path) -> Package:
    if not archive.is_file():
        raise PackageError("no such file")
    destination = packages_dir()
    try:
        zipped = zipfile.ZipFile(archive)
    except zipfile.BadZipFile:
        raise PackageError("not a zip archive (an .argosmodel file is a zip file)") from None
    except OSError as error:
        raise PackageError(f"cannot read it ({error.strerror or error})") from None
    try:
        with zipped:
            top = _check_archive(zipped)
            destination.mkdir(parents=True, exist_ok=True)
            _clear_stale_leftovers(destination)
            needed = sum(info.file_size for info in zipped.infolist())
            free = shutil.disk_usage(destination).free
            if needed > free:
                raise PackageError(
                    f"unpacking needs {format_size(needed)} but {destination} "
                    f"has {format_size(free)} free"
                )
            with _hidden_folder(destination, "install") as staging:
                zipped.extractall(staging)
                package = _check_loads(staging / top)
                return _move_into_place(staging / top, destination, package)
    except _ZIP_ERRORS as error:
        raise PackageError(f"the archive is damaged ({_first_line(error)})") from None
    except OSError as error:
        raise PackageError(f"{error.strerror or error} ({error.filename or destination})") from None


def _move_into_place(staged: Path, destination: Path, package: Package) -> Package:
    """Rename the validated folder into ``destination``; older folders of the same language
    pair (or of the same name) are renamed aside first and then deleted."""
    target = destination / staged.name
    with package_lock, _hidden_folder(destination, "replaced") as graveyard:
        replaced = [
            old.package_path
            for old in installed_packages()[0]
            if old.package_path.parent == destination and _same_pair(old, package)
        ]
        if target.exists() and target not in replaced:
            replaced.append(target)
        moved: list[Path] = []
        try:
            for old_path in replaced:
                old_path.rename(graveyard / str(len(moved)))
                moved.append(old_path)
            staged.rename(target)
        except OSError:
            # Put the old packages back: the user keeps a working install.
            for index, old_path in enumerate(moved):
                (graveyard / str(index)).rename(old_path)
            raise
    _forget_argos_language_cache()
    return Package(target)


def _forget_argos_language_cache() -> None:
    # argostranslate.translate caches the installed languages; clear it if it was imported
    # (importing it here would cost seconds).
    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        with suppress(AttributeError):
            translate.get_installed_languages.cache_clear()


def remove_package(name: str) -> list[Path]:
    """Remove the installed package(s) with this folder name or argospm name (e.g.
    ``translate-nb_en``: every version of it); return the removed folders."""
    destination = packages_dir()
    packages, broken = installed_packages()
    matches = [
        package.package_path
        for package in packages
        if name in (package.package_path.name, package_name(package))
    ] + [damaged.path for damaged in broken if damaged.path.name == name]
    if not matches:
        raise PackageError(f"No installed model package is called {name!r}")
    removable = [path for path in matches if path.parent == destination]
    if not removable:
        raise PackageError(f"{matches[0]} is a system package; tolk cannot remove it")
    try:
        with package_lock, _hidden_folder(destination, "removed") as graveyard:
            for index, path in enumerate(removable):
                path.rename(graveyard / str(index))
    except OSError as error:
        raise PackageError(f"Cannot remove {name}: {error.strerror or error}") from None
    _forget_argos_language_cache()
    return removable


def format_size(count: int) -> str:
    """A byte count for people: 812 B, 3.4 MB, 1.2 GB."""
    value = float(count)
    for unit in ("B", "kB", "MB"):
        if value < 1000:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"
