"""Loading a widget's stylesheet from the .tcss file that sits beside its module."""

from __future__ import annotations

from pathlib import Path


def css_beside(module_file: str) -> str:
    """The text of `<module>.tcss` next to `module_file`, for a widget's DEFAULT_CSS."""
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")
