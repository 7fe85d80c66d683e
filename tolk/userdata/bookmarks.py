"""What a bookmark is, and how it finds its paragraph again after the article moved or changed.

A bookmark names its article by content (`article_key`), not by path, so renaming or moving the
file loses nothing. When the text changes, the bookmark re-anchors on its saved paragraph text:
an exact match anywhere in the article, else the most similar paragraph (difflib ratio at least
REANCHOR_MIN_RATIO), else it is reported orphaned, its saved text still there to show.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import unicodedata
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from tolk.library.articles import Article, ArticleError, read_article

# A changed paragraph still counts as the bookmarked one at this difflib similarity or above.
REANCHOR_MIN_RATIO = 0.8


class BookmarkStatus(Enum):
    """How a bookmark relates to the article it was looked up in."""

    OK = "ok"  # same content, same file
    MOVED = "moved"  # same content, found at a new path
    REANCHORED = "reanchored"  # the article changed; the paragraph was found again
    ORPHANED = "orphaned"  # the article changed and the paragraph is gone; its text is kept
    MISSING = "missing"  # (check_against_file only) no readable article at the last path


@dataclass(frozen=True)
class Bookmark:
    """A bookmarked paragraph, as stored. `path`, `title`, `date` are as last seen."""

    id: int
    article_key: str
    path: Path
    title: str
    date: str | None  # ISO 8601 at the article's own precision
    paragraph_index: int
    paragraph_text: str
    note: str | None
    created: str  # UTC ISO 8601


@dataclass(frozen=True)
class ResolvedBookmark:
    """A bookmark checked against an article: `index` is its paragraph now (None if orphaned)."""

    bookmark: Bookmark
    status: BookmarkStatus
    index: int | None


def article_key(article: Article) -> str:
    """The article's identity by content: sha256 of its normalised paragraph texts, so a
    bookmark survives the file being moved or renamed."""
    digest = hashlib.sha256()
    for paragraph in article.paragraphs:
        text = unicodedata.normalize("NFC", " ".join(paragraph.text.split()))
        digest.update(text.encode("utf-8") + b"\n")
    return digest.hexdigest()


def absolute_path(path: Path) -> Path:
    """Paths are stored absolute and normalised; compare the sidebar's paths through this."""
    return Path(os.path.abspath(path))


def resolve(bookmark: Bookmark, article: Article, key: str | None = None) -> ResolvedBookmark:
    """Find `bookmark`'s paragraph in `article`; the returned bookmark carries what was found
    (key, path, title, date, index, text) — an orphan only the path it was last looked for at."""
    key = key or article_key(article)
    path = absolute_path(article.path)
    texts = [paragraph.text for paragraph in article.paragraphs]
    index: int | None
    if bookmark.article_key == key and bookmark.paragraph_index < len(texts):
        index = bookmark.paragraph_index
        status = BookmarkStatus.OK if bookmark.path == path else BookmarkStatus.MOVED
    else:
        index = find_paragraph(bookmark.paragraph_text, texts, bookmark.paragraph_index)
        if index is None:
            return ResolvedBookmark(replace(bookmark, path=path), BookmarkStatus.ORPHANED, None)
        status = BookmarkStatus.REANCHORED
    date = article.date.iso() if article.date else None
    found = replace(
        bookmark,
        article_key=key,
        path=path,
        title=article.title,
        date=date,
        paragraph_index=index,
        paragraph_text=texts[index],
    )
    return ResolvedBookmark(found, status, index)


def find_paragraph(text: str, paragraphs: list[str], near: int) -> int | None:
    """The paragraph equal to `text` (nearest `near`), else the most similar one at or above
    REANCHOR_MIN_RATIO, else None."""
    exact = [index for index, candidate in enumerate(paragraphs) if candidate == text]
    if exact:
        return min(exact, key=lambda index: abs(index - near))
    # autojunk would treat common letters as junk in long paragraphs and skew the ratio.
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(text)
    best: tuple[float, int, int] | None = None
    for index, candidate in enumerate(paragraphs):
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < REANCHOR_MIN_RATIO:
            continue
        if matcher.quick_ratio() < REANCHOR_MIN_RATIO:
            continue
        ratio = matcher.ratio()
        if ratio >= REANCHOR_MIN_RATIO:
            score = (ratio, -abs(index - near), index)
            best = score if best is None or score > best else best
    return None if best is None else best[2]


def check_against_file(bookmark: Bookmark) -> ResolvedBookmark:
    """Re-read the article at the bookmark's last path and resolve against it (no writes)."""
    try:
        article = read_article(bookmark.path)
    except ArticleError:
        return ResolvedBookmark(bookmark, BookmarkStatus.MISSING, None)
    return resolve(bookmark, article)
