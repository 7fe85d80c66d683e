"""Tell the user plainly when tolk's environment lacks a package it needs.

tolk is installed without argostranslate's sentence splitters (stanza, spaCy, minisbd) and their
torch; an environment made some other way can also end up without ctranslate2 or sentencepiece.
The entry point checks here first, so the user reads what is missing and how to install it rather
than an ImportError traceback from deep inside a worker.
"""

from __future__ import annotations

import importlib.util

# Top-level module -> the distribution that provides it, for every command.
RUNTIME: dict[str, str] = {
    "argostranslate": "argostranslate",
    "ctranslate2": "ctranslate2",
    "sentencepiece": "sentencepiece",
    "packaging": "packaging",
    "platformdirs": "platformdirs",
    "tomlkit": "tomlkit",
    "dateutil": "python-dateutil",
    "snowballstemmer": "snowballstemmer",
    "defusedxml": "defusedxml",
    "rapidfuzz": "rapidfuzz",
    "spellchecker": "pyspellchecker",
    "py3langid": "py3langid",
}
FETCH: dict[str, str] = {
    "feedparser": "feedparser",
    "trafilatura": "trafilatura",
    "defusedxml": "defusedxml",
    "charset_normalizer": "charset-normalizer",
    "urllib3": "urllib3",
}
READER: dict[str, str] = {"textual": "textual", **FETCH}
SERVE: dict[str, str] = {"textual_serve": "textual-serve"}

HOW_TO_INSTALL = (
    "Install tolk with its dependencies: in a checkout, `make setup` (or `make run`); elsewhere, "
    "`uv tool install --excludes excludes.txt tolk-<version>-py3-none-any.whl` "
    '(README, "Installing the tolk command").'
)


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def missing(modules: dict[str, str]) -> list[str]:
    """The distributions whose modules cannot be found (found by spec, nothing is imported)."""
    return [dist for module, dist in modules.items() if not _importable(module)]


def missing_message(distributions: list[str]) -> str:
    names = ", ".join(distributions)
    return f"tolk: this Python environment lacks {names}, which tolk needs.\n{HOW_TO_INSTALL}"


def import_error_message(error: ImportError) -> str:
    """For a package that is present but fails to import (a broken or mismatched build)."""
    what = error.name or "a dependency"
    first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
    return (
        f"tolk: {what} is installed but cannot be imported ({first_line}).\n"
        f"Reinstalling usually fixes it. {HOW_TO_INSTALL}"
    )


def is_own_module(name: str | None) -> bool:
    """True for tolk's own packages: an ImportError there is a bug, to be shown as one."""
    return name is not None and name.split(".")[0] in {"tolk", "translation", "tui"}
