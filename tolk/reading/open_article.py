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
from pathlib import Path

from tolk.export import ReviewedArticle
from tolk.keywords.matching import KeywordHit
from tolk.library.articles import Article
from tolk.library.language import language_name, marked
from tolk.memory.database import ExactMatch
from tolk.qa.checking import Checking
from tolk.qa.checks import FLAG_CODES, Flag, check_inconsistent
from tolk.qa.consistency import quote_variants
from tolk.qa.terminology import TermEntry, TermHit, terms_from_keywords
from tolk.reading.other_english import OtherEnglish
from tolk.reading.sentence_checks import Checked, SentenceChecks
from tolk.reading.shown_english import Origin, ShownParagraph, ShownSentence, lay_out
from tolk.text import normalise
from tolk.userdata.review import (
    SentenceKey,
    SentenceReview,
    article_sentences,
    build_reviewed_article,
    paragraph_sentences,
)
from translation.engine import SentencePair, TranslatedParagraph

# What the header says of an article in Nynorsk or another language than Bokmål.
POOR_TRANSLATION = "the nb→en model may translate it poorly"


class OpenArticle:
    """The open article and what the reader knows about it so far."""

    def __init__(
        self,
        article: Article,
        keyword_translations: Mapping[str, Sequence[str]] | None = None,
        *,
        checking: Checking | None = None,
    ) -> None:
        self.article = article
        # How sentences are judged (the user's [qa] settings and terms, the glossary's among
        # them, looked up as the article was read, so no sentence is judged without them), and
        # the flags by what they judge, judged once per text, in workers.
        self.checks = SentenceChecks(
            article,
            checking
            if checking is not None
            else Checking(tuple(terms_from_keywords(keyword_translations or {}))),
        )
        self._glossary_hits: dict[int, tuple[TermHit, ...]] | None = None  # once asked for
        # The user's other English for the article's sentences (the `inconsistent` check).
        self.other_english = OtherEnglish()
        self._machine: dict[int, TranslatedParagraph] = {}
        self._reviews: dict[SentenceKey, SentenceReview] = {}
        self._corrections = 0  # how many of the reviews are corrections
        self._memory: dict[str, ExactMatch] = {}  # normalised source -> the memory's English
        self._split: dict[int, list[str]] = {}  # paragraph -> its sentences, once asked for
        self.memory_loaded = False  # the memory's matches arrived (possibly none)
        self.sentence_total: int | None = None  # counted off the UI thread, with the reviews
        self.bookmarked: frozenset[int] = frozenset()
        self.source_hits: dict[int, list[KeywordHit]] = {}
        # The language it is written in (`tolk.library.language`), once told (off the UI
        # thread: the classifier takes a second to load).
        self.language: str | None = None
        # Its share of words not known yet ("12% new words (40 of 330)"), once counted
        # against the vocabulary (off the UI thread: every word is looked up).
        self.new_words: str | None = None

    @property
    def path(self) -> Path:
        return self.article.path

    @property
    def title_line(self) -> str:
        """Date, review progress and the share of new words once known, feed (for a fetched
        article) and title: the screen's subtitle. The title comes last: a narrow terminal
        cuts it, not the count."""
        parts = [str(self.article.date)] if self.article.date is not None else []
        if self.language is not None and marked(self.language):
            parts.insert(0, f"{language_name(self.language)} — {POOR_TRANSLATION}")
        if self.sentence_total is not None:
            parts.append(f"{self.reviewed_count}/{self.sentence_total} reviewed")
        if self.new_words is not None:
            parts.append(self.new_words)
        source = self.article.source
        if source is not None and source.feed:
            parts.append(source.feed)
        return " · ".join([*parts, self.article.title])

    # Translation -----------------------------------------------------------------------------

    def add_translation(
        self, paragraph: TranslatedParagraph, flags: Sequence[tuple[Flag, ...]] | None = None
    ) -> None:
        """The machine's translation of one paragraph arrived, with its sentences' QA flags
        if they were checked already (`check_translation`, run off the UI thread)."""
        self._machine[paragraph.index] = paragraph
        self.checks.add(paragraph.index, paragraph.sentences, flags or ())

    def check_translation(self, paragraph: TranslatedParagraph) -> tuple[tuple[Flag, ...], ...]:
        """The QA flags of each sentence of a machine-translated paragraph. Pure and slow-ish
        (a fraction of a millisecond a sentence): run it in the translation worker."""
        return self.checks.judge_translation(paragraph)

    @property
    def translated(self) -> list[int]:
        """The paragraphs whose machine translation has arrived."""
        return sorted(self._machine)

    @property
    def showable(self) -> list[int]:
        """The paragraphs the reader can show English for: translated by the model, or with
        a sentence that a correction or the memory gives English."""
        return [i for i in range(len(self.article.paragraphs)) if self._sources(i) is not None]

    @property
    def shows_english(self) -> bool:
        """Some paragraph shows English (`showable` is not empty; this stops at the first)."""
        return any(self._sources(i) is not None for i in range(len(self.article.paragraphs)))

    @property
    def fully_translated(self) -> bool:
        return len(self._machine) == len(self.article.paragraphs)

    @property
    def complete(self) -> bool:
        """Every sentence of the article has English (the model's, the memory's or a
        correction)."""
        for index in range(len(self.article.paragraphs)):
            shown = self.shown(index)
            if (shown is None and self._sentences(index)) or (shown and not shown.complete):
                return False
        return True

    @property
    def settled(self) -> bool:
        """The memory's matches are in, and every sentence has English: the model translated
        every paragraph, or corrections and the memory cover them all (with or without a model;
        a model could not change them). From now on the English shown changes only if the
        reviewer changes it. The sidebar's ⚑ count waits for this: `tolk check` calls an
        article with a sentence left without English not checked."""
        return self.memory_loaded and (self.fully_translated or self.complete)

    @property
    def shown_origins(self) -> frozenset[Origin]:
        """Where the English shown comes from, over the whole article."""
        return frozenset(
            sentence.origin
            for index in self.showable
            if (shown := self.shown(index)) is not None
            for sentence in shown.sentences
            if sentence.origin is not None
        )

    def machine(self, index: int) -> TranslatedParagraph | None:
        return self._machine.get(index)

    # Memory ----------------------------------------------------------------------------------

    def sources(self) -> list[str]:
        """Every sentence of the article, as the memory is asked about them."""
        return [key.source for key in article_sentences(self.article)]

    def rendering_keys(self) -> list[str]:
        """The keys under which the memory may hold the article's sentences (each one's quotes
        written each common way), for the memory's renderings."""
        return sorted(
            {variant for source in self.sources() for variant in quote_variants(normalise(source))}
        )

    def set_memory(
        self,
        found: Mapping[str, ExactMatch],
        renderings: Mapping[str, Sequence[ExactMatch]] | None = None,
    ) -> None:
        """The memory's exact matches arrived: English (and its import) by normalised source;
        and `renderings`, every English the memory has for them (`rendering_keys`)."""
        self._memory = dict(found)
        self.other_english.set_memory(renderings or {})
        self.memory_loaded = True

    @property
    def accepted_words(self) -> frozenset[str]:
        return self.checks.checking.accepted_words

    def accept_word(self, word: str) -> None:
        """The spelling check accepts `word` from now on: the flags that named a misspelling
        are made again."""
        self.checks.accept_word(word)

    def memory(self, source: str) -> ExactMatch | None:
        """The memory's exact match for `source`, or None."""
        return self._memory.get(normalise(source)) if self._memory else None

    # Glossary --------------------------------------------------------------------------------

    @property
    def glossary_hits(self) -> Mapping[int, Sequence[TermHit]]:
        """Where the glossary's terms are in each paragraph's Norwegian (the paragraphs with
        any; a term only in `[keyword_translations]` is the keywords' to show). Found when first
        asked for, as the keywords' hits are."""
        if self._glossary_hits is None:
            terminology = self.checks.checking.terminology
            self._glossary_hits = {}
            for index, paragraph in enumerate(
                self.article.paragraphs if self.checks.checking.glossary else ()
            ):
                found = tuple(
                    hit
                    for hit in terminology.find(paragraph.text)
                    if terminology.entries[hit.entry].from_glossary
                )
                if found:
                    self._glossary_hits[index] = found
        return self._glossary_hits

    def term_entry(self, hit: TermHit) -> TermEntry:
        """The term a hit found: its Norwegian, the English expected, where it comes from."""
        return self.checks.checking.terminology.entries[hit.entry]

    def sentence_terms(self, index: int, start: int, end: int) -> list[TermEntry]:
        """The glossary's terms in paragraph `index`'s Norwegian between `start` and `end` (a
        sentence), each once, in order."""
        found = [
            self.term_entry(hit)
            for hit in self.glossary_hits.get(index, ())
            if start <= hit.start and hit.end <= end
        ]
        return list(dict.fromkeys(found))

    # What the reader shows -------------------------------------------------------------------

    def _sources(self, index: int) -> list[tuple[str, SentencePair | None]] | None:
        """Paragraph `index`'s sentences with the model's translation of each: None before
        it is translated, unless a correction or the memory gives one of them English."""
        machine = self._machine.get(index)
        if machine is not None:
            return [(pair.source, pair) for pair in machine.sentences]
        if not self._memory and not self._corrections:
            return None  # nothing to show: no need to split the paragraph
        sources = self._sentences(index)
        covered = any(
            self.memory(source) is not None
            or self.review(SentenceKey(index, source)).correction is not None
            for source in sources
        )
        return [(source, None) for source in sources] if covered else None

    def _sentences(self, index: int) -> list[str]:
        """Paragraph `index`'s sentences as the translator splits them (split once)."""
        found = self._split.get(index)
        if found is None:
            found = self._split[index] = paragraph_sentences(self.article.paragraphs[index])
        return found

    def shown(self, index: int) -> ShownParagraph | None:
        """Paragraph `index` as the reader shows it, or None while it has no English. Each
        sentence shows the reviewer's correction, else the memory's exact match, else the
        model's translation, else (no model, or not translated yet) nothing."""
        sources = self._sources(index)
        if sources is None:
            return None
        sentences: list[tuple[str, str | None, Origin | None, str | None]] = []
        for source, pair in sources:
            correction = self.review(SentenceKey(index, source)).correction
            remembered = self.memory(source)
            if correction is not None:
                sentences.append((source, correction, Origin.CORRECTION, None))
            elif remembered is not None:
                sentences.append((source, remembered.target, Origin.MEMORY, remembered.name))
            elif pair is not None:
                sentences.append((source, pair.target, Origin.MACHINE, None))
            else:
                sentences.append((source, None, None, None))
        text = self.article.paragraphs[index].text
        target, spans = lay_out(text, [(source, english) for source, english, _, _ in sentences])
        shown = tuple(
            ShownSentence(
                SentenceKey(index, source),
                english,
                origin,
                self.review(SentenceKey(index, source)),
                span,
                original,
                self._check(
                    # The model's own mark and score, only on its own English (as `tolk check`).
                    (index, source, english, original.unknown_replaced, original.score)
                    if origin is Origin.MACHINE and original is not None
                    else (index, source, english, False, None)
                )
                if english is not None
                else (),
                name,
            )
            for (source, english, origin, name), span, (_, original) in zip(
                sentences, spans, sources, strict=True
            )
        )
        return ShownParagraph(index, target, shown)

    def _check(self, key: Checked) -> tuple[Flag, ...]:
        found = self.checks.flags(key)
        if not self.checks.checking.keeps("inconsistent"):
            return found
        # Not kept with the others: what it compares with arrives later and changes with
        # every correction. A lookup, not a check run again.
        _, source, target, _, _ = key
        others = self.other_english.renderings(source, self._reviews, self._number)
        inconsistent = check_inconsistent(target, others)
        if inconsistent is None:
            return found
        return tuple(sorted((*found, inconsistent), key=lambda flag: FLAG_CODES.index(flag.code)))

    def _number(self, key: SentenceKey) -> int:
        """Which sentence of its paragraph `key` is, from 1 (0: not there now)."""
        inside = 0 <= key.paragraph < len(self.article.paragraphs)
        sentences = self._sentences(key.paragraph) if inside else []
        return sentences.index(key.source) + 1 if key.source in sentences else 0

    def sentence(self, index: int, position: int) -> ShownSentence | None:
        """The sentence at `position` in paragraph `index` (clamped) as shown, or None while
        the paragraph shows no English (the sentence itself may have none yet)."""
        shown = self.shown(index)
        if shown is None or not shown.sentences:
            return None
        return shown.sentences[min(position, len(shown.sentences) - 1)]

    def paragraph_keys(self, index: int) -> list[SentenceKey]:
        """Every sentence of paragraph `index` that has English."""
        shown = self.shown(index)
        return [s.key for s in shown.sentences if s.target is not None] if shown else []

    def look_count(self) -> int:
        """How many sentences of the shown paragraphs need a look (of an article whose every
        sentence has English, once `settled`, what the sidebar shows)."""
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
        self._corrections = sum(r.correction is not None for r in self._reviews.values())
        self.other_english.reviews_changed()
        self.sentence_total = total

    def set_review(self, key: SentenceKey, review: SentenceReview) -> None:
        before = self._reviews.get(key, SentenceReview()).correction is not None
        self._reviews[key] = review
        self._corrections += (review.correction is not None) - before
        self.other_english.reviews_changed()

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
            memory={key: match.target for key, match in self._memory.items()},
            renderings=self.other_english.index(self._reviews, self._number),
            checking=self.checks.checking,
        )
