"""What a row of the article list says, as text: the marks after its date, its title wrapped to
the row's lines and names cut to fit. Pure, so the widget (article_list.py) only adds styles.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rich.cells import cell_len, set_cell_size

from tolk.text import count

UNREAD_MARK = "●"
BOOKMARK_MARK = "◆"
FLAG_MARK = "⚑"
NEW_WORDS_MARK = "new"  # after the share of new words: "12%new"
ROW_HEIGHT = 3  # two lines of title, then the date
TITLE_LINES = ROW_HEIGHT - 1


@dataclass(frozen=True)
class ArticleMarks:
    """What the list shows beside each article: bookmarks, read state, keyword hits."""

    bookmarked: frozenset[Path] = frozenset()
    read: frozenset[Path] | None = None  # None: reading state is not kept (no store)
    hits: dict[Path, int] = field(default_factory=dict)
    reviewed: dict[Path, tuple[int, int]] = field(default_factory=dict)  # (reviewed, total)
    looks: dict[Path, int] = field(default_factory=dict)  # sentences that need a look
    # Articles in a language other than Bokmål (its code: nn, da, …); Bokmål ones are not kept.
    languages: dict[Path, str] = field(default_factory=dict)
    # Of the articles opened, the share of their words (lemmas) not known yet, in percent:
    # a stored number, never worked out while listing.
    new_words: dict[Path, int] = field(default_factory=dict)


def row_marks(path: Path, marks: ArticleMarks) -> list[str]:
    """The markers after the date of the article at `path`: its language when not Bokmål,
    unread, bookmarked, keyword hits, sentences that need a look, the share of new words, review
    progress."""
    shown = []
    language = marks.languages.get(path)
    if language is not None:
        shown.append(f" {language}")
    if marks.read is not None and path not in marks.read:
        shown.append(f" {UNREAD_MARK}")
    if path in marks.bookmarked:
        shown.append(f" {BOOKMARK_MARK}")
    hits = marks.hits.get(path, 0)
    if hits:
        shown.append(f" {count(hits, 'hit')}")
    looks = marks.looks.get(path, 0)
    if looks:
        shown.append(f" {looks}{FLAG_MARK}")
    new = marks.new_words.get(path)
    if new is not None and new < 100:  # all new: nothing to tell one such article from another
        shown.append(f" {new}%{NEW_WORDS_MARK}")
    done, total = marks.reviewed.get(path, (0, 0))
    if done:
        shown.append(f" {done}/{total}✓")
    return shown


def fully_reviewed(progress: tuple[int, int] | None) -> bool:
    """Whether every sentence of an article is reviewed (`progress`: reviewed, total)."""
    return progress is not None and progress[1] > 0 and progress[0] >= progress[1]


def title_line(title: str, line: int, width: int) -> str:
    """Line `line` of `title` wrapped to `width` cells ("" past its last line)."""
    lines = wrap_title(title, width)
    return lines[line] if line < len(lines) else ""


@lru_cache(maxsize=4096)
def wrap_title(title: str, width: int) -> list[str]:
    """The title on at most TITLE_LINES lines of `width` cells, cut with an ellipsis."""
    lines = textwrap.wrap(title, max(width, 1)) or [""]
    if len(lines) > TITLE_LINES:
        rest = " ".join(lines[TITLE_LINES - 1 :])
        lines = [*lines[: TITLE_LINES - 1], fit(rest, width - 1) if width > 1 else ""]
        if not lines[-1].endswith("…"):
            lines[-1] += "…"
    return [fit(line, width) for line in lines]


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells, with an ellipsis where it was cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)) + "…" if width > 0 else ""
