"""`tolk add URL…` without the printing: one article page, fetched and saved in the library as
`tolk fetch` saves a feed's items.

The page is asked for by the same careful client, its article found by the same extraction
(`tolk.feeds.pages`), and the file written the same way (`tolk.feeds.saving`: the seeds'
format, a `source:` trailer with the page's URL, written once, atomically) into one folder for
pages added by hand, `feeds/added/` in the data dir. The file's name ends with a hash of the
URL as given, so a page added twice is saved once: the second time it is found on disk and not
asked for again. Each URL fails alone, with a reason in words.
"""

from __future__ import annotations

import errno
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tolk import paths
from tolk.feeds.fetching import PAGE_ACCEPT, PAGE_MAX_BYTES
from tolk.feeds.links import url_problem
from tolk.feeds.pages import ExtractionError, extract_page
from tolk.feeds.saving import article_text, find_saved, save_article
from tolk.feeds.web_client import FetchError, WebClient
from tolk.library.articles import read_summary
from tolk.library.dates import ArticleDate
from tolk.library.source import ArticleSource

__all__ = ["AddError", "AddReport", "AddedPage", "FailedPage", "add_page", "add_pages"]


class AddError(Exception):
    """A page could not be added; the message says why, in words (it does not repeat the URL)."""


@dataclass(frozen=True)
class AddedPage:
    """A page saved in the library (`added_before`: it was there already, and was not asked
    for again); `warning`: something to know about it, such as a guessed encoding."""

    url: str
    title: str
    date: ArticleDate | None
    path: Path
    added_before: bool = False
    warning: str | None = None


@dataclass(frozen=True)
class FailedPage:
    """A URL that could not be added, and why."""

    url: str
    reason: str

    def line(self) -> str:
        """One line for the user."""
        return f"{self.url}: {self.reason}"


@dataclass
class AddReport:
    """What `add_pages` added and what failed, in the order given."""

    added: list[AddedPage] = field(default_factory=list)
    failed: list[FailedPage] = field(default_factory=list)
    cancelled: bool = False


def add_pages(
    urls: Iterable[str],
    *,
    client: WebClient | None = None,
    folder: Path | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> AddReport:
    """Add each page in turn; one that fails does not stop the others."""
    client = client or WebClient(cancelled=cancelled)
    report = AddReport()
    for url in urls:
        if cancelled():
            report.cancelled = True
            break
        try:
            report.added.append(add_page(url, client=client, folder=folder))
        except AddError as error:
            report.failed.append(FailedPage(url, str(error)))
    return report


def add_page(url: str, *, client: WebClient, folder: Path | None = None) -> AddedPage:
    """Fetch the page at `url`, find its article and save it (in `folder`, else
    `paths.added_dir()`).
    Raises AddError."""
    url = url.strip()
    folder = folder or paths.added_dir()
    problem = url_problem(url)
    if problem is not None:
        raise AddError(problem)
    saved = find_saved(folder, url)
    if saved is not None:
        return _added_before(url, saved)
    try:
        page = client.get(url, max_bytes=PAGE_MAX_BYTES, accept=PAGE_ACCEPT)
        extracted = extract_page(page.body, page.url, page.charset)
    except (FetchError, ExtractionError) as error:
        raise AddError(str(error)) from None
    except Exception as error:  # trafilatura and lxml read hostile bytes: a bug costs one page
        lines = str(error).splitlines()
        detail = f": {lines[0]}" if lines else ""
        raise AddError(f"could not be read ({type(error).__name__}{detail})") from None
    title = extracted.title or _title_from(page.url)
    text = article_text(title, extracted.date, extracted.paragraphs, ArticleSource(page.url))
    try:
        path = save_article(folder, url, title, extracted.date, text)
    except OSError as error:
        raise AddError(_save_failure(folder, error)) from None
    return AddedPage(url, title, extracted.date, path, warning=extracted.encoding_guess)


def _added_before(url: str, path: Path) -> AddedPage:
    summary = read_summary(path)
    return AddedPage(url, summary.title, summary.date, path, added_before=True)


def _title_from(url: str) -> str:
    """A title for a page that states none: its host and path."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.hostname or ''}{parts.path}".rstrip("/") or url


def _save_failure(folder: Path, error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        remedy = "free some disk space and add it again"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        remedy = "make the folder writable and add it again"
    else:
        remedy = "fix that and add it again"
    return f"cannot save it in {folder} ({error.strerror or error}): {remedy}"
