"""Checking an ``.argosmodel`` archive before anything is extracted from it: its layout, its
members (no path may escape the package folder, no links or special files) and its metadata.

The archive is untrusted input; the checks read only the zip's directory and metadata.json.
"""

from __future__ import annotations

import json
import stat
import zipfile
import zlib
from typing import Any

from translation.package_error import PackageError

__all__ = ["TOKENIZER_FILES", "ZIP_ERRORS", "check_archive", "parse_metadata"]

TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
_MAX_METADATA_BYTES = 1024 * 1024
# What zipfile (and zlib under it) raise on a damaged archive.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


def parse_metadata(raw: bytes) -> dict[str, Any]:
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


def check_archive(archive: zipfile.ZipFile) -> str:
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
    parse_metadata(archive.read(metadata_info))
    if not any(name.startswith("model/") for name in contents):
        raise PackageError(f"no model/ folder in {top}/ (the CTranslate2 model)")
    if "model/model.bin" not in contents:
        raise PackageError(f"no model/model.bin in {top}/")
    if not contents.intersection(TOKENIZER_FILES):
        raise PackageError(f"no tokenizer in {top}/ (sentencepiece.model or bpe.model)")
    return top
