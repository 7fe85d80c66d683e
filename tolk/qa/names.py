"""Names for the QA `names` check: which capitalised source words are names, and whether the
English has them.

Norwegian capitalises little besides names (days, months, nationalities and titles are lower
case), so a capitalised word is taken for a name unless it starts the sentence, follows
sentence punctuation (`. ! ? : …`, so "bl.a. Ap" is skipped too), an opening quote or bracket,
or a speech dash, or stands in an all-caps sentence. The check is conservative: a name counts as
present when the English has it as the start of a word, case- and accent-insensitively (so
"Iran" is found in "Iranian", "Stoltenberg" in "Stoltenberg's"), without its Norwegian genitive
-s ("Stoltenbergs", "USAs"), or in one of the English forms of `NAME_RENDERINGS`. Forms shorter
than four letters must be whole words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from tolk.keywords.matching import WORD

__all__ = ["NAME_RENDERINGS", "missing_names", "source_names"]

# Norwegian names whose English form differs, by case-folded Norwegian form: countries,
# regions, cities and organisations common in the news. The English forms include the
# adjective where a prefix of the name does not already give it ("French" for "France").
NAME_RENDERINGS: dict[str, tuple[str, ...]] = {
    "norge": ("Norway", "Norwegian"),
    "sverige": ("Sweden", "Swedish"),
    "danmark": ("Denmark", "Danish"),
    "island": ("Iceland",),
    "tyskland": ("German",),
    "frankrike": ("France", "French"),
    "storbritannia": ("Britain", "British", "United Kingdom", "UK"),
    "skottland": ("Scotland", "Scottish"),
    "irland": ("Ireland", "Irish"),
    "nederland": ("Netherlands", "Dutch", "Holland"),
    "belgia": ("Belgium", "Belgian"),
    "spania": ("Spain", "Spanish"),
    "italia": ("Italy", "Italian"),
    "hellas": ("Greece", "Greek"),
    "tyrkia": ("Turkey", "Turkish", "Türkiye"),
    "russland": ("Russia",),
    "ukraina": ("Ukraine", "Ukrainian"),
    "polen": ("Poland", "Polish"),
    "østerrike": ("Austria",),
    "sveits": ("Switzerland", "Swiss"),
    "ungarn": ("Hungary", "Hungarian"),
    "tsjekkia": ("Czech",),
    "litauen": ("Lithuania",),
    "estland": ("Estonia",),
    "hviterussland": ("Belarus",),
    "kypros": ("Cyprus", "Cypriot"),
    "kroatia": ("Croatia",),
    "kina": ("China", "Chinese"),
    "brasil": ("Brazil",),
    "irak": ("Iraq",),
    "libanon": ("Lebanon", "Lebanese"),
    "marokko": ("Morocco", "Moroccan"),
    "algerie": ("Algeria",),
    "etiopia": ("Ethiopia",),
    "saudi-arabia": ("Saudi",),
    "nord-korea": ("North Korea",),
    "sør-korea": ("South Korea",),
    "sør-afrika": ("South Africa",),
    "palestina": ("Palestin",),
    "midtøsten": ("Middle East",),
    "europa": ("Europe",),
    "afrika": ("Africa",),
    "amerika": ("America",),
    "usa": ("US", "U.S.", "USA", "United States", "America"),
    "fn": ("UN", "U.N.", "United Nations"),
    "eu": ("EU", "European Union"),
    "brussel": ("Brussels",),
    "københavn": ("Copenhagen",),
    "moskva": ("Moscow",),
    "roma": ("Rome", "Roman"),
    "aten": ("Athens",),
    "wien": ("Vienna",),
    "praha": ("Prague",),
    "warszawa": ("Warsaw",),
    "lisboa": ("Lisbon",),
    "haag": ("Hague",),
    "genève": ("Geneva",),
    "stortinget": ("Storting", "parliament"),
}

# What ends a sentence or opens speech: a capital after it says nothing about names.
_OPENERS = frozenset(".!?:…«“„\"'‘([")
_DASHES = frozenset("–—-")
# Forms shorter than this must match a whole word ("US" is not "USE").
_PREFIX_MIN = 4


def source_names(source: str) -> list[str]:
    """The words of `source` taken for names, in order, each once."""
    if not any(char.islower() for char in source):
        return []  # all caps (or no letters): capitals say nothing
    return list(dict.fromkeys(_names(source)))


def missing_names(source: str, target: str) -> list[str]:
    """The names of `source` that `target` has in none of their forms, in order."""
    folded = _fold(target)
    return [name for name in source_names(source) if not _present(name, folded)]


def _names(source: str) -> Iterator[str]:
    # Hyphenated names are read whole first ("Saudi-Arabia"), else by their parts ("Sahel-").
    for match in re.finditer(r"[^\W_]+(?:-[^\W_]+)+|" + WORD.pattern, source):
        word = match.group()
        if word.casefold() not in NAME_RENDERINGS and "-" in word:
            parts = [part for part in WORD.finditer(word) if part.group()[0].isupper()]
            candidates = [(match.start() + part.start(), part.group()) for part in parts]
        else:
            candidates = [(match.start(), word)]
        for start, candidate in candidates:
            capitalised = len(candidate) > 1 and candidate[0].isupper()
            if capitalised and not _starts_sentence(source, start):
                yield candidate


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    if not before:
        return True
    last = before[-1]
    if last in _OPENERS:
        return True
    # A speech dash at the start or after a space; a hyphen inside a word ("Nato-Land") is not.
    return last in _DASHES and (len(before) == 1 or before[-2].isspace() or before[-2] in '«“"')


def _present(name: str, folded_target: str) -> bool:
    return any(_pattern(form).search(folded_target) for form in _forms(name))


def _forms(name: str) -> set[str]:
    bases = {name}
    if len(name) > 3 and name[-1] == "s":
        bases.add(name[:-1])  # Norwegian genitive: "Stoltenbergs", "USAs"
    forms = set(bases)
    for base in bases:
        forms.update(NAME_RENDERINGS.get(base.casefold(), ()))
    return forms


@lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern[str]:
    end = "" if len(form) >= _PREFIX_MIN else r"(?!\w)"
    return re.compile(r"(?<!\w)" + re.escape(_fold(form)) + end)


def _fold(text: str) -> str:
    """Case-folded, accents dropped ("Genève" -> "geneve")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
