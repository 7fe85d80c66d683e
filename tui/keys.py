"""The key table shown by the help screen, built from the bindings themselves and the user's
keymap, so it cannot go stale."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.keys import format_key


@dataclass(frozen=True)
class KeyHelp:
    """One line of the help screen: the keys as typed, what they do, the id to remap them."""

    keys: str
    description: str
    id: str


@dataclass(frozen=True)
class KeyGroup:
    """The keys of one part of the screen, under a heading ("Anywhere", "The list")."""

    heading: str
    keys: tuple[KeyHelp, ...]


def key_help(
    binding_groups: Iterable[tuple[str, Iterable[BindingType]]], keymap: Mapping[str, str]
) -> list[KeyGroup]:
    """Describe every binding that has an id, with the keys the keymap gives it, group by
    group (a group without such bindings is left out)."""
    groups: list[KeyGroup] = []
    for heading, bindings in binding_groups:
        rows = [
            KeyHelp(
                display_keys(keymap.get(binding.id, binding.key)),
                binding.tooltip or binding.description,
                binding.id,
            )
            for binding in bindings
            if isinstance(binding, Binding) and binding.id is not None
        ]
        if rows:
            groups.append(KeyGroup(heading, tuple(rows)))
    return groups


def display_keys(keys: str) -> str:
    """Binding keys as the user types them: "exclamation_mark,f1" → "!, f1"."""
    return ", ".join(display_key(key.strip()) for key in keys.split(",") if key.strip())


def display_key(key: str) -> str:
    """One binding key as the user types it: "right_square_bracket" → "]", "ctrl+p" stays,
    "pagedown" → "pgdn" (Textual's own names for keys, as its footer shows them)."""
    modifiers, plus, name = key.rpartition("+")
    return f"{modifiers}{plus}{format_key(name)}"


def unknown_key_ids(keymap: Mapping[str, str], bindings: Iterable[BindingType]) -> list[str]:
    """A line for each id in the user's keymap that no binding has, with the nearest known id
    (`"reader.nxt"` is `reader.next` misspelt): such an entry would be ignored silently."""
    from tolk.config import nearest

    known = {b.id for b in bindings if isinstance(b, Binding) and b.id is not None}
    return [
        f"[keys] `{name}` is no key's id{nearest(name, known)}; ignored (? lists every id)"
        for name in keymap
        if name not in known
    ]
