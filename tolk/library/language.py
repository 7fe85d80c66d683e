"""Which language an article is written in: Bokmål, Nynorsk, or another — told by its text.

The nb→en model was trained on Bokmål: it translates Nynorsk (about a fifth of NRK's web
articles) and other languages poorly, and the reader says so. The language is told by
py3langid (a maintained fork of langid.py: a naive Bayes classifier over byte n-grams, its
model shipped in the package, offline, 4.6 MB), which knows Bokmål (its `no`) and Nynorsk
(`nn`) apart among 97 languages; docs/libraries.md says why it was chosen and bench/language.py
measures it on real text of both kinds.

One sample decides: the first `SAMPLE_CHARS` characters of the article's paragraphs, which the
head of the file the library reads holds as well as the whole article does, so the list (from
the head) and the open article (from all of it) always agree. A text too short to tell is
`UNDETERMINED`.

Loading the classifier takes 1-2 s (its model is decompressed): it is loaded once, when first
asked, and callers ask from a worker thread or the command line, never from the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tolk.library.articles import Article

__all__ = [
    "BOKMAL",
    "NYNORSK",
    "SAMPLE_CHARS",
    "UNDETERMINED",
    "article_language",
    "language_name",
    "language_sample",
    "marked",
    "tell_language",
]

BOKMAL, NYNORSK, UNDETERMINED = "nb", "nn", "und"
# What decides: enough running text to tell Nynorsk from Bokmål reliably (bench/language.py:
# 99.6% on articles of 300+ characters), little enough to tell 100,000 articles in a minute or
# two of a worker (about 1 ms each: the classifier walks the bytes in Python).
SAMPLE_CHARS = 600
# Below this many letters a text is not told (a title alone, a photo caption).
MIN_LETTERS = 60
_NAMES = {
    BOKMAL: "Bokmål",
    NYNORSK: "Nynorsk",
    "da": "Danish",
    "sv": "Swedish",
    "en": "English",
    "de": "German",
    "se": "Northern Sami",
    "fi": "Finnish",
    "is": "Icelandic",
    "fo": "Faroese",
    "fr": "French",
    "es": "Spanish",
    "pl": "Polish",
    "nl": "Dutch",
}

_lock = threading.Lock()
_identifier: Any = None


def language_sample(paragraphs: Iterable[str]) -> str:
    """The text the language is told by: the first SAMPLE_CHARS characters of the paragraphs."""
    sample: list[str] = []
    length = 0
    for text in paragraphs:
        sample.append(text)
        length += len(text) + 1
        if length >= SAMPLE_CHARS:
            break
    return " ".join(sample)[:SAMPLE_CHARS]


def tell_language(sample: str) -> str:
    """The language of `sample` (from `language_sample`) as a code: `nb`, `nn`, another
    ISO 639-1 code, or `und` when it is too short to tell."""
    if sum(char.isalpha() for char in sample) < MIN_LETTERS:
        return UNDETERMINED
    code: str = _classifier().classify(sample)[0]
    # langid.py's `no` is Norwegian as its training text had it: Bokmål (bench/language.py).
    return BOKMAL if code == "no" else code


def article_language(article: Article) -> str:
    """The language the article is written in (see `tell_language`)."""
    return tell_language(language_sample(paragraph.text for paragraph in article.paragraphs))


def marked(code: str) -> bool:
    """Whether the reader marks an article in this language: not Bokmål, and told."""
    return code not in (BOKMAL, UNDETERMINED)


def language_name(code: str) -> str:
    """The language's name in English (its code where tolk has no name for it)."""
    return _NAMES.get(code, code)


def _classifier() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
        return _identifier
