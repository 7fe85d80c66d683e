"""What every feature's messages share: a job's result reaches the screen as a
`ReaderMessage`, and the screen hands it to the collaborators the message names.

Each feature declares its messages beside its jobs (`<feature>/messages.py`); a message module
imports nothing of its feature, so importing it costs the first frame nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.message import Message

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel


class ReaderMessage(Message):
    """A message for the reader's collaborators: `receivers` names those that take it (the
    names of `ReaderParts`), in the order they take it."""

    receivers: ClassVar[tuple[str, ...]] = ()


@dataclass(eq=False)
class Notice(Message):
    """Something to tell the user: `title` names what it is about (Model, Bookmarks, Review,
    Export, Search, Keywords), `text` says what happened."""

    title: str
    text: str
    severity: SeverityLevel = "error"
