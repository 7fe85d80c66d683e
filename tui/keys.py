"""The key table shown by the help screen, built from the bindings themselves and the user's
keymap, so it cannot go stale."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class KeyHelp:
    """One line of the help screen."""

    keys: str
    description: str


def key_help(
    binding_groups: Iterable[tuple[str, Iterable[BindingType]]], keymap: Mapping[str, str]
) -> list[KeyHelp]:
    """Describe every binding that has an id, with the keys the keymap gives it."""
    rows: list[KeyHelp] = []
    for group, bindings in binding_groups:
        for binding in bindings:
            if not isinstance(binding, Binding) or binding.id is None:
                continue
            keys = keymap.get(binding.id, binding.key)
            label = binding.tooltip or binding.description
            rows.append(KeyHelp(_pretty(keys), f"{group}: {label}  [{binding.id}]"))
    return rows


def _pretty(keys: str) -> str:
    names = {"question_mark": "?", "slash": "/", "space": "space", "plus": "+"}
    return ", ".join(names.get(key.strip(), key.strip()) for key in keys.split(","))


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
