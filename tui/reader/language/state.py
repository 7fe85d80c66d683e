"""Telling languages in the reader: the jobs that tell the open article's and the library's.

The classifier takes a second or two to load and about 1 ms an article (`tolk.library.language`),
so both run in workers, and the library's only after the scan (`Listing.count_library`), its
answers cached per file (`tolk.library.languages`): the scan itself never waits for them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tolk.library.language import article_language, marked
from tolk.paths import cache_database
from tui.reader.jobs import POST_EVERY_SECONDS, Cancelled, Job, Post, every
from tui.reader.language.messages import ArticleLanguage, LibraryLanguages

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tui.views.article_rows import ArticleRow

TITLE = "Language"


def tell_open(opened: OpenArticle) -> Job:
    """Job: the language of the open article, from its text."""

    def job(post: Post, cancelled: Cancelled) -> None:
        post(ArticleLanguage(opened, article_language(opened.article)))

    return job


def tell_library(rows: Sequence[ArticleRow], marked_now: Collection[Path] = ()) -> Job:
    """Job: the language of each readable article of `rows` (a snapshot of the list), posted
    in chunks as they are told: the marks, and None for those of `marked_now` (the list's
    marks when it started) that are no longer marked — not a None for every Bokmål article
    (for 100,000 that cost the list a second of its thread for nothing)."""

    def job(post: Post, cancelled: Cancelled) -> None:
        from tolk.library.languages import LanguageCache

        try:
            cache = LanguageCache(cache_database())
        except (OSError, sqlite3.Error):
            return  # without a cache dir the list is not marked; the open article still is
        found: dict[Path, str | None] = {}
        due = every(POST_EVERY_SECONDS)
        paths = (row.absolute for row in rows if not row.is_error)
        try:
            for path, language in cache.languages(paths, cancelled=cancelled):
                if marked(language):
                    found[path] = language
                elif path in marked_now:
                    found[path] = None
                if due() and found:
                    post(LibraryLanguages(found))
                    found = {}
        except (OSError, sqlite3.Error):
            pass  # a locked or full cache: the languages told so far stand
        finally:
            cache.close()
        if found:
            post(LibraryLanguages(found))

    return job
