"""The glossary's side of the reader: the open article's terms arrive, its sentences are judged
with them, and the terms are marked."""

from __future__ import annotations

from tui.reader.glossary.messages import GlossaryLoaded
from tui.reader.glossary.state import TITLE, GlossaryFeature
from tui.reader.host import Changed, ReaderHost
from tui.reader.messages import ReaderMessage


class GlossaryCommands:
    """Looks the open article's terms up, and takes them into its model."""

    def __init__(self, host: ReaderHost, glossary: GlossaryFeature) -> None:
        self._host = host
        self.glossary = glossary

    def look_up(self) -> None:
        """Find the open article's terms, in a worker."""
        opened = self._host.opened
        if opened is not None:
            self._host.start(
                GlossaryFeature.lookup(opened), TITLE, group="glossary", exclusive=True
            )

    def receive(self, message: ReaderMessage) -> None:
        match message:
            case GlossaryLoaded():
                if self._host.shows(message.opened):
                    message.opened.set_glossary(message.found)
                    # The flags may change (terminology), and the marks: every paragraph.
                    self._host.changed(Changed(message.opened, everything=True, english=True))
