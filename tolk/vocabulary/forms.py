"""Which words of a text count as vocabulary, and the form each is saved and counted under.

A word is a whitespace token (as the word cursor counts them, `tolk.words`) with the punctuation
around it taken off: "«Nav-sjefen»," is the form `nav-sjefen`. What is not a word to learn is
left out: tokens with digits (numbers, dates, "G7"), addresses (`@`, `/`, `://`), tokens
without a letter, and names, told the only way plain text allows: a word that starts with a
capital where a sentence does not start (a name that opens a sentence is counted; the share
is a guide, not a census).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

__all__ = ["Lemmatizer", "bare_word", "clean_form", "forms_in", "lemmas_in", "sentence_forms"]

# A URL or an e-mail address, or a path: not a word to learn.
_ADDRESS_MARKS = ("@", "/", "\\", "://", "www.")


# The lemma of a word form: the dictionary's when it is installed (`tolk.vocabulary.lexicon`),
# else the form itself, and the share of unknown words counts forms.
Lemmatizer = Callable[[str], str]


def bare_word(token: str) -> str:
    """`token` with the punctuation around it taken off ("«Nav-sjefen»," is "Nav-sjefen")."""
    start, end = 0, len(token)
    while start < end and not token[start].isalpha():
        start += 1
    while end > start and not token[end - 1].isalpha():
        end -= 1
    return token[start:end]


def clean_form(token: str) -> str | None:
    """The word in `token` (its `bare_word`, lower case), or None when the token is no word to
    learn: no letter in it, a digit in it, an address."""
    word = bare_word(token)
    if not word or any(char.isdigit() for char in token):  # "G7", "2024-modellen"
        return None
    if any(mark in word for mark in _ADDRESS_MARKS):
        return None
    return word.casefold()


def sentence_forms(sentence: str) -> list[str]:
    """The forms of `sentence`'s words in order, names left out (see the module's docstring)."""
    forms: list[str] = []
    first = True
    for token in sentence.split():
        form = clean_form(token)
        if form is None:
            continue
        opens = first
        first = False
        word = token.lstrip()
        starts_capital = next((char.isupper() for char in word if char.isalpha()), False)
        if starts_capital and not opens:
            continue  # a name (or an acronym) inside a sentence
        forms.append(form)
    return forms


def forms_in(sentences: Iterable[str]) -> list[str]:
    """The forms of every sentence's words, in order."""
    return [form for sentence in sentences for form in sentence_forms(sentence)]


def lemmas_in(sentences: Iterable[str], lemma_of: Lemmatizer) -> set[str]:
    """The distinct lemmas of the sentences' words (each distinct form looked up once)."""
    return {lemma_of(form) for form in set(forms_in(sentences))}
