"""Build real Argos Translate packages whose English is a fixed cipher of their Norwegian.

The copy model (:mod:`translation.copy_model`) proves the pipeline end to end, but a pipeline
that hands each sentence back untranslated passes every test written against it.  The cipher
model's translation is a known function of its input that differs from it: ROT13 on the ASCII
letters and digits shifted by five (``0`` ↔ ``5``), everything else (æøå, punctuation, spaces,
emoji) unchanged.  So the expected English of any Norwegian sentence is ``cipher_text(sentence)``
— computable by a test without the model — and a sentence that comes back echoed, swapped with
its neighbour, shifted or short of a word does not match.

The cipher is its own inverse: ``cipher_text(cipher_text(s)) == s``, so a test can also turn a
wrong translation back into the Norwegian it came from when it explains a failure.

The model is the copy Transformer with its target vocabulary written through the cipher, piece
by piece; because the cipher works character by character and every letter and digit is a
piece of its own, the decoded English is the cipher of the whole source text.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from translation.copy_model import build_copy_package

__all__ = ["CIPHER_ALPHABET", "build_cipher_package", "cipher_text"]

_LOWER = string.ascii_lowercase
_UPPER = string.ascii_uppercase
_DIGITS = string.digits
# Every character the cipher changes; the tokenizer is trained on it too, so each one has a
# piece and never falls back to bytes (a byte piece would pass through the cipher unchanged).
CIPHER_ALPHABET = _LOWER + _UPPER + _DIGITS
_TABLE = str.maketrans(
    CIPHER_ALPHABET,
    _LOWER[13:] + _LOWER[:13] + _UPPER[13:] + _UPPER[:13] + _DIGITS[5:] + _DIGITS[:5],
)


def cipher_text(text: str) -> str:
    """The cipher model's English for `text`: ROT13 letters, digits plus five (mod 10)."""
    return text.translate(_TABLE)


def build_cipher_package(dest: Path, training_text: str, **options: Any) -> Path:
    """Write a cipher-model ``.argosmodel`` into ``dest`` and return its path.

    ``options`` are :func:`translation.copy_model.build_copy_package`'s (size, package_name,
    package_version, target_prefix, …); the package is named like the copy model's unless told.
    """
    return build_copy_package(
        dest,
        f"{training_text}\n{CIPHER_ALPHABET}",
        piece_map=cipher_text,
        description="the translation is translation.cipher_model.cipher_text(source)",
        **options,
    )
