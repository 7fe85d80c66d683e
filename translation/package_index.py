"""The Argos package index and downloads: fetching (and caching) the index, and installing
the newest package for a language pair from it.

Downloads go to a hidden folder in tolk's cache dir and are installed with
:func:`translation.packages.install_from_file`, which validates them.  Only :func:`fetch_index`
and :func:`install_from_index` use the network.
"""

from __future__ import annotations

import http.client
import json
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import platformdirs

from translation.argos_dirs import argos_folders_error, argos_setting
from translation.hidden_folders import hidden_folder
from translation.package_error import PackageError, first_line
from translation.packages import format_size, install_from_file, version_key

# argostranslate makes its data, config and cache folders as it is imported: when one cannot be
# made, what the user needs is that folder's name, not a traceback.
try:
    from argostranslate.package import Package
except OSError as error:
    raise argos_folders_error(error) from error

__all__ = [
    "DEFAULT_INDEX_URL",
    "AvailablePackageInfo",
    "InstallCancelled",
    "cached_index",
    "fetch_index",
    "index_cache_file",
    "index_url",
    "install_from_index",
]

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
_CHUNK_BYTES = 64 * 1024
_MAX_INDEX_BYTES = 32 * 1024 * 1024
_USER_AGENT = "tolk (argos-translate package installer)"
_NETWORK_ERRORS = (OSError, http.client.HTTPException)


class InstallCancelled(PackageError):
    """The caller cancelled :func:`install_from_index`."""


@dataclass(frozen=True)
class AvailablePackageInfo:
    """One package listed in the Argos package index."""

    code: str
    package_version: str
    from_code: str
    from_name: str
    to_code: str
    to_name: str
    links: tuple[str, ...]


def index_url() -> str:
    """The index URL: ``ARGOS_PACKAGE_INDEX`` (a base URL, as for argos, or a .json URL),
    argos' settings.json, or argos' default."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX") or argos_setting("ARGOS_PACKAGE_INDEX")
    if not base:
        return DEFAULT_INDEX_URL
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def index_cache_file() -> Path:
    """Where the last fetched index is kept, for listing available packages offline."""
    return Path(platformdirs.user_cache_dir("tolk", appauthor=False)) / "index.json"


def _parse_index(entries: object) -> list[AvailablePackageInfo]:
    if not isinstance(entries, list):
        raise ValueError("not a JSON list")
    available = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        fields = {key: entry.get(key) for key in ("from_code", "to_code", "package_version")}
        links = entry.get("links")
        if not all(isinstance(value, str) for value in fields.values()) or not isinstance(
            links, list
        ):
            continue  # Skip what we cannot use rather than reject the whole index.
        from_code, to_code = str(fields["from_code"]), str(fields["to_code"])
        code = entry.get("code")
        available.append(
            AvailablePackageInfo(
                code=code if isinstance(code, str) and code else f"translate-{from_code}_{to_code}",
                package_version=str(fields["package_version"]),
                from_code=from_code,
                from_name=str(entry.get("from_name") or from_code),
                to_code=to_code,
                to_name=str(entry.get("to_name") or to_code),
                links=tuple(link for link in links if isinstance(link, str)),
            )
        )
    return available


def _describe(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return parts.netloc or url


def _network_reason(error: BaseException) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return first_line(reason) if isinstance(reason, BaseException) else str(reason)


def _open_url(url: str, timeout: float, what: str) -> http.client.HTTPResponse:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https", "file"):
        raise PackageError(f"The {what} URL {url!r} is not an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        response: http.client.HTTPResponse = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        raise PackageError(
            f"The {what} at {_describe(url)} answered HTTP {error.code} {error.reason}"
        ) from None
    except (*_NETWORK_ERRORS, ValueError) as error:
        raise PackageError(
            f"Could not reach the {what} at {_describe(url)} ({_network_reason(error)}): "
            "check your network connection"
        ) from None
    return response


def fetch_index(timeout: float = 30) -> list[AvailablePackageInfo]:
    """Download the package index (network) and keep a copy for :func:`cached_index`."""
    url = index_url()
    with _open_url(url, timeout, "model index") as response:
        try:
            raw = response.read(_MAX_INDEX_BYTES + 1)
        except _NETWORK_ERRORS as error:
            raise PackageError(
                f"Could not read the model index from {_describe(url)} "
                f"({_network_reason(error)}): check your network connection"
            ) from None
    try:
        if len(raw) > _MAX_INDEX_BYTES:
            raise ValueError("too large")
        entries = json.loads(raw.decode("utf-8"))
        available = _parse_index(entries)
    except ValueError as error:
        raise PackageError(f"The model index at {url} is not valid ({error})") from None
    _write_atomically(index_cache_file(), json.dumps(entries, indent=1).encode("utf-8"))
    return available


def _write_atomically(path: Path, data: bytes) -> None:
    # The cache only saves a later fetch, so failing to write it is not an error.
    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".index-", delete=False) as tmp:
            tmp.write(data)
        try:
            os.replace(tmp.name, path)
        except OSError:
            os.unlink(tmp.name)


def cached_index() -> list[AvailablePackageInfo] | None:
    """The index as last fetched, or None if it never was (or the copy is unreadable)."""
    try:
        return _parse_index(json.loads(index_cache_file().read_bytes().decode("utf-8")))
    except (OSError, ValueError):
        return None


def _newest_available(
    available: list[AvailablePackageInfo], from_code: str, to_code: str
) -> AvailablePackageInfo | None:
    matches = [
        entry
        for entry in available
        if entry.from_code == from_code and entry.to_code == to_code and entry.links
    ]
    return max(matches, key=lambda entry: version_key(entry.package_version), default=None)


def install_from_index(
    from_code: str = "nb",
    to_code: str = "en",
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    timeout: float = 30,
) -> Package:
    """Download the newest ``from_code`` → ``to_code`` package in the index and install it.

    ``progress(bytes_done, total_or_None)`` is called as the download goes; when
    ``cancelled()`` turns true the download stops with :class:`InstallCancelled`.
    """
    entry = _newest_available(fetch_index(timeout), from_code, to_code)
    if entry is None:
        raise PackageError(f"The model index has no {from_code}→{to_code} package")
    downloads = Path(platformdirs.user_cache_dir("tolk", appauthor=False)) / "downloads"
    try:
        downloads.mkdir(parents=True, exist_ok=True)
        with hidden_folder(downloads, "download") as folder:
            archive = folder / f"{entry.code}-{entry.package_version}.argosmodel"
            errors = []
            for link in entry.links:  # Mirrors, in the index's order of preference.
                try:
                    with archive.open("wb") as file:
                        _download(link, file, timeout, progress, cancelled)
                    break
                except InstallCancelled:
                    raise
                except PackageError as error:
                    errors.append(str(error))
            else:
                raise PackageError(errors[0])
            if cancelled():
                raise InstallCancelled("Model installation cancelled")
            return install_from_file(archive)
    except OSError as error:
        raise PackageError(f"Cannot save the download ({error.strerror or error})") from None


def _download(
    url: str,
    file: IO[bytes],
    timeout: float,
    progress: Callable[[int, int | None], None] | None,
    cancelled: Callable[[], bool],
) -> None:
    with _open_url(url, timeout, "model download") as response:
        length = response.headers.get("Content-Length", "")
        total = int(length) if length.isdigit() else None
        done = 0
        if progress is not None:
            progress(done, total)
        while True:
            if cancelled():
                raise InstallCancelled("Model installation cancelled")
            try:
                chunk = response.read(_CHUNK_BYTES)
            except _NETWORK_ERRORS as error:
                raise PackageError(
                    f"The download from {_describe(url)} failed ({_network_reason(error)}): "
                    "check your network connection"
                ) from None
            if not chunk:
                break
            file.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    if total is not None and done != total:
        raise PackageError(
            f"The download from {_describe(url)} was cut short "
            f"({format_size(done)} of {format_size(total)})"
        )
