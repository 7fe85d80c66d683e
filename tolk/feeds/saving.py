"""Fetched articles on disk: one folder per feed under the data dir's `feeds/`, one file per
item, in the seeds' format with a trailer naming the source (see `tolk/library/source.py`).

A file is written once, atomically (temp file, fsync, then a link that fails rather than
replace anything), and never rewritten. Its name ends with a hash of the item's GUID, so an
item already on disk is recognised even without the feed database.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
import unicodedata
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

from tolk.library.articles import Paragraph
from tolk.library.dates import ArticleDate
from tolk.library.source import ArticleSource, format_trailer

__all__ = ["article_text", "feed_folder", "find_saved", "save_article"]

_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss"})
_SLUG_MAX = 48
# What link() says on a file system without hard links.
_NO_HARD_LINKS = {
    errno.EPERM,
    errno.ENOTSUP,
    errno.EOPNOTSUPP,
    errno.ENOSYS,
    errno.EMLINK,
    errno.EXDEV,
}


def feed_folder(root: Path, feed_url: str) -> Path:
    """The feed's folder: its host and path, readable, plus a short hash of the whole URL."""
    parts = urllib.parse.urlsplit(feed_url)
    readable = _slug(f"{parts.hostname or ''} {parts.path}") or "feed"
    return root / f"{readable}-{_hash(feed_url, 6)}"


def find_saved(folder: Path, key: str) -> Path | None:
    """The file already saved for the item with GUID `key`, if there is one."""
    try:
        return next(folder.glob(f"*_{_hash(key, 12)}.txt"), None)
    except OSError:
        return None


def article_text(
    title: str, date: ArticleDate | None, paragraphs: Sequence[Paragraph], source: ArticleSource
) -> str:
    """The article file: the date and the headline on line 1, then the paragraphs (lead, body,
    subheadings), then the source trailer. Each paragraph is one line."""
    blocks = [f"date {date.iso()} – {title}" if date is not None else title]
    blocks += [" ".join(p.text.split()) for p in paragraphs]
    blocks.append(format_trailer(source))
    return "\n\n".join(block for block in blocks if block) + "\n"


def save_article(folder: Path, key: str, title: str, date: ArticleDate | None, text: str) -> Path:
    """Write `text` as a new file in `folder` and return its path. Never replaces a file:
    if the item's file exists already, that one is returned untouched."""
    folder.mkdir(parents=True, exist_ok=True)
    existing = find_saved(folder, key)
    if existing is not None:
        return existing
    when = date.iso() if date is not None else "undated"
    target = (
        folder / f"{when}_{_slug(title)[:_SLUG_MAX].strip('-') or 'article'}_{_hash(key, 12)}.txt"
    )
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=".fetch-", suffix=".tmp")
    try:
        # A failure to write (a full disk) is the caller's to report: never a file cut short.
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        _link(temp_name, target)
    finally:
        Path(temp_name).unlink(missing_ok=True)
    return target


def _link(temp_name: str, target: Path) -> None:
    """Give the written file its name; one already there is kept, not replaced."""
    try:
        os.link(temp_name, target)  # fails, rather than replaces, if the name is taken
    except FileExistsError:
        pass
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        if not target.exists():  # FAT, some network mounts: a rename, after a look
            os.replace(temp_name, target)


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    return _SLUG_CHARS.sub("-", ascii_only).strip("-")


def _hash(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]
