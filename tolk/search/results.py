"""The searching half of the index: a query's matching paragraphs, newest first, each with a
snippet of its original text and the spans to highlight in it."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tolk.keywords.matching import KeywordHit, KeywordMatcher
from tolk.library.dates import ArticleDate
from tolk.search.query import (
    STEMMER_LANGUAGE,
    Language,
    exact_phrases,
    match_expression,
    query_terms,
)
from tolk.search.schema import SEQUENCE_BITS, article_date
from tolk.search.snippets import make_snippet

__all__ = ["SearchResult", "find_paragraphs"]

_SEARCH_SQL = (
    "SELECT p.id, p.number, p.language, p.text, f.path, f.title, f.year, f.month, f.day, "
    "f.precision FROM (SELECT rowid AS id FROM search_words WHERE search_words MATCH ? "
    "ORDER BY rowid DESC LIMIT ?) AS m "
    "JOIN search_paragraph AS p ON p.id = m.id JOIN search_file AS f ON f.id = p.file_id"
)
# A search with a "quoted phrase" reads this many candidates per result wanted (at most
# _MOST_CANDIDATES), of which those holding the exact phrase are kept.
_PHRASE_CANDIDATES = 20
_MOST_CANDIDATES = 5_000
_QUOTED_PARTS = re.compile(r'"[^"]*"?')


@dataclass(frozen=True)
class SearchResult:
    """One matching paragraph.

    `snippet` is a window of the paragraph's original text (with `…` where it was cut);
    `snippet_matches` are the spans to highlight in it, and `match_start`/`match_end` locate the
    first match in the whole paragraph, for the reader to open it there.
    """

    path: Path
    title: str
    date: ArticleDate | None
    paragraph: int
    language: Language
    snippet: str
    snippet_matches: tuple[tuple[int, int], ...]
    match_start: int
    match_end: int


def find_paragraphs(reader: sqlite3.Connection, query: str, limit: int) -> list[SearchResult]:
    """Paragraphs holding every word of `query` (see `SearchIndex.search`), read through
    `reader`; raises sqlite3.Error."""
    terms = query_terms(query)
    expression = match_expression(terms)
    if expression is None or limit <= 0:
        return []
    phrases = exact_phrases(query)
    # The index holds stems, so a phrase's candidates include its inflections: read more of
    # them and keep those where the phrase stands exactly as typed.
    wanted = min(limit * _PHRASE_CANDIDATES, _MOST_CANDIDATES) if phrases else limit
    rows = reader.execute(_SEARCH_SQL, (expression, wanted)).fetchall()
    if phrases:
        rows = [row for row in rows if all(p.search(row[3]) for p in phrases)]
    loose = query_terms(_QUOTED_PARTS.sub(" ", query))
    matchers = {
        language: KeywordMatcher(loose, name) for language, name in STEMMER_LANGUAGE.items()
    }
    rows.sort(key=lambda r: (-(r[0] >> SEQUENCE_BITS), r[4], r[1], r[2] != "nb"))
    results = []
    for _, number, language, text, path, title, year, month, day, precision in rows[:limit]:
        hits = sorted(
            [
                *(
                    KeywordHit(m.start(), m.end(), 0)
                    for pattern in phrases
                    for m in pattern.finditer(text)
                ),
                *(matchers[language].find(text) if loose else ()),
            ],
            key=lambda hit: hit.start,
        )
        snippet, spans = make_snippet(text, hits)
        first = hits[0] if hits else KeywordHit(0, 0, 0)
        results.append(
            SearchResult(
                Path(path),
                title,
                article_date(year, month, day, precision),
                number,
                language,
                snippet,
                spans,
                first.start,
                first.end,
            )
        )
    return results
