"""The translation memory's side of the reader: the open article's exact matches arrive, and
their English is shown in place of the model's."""

from __future__ import annotations

from tui.reader.host import Changed, ReaderHost
from tui.reader.memory.messages import MemoryLoaded
from tui.reader.memory.state import TITLE, MemoryFeature
from tui.reader.messages import ReaderMessage


class MemoryCommands:
    """Looks the open article up in the memory, and takes the matches into its model."""

    def __init__(self, host: ReaderHost) -> None:
        self._host = host

    def look_up(self) -> None:
        """Find the open article's exact matches, in a worker."""
        opened = self._host.opened
        if opened is not None:
            self._host.start(MemoryFeature.lookup(opened), TITLE, group="memory", exclusive=True)

    def receive(self, message: ReaderMessage) -> None:
        match message:
            case MemoryLoaded():
                if self._host.shows(message.opened):
                    message.opened.set_memory(message.found, message.renderings)
                    if message.judged is not None:
                        message.opened.checks.take(message.judged)
                    self._host.changed(Changed(message.opened, everything=True, english=True))
