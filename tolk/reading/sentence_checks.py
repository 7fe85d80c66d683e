"""The open article's QA flags, judged off the UI thread and kept by what they judge.

Every check of `tolk.qa.checking` but `inconsistent` runs in a worker: the model's English in
the translation worker as each paragraph arrives (`judge_translation`), the English of the
stored corrections and of the memory's exact matches in the workers that load them
(`judge_stored`). Those workers also load the `spelling` check's word list (0.3 s, once per
process) when nothing needed it yet (`warm`), so the screen does not wait for it. The screen
takes the flags (`take`) and looks them up; it judges only English nobody judged for it: a
correction just typed, one sentence.

`inconsistent` is a lookup the screen makes as it draws (`tolk.reading.other_english`): what it
compares with arrives later and changes with every correction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from tolk.library.articles import Article, ParagraphKind
from tolk.memory.database import ExactMatch
from tolk.qa.checking import Checking
from tolk.qa.checks import Flag
from tolk.qa.spelling import load_word_list
from tolk.text import normalise
from tolk.userdata.review import SentenceKey, SentenceReview, article_sentences
from translation.engine import SentencePair, TranslatedParagraph

__all__ = ["Checked", "JudgedEnglish", "SentenceChecks", "checked_key"]

# What a sentence's checks judge: paragraph, source, English shown, and the model's
# unknown-token mark and score (for the model's own English; False and None for any other).
Checked = tuple[int, str, str, bool, float | None]


def checked_key(index: int, pair: SentencePair) -> Checked:
    """What the checks of the model's English for `pair` judge."""
    return (index, pair.source, pair.target, pair.unknown_replaced, pair.score)


@dataclass(frozen=True)
class JudgedEnglish:
    """Flags judged in a worker, and the checks that judged them: the screen drops them when
    its checks changed meanwhile (a word accepted)."""

    checking: Checking
    flags: Mapping[Checked, tuple[Flag, ...]]


class SentenceChecks:
    """An article's flags by what they judge; each text is judged once."""

    def __init__(self, article: Article, checking: Checking) -> None:
        self.article = article
        self.checking = checking
        self._flags: dict[Checked, tuple[Flag, ...]] = {}

    def judge(self, key: Checked, checking: Checking | None = None) -> tuple[Flag, ...]:
        """The flags of `key` (pure: any thread), by `checking` or the article's checks."""
        index, source, target, unknown, score = key
        heading = self.article.paragraphs[index].kind is ParagraphKind.HEADING
        return (checking or self.checking).flags(
            source, target, is_heading=heading, unknown_replaced=unknown, score=score
        )

    def judge_translation(self, paragraph: TranslatedParagraph) -> tuple[tuple[Flag, ...], ...]:
        """The flags of each sentence of a machine-translated paragraph (in the worker)."""
        return tuple(self.judge(checked_key(paragraph.index, p)) for p in paragraph.sentences)

    def judge_english(self, english: Iterable[tuple[SentenceKey, str]]) -> JudgedEnglish:
        """The flags of English that is not the model's (corrections, the memory's matches),
        by sentence (in a worker)."""
        checking = self.checking
        flags: dict[Checked, tuple[Flag, ...]] = {}
        for key, target in english:
            checked: Checked = (key.paragraph, key.source, target, False, None)
            flags[checked] = self.judge(checked, checking)
        return JudgedEnglish(checking, flags)

    def judge_stored(
        self,
        reviews: Mapping[SentenceKey, SentenceReview] | None = None,
        memory: Mapping[str, ExactMatch] | None = None,
    ) -> JudgedEnglish:
        """`judge_english` for the English that `reviews`' corrections and the memory's exact
        matches (by normalised source) give the article's sentences."""
        english = [
            (key, review.correction)
            for key, review in (reviews or {}).items()
            if review.correction is not None
        ]
        if memory:
            for key in article_sentences(self.article):
                match = memory.get(normalise(key.source))
                if match is not None:
                    english.append((key, match.target))
        return self.judge_english(english)

    def warm(self) -> None:
        """Load what the checks load once per process (the spelling check's word list), so
        that a correction typed later is judged on the UI thread without waiting for it. For
        a worker, after what it posts: the word list takes 0.3 s."""
        if self.checking.keeps("spelling"):
            load_word_list()

    def take(self, judged: JudgedEnglish) -> None:
        """Keep flags judged in a worker, unless the checks changed since."""
        if judged.checking is self.checking:
            self._flags.update(judged.flags)

    def add(
        self, index: int, pairs: Iterable[SentencePair], flags: Iterable[tuple[Flag, ...]]
    ) -> None:
        """Keep the flags `judge_translation` gave paragraph `index`'s sentences."""
        for pair, found in zip(pairs, flags, strict=False):
            self._flags[checked_key(index, pair)] = found

    def flags(self, key: Checked) -> tuple[Flag, ...]:
        """The flags of `key`: kept, or judged now (English nobody judged yet)."""
        found = self._flags.get(key)
        if found is None:
            found = self._flags[key] = self.judge(key)
        return found

    def accept_word(self, word: str) -> None:
        """The spelling check accepts `word` from now on: the flags that named a misspelling
        are judged again when next asked for."""
        accepted = self.checking.accepted_words | {word}
        self.checking = replace(self.checking, accepted_words=accepted)
        self._flags = {
            key: flags
            for key, flags in self._flags.items()
            if not any(flag.code == "spelling" for flag in flags)
        }
