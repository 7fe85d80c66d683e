"""What the language feature does with its answers: the open article's language goes into the
open article, and the screen draws its header and column title again."""

from __future__ import annotations

from tui.reader.host import Changed, ReaderHost
from tui.reader.language.messages import ArticleLanguage
from tui.reader.language.state import TITLE, tell_open
from tui.reader.messages import ReaderMessage


class LanguageCommands:
    """Tells the open article's language, over the host."""

    def __init__(self, host: ReaderHost) -> None:
        self._host = host

    def tell(self) -> None:
        """Tell the language of the article just opened (in a worker)."""
        opened = self._host.opened
        if opened is not None:
            self._host.start(tell_open(opened), TITLE, group="language", exclusive=True)

    def receive(self, message: ReaderMessage) -> None:
        match message:
            case ArticleLanguage() if self._host.shows(message.opened):
                message.opened.language = message.language
                self._host.changed(Changed(message.opened, titles=True))
