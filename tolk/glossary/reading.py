"""Reading a glossary file: TBX (XML) or tab- or comma-separated, told apart by the first
character that is not a BOM or whitespace."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tolk.glossary.delimited import delimited_terms
from tolk.glossary.entries import GlossaryFileError, GlossaryTerm, Limits, ReadCounts
from tolk.glossary.tbx import tbx_terms

__all__ = ["read_terms"]


def read_terms(
    path: Path, counts: ReadCounts, limits: Limits | None = None
) -> Iterator[GlossaryTerm]:
    """The file's nb→en terms, as they are read. Raises GlossaryFileError (file and line) when
    the file is no glossary tolk reads, or is malformed or hostile."""
    limits = limits or Limits()
    try:
        # Before opening: opening a named pipe would wait for a writer for ever.
        if path.exists() and not path.is_file():
            raise GlossaryFileError(f"{path}: not a regular file; nothing was imported")
        stream = path.open("rb")
    except OSError as error:
        raise GlossaryFileError(
            f"{path}: {error.strerror or error}; nothing was imported"
        ) from error
    with stream:
        if _looks_like_xml(stream):
            yield from tbx_terms(path, stream, counts, limits)
        else:
            yield from delimited_terms(path, stream, counts, limits)


def _looks_like_xml(stream: BinaryIO) -> bool:
    head = stream.read(256)
    stream.seek(0)
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            head = head[len(bom) :].decode(encoding, "ignore").encode("utf-8")
            break
    return head.lstrip(b" \t\r\n")[:1] == b"<"
