"""A throwaway home for benchmark processes, so no benchmark reads or writes the user's store,
config, translation cache or installed models."""

from __future__ import annotations

import os
from pathlib import Path

# Every variable tolk, platformdirs or argostranslate resolves a per-user path from.
_DIRS = {
    "HOME": "home",
    "XDG_DATA_HOME": "data",
    "XDG_CONFIG_HOME": "config",
    "XDG_CACHE_HOME": "cache",
    "XDG_STATE_HOME": "state",
    "XDG_RUNTIME_DIR": "runtime",
    "ARGOS_PACKAGES_DIR": "argos-packages",
}


def temporary_home(root: Path) -> dict[str, str]:
    """The current environment with every per-user directory moved under `root` (created)."""
    env = dict(os.environ)
    for name, sub in _DIRS.items():
        path = root / sub
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        env[name] = str(path)
    # Snap installs add read-only package folders; a benchmark sees only its own packages.
    env.pop("SNAP", None)
    return env


def enter_temporary_home(root: Path) -> None:
    """Move this process (and the children it starts) into a temporary home under `root`."""
    env = temporary_home(root)
    os.environ.clear()
    os.environ.update(env)
