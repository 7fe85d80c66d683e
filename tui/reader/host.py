"""What the reader's command objects see of the screen: the host.

A command object is made with a host and its own feature, never the screen: it reads the open
article and the cursor, starts its feature's jobs, talks to the user, and says what it changed.
The screen decides what that means for the widgets (which paragraphs to redraw, which counts to
make again). So a command can be tested with a small fake host, without a terminal, and a
feature never reaches into a sibling or a widget.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from textual.message import Message
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from tolk.library.articles import ArticleSummary
    from tolk.reading.open_article import OpenArticle
    from translation.engine import ArticleTranslator
    from tui.reader.jobs import Job

Answer = TypeVar("Answer")


@dataclass(frozen=True)
class CursorWord:
    """The Norwegian word under the word cursor: sentence `sentence` of paragraph `paragraph`,
    the word as the text has it (`token`, punctuation and all), and the English words the
    model aligned with it in this sentence, as the English has them."""

    paragraph: int
    sentence: int
    token: str
    english_words: tuple[str, ...]

    @property
    def english(self) -> str | None:
        """The aligned English words without the punctuation around them; None: none."""
        from tolk.vocabulary.forms import bare_word

        words = [bare_word(word) for word in self.english_words]
        return " ".join(word for word in words if word) or None


@dataclass(frozen=True)
class Changed:
    """What a command changed in the open article `opened`: the screen redraws `paragraphs`
    (every paragraph it has anything for, with `everything`) and the title line; `english`: the
    English that counts changed (a correction, the memory's matches), so the English column's
    title and the article's count of sentences that need a look are made again; `bookmarks`:
    which paragraphs are bookmarked; `titles`: what the header and the Norwegian column's title
    say of the article (its language) changed."""

    opened: OpenArticle
    paragraphs: Collection[int] = field(default_factory=frozenset)
    everything: bool = False
    english: bool = False
    bookmarks: bool = False
    titles: bool = False


class EnglishColumn(Protocol):
    """The English column's state, as the translation commands set it."""

    def set_title(self, text: str) -> None:
        """The column's title (where its English comes from, or how far the model is)."""

    def show_download(self, done: int, total: int | None, bytes_per_second: float) -> None:
        """A model download's progress, in the title bar."""

    def hide_download(self) -> None: ...

    def model_ready(self, title: str) -> None:
        """A model is loaded: what has no English yet waits for it."""

    def model_unavailable(self, reason: str, title: str) -> None:
        """No model: the column says why, where the article shows no English."""

    def model_loading(self) -> None:
        """A model is being loaded: the column says so until it is."""


class LibraryList(Protocol):
    """The sidebar's list of articles, as the commands use it."""

    def add_article(self, summary: ArticleSummary) -> None:
        """A new article (a fetch saved it): listed at once, unless it is already."""

    def set_activity(self, text: str | None) -> None:
        """A line about work in progress under the list (None: no longer)."""

    def readable_after(self, path: Path) -> Path | None:
        """The next readable article after `path` in the list's order (what `j` would open)."""

    def count_hits(self) -> None:
        """Count the keywords' hits across the list again (the keywords or the articles
        changed)."""

    def highlighted(self) -> tuple[Path, bool | None] | None:
        """The readable article under the list's cursor (absolute path) and whether it was
        read (None: reading state is not kept); None when there is none."""

    def shown_paths(self) -> list[Path]:
        """The readable articles the list shows now, filters applied (absolute paths)."""

    @property
    def new_words_at_most(self) -> int | None:
        """The list's filter by share of new words (percent), None when it is off."""

    def show_new_words_at_most(self, percent: int | None) -> None:
        """Show only articles opened whose share of new words is at most `percent` (None:
        all again)."""


class ReaderHost(Protocol):
    """The narrow surface of the reader screen that command objects use."""

    @property
    def opened(self) -> OpenArticle | None:
        """The open article (None: nothing is open)."""

    def shows(self, opened: OpenArticle) -> bool:
        """Whether `opened` is still the article on screen (a job's result for any other
        article is dropped)."""

    @property
    def cursor(self) -> tuple[int, int]:
        """The paragraph and the sentence under the cursor."""

    def move_cursor(self, paragraph: int, sentence: int | None = None) -> None:
        """Put the cursor on `paragraph` (and `sentence` of it), and the focus in the text."""

    @property
    def cursor_word(self) -> str | None:
        """The English word under the word cursor, its letters only: the word itself in the
        English column, the English word aligned with it in the Norwegian (`w`); None when
        the word cursor is off."""

    @property
    def word_at_cursor(self) -> CursorWord | None:
        """The Norwegian word under the word cursor (on an English word, the Norwegian word
        aligned with it); None when the word cursor is off or on no word."""

    @property
    def translator(self) -> ArticleTranslator | None:
        """The translation model, once loaded."""

    def post_message(self, message: Message) -> bool:
        """Send `message` to the screen, which hands it to the parts it names (as a job's)."""

    def start(self, job: Job | None, title: str, *, group: str, exclusive: bool = False) -> None:
        """Run `job` in a worker; its messages come back to the screen, its failure becomes a
        notice titled `title`."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> None: ...

    def ask(self, dialog: Screen[Answer], answered: Callable[[Answer | None], None]) -> None:
        """Open `dialog`; `answered` gets what it returns."""

    def open_path(self, path: Path, paragraph: int = 0) -> None:
        """Open the article at `path` with the cursor on `paragraph`."""

    def changed(self, change: Changed) -> None:
        """The open article changed: the screen redraws and recounts what that needs."""

    def copy_to_clipboard(self, text: str) -> None:
        """Put `text` on the user's clipboard, through the terminal (OSC 52)."""

    def open_url(self, url: str) -> bool:
        """Open `url` in the user's browser; False where none can show it (over SSH)."""

    @property
    def english_column(self) -> EnglishColumn: ...

    @property
    def library(self) -> LibraryList: ...
