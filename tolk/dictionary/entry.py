"""What a lookup gives: an entry of the dictionary, its inflections, definitions and examples."""

from __future__ import annotations

from dataclasses import dataclass

# The dictionary's word classes, as a reader reads them. Its function words (pronouns,
# prepositions, conjunctions, determiners) carry no class in the data: "" is kept for them.
WORD_CLASSES = {
    "NOUN": "noun",
    "VERB": "verb",
    "ADJ": "adjective",
    "ADV": "adverb",
    "NOUN | ADJ": "noun or adjective",
}
GENDERS = {
    "Masc": "masculine",
    "Fem": "feminine",
    "Neuter": "neuter",
    "Fem | Masc": "masculine or feminine",
    "Masc | Neuter": "masculine or neuter",
    "Fem | Masc | Neuter": "any gender",
}
# The data's inflection tags, in words.
TAGS = {
    "Sing": "singular",
    "Plur": "plural",
    "Ind": "indefinite",
    "Def": "definite",
    "Inf": "infinitive",
    "Pres": "present",
    "Past": "past",
    "Imp": "imperative",
    "Pass": "passive",
    "<PerfPart>": "past participle",
    "<PresPart>": "present participle",
    "<SPass>": "s-passive",
    "Adj": "as adjective",
    "Pos": "",  # the positive degree: the adjective's plain forms
    "Cmp": "comparative",
    "Sup": "superlative",
    "Neuter": "neuter",
    "Masc/Fem": "masculine/feminine",
    "Masc": "masculine",
    "Fem": "feminine",
    "Nom": "nominative",
    "Acc": "accusative",
}

# How a word reached an entry.
FORM = "form"  # the word is one of the entry's forms (its lemma or an inflection)
GENITIVE = "genitive"  # the word is a form of the entry with the genitive -s ("årets")
COMPOUND = "compound part"  # the entry is one part of a compound the dictionary lacks


@dataclass(frozen=True, slots=True)
class Inflection:
    """One form of an entry and what it is ("past", "definite plural")."""

    form: str
    tags: tuple[str, ...]

    @property
    def description(self) -> str:
        """The tags in words: "definite singular"."""
        return " ".join(word for word in (TAGS.get(tag, tag) for tag in self.tags) if word)


@dataclass(frozen=True, slots=True)
class Definition:
    """One sense of an entry, in Norwegian, with the examples the dictionary gives for it."""

    text: str
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """A headword of Bokmålsordboka: one homonym, with everything the dictionary says of it.

    `via` says how the looked-up word reached it: FORM, GENITIVE or COMPOUND (then `part` is the
    part of the word this entry explains: "vindkraft" of "vindkraftutbyggingen").
    """

    lemma: str
    word_class: str  # "noun", "verb", "adjective", "adverb", "" (function words: not given)
    gender: str  # "masculine", "neuter"...; "" when the entry has none
    homonym: int | None
    inflections: tuple[Inflection, ...]
    definitions: tuple[Definition, ...]
    etymology: str
    via: str = FORM
    part: str = ""

    @property
    def examples(self) -> tuple[str, ...]:
        """Every example of every definition, in order."""
        return tuple(example for definition in self.definitions for example in definition.examples)

    @property
    def forms(self) -> tuple[str, ...]:
        """The entry's distinct forms, in the order of its inflection table."""
        return tuple(dict.fromkeys(inflection.form for inflection in self.inflections))

    @property
    def heading(self) -> str:
        """The headword with its class and gender: "gå (verb)", "plass (noun, masculine)"."""
        about = ", ".join(part for part in (self.word_class, self.gender) if part)
        return f"{self.lemma} ({about})" if about else self.lemma
