"""What the read-state keys do: mark the highlighted article read or unread (`t`), mark every
article listed read (`A`, so it combines with the filters) and take that back (`Z`)."""

from __future__ import annotations

from tui.reader.host import ReaderHost
from tui.reader.messages import ReaderMessage
from tui.reader.unread.messages import MarkedRead, MarkingUndone
from tui.reader.unread.state import OFF, TITLE, ReadStateFeature


class ReadStateCommands:
    """The read-state commands, over the host and the read-state feature."""

    def __init__(self, host: ReaderHost, feature: ReadStateFeature) -> None:
        self._host = host
        self.feature = feature

    def receive(self, message: ReaderMessage) -> None:
        match message:
            case MarkedRead():
                self._marked(message)
            case MarkingUndone():
                gone = message.count
                self._host.notify(f"Undone: {_articles(gone)} unread again.", title=TITLE)

    def toggle_read(self) -> None:
        """Mark the article under the list's cursor read, or unread when it was read."""
        library = self._host.library
        highlighted = library.highlighted()
        if highlighted is None:
            self._host.notify("No article is listed.")
            return
        path, read = highlighted
        if read is None or self.feature.store is None:
            self._host.notify(OFF)
            return
        self._host.start(self.feature.set_read(path, not read), TITLE, group="read-state")

    def mark_all_read(self) -> None:
        """Mark every readable article the list shows read (the filters decide which)."""
        if self.feature.store is None:
            self._host.notify(OFF)
            return
        paths = self._host.library.shown_paths()
        if not paths:
            self._host.notify("No article is listed.")
            return
        job = self.feature.mark_all_read(paths)
        self._host.start(job, TITLE, group="read-state")

    def undo_mark_all_read(self) -> None:
        """Take the last "mark all read" back: what it marked is unread again."""
        marking, self.feature.last_marking = self.feature.last_marking, None
        if marking is None:
            self._host.notify("Nothing to undo: no articles were marked read (A) since tolk began.")
            return
        self._host.start(self.feature.undo(marking), TITLE, group="read-state")

    def _marked(self, message: MarkedRead) -> None:
        marked = len(message.marking.paths)
        if not marked:
            self._host.notify("Every listed article was read already.")
            return
        self.feature.last_marking = message.marking
        already = message.listed - marked
        was = "was" if already == 1 else "were"
        said = f" ({already:,} of those listed {was} read already)" if already else ""
        self._host.notify(
            f"Marked {_articles(marked)} read{said}. Press Z to undo.", title=TITLE, timeout=15
        )


def _articles(count: int) -> str:
    return f"{count:,} article" + ("" if count == 1 else "s")
