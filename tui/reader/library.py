"""The library in the reader: scanning the folders, reading the article the user opens."""

from __future__ import annotations

import time
from pathlib import Path

from tolk.articles import ArticleError, ArticleSummary, read_article
from tolk.library import scan_library
from tui import messages
from tui.reader.jobs import Cancelled, Job, Post

# The scan reports in batches: soon enough that the first titles show at once, rarely enough
# that 10,000 files do not mean 10,000 messages.
_BATCH_SECONDS = 0.05
_FIRST_BATCH_SIZE = 1


def scan(roots: list[Path]) -> Job:
    """Job: find every article under `roots`, in batches."""

    def job(post: Post, cancelled: Cancelled) -> None:
        batch: list[ArticleSummary] = []
        scanned = 0
        last_post = time.monotonic()
        first = True
        for summary in scan_library(roots, cancelled=cancelled):
            batch.append(summary)
            scanned += 1
            now = time.monotonic()
            if (first and len(batch) >= _FIRST_BATCH_SIZE) or now - last_post >= _BATCH_SECONDS:
                post(messages.LibraryBatch(batch, scanned))
                batch, last_post, first = [], now, False
        post(messages.LibraryBatch(batch, scanned))
        post(messages.ScanFinished())

    return job


def read(path: Path, paragraph: int) -> Job:
    """Job: read and parse the article at `path`, to open at `paragraph`."""

    def job(post: Post, cancelled: Cancelled) -> None:
        try:
            article = read_article(path)
        except ArticleError as error:
            if not cancelled():
                post(messages.ArticleUnreadable(path, str(error)))
            return
        # A later open replaced this one while the file was read: its article wins.
        if not cancelled():
            post(messages.ArticleLoaded(article, paragraph))

    return job
