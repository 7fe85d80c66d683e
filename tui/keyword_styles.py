"""How each keyword looks: its own colour, legible on 16-colour terminals, and distinct
text styles under NO_COLOR."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.style import Style

# The eight ANSI colours a 16-colour terminal (TERM=linux) has, as backgrounds under black text,
# which stays legible on dark and light themes alike.
KEYWORD_COLOURS = ("yellow", "cyan", "magenta", "green", "red", "blue", "white", "bright_yellow")
# Without colour, keywords differ by text style instead.
_NO_COLOUR_STYLES = (
    Style(reverse=True),
    Style(bold=True, underline=True),
    Style(underline=True),
    Style(bold=True, reverse=True),
    Style(italic=True, underline=True),
    Style(bold=True, italic=True),
)


def keyword_colours(keywords: Sequence[str], chosen: Mapping[str, str]) -> list[str]:
    """A colour per keyword: the user's choice, else the next colour not yet taken."""
    taken = {chosen[k] for k in keywords if chosen.get(k) in KEYWORD_COLOURS}
    free = [c for c in KEYWORD_COLOURS if c not in taken] or list(KEYWORD_COLOURS)
    colours: list[str] = []
    for keyword in keywords:
        colour = chosen.get(keyword, "")
        if colour not in KEYWORD_COLOURS:
            colour = free.pop(0) if free else KEYWORD_COLOURS[len(colours) % len(KEYWORD_COLOURS)]
        colours.append(colour)
    return colours


def keyword_style(index: int, colour: str, *, no_color: bool) -> Style:
    """The style of keyword number `index` in the reader."""
    if no_color:
        return _NO_COLOUR_STYLES[index % len(_NO_COLOUR_STYLES)]
    return Style(color="black", bgcolor=colour, bold=True)
