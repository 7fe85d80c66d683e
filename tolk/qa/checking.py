"""How sentences are checked, the same way everywhere: which checks count (`[qa] ignore` in
config.toml, `tolk check --only/--ignore`), the confidence below which the model's English needs
a look (`[qa] low_confidence`), and the terms the `terminology` check knows (config's
`[keyword_translations]` and the imported glossaries' terms).

`tolk check`, `tolk translate --json`, `tolk export` and the reader (its ⚑, `x`/`X`, the
sidebar's counts) all judge a sentence through `Checking.flags`, so they agree on what needs a
look.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from tolk.config import Config, nearest
from tolk.qa.checks import FLAG_CODES, LOW_CONFIDENCE, Flag, check_confidence, check_sentence
from tolk.qa.consistency import Rendering
from tolk.qa.terminology import Term, Terminology, terms_from_keywords

__all__ = ["Checking", "parse_codes", "unknown_codes"]


@dataclass(frozen=True)
class Checking:
    """The checks that count (every code of FLAG_CODES but `ignored`), the confidence
    threshold, and the terms: `keyword_terms` from config.toml, `glossary` from the glossaries
    (for one article, `tolk.glossary.database.Glossary.terms_for`)."""

    keyword_terms: tuple[Term, ...] = ()
    glossary: tuple[Term, ...] = ()
    ignored: frozenset[str] = field(default_factory=frozenset)
    low_confidence: float = LOW_CONFIDENCE
    # `[qa] accept`: words the `spelling` check takes for English.
    accepted_words: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_config(cls, config: Config, glossary: Iterable[Term] = ()) -> Checking:
        """The user's settings: `[keyword_translations]`, `[qa]`, and `glossary`'s terms."""
        return cls(
            tuple(terms_from_keywords(config.keyword_translations)),
            tuple(glossary),
            frozenset(config.qa.ignore),
            config.qa.low_confidence,
            frozenset(config.qa.accept),
        )

    def with_glossary(self, glossary: Iterable[Term]) -> Checking:
        """The same checks with these glossary terms."""
        return replace(self, glossary=tuple(glossary))

    def only(self, codes: Collection[str]) -> Checking:
        """Only the checks `codes` count."""
        return replace(self, ignored=frozenset(c for c in FLAG_CODES if c not in codes))

    def ignoring(self, codes: Collection[str]) -> Checking:
        """The checks `codes` do not count either."""
        return replace(self, ignored=self.ignored | frozenset(codes))

    @cached_property
    def terminology(self) -> Terminology:
        """Every term the `terminology` check knows (config's first)."""
        return _terminology((*self.keyword_terms, *self.glossary))

    def keeps(self, code: str) -> bool:
        """Whether the check `code` counts."""
        return code not in self.ignored

    def flags(
        self,
        source: str,
        target: str,
        *,
        is_heading: bool = False,
        unknown_replaced: bool = False,
        score: float | None = None,
        renderings: Sequence[Rendering] = (),
    ) -> tuple[Flag, ...]:
        """The flags of the checks that count, in the order of FLAG_CODES. `score` and
        `unknown_replaced` are the model's, for the model's own English only; `renderings` the
        English the user's corrections and the memory give this Norwegian (`inconsistent`)."""
        found = check_sentence(
            source,
            target,
            is_heading=is_heading,
            unknown_replaced=unknown_replaced,
            terminology=self.terminology,
            accepted_words=self.accepted_words,
            renderings=renderings,
        )
        low = check_confidence(score, self.low_confidence)
        flags = (*found, low) if low is not None else found
        if not self.ignored:
            return flags
        return tuple(flag for flag in flags if flag.code not in self.ignored)


# Made once for the same terms: each article gets its own `Checking` (its glossary terms), and
# articles share them (none but config's, often), so `tolk check` over a library made the same
# matchers again for each article.
@lru_cache(maxsize=64)
def _terminology(terms: tuple[Term, ...]) -> Terminology:
    return Terminology(terms)


def parse_codes(text: str) -> list[str]:
    """`length,names` (as `--only` and `--ignore` take them) as codes."""
    return [code.strip() for code in text.split(",") if code.strip()]


def unknown_codes(codes: Sequence[str]) -> list[str]:
    """A phrase for each of `codes` that names no check, with the nearest that does
    ("`lenght` (did you mean `length`?)")."""
    return [f"`{code}`{nearest(code, FLAG_CODES)}" for code in codes if code not in FLAG_CODES]
