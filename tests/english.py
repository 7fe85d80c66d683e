"""What the cipher model's English must be, and readable reasons when it is not.

Tests that check translated text run on the cipher model (`installed_cipher_model`,
`cipher_package`): its English for a Norwegian sentence is `cipher_text(sentence)`, which
differs from the sentence, so an echoed, swapped, shifted or shortened translation fails.
"""

from __future__ import annotations

from collections.abc import Iterable

from translation.cipher_model import cipher_text

__all__ = ["cipher_text", "wrong_translations"]


def wrong_translations(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """One line for each (Norwegian, English) pair whose English is not the cipher model's,
    saying what went wrong in words; `[]` when every pair is right.

    The cipher is its own inverse, so a wrong English is turned back into the Norwegian it
    translates, which names the sentence it came from."""
    pairs = list(pairs)
    sources = {source for source, _ in pairs}
    problems = []
    for source, target in pairs:
        expected = cipher_text(source)
        if target == expected:
            continue
        decoded = cipher_text(target)
        if target == source and source != expected:
            reason = "came back untranslated (the source itself, not the model's English)"
        elif decoded in sources:
            reason = f"got the translation of another sentence, {decoded!r}"
        elif source.startswith(decoded) or set(decoded.split()) < set(source.split()):
            reason = f"lost words: its English translates back to {decoded!r}"
        else:
            reason = f"its English {target!r} translates back to {decoded!r}"
        problems.append(f"{source!r}: {reason}; expected {expected!r}")
    return problems
