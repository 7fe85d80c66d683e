"""Lines with a hanging indent (tui/dialogs/hanging_lines.py), drawn by a real Rich console at a
narrow width: each line's later rows start under its text, its styles kept."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from tui.dialogs.hanging_lines import HangingLine, HangingLines


def drawn(lines: HangingLines, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(lines)
    return console.export_text().splitlines()


def test_a_long_line_wraps_under_its_text_and_keeps_its_lead_once() -> None:
    lines = HangingLines(
        [
            HangingLine("", Text("gå · verb")),
            HangingLine("  1. ", Text("bevege seg ved å sette den ene foten foran den andre")),
            HangingLine("     · ", Text("gå på ski")),
        ]
    )
    assert drawn(lines, 24) == [
        "gå · verb",
        "  1. bevege seg ved å",
        "     sette den ene foten",
        "     foran den andre",
        "     · gå på ski",
    ]
    assert (
        lines.plain.splitlines()[1] == "  1. bevege seg ved å sette den ene foten foran den andre"
    )


def test_an_empty_line_is_a_blank_row_and_styles_are_drawn() -> None:
    console = Console(width=30, record=True, force_terminal=True, color_system="standard")
    console.print(
        HangingLines([HangingLine("", Text()), HangingLine("  ", Text.assemble(("dim", "dim")))])
    )
    rows = console.export_text(styles=True).splitlines()
    assert rows[0] == ""
    assert "\x1b[2m" in rows[1]  # the span's style, not lost in the wrapping
