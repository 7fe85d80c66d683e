"""The article open in the reader, and everything the reader shows for it.

One object per open article: its paragraphs, the machine translation of each paragraph as it
arrives, the reviewer's work, the bookmarked paragraphs and the keyword hits. The reader replaces
it whole when another article opens, so nothing of the last article can leak into the next: a
worker's result names the `OpenArticle` it was started for, and a result for any other is
dropped. Nothing here imports Textual; the screen renders from this object.

Strings are kept exactly as the model or the reviewer produced them. What the reader draws over
them (review marks, keyword styles, the cursor) is computed from this state, never stored in it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from tolk.articles import Article, ParagraphKind
from tolk.export import ReviewedArticle
from tolk.keywords import KeywordHit
from tolk.memory import ExactMatch
from tolk.memory_import import normalise
from tolk.qa import LOW_CONFIDENCE, Flag, check_sentence, confidence
from tolk.review import (
    SentenceKey,
    SentenceReview,
    article_sentences,
    build_reviewed_article,
    paragraph_sentences,
)
from tolk.translating import AlignedSentence, align_sentences
from translation.engine import SentencePair, TranslatedParagraph


class Origin(Enum):
    """Where the English the reader shows for a sentence came from."""

    MACHINE = "machine"
    CORRECTION = "correction"
    MEMORY = "memory"  # an exact match of the whitespace-normalised source in the memory


@dataclass(frozen=True)
class ShownSentence:
    """One sentence as the reader shows it."""

    key: SentenceKey
    target: str  # the machine's, the memory's or the reviewer's English, untouched
    origin: Origin
    review: SentenceReview
    span: AlignedSentence  # where the pair sits in the source paragraph and in `target`
    # What the model made of it (with its score and word alignment); None while a paragraph
    # is shown from the memory alone (no model, or not translated yet).
    machine: SentencePair | None
    flags: tuple[Flag, ...]  # QA checks on the English shown
    memory_name: str | None = None  # for the memory's English: the import it came from

    @property
    def confidence(self) -> float | None:
        """The model's confidence in the machine translation shown (None for the reviewer's
        or the memory's English)."""
        if self.origin is not Origin.MACHINE or self.machine is None or self.machine.score is None:
            return None
        return confidence(self.machine.score)

    @property
    def needs_look(self) -> bool:
        """Flagged by a QA check, or translated with low confidence."""
        shown_confidence = self.confidence
        return bool(self.flags) or (
            shown_confidence is not None and shown_confidence < LOW_CONFIDENCE
        )

    @property
    def links(self) -> tuple[tuple[int, int], ...]:
        """(source word, target word) pairs of the words shown; none for a correction or a
        memory match (the model's alignment is of its own words, not theirs)."""
        if (
            self.origin is not Origin.MACHINE
            or self.machine is None
            or self.machine.alignment is None
        ):
            return ()
        return self.machine.alignment


@dataclass(frozen=True)
class ShownParagraph:
    """A translated paragraph as the reader shows it: corrections and memory matches in place
    of the machine's sentences, joined with single spaces."""

    index: int
    target: str
    sentences: tuple[ShownSentence, ...]

    @property
    def alignment(self) -> list[AlignedSentence]:
        return [sentence.span for sentence in self.sentences]


class OpenArticle:
    """The open article and what the reader knows about it so far."""

    def __init__(
        self, article: Article, keyword_translations: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        self.article = article
        self._keyword_translations = dict(keyword_translations or {})
        # QA flags by (paragraph, source, English shown, unknown token replaced by the model):
        # the checks run once per text.
        self._flags: dict[tuple[int, str, str, bool], tuple[Flag, ...]] = {}
        self._machine: dict[int, TranslatedParagraph] = {}
        self._reviews: dict[SentenceKey, SentenceReview] = {}
        self._memory: dict[str, ExactMatch] = {}  # normalised source -> the memory's English
        self.memory_loaded = False  # the memory's matches arrived (possibly none)
        self.sentence_total: int | None = None  # counted off the UI thread, with the reviews
        self.bookmarked: frozenset[int] = frozenset()
        self.source_hits: dict[int, list[KeywordHit]] = {}

    @property
    def path(self) -> Path:
        return self.article.path

    @property
    def title_line(self) -> str:
        """Date, feed (for a fetched article) and title, and review progress once known: the
        screen's subtitle."""
        date = f"{self.article.date} · " if self.article.date is not None else ""
        source = self.article.source
        feed = f"{source.feed} · " if source is not None and source.feed else ""
        line = f"{date}{feed}{self.article.title}"
        if self.sentence_total is not None:
            line += f" · {self.reviewed_count}/{self.sentence_total} reviewed"
        return line

    # Translation -----------------------------------------------------------------------------

    def add_translation(
        self, paragraph: TranslatedParagraph, flags: Sequence[tuple[Flag, ...]] | None = None
    ) -> None:
        """The machine's translation of one paragraph arrived, with its sentences' QA flags
        if they were checked already (`check_translation`, run off the UI thread)."""
        self._machine[paragraph.index] = paragraph
        for pair, found in zip(paragraph.sentences, flags or (), strict=False):
            self._flags[(paragraph.index, pair.source, pair.target, pair.unknown_replaced)] = found

    def check_translation(self, paragraph: TranslatedParagraph) -> tuple[tuple[Flag, ...], ...]:
        """The QA flags of each sentence of a machine-translated paragraph. Pure and slow-ish
        (a fraction of a millisecond a sentence): run it in the translation worker."""
        return tuple(
            self._run_checks(paragraph.index, pair.source, pair.target, pair.unknown_replaced)
            for pair in paragraph.sentences
        )

    @property
    def translated(self) -> list[int]:
        """The paragraphs whose machine translation has arrived."""
        return sorted(self._machine)

    @property
    def showable(self) -> list[int]:
        """The paragraphs the reader can show English for: translated by the model, or with
        every sentence in the memory."""
        return [i for i in range(len(self.article.paragraphs)) if self._sources(i) is not None]

    @property
    def fully_translated(self) -> bool:
        return len(self._machine) == len(self.article.paragraphs)

    @property
    def settled(self) -> bool:
        """The model's translation of every paragraph and the memory's matches are both in:
        the English shown changes from now on only if the reviewer changes it."""
        return self.fully_translated and self.memory_loaded

    @property
    def memory_shown(self) -> bool:
        """Some sentence shows the translation memory's English."""
        return any(
            sentence.origin is Origin.MEMORY
            for index in self.showable
            if (shown := self.shown(index)) is not None
            for sentence in shown.sentences
        )

    def machine(self, index: int) -> TranslatedParagraph | None:
        return self._machine.get(index)

    # Memory ----------------------------------------------------------------------------------

    def sources(self) -> list[str]:
        """Every sentence of the article, as the memory is asked about them."""
        return [key.source for key in article_sentences(self.article)]

    def set_memory(self, found: Mapping[str, ExactMatch]) -> None:
        """The memory's exact matches arrived: English (and its import) by normalised source."""
        self._memory = dict(found)
        self.memory_loaded = True

    def memory(self, source: str) -> ExactMatch | None:
        """The memory's exact match for `source`, or None."""
        return self._memory.get(normalise(source)) if self._memory else None

    # What the reader shows -------------------------------------------------------------------

    def _sources(self, index: int) -> list[tuple[str, SentencePair | None]] | None:
        """Paragraph `index`'s sentences with the model's translation of each: None before
        it is translated, unless the memory has every sentence of it."""
        machine = self._machine.get(index)
        if machine is not None:
            return [(pair.source, pair) for pair in machine.sentences]
        if not self._memory:
            return None
        sources = paragraph_sentences(self.article.paragraphs[index])
        if sources and all(self.memory(source) is not None for source in sources):
            return [(source, None) for source in sources]
        return None

    def shown(self, index: int) -> ShownParagraph | None:
        """Paragraph `index` as the reader shows it, or None while it has no English. Each
        sentence shows the reviewer's correction, else the memory's exact match, else the
        model's translation."""
        sources = self._sources(index)
        if sources is None:
            return None
        shown_pairs: list[SentencePair] = []
        origins: list[Origin] = []
        reviews: list[SentenceReview] = []
        names: list[str | None] = []
        for source, pair in sources:
            review = self.review(SentenceKey(index, source))
            remembered = self.memory(source)
            names.append(None)
            if review.correction is not None:
                target, origin = review.correction, Origin.CORRECTION
            elif remembered is not None:
                target, origin = remembered.target, Origin.MEMORY
                names[-1] = remembered.name
            else:
                assert pair is not None  # without a model, every sentence is remembered
                target, origin = pair.target, Origin.MACHINE
            shown_pairs.append(SentencePair(source, target))
            origins.append(origin)
            reviews.append(review)
        paragraph = TranslatedParagraph(index, tuple(shown_pairs))
        spans = align_sentences(self.article.paragraphs[index].text, paragraph)
        sentences = tuple(
            ShownSentence(
                SentenceKey(index, pair.source),
                pair.target,
                origin,
                review,
                span,
                original,
                self._check(
                    index,
                    pair.source,
                    pair.target,
                    # The model's own mark, only on the model's own English (as `tolk check`).
                    origin is Origin.MACHINE and original is not None and original.unknown_replaced,
                ),
                name,
            )
            for pair, origin, review, span, (_, original), name in zip(
                shown_pairs, origins, reviews, spans, sources, names, strict=True
            )
        )
        return ShownParagraph(index, paragraph.target, sentences)

    def _check(self, index: int, source: str, target: str, unknown: bool) -> tuple[Flag, ...]:
        key = (index, source, target, unknown)
        found = self._flags.get(key)
        if found is None:  # a correction, or a translation that came without its flags
            found = self._flags[key] = self._run_checks(index, source, target, unknown)
        return found

    def _run_checks(self, index: int, source: str, target: str, unknown: bool) -> tuple[Flag, ...]:
        heading = self.article.paragraphs[index].kind is ParagraphKind.HEADING
        return check_sentence(
            source,
            target,
            is_heading=heading,
            keyword_translations=self._keyword_translations,
            unknown_replaced=unknown,
        )

    def sentence(self, index: int, position: int) -> tuple[SentenceKey, SentencePair] | None:
        """The sentence at `position` in paragraph `index` (clamped) with the English shown for
        it, or None while the paragraph has none."""
        shown = self.shown(index)
        if shown is None or not shown.sentences:
            return None
        sentence = shown.sentences[min(position, len(shown.sentences) - 1)]
        return sentence.key, SentencePair(sentence.key.source, sentence.target)

    def paragraph_keys(self, index: int) -> list[SentenceKey]:
        """Every sentence of paragraph `index`, once it has English."""
        sources = self._sources(index)
        return [SentenceKey(index, source) for source, _ in sources] if sources else []

    def look_count(self) -> int:
        """How many sentences of the shown paragraphs need a look."""
        return sum(
            sentence.needs_look
            for index in self.showable
            if (shown := self.shown(index)) is not None
            for sentence in shown.sentences
        )

    # Review ----------------------------------------------------------------------------------

    def review(self, key: SentenceKey) -> SentenceReview:
        return self._reviews.get(key, SentenceReview())

    def set_reviews(self, reviews: dict[SentenceKey, SentenceReview], total: int) -> None:
        """The stored reviews arrived. Changes the user made meanwhile are kept over them."""
        self._reviews = {**reviews, **self._reviews}
        self.sentence_total = total

    def set_review(self, key: SentenceKey, review: SentenceReview) -> None:
        self._reviews[key] = review

    @property
    def reviewed_count(self) -> int:
        return sum(1 for review in self._reviews.values() if review.reviewed)

    def reviewed_article(self, model: str | None) -> ReviewedArticle:
        """The article with its translation and review, for export. Untranslated paragraphs
        are exported as source only; with no paragraph translated, as an untranslated article."""
        translated = [self._machine[i] for i in sorted(self._machine)]
        return build_reviewed_article(
            self.article,
            translated if self.fully_translated else None,
            self._reviews,
            model,
            self._keyword_translations,
            memory={key: match.target for key, match in self._memory.items()},
        )
