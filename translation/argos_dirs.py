"""Where Argos Translate keeps its packages, worked out on every call.

argostranslate.settings reads its directories once, at import, so tolk follows the same rules
itself (``ARGOS_PACKAGES_DIR``, then argos' ``settings.json``, then
``$XDG_DATA_HOME/argos-translate/packages``) each time it looks, and a changed environment (or a
test's temp dir) takes effect at once.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

__all__ = [
    "ArgosFoldersError",
    "argos_folders_error",
    "argos_setting",
    "package_dirs",
    "packages_dir",
]

# Where argostranslate.settings makes its folders as it is imported, by the variable that moves
# each (and the default under the home folder).
_ARGOS_FOLDERS = {
    "XDG_DATA_HOME": (".local", "share"),
    "XDG_CONFIG_HOME": (".config",),
    "XDG_CACHE_HOME": (".local", "cache"),
}


class ArgosFoldersError(Exception):
    """argostranslate could not make its folders (it makes them as it is imported, so nothing of
    it can be used); the message names the folder and what to do."""


def argos_folders_error(error: OSError) -> ArgosFoldersError:
    """What to tell the user when importing argostranslate failed with `error`."""
    folder = os.fsdecode(error.filename) if error.filename is not None else "its folder"
    variables = [
        variable
        for variable, default in _ARGOS_FOLDERS.items()
        if folder.startswith(str(_xdg_dir(variable, *default)))
    ]
    variable = variables[0] if variables else "XDG_DATA_HOME"
    return ArgosFoldersError(
        f"Argos Translate, which tolk translates with, cannot make its folder {folder} "
        f"({error.strerror or error}): make {Path(folder).parent} a folder you can write to, "
        f"or set {variable} to one."
    )


def _home() -> Path:
    snap_data = os.environ.get("SNAP_USER_DATA")
    return Path(snap_data) if "SNAP" in os.environ and snap_data else Path.home()


def _xdg_dir(variable: str, *default: str) -> Path:
    value = os.environ.get(variable)
    return Path(value) if value else _home().joinpath(*default)


def argos_setting(key: str) -> str | None:
    """A value from argos' settings.json (fail-soft: a broken file counts as empty)."""
    import json  # here: the reader imports this module at its start, which reads no JSON

    settings_file = _xdg_dir("XDG_CONFIG_HOME", ".config") / "argos-translate" / "settings.json"
    try:
        settings = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = settings.get(key) if isinstance(settings, dict) else None
    return value if isinstance(value, str) and value else None


def packages_dir() -> Path:
    """The user's packages dir, where installs go (it may not exist yet)."""
    configured = os.environ.get("ARGOS_PACKAGES_DIR") or argos_setting("ARGOS_PACKAGES_DIR")
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
