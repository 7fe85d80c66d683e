"""What the reader's keyword and search keys do: go from one keyword hit to the next, manage
the keywords (the keyword screen), and search the library. It also takes the model's English
for the keywords, and makes each finished translation searchable."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.reader.host import Changed, ReaderHost
from tui.reader.keywords.messages import KeywordRenderings, SearchIndexOpened
from tui.reader.keywords.state import KeywordFeature
from tui.reader.messages import ReaderMessage
from tui.reader.translation.messages import TranslationFinished, TranslatorReady

if TYPE_CHECKING:
    from tui.dialogs.keywords import KeywordChoice
    from tui.dialogs.search import SearchAnswer


class KeywordCommands:
    """The keyword and search commands, over the host and the keyword feature."""

    def __init__(self, host: ReaderHost, keywords: KeywordFeature, roots: list[Path]) -> None:
        self._host = host
        self.keywords = keywords
        self._roots = roots

    def receive(self, message: ReaderMessage) -> None:
        match message:
            case KeywordRenderings():
                opened = self._host.opened
                if self.keywords.add_renderings(message) and opened is not None:
                    self._host.changed(Changed(opened, everything=True))
            case SearchIndexOpened():
                self.keywords.search_index = message.index
            case TranslatorReady():
                self.translate_keywords()
            case TranslationFinished():
                job = self.keywords.index_translation(message.opened.path, message.targets)
                self._host.start(job, "Search", group="search-index")

    def translate_keywords(self) -> None:
        """Find the keywords' English renderings with the model, if there is one."""
        translator = self._host.translator
        if translator is not None:
            job = self.keywords.translate_keywords(translator)
            self._host.start(job, "Keywords", group="keyword-translation", exclusive=True)

    def next_hit(self) -> None:
        self._jump_to_hit(forward=True)

    def previous_hit(self) -> None:
        self._jump_to_hit(forward=False)

    def _jump_to_hit(self, *, forward: bool) -> None:
        opened = self._host.opened
        with_hits = sorted(opened.source_hits) if opened is not None else []
        cursor = self._host.cursor[0]
        candidates = (
            [i for i in with_hits if i > cursor]
            if forward
            else [i for i in reversed(with_hits) if i < cursor]
        )
        if not candidates:
            self._host.notify(
                "No more keyword hits in this article." if with_hits else "No keyword hits here."
            )
            return
        self._host.move_cursor(candidates[0])

    def manage_keywords(self) -> None:
        from tui.dialogs.keywords import KeywordScreen, keyword_entries

        highlighter = self.keywords.highlighter
        entries = keyword_entries(
            highlighter.keywords, highlighter.colours, self.keywords.article_hits.values()
        )

        def apply(choice: KeywordChoice | None) -> None:
            if choice is not None:
                self._apply_keywords(choice)

        self._host.ask(KeywordScreen(entries), apply)

    def _apply_keywords(self, choice: KeywordChoice) -> None:
        keywords = self.keywords
        config = replace(
            keywords.config, keywords=choice.keywords, keyword_colours=dict(choice.colours)
        )
        self._host.start(keywords.save(choice), "Keywords", group="config")
        keywords.set_keywords(config)
        opened = self._host.opened
        if opened is not None:
            earlier = set(opened.source_hits)
            opened.source_hits = keywords.source_hits(opened.article)
            redrawn = earlier | set(opened.source_hits) | set(opened.showable)
            self._host.changed(Changed(opened, redrawn))
        self.translate_keywords()
        self._host.library.count_hits()

    # The last search's query: search opens with it again (selected, so typing replaces it).
    _search_query = ""

    def search(self) -> None:
        index = self.keywords.search_index
        if index is None:
            self._host.notify(
                "Search is not available (yet): the index is opening, or the cache "
                "directory cannot be used."
            )
            return

        def answered(answer: SearchAnswer | None) -> None:
            if answer is None:
                return
            self._search_query = answer.query
            if answer.jump is not None:
                self._host.open_path(answer.jump.path, answer.jump.paragraph)

        from tui.dialogs.search import SearchScreen

        self._host.ask(SearchScreen(index, self._roots, self._search_query), answered)
