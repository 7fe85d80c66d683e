"""How a failure with model packages is reported: one line for the user."""

from __future__ import annotations

__all__ = ["PackageError", "first_line"]


class PackageError(Exception):
    """A package could not be found, installed, removed or downloaded; the message is one line
    for the user."""


def first_line(error: BaseException) -> str:
    """The first line of an error's message (its type's name when it has none)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
