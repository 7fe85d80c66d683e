"""What a CAT tool changed in tolk's XLIFF, into the reviewer's work in the user store.

For each trans-unit of an article (its `<file original>`): a target that differs from the
English tolk exported (its `previous-version` alt-trans, compared after normalising whitespace)
becomes the sentence's correction (✎); a target in state `signed-off` or `final` marks the
sentence reviewed (✓). A unit is matched to the article's sentence by its id
(`p<paragraph>-s<sentence>`) and its source; when the article changed, by its source nearest
its old paragraph; when the article no longer has its source, it is reported and skipped.
Nothing else is touched: an empty target, another state, a unit left as exported change
nothing, and no review mark or note is ever removed.

A unit without tolk's alt-trans (a tool dropped it) has no exported English to compare with:
its target is taken as a correction when it differs from the sentence's correction (if any) and
its state says a person stands behind it (`translated`, `signed-off`, `final`).

`approved="yes"` is not read as reviewed: translate-toolkit (and Pootle, Weblate after it) set
it on every translated unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from tolk.library.articles import Article, ArticleError, read_article
from tolk.memory.units import Limits
from tolk.text import normalise, printable
from tolk.userdata.review import ReviewBook, SentenceKey, article_sentences
from tolk.xliff.reading import XliffUnit, xliff_units

__all__ = ["ImportReport", "check_file", "import_xliff"]

REVIEWED_STATES = frozenset({"signed-off", "final"})
PERSON_STATES = REVIEWED_STATES | {"translated"}
_UNIT_ID = re.compile(r"^p(\d+)-s(\d+)$")


@dataclass
class ImportReport:
    """What an import did: sentences corrected and marked reviewed, units that changed
    nothing, and why each skipped unit was skipped (one line each)."""

    corrected: int = 0
    reviewed: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)


def check_file(path: Path, limits: Limits | None = None) -> int:
    """Read the whole file without storing anything: its unit count, or XliffFileError. Run
    first, so a file that is malformed or hostile half-way imports nothing."""
    return sum(1 for _ in xliff_units(path, limits))


def import_xliff(path: Path, book: ReviewBook, limits: Limits | None = None) -> ImportReport:
    """Apply the XLIFF at `path` to the reviews in `book`, article by article. Raises
    XliffFileError (run `check_file` first) and StoreError."""
    report = ImportReport()
    for original, units in groupby(xliff_units(path, limits), key=lambda unit: unit.original):
        _apply_article(path, original, units, book, report)
    return report


def _apply_article(
    path: Path, original: str, units: Iterable[XliffUnit], book: ReviewBook, report: ImportReport
) -> None:
    try:
        article = read_article(Path(original))
    except (ArticleError, OSError, ValueError) as error:
        count = sum(1 for _ in units)
        report.skipped.append(
            f"{printable(str(path))}: article {printable(original)} cannot be read ({error}); "
            f"its {count} units skipped"
        )
        return
    places = _Places(article)
    reviews = book.reviews_for(article)
    corrections: dict[SentenceKey, str] = {}
    reviewed: dict[SentenceKey, None] = {}
    for unit in units:
        key = places.find(unit)
        if key is None:
            report.skipped.append(_skipped(path, article, unit))
            continue
        current = reviews.get(key)
        change = _correction(unit, current.correction if current is not None else None)
        if change is not None:
            corrections[key] = change
        newly_reviewed = unit.state in REVIEWED_STATES and not (
            current is not None and current.reviewed
        )
        if newly_reviewed:
            reviewed[key] = None
        if change is None and not newly_reviewed:
            report.unchanged += 1
    for key, text in corrections.items():
        book.set_correction(article, key, text)
    if reviewed:
        book.set_reviewed(article, list(reviewed), True)
    report.corrected += len(corrections)
    report.reviewed += len(reviewed)


def _correction(unit: XliffUnit, correction: str | None) -> str | None:
    """The unit's target as a new correction, or None when it changes nothing."""
    target = unit.target
    if not target or unit.too_long:
        return None
    if correction is not None and normalise(correction) == target:
        return None
    if unit.previous is not None:
        return target if target != unit.previous else None
    return target if unit.state in PERSON_STATES else None


def _skipped(path: Path, article: Article, unit: XliffUnit) -> str:
    where = f"{printable(str(path))}: {printable(str(article.path))} unit {printable(unit.unit_id)}"
    if unit.source is None:
        return f"{where}: no source, or one too long; skipped"
    shown = unit.source if len(unit.source) <= 60 else unit.source[:59] + "…"
    return f"{where}: the article no longer has this sentence ({printable(shown)}); skipped"


class _Places:
    """The article's sentences, found by a unit's id and source."""

    def __init__(self, article: Article) -> None:
        self._by_paragraph: dict[int, list[str]] = {}
        self._by_source: dict[str, list[SentenceKey]] = {}
        for key in article_sentences(article):
            self._by_paragraph.setdefault(key.paragraph, []).append(key.source)
            self._by_source.setdefault(normalise(key.source), []).append(key)

    def find(self, unit: XliffUnit) -> SentenceKey | None:
        """The sentence the unit is about: at its place if the source is there, else the
        same source nearest that paragraph; None when the article no longer has it."""
        if unit.source is None:
            return None
        paragraph, number = _place(unit.unit_id)
        here = self._by_paragraph.get(paragraph, [])
        if number < len(here) and normalise(here[number]) == unit.source:
            return SentenceKey(paragraph, here[number])
        elsewhere = self._by_source.get(unit.source, [])
        return min(elsewhere, key=lambda key: abs(key.paragraph - paragraph), default=None)


def _place(unit_id: str) -> tuple[int, int]:
    """(paragraph, sentence) from tolk's unit id; (-1, -1) for an id tolk did not write."""
    matched = _UNIT_ID.match(unit_id)
    return (int(matched[1]), int(matched[2])) if matched else (-1, -1)
