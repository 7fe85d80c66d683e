"""A fake of the reader screen as command objects see it (`tui.reader.host.ReaderHost`): it
records what a command asked for (jobs, notices, dialogs, changes), and runs a job on request,
collecting what the job posts. No terminal, no app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.message import Message
from textual.screen import Screen

from tolk.library.articles import ArticleSummary
from tolk.reading.open_article import OpenArticle
from translation.engine import ArticleTranslator
from tui.reader.host import Changed, CursorWord, EnglishColumn, LibraryList
from tui.reader.jobs import Job


@dataclass
class StartedJob:
    job: Job
    title: str
    group: str


@dataclass
class FakeHost:
    """The host, with an open article and a cursor; everything asked of it is kept."""

    opened: OpenArticle | None = None
    cursor: tuple[int, int] = (0, 0)
    word_at_cursor: CursorWord | None = None
    translator: ArticleTranslator | None = None
    jobs: list[StartedJob] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    dialogs: list[tuple[Screen[Any], Callable[[Any], None]]] = field(default_factory=list)
    changes: list[Changed] = field(default_factory=list)
    opened_paths: list[tuple[Path, int]] = field(default_factory=list)
    listed: LibraryList | None = None  # the list, for the commands that use it
    copied: list[str] = field(default_factory=list)
    opened_urls: list[str] = field(default_factory=list)
    posted: list[Message] = field(default_factory=list)
    browser: bool = True  # whether a browser can show a page (False: over SSH)

    def shows(self, opened: OpenArticle) -> bool:
        return opened is self.opened

    def move_cursor(self, paragraph: int, sentence: int | None = None) -> None:
        self.cursor = (paragraph, self.cursor[1] if sentence is None else sentence)

    def post_message(self, message: Message) -> bool:
        self.posted.append(message)
        return True

    def start(self, job: Job | None, title: str, *, group: str, exclusive: bool = False) -> None:
        if job is not None:
            self.jobs.append(StartedJob(job, title, group))

    def notify(self, message: str, **_: object) -> None:
        self.notices.append(message)

    def ask(self, dialog: Screen[Any], answered: Callable[[Any], None]) -> None:
        self.dialogs.append((dialog, answered))

    def open_path(self, path: Path, paragraph: int = 0) -> None:
        self.opened_paths.append((path, paragraph))

    def changed(self, change: Changed) -> None:
        self.changes.append(change)

    def copy_to_clipboard(self, text: str) -> None:
        self.copied.append(text)

    def open_url(self, url: str) -> bool:
        self.opened_urls.append(url)
        return self.browser

    @property
    def english_column(self) -> EnglishColumn:
        raise AssertionError("the command under test has no business with the English column")

    @property
    def library(self) -> LibraryList:
        return self.listed if self.listed is not None else _NoLibrary()

    def run_jobs(self) -> list[Message]:
        """Run every job started so far, in order, as workers would; what they post."""
        posted: list[Message] = []
        jobs, self.jobs = self.jobs, []
        for started in jobs:
            started.job(posted.append, lambda: False)
        return posted


class _NoLibrary:
    def add_article(self, summary: ArticleSummary) -> None:
        raise AssertionError("not expected")

    def set_activity(self, text: str | None) -> None:
        raise AssertionError("not expected")

    def readable_after(self, path: Path) -> Path | None:
        raise AssertionError("not expected")

    def count_hits(self) -> None:
        raise AssertionError("not expected")

    def highlighted(self) -> tuple[Path, bool | None] | None:
        raise AssertionError("not expected")

    def shown_paths(self) -> list[Path]:
        raise AssertionError("not expected")
