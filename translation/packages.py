"""Installed Argos Translate packages: finding, installing from a file and removing them.

The packages dir is worked out on every call (:mod:`translation.argos_dirs`) and folders are
handed to ``argostranslate.package.Package`` directly.  argos' own ``install_from_path`` unzips
straight into the packages dir without checks (a bad archive leaves half a package behind) and
imports the slow ``argostranslate.translate``; installs here are checked first
(:mod:`translation.package_archive`), unpacked in a hidden staging folder, loaded, and renamed
into place.  Nothing here uses the network: the package index and downloads are in
:mod:`translation.package_index`, which builds on this module (never the other way round).
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import packaging.version

from translation.argos_dirs import argos_folders_error, package_dirs, packages_dir
from translation.hidden_folders import clear_stale_leftovers, hidden_folder
from translation.package_archive import TOKENIZER_FILES, ZIP_ERRORS, check_archive, parse_metadata
from translation.package_error import PackageError, first_line

# argostranslate makes its data, config and cache folders as it is imported: when one cannot be
# made, what the user needs is that folder's name, not a traceback.
try:
    from argostranslate.package import Package, package_lock
except OSError as error:
    raise argos_folders_error(error) from error

# PackageError, packages_dir and package_dirs are re-exported: callers know them from here.
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
    "version_key",
]


@dataclass(frozen=True)
class BrokenPackage:
    """A folder in a packages dir that is not a usable package, and why."""

    path: Path
    reason: str


# Installed packages ---------------------------------------------------------------------------


def _load_folder(folder: Path) -> Package:
    """The package in an installed folder, or PackageError saying what is wrong with it."""
    try:
        parse_metadata((folder / "metadata.json").read_bytes())
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


def version_key(version: object) -> packaging.version.Version:
    """A package version for comparing; one that does not parse counts as the oldest."""
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
    return max(matches, key=lambda package: version_key(package.package_version))


def package_name(package: Package) -> str:
    """The argospm name of a package, e.g. ``translate-nb_en``."""
    code = getattr(package, "code", None)
    if isinstance(code, str) and code:
        return code
    return f"{getattr(package, 'type', 'translate')}-{package.from_code}_{package.to_code}"


# Installing from a file -----------------------------------------------------------------------


def _check_loads(folder: Path) -> Package:
    """Load the staged package's model and tokenizer and translate one word with them."""
    import ctranslate2  # Imported here: listing packages must not pay for it.

    # Any exception counts: these libraries raise RuntimeError, ValueError, OSError and more
    # on files they cannot read, and the files are untrusted.
    try:
        translator = ctranslate2.Translator(str(folder / "model"), device="cpu", intra_threads=1)
    except Exception as error:
        raise PackageError(f"the model does not load ({first_line(error)})") from None
    try:
        package = Package(folder)
        tokens = package.tokenizer.encode("hei")
        translator.translate_batch([tokens], beam_size=1, max_decoding_length=4)
    except Exception as error:
        raise PackageError(f"the model or tokenizer does not work ({first_line(error)})") from None
    return package


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
            top = check_archive(zipped)
            destination.mkdir(parents=True, exist_ok=True)
            clear_stale_leftovers(destination)
            needed = sum(info.file_size for info in zipped.infolist())
            free = shutil.disk_usage(destination).free
            if needed > free:
                raise PackageError(
                    f"unpacking needs {format_size(needed)} but {destination} "
                    f"has {format_size(free)} free"
                )
            with hidden_folder(destination, "install") as staging:
                zipped.extractall(staging)
                package = _check_loads(staging / top)
                return _move_into_place(staging / top, destination, package)
    except ZIP_ERRORS as error:
        raise PackageError(f"the archive is damaged ({first_line(error)})") from None
    except OSError as error:
        raise PackageError(f"{error.strerror or error} ({error.filename or destination})") from None


def _move_into_place(staged: Path, destination: Path, package: Package) -> Package:
    """Rename the validated folder into ``destination``; older folders of the same language
    pair (or of the same name) are renamed aside first and then deleted."""
    target = destination / staged.name
    with package_lock, hidden_folder(destination, "replaced") as graveyard:
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
        with package_lock, hidden_folder(destination, "removed") as graveyard:
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
