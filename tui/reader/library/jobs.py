"""The library in the reader: scanning the folders, reading the article the user opens."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tolk.library.articles import Article, ArticleError, ArticleSummary, read_article
from tolk.library.index import IndexedFile, LibraryIndex
from tolk.library.scan import (
    Checked,
    Found,
    FoundMany,
    Gone,
    Listed,
    ListingDone,
    scan_with_index,
)
from tolk.paths import library_index_file
from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.library.messages import (
    ArticleLoaded,
    ArticleUnreadable,
    LibraryBatch,
    LibraryRemoved,
    Preloaded,
    ScanFinished,
)
from tui.reader.messages import Notice
from tui.views.article_rows import ArticleRow

if TYPE_CHECKING:
    from tolk.qa.terminology import Term

# What finds an article's glossary terms (in the reading job's worker), and a warning, if any.
Glossary = Callable[[Article], tuple["Sequence[Term]", str | None]]

# The scan reports in batches: the first title alone, so it shows at once; then at most every
# _BATCH_SECONDS until the list holds a few screenfuls (_FIRST_ROWS), every _LATER_BATCH_SECONDS
# after that (each batch resizes the list's scroll area, a layout and redraw of the screen: at 20
# a second the redraws of a long scan took as much CPU as the scan), and only once the list has
# taken the previous batch, so a busy UI gets fewer, bigger batches rather than a queue it
# cannot work off. A batch holds at most _BATCH_MOST rows: with that many waiting the scan waits
# for the list, which keeps every UI turn short: 10,000 rows from the library index (in the list's
# order, so appended) take about 10 ms; a first scan's (in the folders' order, so merged into the
# list) come about 7,000 at a time and take 20-40 ms.
_BATCH_SECONDS = 0.05
_FIRST_ROWS = 500
_LATER_BATCH_SECONDS = 0.25
_BATCH_MOST = 10_000
# Progress ("Scanning… N files") is posted this often while nothing new is found.
_PROGRESS_SECONDS = 0.25


class _Batches:
    """Collects rows and posts them as `LibraryBatch` messages, paced by the list."""

    def __init__(self, post: Post, cancelled: Cancelled) -> None:
        self._post = post
        self._cancelled = cancelled
        self._rows: list[ArticleRow] = []
        self._last = 0.0
        self._handled: threading.Event | None = None
        self._first = True
        self._posted = 0  # rows
        self.scanned = 0

    def add(self, summary: ArticleSummary) -> None:
        # The row's sort key, folded title and absolute path are made here, off the UI thread.
        self._rows.append(ArticleRow(summary))
        self._added()

    def add_listed(self, files: list[IndexedFile]) -> None:
        """Rows for files as the library index knows them."""
        listed = ArticleRow.listed
        self._rows.extend(
            listed(file.path, file.absolute, file.title, file.date, file.error) for file in files
        )
        self._added()

    def _added(self) -> None:
        if self._first or len(self._rows) >= _BATCH_MOST:
            self.flush(wait=not self._first)
        elif self._due(self._batch_seconds()):
            self.flush()

    def progress(self) -> None:
        if self._due(self._batch_seconds() if self._rows else _PROGRESS_SECONDS):
            self.flush()

    def _batch_seconds(self) -> float:
        return _BATCH_SECONDS if self._posted < _FIRST_ROWS else _LATER_BATCH_SECONDS

    def _due(self, seconds: float) -> bool:
        taken = self._handled is None or self._handled.is_set()
        return taken and time.monotonic() - self._last >= seconds

    def flush(self, *, wait: bool = False) -> None:
        """Post what has been collected (`wait`: once the list has taken the last batch)."""
        while wait and self._handled is not None and not self._cancelled():
            if self._handled.wait(0.1):
                break
        self._handled = threading.Event()
        self._post(LibraryBatch(self._rows, self.scanned, self._handled))
        self._posted += len(self._rows)
        self._rows, self._last, self._first = [], time.monotonic(), False


def scan(roots: list[Path], index_listed: threading.Event) -> Job:
    """Job: list every article under `roots` — what the library index knows at once, then what
    a walk of the folders finds changed, new or gone — in batches. `index_listed` is set once
    what the index knows is listed (or the job has ended)."""

    def job(post: Post, cancelled: Cancelled) -> None:
        def warn(text: str) -> None:
            post(Notice("Library", text, "warning"))

        index = _open_index(warn)
        batches = _Batches(post, cancelled)
        try:
            for step in scan_with_index(roots, index, cancelled=cancelled, warn=warn):
                if isinstance(step, Listed):
                    batches.add_listed(step.files)
                    batches.scanned += len(step.files)
                elif isinstance(step, FoundMany):
                    batches.add_listed(step.files)
                elif isinstance(step, Found):
                    batches.add(step.summary)
                elif isinstance(step, Checked):
                    batches.scanned = max(batches.scanned, step.files)
                    batches.progress()
                elif isinstance(step, ListingDone):
                    index_listed.set()
                    batches.flush()
                elif isinstance(step, Gone):
                    batches.flush()
                    post(LibraryRemoved(list(step.paths)))
        finally:
            index_listed.set()
            if index is not None:
                index.close()
        batches.flush()
        post(ScanFinished())

    return job


def _open_index(warn: Callable[[str], None]) -> LibraryIndex | None:
    """The library index, or None where the cache dir cannot be used (the scan reads every
    file then, as it did before there was an index)."""
    try:
        index = LibraryIndex(library_index_file())
    except (OSError, sqlite3.Error):
        return None
    if index.warning:
        warn(index.warning)
    return index


def read(path: Path, paragraph: int, glossary: Glossary | None = None) -> Job:
    """Job: read and parse the article at `path`, to open at `paragraph`, with the glossary's
    terms that may occur in it (`glossary`: finds them, and says what went wrong if anything)."""

    def job(post: Post, cancelled: Cancelled) -> None:
        try:
            article = read_article(path)
        except ArticleError as error:
            if not cancelled():
                post(ArticleUnreadable(path, str(error)))
            return
        terms: Sequence[Term] = ()
        if glossary is not None and not cancelled():
            terms, warning = glossary(article)
            if warning:
                post(Notice("Glossary", warning, "warning"))
        # A later open replaced this one while the file was read: its article wins.
        if not cancelled():
            post(ArticleLoaded(article, paragraph, tuple(terms)))

    return job


def preload(post: Post, cancelled: Cancelled) -> None:
    """Job: import what opening an article and loading the model need (the open article,
    with the review, QA checks and word alignment it brings; Argos's package format), once the
    first titles are drawn, in one worker: the first article opened does not wait for them on
    the UI thread, and the features that start after this (`Preloaded`) do not import them in
    several threads at once. (An import holds the GIL while it compiles a module, which a UI
    waiting its turn behind several importing threads felt as 0.1 s stalls.)"""
    import tolk.reading.open_article  # noqa: F401
    import translation.packages  # noqa: F401
    from tolk.keywords.matching import word_stemmer
    from tolk.search.query import STEMMER_LANGUAGE

    for language in STEMMER_LANGUAGE.values():  # Snowball, for keyword highlights and search
        word_stemmer(language).stem("a")
    post(Preloaded())
