"""Reading state kept in the user store, as the list's keys change it: the jobs that write it,
and the last "mark all read", kept for its undo."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from tolk.userdata.store import ReadMarking, StoreError, UserStore
from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.messages import Notice, ReaderMessage
from tui.reader.unread.messages import MarkedRead, MarkingUndone, ReadMarks

TITLE = "Read state"
OFF = "Read state is not kept: the user data directory cannot be used."


class ReadStateFeature:
    """The user store (None until open, or when it cannot be used) and the marking an undo
    would take back."""

    def __init__(self) -> None:
        self.store: UserStore | None = None
        self.last_marking: ReadMarking | None = None

    def set_read(self, path: Path, read: bool) -> Job | None:
        """Job: mark one article read or unread."""

        def change(store: UserStore) -> None:
            if read:
                store.mark_read([path])
            else:
                store.mark_unread([path])

        return self._write(change)

    def mark_all_read(self, paths: Sequence[Path]) -> Job | None:
        """Job: mark every article at `paths` read; the marking comes back for its undo."""
        listed = len(paths)
        return self._write(lambda store: MarkedRead(store.mark_read(paths), listed))

    def undo(self, marking: ReadMarking) -> Job | None:
        """Job: take `marking` back."""
        return self._write(lambda store: MarkingUndone(store.undo_marking(marking)))

    def _write(self, change: Callable[[UserStore], ReaderMessage | None]) -> Job | None:
        """A job that makes `change` (one transaction), posts what it says, then every
        article read now for the list."""
        store = self.store
        if store is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                said = change(store)
                read = frozenset(store.read_paths())
            except StoreError as error:
                post(Notice(TITLE, str(error)))
                return
            if said is not None:
                post(said)
            post(ReadMarks(read))

        return job
