"""What the cipher model's English must be, and readable reasons when it is not.

Tests that check translated text run on the cipher model (`installed_cipher_model`,
`cipher_package`): its English for a Norwegian sentence is `cipher_text(sentence)`, which
differs from the sentence, so an echoed, swapped, shifted or shortened translation fails.
"""

from __future__ import annotations

from collections.abc import Iterable

from translation.cipher_model import cipher_text

__all__ = ["assert_english", "cipher_text", "wrong_translations"]

# Enough lines to see the pattern (a shift, an echo) without burying it.
_SHOWN = 8


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
            reason = "came back untranslated"
        elif decoded in sources:
            reason = f"got the English of another sentence, {decoded!r}"
        elif source.startswith(decoded) or set(decoded.split()) < set(source.split()):
            reason = f"lost words: its English {target!r} translates back to {decoded!r}"
        else:
            reason = f"its English {target!r} translates back to {decoded!r}"
        problems.append(f"{source!r} {reason} (expected {expected!r})")
    return problems


def assert_english(pairs: Iterable[tuple[str, str]]) -> None:
    """Fail, saying in words which sentences went wrong and how, unless every (Norwegian,
    English) pair holds the cipher model's English."""
    pairs = list(pairs)
    problems = wrong_translations(pairs)
    shown = "\n".join(f"- {problem}" for problem in problems[:_SHOWN])
    more = f"\n… and {len(problems) - _SHOWN} more" if len(problems) > _SHOWN else ""
    assert not problems, (
        f"{len(problems)} of {len(pairs)} sentences do not have the model's English:\n{shown}{more}"
    )
