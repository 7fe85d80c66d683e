"""Reading a memory file: TMX 1.4 or tolk's own JSON export, told apart by the first byte."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tolk.memory.json_export import json_units
from tolk.memory.tmx import tmx_units
from tolk.memory.units import Limits, MemoryFileError, MemoryUnit, ReadCounts

__all__ = ["read_units"]


def read_units(
    path: Path, counts: ReadCounts, limits: Limits | None = None
) -> Iterator[MemoryUnit]:
    """The file's nb→en units, as they are read. Raises MemoryFileError (file and line) when
    the file is not a TMX or tolk JSON export, or is malformed or hostile."""
    limits = limits or Limits()
    try:
        stream = path.open("rb")
    except OSError as error:
        raise MemoryFileError(f"{path}: {error.strerror or error}") from error
    with stream:
        if _looks_like_json(stream):
            counts.format = "json"
            yield from json_units(path, stream, counts, limits)
        else:
            yield from tmx_units(path, stream, counts, limits)


def _looks_like_json(stream: BinaryIO) -> bool:
    head = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    stream.seek(0)
    return head[:1] in (b"{", b"[")
