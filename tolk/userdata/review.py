"""The reviewer's work on machine translations: per-sentence corrections, review marks and notes.

Reviews live in the user store (`tolk.userdata.store`), apart from machine output: a row never names
the model or the cache, so corrections survive restarts, a wiped translation cache and a new model.

A sentence is anchored like a bookmark, by content: the article's content key, the sentence's
Norwegian text and which occurrence of that text it is (an article may repeat a sentence). When
the article changes, a review re-anchors to the same sentence text wherever it now is, nearest
its old paragraph; a review whose sentence is gone is kept (never deleted) but not returned, and
comes back if the sentence does. Only exact text re-anchors: a correction of a sentence that was
reworded would no longer be a translation of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tolk.export import ReviewedArticle, ReviewedParagraph, ReviewedSentence
from tolk.library.articles import Article, Paragraph, ParagraphKind
from tolk.qa.consistency import RenderingIndex
from tolk.text import normalise
from tolk.translating import counting_english, sentence_flags
from tolk.userdata.bookmarks import absolute_path, article_key
from tolk.userdata.store import UserStore
from translation.engine import SentencePair, TranslatedParagraph
from translation.sentences import split_sentences

if TYPE_CHECKING:
    from tolk.qa.checking import Checking


@dataclass(frozen=True)
class SentenceKey:
    """A sentence's identity inside an article: its paragraph and Norwegian text (as
    `split_sentences` gives it; a heading is one sentence, its whole stripped text)."""

    paragraph: int
    source: str


@dataclass(frozen=True)
class SentenceReview:
    """What the reviewer did to one sentence; the default is "nothing"."""

    correction: str | None = None  # None: the machine translation stands
    reviewed: bool = False
    note: str | None = None

    @property
    def empty(self) -> bool:
        """True when there is nothing worth keeping."""
        return self.correction is None and not self.reviewed and self.note is None


@dataclass(frozen=True)
class StoredCorrection:
    """A correction as the store keeps it: the Norwegian sentence, the English, and where it
    was last anchored (the article's content key and path, the 0-based paragraph)."""

    sentence: str
    correction: str
    article_key: str
    path: str
    paragraph: int


def paragraph_sentences(paragraph: Paragraph) -> list[str]:
    """The paragraph's sentences exactly as the translator splits them (headings whole)."""
    text = paragraph.text.strip()
    if paragraph.kind is ParagraphKind.HEADING and text:
        return [text]
    return split_sentences(paragraph.text)


def article_sentences(article: Article) -> list[SentenceKey]:
    """Every sentence of the article in reading order (a sentence repeated inside one paragraph
    appears twice, with equal keys: it is reviewed as one)."""
    return [
        SentenceKey(index, source)
        for index, paragraph in enumerate(article.paragraphs)
        for source in paragraph_sentences(paragraph)
    ]


class ReviewBook:
    """Reviews kept in the user store. Shares the store's connection and lock; every method is
    one transaction and raises StoreError when the database fails."""

    def __init__(self, store: UserStore) -> None:
        # The store owns the connection, its lock and the transaction discipline; reviews are
        # tables in the same database, so they go through the same door.
        self._store = store

    def reviews_for(self, article: Article) -> dict[SentenceKey, SentenceReview]:
        """The article's reviews by sentence, re-anchored (and stored so) if it changed."""
        with self._store.transaction() as db:
            found = _Anchoring(db, article).resolve()
        places = _places(article)
        return {
            SentenceKey(places[sentence][occurrence], sentence): row.review
            for (sentence, occurrence), row in found.items()
        }

    def set_correction(self, article: Article, key: SentenceKey, text: str | None) -> None:
        """Replace the machine translation of `key` with `text`; None (or blank) reverts to the
        machine's. Surrounding whitespace is dropped: sentences are joined with spaces."""
        cleaned = text.strip() if text is not None else None
        self._change(article, [key], lambda review: replace(review, correction=cleaned or None))

    def set_reviewed(self, article: Article, keys: Sequence[SentenceKey], reviewed: bool) -> None:
        """Mark (or unmark) the sentences as reviewed, all in one transaction."""
        self._change(article, keys, lambda review: replace(review, reviewed=reviewed))

    def set_note(self, article: Article, key: SentenceKey, note: str | None) -> None:
        """Attach a note to the sentence; None or a blank note removes it."""
        cleaned = note.strip() if note is not None else None
        self._change(article, [key], lambda review: replace(review, note=cleaned or None))

    def corrections(self, besides: Article | None = None) -> list[StoredCorrection]:
        """Every correction in the store, of every article (but `besides`), oldest first:
        what the `inconsistent` check compares a sentence's English with."""
        with self._store.transaction() as db:
            rows = db.execute(
                "SELECT sentence, correction, article_key, article_path, paragraph_index "
                "FROM sentence_reviews WHERE correction IS NOT NULL ORDER BY updated, id"
            ).fetchall()
        found = [StoredCorrection(*row) for row in rows]
        if besides is None:
            return found
        key, path = article_key(besides), str(absolute_path(besides.path))
        return [c for c in found if c.article_key != key and c.path != path]

    def record_total(self, article: Article) -> None:
        """Remember how many sentences the article has, for `progress`."""
        path = str(absolute_path(article.path))
        total = len(article_sentences(article))
        with self._store.transaction() as db:
            # Anchor first, so the reviewed count is taken against this version of the text.
            anchoring = _Anchoring(db, article)
            anchoring.resolve()
            db.execute(
                "INSERT INTO review_totals (path, article_key, total, updated) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET "
                "article_key = excluded.article_key, total = excluded.total, "
                "updated = excluded.updated",
                (path, anchoring.key, total, _now()),
            )

    def progress(self) -> dict[Path, tuple[int, int]]:
        """(reviewed, total) sentences by absolute path, for articles with a recorded total; as
        of the last time each article was recorded or looked up."""
        with self._store.transaction() as db:
            totals = db.execute("SELECT path, article_key, total FROM review_totals").fetchall()
            # DISTINCT: a sentence counts once even if two rows were ever anchored to it.
            counts = dict(
                db.execute(
                    "SELECT article_key, COUNT(*) FROM (SELECT DISTINCT article_key, sentence, "
                    "occurrence FROM sentence_reviews WHERE reviewed) GROUP BY article_key"
                ).fetchall()
            )
        return {Path(path): (min(counts.get(key, 0), total), total) for path, key, total in totals}

    def _change(
        self,
        article: Article,
        keys: Sequence[SentenceKey],
        change: Callable[[SentenceReview], SentenceReview],
    ) -> None:
        places = _places(article)
        targets = dict.fromkeys((key.source, _occurrence(places, key, article)) for key in keys)
        now = _now()
        with self._store.transaction() as db:
            anchoring = _Anchoring(db, article)
            found = anchoring.resolve()
            for sentence, occurrence in targets:
                row = found.get((sentence, occurrence))
                old = row.review if row is not None else SentenceReview()
                new = change(old)
                if new == old:
                    continue
                if row is None:
                    db.execute(
                        "INSERT INTO sentence_reviews (article_key, article_path, sentence, "
                        "occurrence, paragraph_index, correction, reviewed, note, updated) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            anchoring.key,
                            anchoring.path,
                            sentence,
                            occurrence,
                            places[sentence][occurrence],
                            new.correction,
                            new.reviewed,
                            new.note,
                            now,
                        ),
                    )
                elif new.empty:
                    db.execute("DELETE FROM sentence_reviews WHERE id = ?", (row.id,))
                else:
                    db.execute(
                        "UPDATE sentence_reviews SET correction = ?, reviewed = ?, note = ?, "
                        "updated = ? WHERE id = ?",
                        (new.correction, new.reviewed, new.note, now, row.id),
                    )


# --- anchoring ------------------------------------------------------------------------------

_ROW_COLUMNS = (
    "id, article_key, article_path, sentence, occurrence, paragraph_index, correction, "
    "reviewed, note"
)


@dataclass(frozen=True)
class _Row:
    id: int
    article_key: str
    path: str
    sentence: str
    occurrence: int
    paragraph: int
    review: SentenceReview

    @classmethod
    def from_db(cls, row: tuple[Any, ...]) -> _Row:
        row_id, key, path, sentence, occurrence, paragraph, correction, reviewed, note = row
        review = SentenceReview(correction, bool(reviewed), note)
        return cls(row_id, key, path, sentence, occurrence, paragraph, review)


def _places(article: Article) -> dict[str, list[int]]:
    """Sentence text -> the paragraph of each of its occurrences, in reading order."""
    places: dict[str, list[int]] = {}
    for key in article_sentences(article):
        places.setdefault(key.source, []).append(key.paragraph)
    return places


def _occurrence(places: dict[str, list[int]], key: SentenceKey, article: Article) -> int:
    """Which occurrence of its text `key` is; ValueError if the article has no such sentence."""
    spots = places.get(key.source, [])
    if key.paragraph not in spots:
        raise ValueError(
            f"no sentence {key.source!r} in paragraph {key.paragraph} of {article.path}"
        )
    return spots.index(key.paragraph)


class _Anchoring:
    """Finds an article's review rows (by content key or last path) and re-anchors them."""

    def __init__(self, db: sqlite3.Connection, article: Article) -> None:
        self._db = db
        self.key = article_key(article)
        self.path = str(absolute_path(article.path))
        self._places = _places(article)

    def resolve(self) -> dict[tuple[str, int], _Row]:
        """(sentence, occurrence) -> its review row, each row anchored at most once. Rows that
        moved are stored so, so the next lookup is direct; orphans are left as they are."""
        # Key or path together: an orphan keeps its old key but is found by path, to come back
        # if its sentence does.
        rows = [
            _Row.from_db(row)
            for row in self._db.execute(
                f"SELECT {_ROW_COLUMNS} FROM sentence_reviews WHERE article_key = ? "
                "OR article_path = ? ORDER BY paragraph_index, occurrence, id",
                (self.key, self.path),
            )
        ]
        found: dict[tuple[str, int], _Row] = {}
        drifting: list[_Row] = []
        # Rows of this very text claim their place first; the others fill in around them.
        for row in rows:
            spots = self._places.get(row.sentence, [])
            if row.article_key != self.key or row.occurrence >= len(spots):
                drifting.append(row)
            elif (row.sentence, row.occurrence) not in found:
                found[row.sentence, row.occurrence] = row
                if row.path != self.path:
                    self._db.execute(
                        "UPDATE sentence_reviews SET article_path = ? WHERE id = ?",
                        (self.path, row.id),
                    )
        # Nearest first over all candidates, so a row does not take the place of one that sat
        # closer to it (ties: the earlier row, the earlier place).
        candidates = sorted(
            (abs(spot - row.paragraph), order, occurrence)
            for order, row in enumerate(drifting)
            for occurrence, spot in enumerate(self._places.get(row.sentence, []))
        )
        placed: set[int] = set()
        for _, order, occurrence in candidates:
            row = drifting[order]
            if order in placed or (row.sentence, occurrence) in found:
                continue
            placed.add(order)
            found[row.sentence, occurrence] = replace(row, occurrence=occurrence)
            self._db.execute(
                "UPDATE sentence_reviews SET article_key = ?, article_path = ?, occurrence = ?, "
                "paragraph_index = ? WHERE id = ?",
                (self.key, self.path, occurrence, self._places[row.sentence][occurrence], row.id),
            )
        # Rows left unplaced are orphans: kept as they are, found again by path.
        return found


# --- export ---------------------------------------------------------------------------------


def build_reviewed_article(
    article: Article,
    translated: Sequence[TranslatedParagraph] | None,
    reviews: Mapping[SentenceKey, SentenceReview],
    model: str | None,
    keyword_translations: Mapping[str, Sequence[str]] | None = None,
    memory: Mapping[str, str] | None = None,
    *,
    renderings: RenderingIndex | None = None,
    checking: Checking | None = None,
) -> ReviewedArticle:
    """The article with its machine translation (None: untranslated, no model) and reviews,
    ready for `tolk.export`. A paragraph missing from `translated` is exported untranslated.
    `memory`: the translation memory's English by normalised source
    (`tolk.text.normalise`), shown in place of the model's. Each sentence carries the
    QA flags (`tolk.qa.checks`, with the user's `keyword_translations`) of the English that counts —
    correction, else memory, else model — judged as `tolk check` and the reader judge it
    (`renderings`: the user's other English, for `inconsistent`); the model's own translation
    its score, alignment and flags besides. `checking` (the checks that count, the article's
    terms and the accepted words, `tolk.qa.checking`), when given, judges instead of
    `keyword_translations` alone."""
    by_index = {paragraph.index: paragraph for paragraph in translated or ()}
    paragraphs = []
    for index, paragraph in enumerate(article.paragraphs):
        done = by_index.get(index)
        heading = paragraph.kind is ParagraphKind.HEADING
        pairs: list[tuple[str, SentencePair | None]] = (
            [(pair.source, pair) for pair in done.sentences]
            if done is not None
            else [(source, None) for source in paragraph_sentences(paragraph)]
        )
        flags = partial(
            sentence_flags,
            is_heading=heading,
            keyword_translations=keyword_translations,
            checking=checking,
        )
        sentences = []
        for source, pair in pairs:
            review = reviews.get(SentenceKey(index, source), SentenceReview())
            remembered = (memory or {}).get(normalise(source))
            others = renderings.renderings(source) if renderings is not None else ()
            sentence = ReviewedSentence(
                source, None, review.correction, review.reviewed, review.note, memory=remembered
            )
            model_flags = flags(pair) if pair is not None else ()
            english = counting_english(pair, review.correction, remembered)
            if english is not None and english.origin == "model" and pair is not None:
                counted = flags(pair, renderings=others) if others else model_flags
                sentence = replace(sentence, flags=counted)
            elif english is not None:  # the model's score and unknown-token mark left out
                counted_pair = SentencePair(source, english.target)
                sentence = replace(sentence, flags=flags(counted_pair, renderings=others))
            if pair is not None:
                sentence = replace(
                    sentence,
                    machine=pair.target,
                    score=pair.score,
                    model_flags=model_flags,
                    alignment=pair.alignment,
                )
            sentences.append(sentence)
        paragraphs.append(
            ReviewedParagraph(index, paragraph.kind.value, paragraph.text, tuple(sentences))
        )
    return ReviewedArticle(article, tuple(paragraphs), model if translated is not None else None)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
