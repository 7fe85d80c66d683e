"""What reading a glossary file yields and how much it may hold: the terms, the counts, the
limits. The readers are `tolk.glossary.delimited` (tab- or comma-separated, OmegaT's glossary)
and `tolk.glossary.tbx`; `tolk.glossary.reading` picks one.

A glossary file is untrusted input. Whatever it holds, reading it keeps at most one line (or
one TBX concept entry) in memory: a term longer than `Limits.term_chars` is skipped and counted,
a line longer than `Limits.line_bytes` refuses the file, and XML is read as the memory's TMX
is (`tolk.memory.tmx`: entities refused, nesting and tag sizes bounded).

Nothing here touches the glossary database: `tolk.glossary.database` feeds these terms into
one transaction and rolls it back when reading fails.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GlossaryFileError", "GlossaryTerm", "Limits", "ReadCounts"]


class GlossaryFileError(Exception):
    """A file could not be read as a glossary; the message names the file and, where known,
    the line, and says that nothing was imported."""


@dataclass(frozen=True)
class Limits:
    """How much of a glossary file reading may hold at once. The defaults are for real files;
    tests pass small ones to reach each limit with a small file."""

    # A term is a word or a phrase; past this (whitespace normalised) it is no term: skipped
    # and counted, its text dropped as it is read.
    term_chars: int = 300
    # A line of a tab- or comma-separated glossary is a term, its English and a comment: one
    # past this many bytes refuses the file (it is not a glossary, or it is damaged).
    line_bytes: int = 100_000
    # Terms in one language of one TBX concept entry; an entry with more is skipped and counted.
    entry_terms: int = 1_000
    # A comment (OmegaT's third column) past this is cut.
    note_chars: int = 1_000
    # As for TMX (tolk.memory.units.Limits): nesting, distinct names, one tag's bytes.
    xml_depth: int = 100
    xml_names: int = 10_000
    xml_token_bytes: int = 1_000_000


@dataclass(frozen=True)
class GlossaryTerm:
    """One Norwegian term (a word or a phrase) and its accepted English renderings."""

    source: str
    renderings: tuple[str, ...]
    note: str | None = None


@dataclass
class ReadCounts:
    """What reading a file found besides the terms it yielded."""

    skipped: int = 0  # rows or entries without both a Norwegian term and an English one
    too_long: int = 0  # terms over Limits.term_chars, entries over Limits.entry_terms
    format: str = ""  # "tsv", "csv", "omegat" or "tbx"
