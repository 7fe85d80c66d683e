"""What the copy and source keys do: copy the English (`c` the sentence under the cursor, `C`
its paragraph) or the Norwegian (`y`, `Y`), open the article's source page (`v`) or copy its
address (`V`).

Copying goes through the terminal (`ReaderHost.copy_to_clipboard`: an OSC 52 sequence), so the
text reaches the clipboard of the machine the user sits at, over SSH too, where the terminal
allows it. A notice says what was copied, so a terminal that ignores the sequence leaves the
user knowing what they should have got.
"""

from __future__ import annotations

from textual.markup import escape

from tolk.text import printable
from tolk.userdata.review import paragraph_sentences
from tui.reader.host import ReaderHost

# How much of the copied text the notice quotes.
QUOTED_CHARS = 60
NO_SOURCE = "This article has no source address: only articles fetched from a feed keep one."


class SharingCommands:
    """The copy and source commands, over the host."""

    def __init__(self, host: ReaderHost) -> None:
        self._host = host

    def copy_english_sentence(self) -> None:
        opened = self._host.opened
        if opened is None:
            self._host.notify("Open an article first.")
            return
        paragraph, position = self._host.cursor
        sentence = opened.sentence(paragraph, position)
        if sentence is None or sentence.target is None:
            self._host.notify("This sentence has no English yet.")
            return
        self._copy(sentence.target, "the English of the sentence")

    def copy_english_paragraph(self) -> None:
        opened = self._host.opened
        if opened is None:
            self._host.notify("Open an article first.")
            return
        shown = opened.shown(self._host.cursor[0])
        english = [s.target for s in shown.sentences if s.target] if shown is not None else []
        if shown is None or not english:
            self._host.notify("This paragraph has no English yet.")
            return
        missing = len(shown.sentences) - len(english)
        what = "the English of the paragraph"
        if missing:
            what += f" ({missing} of its {len(shown.sentences)} sentences have none yet)"
        self._copy(" ".join(english), what)

    def copy_norwegian_sentence(self) -> None:
        opened = self._host.opened
        if opened is None:
            self._host.notify("Open an article first.")
            return
        paragraph, position = self._host.cursor
        sentence = opened.sentence(paragraph, position)
        if sentence is None:
            # No English yet, so no sentence cursor: which sentence would be a guess.
            self._host.notify("No sentence is under the cursor yet: Y copies the paragraph.")
            return
        self._copy(sentence.key.source, "the Norwegian sentence")

    def copy_norwegian_paragraph(self) -> None:
        opened = self._host.opened
        if opened is None:
            self._host.notify("Open an article first.")
            return
        paragraph = opened.article.paragraphs[self._host.cursor[0]]
        # As the reader shows it: the sentences joined by single spaces (no stray breaks).
        self._copy(" ".join(paragraph_sentences(paragraph)), "the Norwegian paragraph")

    def open_source(self) -> None:
        """Open the article's source page in the user's browser."""
        url = self._source()
        if url is None:
            return
        if self._host.open_url(url):
            self._host.notify(f"Opening {escape(url)} in your browser.", timeout=10)
            return
        # No browser can show it here (over SSH): the address, to open where the user sits.
        self._host.copy_to_clipboard(url)
        self._host.notify(
            f"No browser can be opened from this terminal (over SSH?). Copied the address "
            f"instead: {escape(url)}",
            timeout=15,
        )

    def copy_source(self) -> None:
        """Copy the address of the article's source page."""
        url = self._source()
        if url is not None:
            self._copy(url, "the source address")

    def _source(self) -> str | None:
        opened = self._host.opened
        if opened is None:
            self._host.notify("Open an article first.")
            return None
        source = opened.article.source
        if source is None:
            self._host.notify(NO_SOURCE)
            return None
        return source.url

    def _copy(self, text: str, what: str) -> None:
        self._host.copy_to_clipboard(text)
        shown = " ".join(printable(text).split())
        if len(shown) > QUOTED_CHARS:
            shown = shown[: QUOTED_CHARS - 1].rstrip() + "…"
        self._host.notify(
            f"Copied {what}, {len(text):,} characters: “{escape(shown)}”",
            title="Copied",
        )
