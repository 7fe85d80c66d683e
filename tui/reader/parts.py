"""The reader's collaborators, each made when first asked for: the first frame imports none of
the features (they come once the first titles are drawn).

A collaborator's name is also what a message's `receivers` name: the screen hands each
`ReaderMessage` to `receiver(name)`.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tui.reader.listing import Listing
from tui.reader.starting import ReaderStart

if TYPE_CHECKING:
    from textual.screen import Screen

    from tolk.config import Config
    from tolk.qa.checking import Checking
    from tui.reader.bookmarks.commands import BookmarkCommands
    from tui.reader.bookmarks.state import BookmarkFeature
    from tui.reader.dictionary.commands import DictionaryCommands
    from tui.reader.drawing import ReaderDrawing
    from tui.reader.feeds.commands import FeedCommands
    from tui.reader.glossary.state import GlossaryFeature
    from tui.reader.host import ReaderHost
    from tui.reader.keywords.commands import KeywordCommands
    from tui.reader.keywords.state import KeywordFeature
    from tui.reader.language.commands import LanguageCommands
    from tui.reader.library.looks import LookCountFeature
    from tui.reader.memory.commands import MemoryCommands
    from tui.reader.review.commands import ReviewCommands
    from tui.reader.review.state import ReviewFeature
    from tui.reader.sharing.commands import SharingCommands
    from tui.reader.translation.commands import TranslationCommands
    from tui.reader.translation.state import TranslationFeature
    from tui.reader.unread.commands import ReadStateCommands
    from tui.reader.unread.state import ReadStateFeature
    from tui.reader.vocabulary.commands import VocabularyCommands


class Receiver(Protocol):
    def receive(self, message: object) -> None: ...


class ReaderParts:
    """The features and their commands, the drawing and the list, for one reader screen."""

    def __init__(
        self, screen: Screen[None], host: ReaderHost, config: Config, roots: list[Path]
    ) -> None:
        self._screen = screen
        self._host = host
        self._config = config
        self._roots = roots
        # The list takes the scan's first batches, before the first frame: it imports no
        # feature until it counts.
        self.listing = Listing(screen, host, self)
        self.start = ReaderStart(screen, host, self)

    def made(self, part: str) -> bool:
        """Whether the part named (a cached property: "drawing", "bookmarks", …) was made."""
        # cached_property keeps what it made in the instance's __dict__.
        return part in vars(self)

    def save_unsaved(self) -> None:
        """Write the position the cursor rests at now, if the bookmarks are in."""
        if "bookmarks" in vars(self):
            self.bookmark_feature.flush()

    def close(self) -> None:
        """Close the files the features opened: the reader is closing, its workers cancelled.
        Only features that were made have any; none is made here just to be closed."""
        # cached_property keeps what it made in the instance's __dict__.
        made = vars(self)
        if "bookmarks" in made:  # the review and read-state features share its store
            self.bookmark_feature.close()
        if "vocabulary" in made:
            self.vocabulary.feature.close()
        if "keywords" in made:
            self.keyword_feature.close()
        if "dictionary" in made:
            self.dictionary.feature.close()
        if "translation" in made:
            translator = self.translation_feature.translator
            if translator is not None and translator.cache is not None:
                translator.cache.close()

    def receiver(self, name: str) -> Receiver:
        """The collaborator a message names as its receiver."""
        found: Receiver = getattr(self, name)
        return found

    # The commands (each with its feature) ----------------------------------------------------

    @cached_property
    def translation(self) -> TranslationCommands:
        from tui.reader.translation.commands import TranslationCommands
        from tui.reader.translation.state import TranslationFeature

        return TranslationCommands(self._host, TranslationFeature(self._config.translation))

    @cached_property
    def keywords(self) -> KeywordCommands:
        from tui.reader.keywords.commands import KeywordCommands
        from tui.reader.keywords.state import KeywordFeature

        feature = KeywordFeature(self._config, no_color=self._screen.app.no_color)
        return KeywordCommands(self._host, feature, self._roots)

    @cached_property
    def bookmarks(self) -> BookmarkCommands:
        from tui.reader.bookmarks.commands import BookmarkCommands
        from tui.reader.bookmarks.state import BookmarkFeature

        return BookmarkCommands(self._host, BookmarkFeature())

    @cached_property
    def review(self) -> ReviewCommands:
        from tui.reader.review.commands import ReviewCommands
        from tui.reader.review.state import ReviewFeature

        return ReviewCommands(self._host, ReviewFeature(self._config.qa.accept))

    @cached_property
    def memory(self) -> MemoryCommands:
        from tui.reader.memory.commands import MemoryCommands

        return MemoryCommands(self._host)

    @cached_property
    def glossary(self) -> GlossaryFeature:
        from tui.reader.glossary.state import GlossaryFeature

        return GlossaryFeature(no_color=self._screen.app.no_color)

    @cached_property
    def feeds(self) -> FeedCommands:
        from tui.reader.feeds.commands import FeedCommands
        from tui.reader.feeds.state import FeedFeature

        pretranslate = self._config.translation.prefetch_next
        return FeedCommands(self._host, FeedFeature(self._config.feeds), pretranslate=pretranslate)

    @cached_property
    def language(self) -> LanguageCommands:
        from tui.reader.language.commands import LanguageCommands

        return LanguageCommands(self._host)

    @cached_property
    def sharing(self) -> SharingCommands:
        from tui.reader.sharing.commands import SharingCommands

        return SharingCommands(self._host)

    @cached_property
    def dictionary(self) -> DictionaryCommands:
        from tui.reader.dictionary.commands import DictionaryCommands
        from tui.reader.dictionary.state import DictionaryFeature

        return DictionaryCommands(self._host, DictionaryFeature())

    @cached_property
    def unread(self) -> ReadStateCommands:
        from tui.reader.unread.commands import ReadStateCommands
        from tui.reader.unread.state import ReadStateFeature

        return ReadStateCommands(self._host, ReadStateFeature())

    @cached_property
    def vocabulary(self) -> VocabularyCommands:
        from tui.reader.vocabulary.commands import VocabularyCommands
        from tui.reader.vocabulary.state import VocabularyFeature

        return VocabularyCommands(self._host, VocabularyFeature())

    @cached_property
    def drawing(self) -> ReaderDrawing:
        from tui.reader.drawing import ReaderDrawing

        host = self._host
        return ReaderDrawing(
            self._screen,
            lambda: host.opened,
            self.translation_feature,
            self.keyword_feature,
            self.glossary,
        )

    @cached_property
    def checking(self) -> Checking:
        """How sentences are judged (config.toml's `[qa]` and `[keyword_translations]`), as
        `tolk check` judges them; a code in `[qa] ignore` that names no check is said once."""
        from tolk.paths import config_file
        from tolk.qa.checking import Checking, unknown_codes

        unknown = unknown_codes(self._config.qa.ignore)
        if unknown:
            self._host.notify(
                f"{config_file()}: `qa.ignore` names no check {', '.join(unknown)}; ignored",
                title="Configuration",
                severity="warning",
                timeout=15,
            )
        return Checking.from_config(self._config)

    # The features themselves -----------------------------------------------------------------

    @property
    def translation_feature(self) -> TranslationFeature:
        return self.translation.translation

    @property
    def keyword_feature(self) -> KeywordFeature:
        return self.keywords.keywords

    @property
    def bookmark_feature(self) -> BookmarkFeature:
        return self.bookmarks.bookmarks

    @property
    def review_feature(self) -> ReviewFeature:
        return self.review.review

    @property
    def read_state_feature(self) -> ReadStateFeature:
        return self.unread.feature

    @cached_property
    def look_counts(self) -> LookCountFeature:
        from tui.reader.library.looks import LookCountFeature

        return LookCountFeature()
