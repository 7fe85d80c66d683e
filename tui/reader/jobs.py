"""The shape of the slow work the reader runs in worker threads."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message

# A job posts its results as messages (thread-safe) and checks whether it was cancelled in its
# long loops. The screen starts every job from the main thread (`MainScreen.start`).
Post = Callable[[Message], object]
Cancelled = Callable[[], bool]
Job = Callable[[Post, Cancelled], None]
