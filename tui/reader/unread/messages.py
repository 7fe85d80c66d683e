"""What the read-state jobs report: the articles read now, a marking made or undone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.reader.messages import ReaderMessage

if TYPE_CHECKING:
    from tolk.userdata.store import ReadMarking


@dataclass(eq=False)
class ReadMarks(ReaderMessage):
    """Every article read now (absolute paths), after a change: the list's `●` marks."""

    receivers = ("listing",)
    read: frozenset[Path]


@dataclass(eq=False)
class MarkedRead(ReaderMessage):
    """Mark all read is done: `marking` says which articles it marked (for its undo)."""

    receivers = ("unread",)
    marking: ReadMarking
    listed: int  # how many articles were listed, read already or not


@dataclass(eq=False)
class MarkingUndone(ReaderMessage):
    """The last mark all read was taken back: `count` articles are unread again."""

    receivers = ("unread",)
    count: int
