"""Looking words up in the prepared dictionary: forms, genitives, compounds, near spellings."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from tolk.dictionary.entry import (
    COMPOUND,
    GENDERS,
    GENITIVE,
    WORD_CLASSES,
    Definition,
    Entry,
    Inflection,
)
from tolk.dictionary.errors import DictionaryError
from tolk.dictionary.location import is_prepared, prepared_file
from tolk.dictionary.words import clean, looks_like_name, not_a_word
from translation.damaged_database import is_damage, move_aside

# Compound parts shorter than this are not tried: "en", "i", "og" would split anything.
_MIN_PART = 3
# Letters that may join the parts of a compound ("stortings|valg", "barne|hage").
_LINKS = ("s", "e")
# Word classes a compound's last part may have (function words do not end compounds).
_HEAD_CLASSES = frozenset({"NOUN", "VERB", "ADJ", "ADV", "NOUN | ADJ"})
_SUGGESTIONS = 5
_SPLIT_MEMO = 20_000


@dataclass(frozen=True, slots=True)
class Lookup:
    """What looking up a word gave: its entries (likeliest reading first), or why there are
    none (`reason`: "a number", "a name", "not in the dictionary") and near spellings."""

    word: str
    entries: tuple[Entry, ...]
    reason: str = ""
    suggestions: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        """Whether the word resolved to at least one entry."""
        return bool(self.entries)


class Dictionary:
    """The prepared dictionary, open for lookups; safe to share between threads."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self._connection = connection
        self._lock = threading.Lock()
        self._lemmas: list[str] | None = None
        # Splitting tries many cuts; the reader and the keyword counts ask for the same words.
        self._splits: dict[str, list[tuple[str, list[Entry]]] | None] = {}

    @classmethod
    def open(cls, path: Path | None = None) -> Dictionary:
        """Open the prepared index at `path` (the cache dir's by default). DictionaryError when
        it is missing (prepare it first: `prepare`) or damaged (then it is moved aside, so the
        next preparation starts afresh)."""
        path = path or prepared_file()
        if not is_prepared(path):
            raise DictionaryError(f"The dictionary {path} is not prepared yet.")
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.DatabaseError as error:
            # A file without tolk's tables is no prepared dictionary either (a cache: moving it
            # aside loses nothing); a locked or unreadable one is left where it is.
            if is_damage(error) or "no such table" in str(error):
                where = move_aside(path)
                raise DictionaryError(
                    f"The dictionary {path} was damaged ({error}); it was moved to {where} "
                    "and is prepared again at the next start."
                ) from error
            raise DictionaryError(f"The dictionary {path} cannot be read ({error}).") from error
        return cls(connection, path)

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._connection.close()

    def look_up(self, token: str) -> Lookup:
        """Everything about `token` (a word as the text has it: "«Gikk»," is "gikk")."""
        word = clean(token)
        reason = not_a_word(token)
        if reason is not None:
            return Lookup(word, (), reason)
        entries = self.lookup(word)
        if entries:
            return Lookup(word, tuple(entries))
        if looks_like_name(word):
            return Lookup(word, (), "a name, or a word the dictionary lacks")
        return Lookup(word, (), "not in the dictionary", tuple(self.suggest(word)))

    def lookup(self, word: str) -> list[Entry]:
        """The entries `word` is a form of, homonyms apart, likeliest reading first; failing
        that, a genitive's ("årets" → "år"), or a compound's parts, each part's entries in
        turn ("vindkraftutbyggingen" → "vindkraft", "utbygging"). Empty when nothing fits."""
        word = clean(word)
        if not_a_word(word) is not None:
            return []
        found = self._entries(word)
        if found:
            return found
        genitive = self._genitive(word)
        if genitive:
            return genitive
        parts = self._split(word)
        if parts is None:
            return []
        return [
            replace(entry, via=COMPOUND, part=part) for part, entries in parts for entry in entries
        ]

    def lemmas(self, word: str) -> list[str]:
        """The dictionary forms `word` may be, likeliest first, without repeats: "gikk" →
        ["gå"]; "allierte" → ["alliere", "alliert"]; a compound the dictionary lacks is its
        first parts as written and its last part's lemma ("vindkraftutbyggingen" →
        ["vindkraftutbygging"]). Empty when the word is not found."""
        word = clean(word)
        if not_a_word(word) is not None:
            return []
        found = self._entries(word) or self._genitive(word)
        if found:
            return list(dict.fromkeys(entry.lemma for entry in found))
        lower = word.lower()
        parts = self._split(word)
        if parts is None:
            return []
        head, entries = parts[-1]
        stem = lower[: len(lower) - len(head)]
        return list(dict.fromkeys(stem + entry.lemma for entry in entries))

    def forms(self, lemma: str) -> set[str]:
        """Every form (lower case) of the entries whose headword is `lemma`: "gå" → {"gå",
        "går", "gikk", "gått", …}. Empty when no headword is spelt so."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT form FROM forms WHERE entry IN (SELECT id FROM entries WHERE lemma = ?)",
                (lemma.lower(),),
            ).fetchall()
        return {form for (form,) in rows}

    def suggest(self, word: str, limit: int = _SUGGESTIONS) -> list[str]:
        """Headwords spelt nearly like `word`, nearest first (for a word not found)."""
        from rapidfuzz import fuzz, process

        if not word:
            return []
        lemmas = self._all_lemmas()
        found = process.extract(
            word.lower(), lemmas, scorer=fuzz.ratio, limit=limit, score_cutoff=70
        )
        return [lemma for lemma, _, _ in found]

    def load_suggestions(self) -> None:
        """Load what near spellings need (every headword, rapidfuzz: half a second), so that
        the first word not found is as quick as the rest; for a worker."""
        import rapidfuzz.process  # noqa: F401

        self._all_lemmas()

    def _all_lemmas(self) -> list[str]:
        if self._lemmas is None:
            with self._lock:
                rows = self._connection.execute(
                    "SELECT DISTINCT lemma FROM entries WHERE lemma != ''"
                ).fetchall()
            self._lemmas = [lemma for (lemma,) in rows]
        return self._lemmas

    def _entries(self, word: str, classes: Iterable[str] | None = None) -> list[Entry]:
        """The entries `word` (any case) is a form of. A headword with capitals (a name, an
        abbreviation, a symbol: "Nato", "SI", "Si") needs a capital in the word too, so "si"
        is not silicon's symbol."""
        wanted = None if classes is None else frozenset(classes)
        capital = word[:1].isupper()
        with self._lock:
            rows = self._connection.execute(
                "SELECT lemma, word_class, gender, homonym, inflections, senses, etymology "
                "FROM entries WHERE id IN (SELECT entry FROM forms WHERE form = ?) "
                "ORDER BY rank DESC, word_class = 'VERB' DESC, id",
                (word.lower(),),
            ).fetchall()
        return [
            _entry(*row)
            for row in rows
            if (wanted is None or row[1] in wanted) and (capital or row[0] == row[0].lower())
        ]

    def _has_form(self, form: str, classes: frozenset[str]) -> bool:
        with self._lock:
            row = self._connection.execute(
                "SELECT 1 FROM forms JOIN entries ON entries.id = forms.entry "
                f"WHERE form = ? AND word_class IN ({','.join('?' * len(classes))}) LIMIT 1",
                (form, *classes),
            ).fetchone()
        return row is not None

    def _genitive(self, word: str) -> list[Entry]:
        """The entries of a genitive's noun: "årets" → "året" → "år" ("-'s" too)."""
        for ending in ("s", "'", "’", "'s", "’s"):
            if word.lower().endswith(ending) and len(word) > len(ending) + 1:
                # Nouns, and names and abbreviations ("Natos", "NRKs": no class in the data).
                found = self._entries(word[: -len(ending)], ("NOUN", "NOUN | ADJ", ""))
                if found:
                    return [replace(entry, via=GENITIVE) for entry in found]
        return []

    def _split(self, word: str) -> list[tuple[str, list[Entry]]] | None:
        """The parts of a compound and each part's entries, or None. Hyphens split first
        ("Nato-allierte": parts the dictionary lacks, names, are left out); otherwise the
        longest last part that is a form, and a first part that is a word or itself splits."""
        if "-" in word:
            parts = [
                (piece, self._entries(piece) or self._genitive(piece)) for piece in word.split("-")
            ]
            known = [(piece, entries) for piece, entries in parts if entries]
            return known or None
        lower = word.lower()
        if lower not in self._splits:
            if len(self._splits) > _SPLIT_MEMO:
                self._splits.clear()
            self._splits[lower] = self._split_word(lower)
        return self._splits[lower]

    def _split_word(self, lower: str, parts: int = 3) -> list[tuple[str, list[Entry]]] | None:
        """The fewest parts (at most `parts`) that make up `lower`; among as few, the longest
        first part ("vindkraft|utbyggingen", not "vind|kraftutbyggingen": a compound's first
        part is most often a known word)."""
        heads = [
            cut
            for cut in range(len(lower) - _MIN_PART, _MIN_PART - 1, -1)
            if self._has_form(lower[cut:], _HEAD_CLASSES)
        ]
        for cut in heads:
            first = self._first_part(lower[:cut])
            if first is not None:
                return [first, (lower[cut:], self._entries(lower[cut:], _HEAD_CLASSES))]
        if parts < 3:
            return None
        for cut in heads:
            stem = lower[:cut]
            for candidate in [stem] + [stem[:-1] for link in _LINKS if stem.endswith(link)]:
                if len(candidate) >= 2 * _MIN_PART:
                    split = self._split_word(candidate, parts - 1)
                    if split is not None:
                        head = lower[cut:]
                        return [*split, (head, self._entries(head, _HEAD_CLASSES))]
        return None

    def _first_part(self, stem: str) -> tuple[str, list[Entry]] | None:
        """The entries a compound's first part stands for: a word ("vind|kraft"), or a word
        and a joining s or e ("stortings|valg")."""
        for candidate in [stem] + [stem[:-1] for link in _LINKS if stem.endswith(link)]:
            if len(candidate) >= _MIN_PART:
                found = self._entries(candidate, _HEAD_CLASSES)
                if found:
                    return (stem, found)
        return None


def _entry(
    lemma: str,
    word_class: str,
    gender: str,
    homonym: int | None,
    inflections: str,
    senses: str,
    etymology: str,
) -> Entry:
    return Entry(
        lemma=lemma,
        word_class=WORD_CLASSES.get(word_class, ""),
        gender=GENDERS.get(gender, ""),
        homonym=homonym,
        inflections=tuple(
            Inflection(item["form"], tuple(item["tags"]))
            for block in json.loads(inflections)
            for item in block.get("inflections", [])
        ),
        definitions=tuple(
            Definition(text, tuple(examples)) for text, examples in json.loads(senses)
        ),
        etymology=etymology,
    )
