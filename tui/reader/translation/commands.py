"""What the reader does about its translation model: install it (key i), take it up once it is
loaded or say why there is none, translate the open article with it, and keep the English
column's title true (where the English comes from, how far the model is)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.reader.host import Changed, ReaderHost
from tui.reader.messages import ReaderMessage
from tui.reader.translation.messages import (
    InstallFinished,
    InstallProgress,
    ParagraphTranslated,
    TranslationFinished,
    TranslationProgress,
    TranslatorReady,
    TranslatorUnavailable,
)
from tui.reader.translation.state import TranslationFeature

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tolk.translating import LoadedTranslator

TITLE = "Model"


class TranslationCommands:
    """The model's side of the reader, over the host and the translation feature."""

    def __init__(self, host: ReaderHost, translation: TranslationFeature) -> None:
        self._host = host
        self.translation = translation
        # How far the model is with the article it translates (done, total), so that a title
        # redrawn for another reason (the memory's matches, the reviews arrived) keeps saying so.
        self._progress: tuple[OpenArticle, int, int] | None = None

    def receive(self, message: ReaderMessage) -> None:
        host = self._host
        match message:
            case TranslatorReady():
                self._ready(message.loaded)
            case TranslatorUnavailable():
                self._unavailable(message.reason, missing=message.missing)
            case ParagraphTranslated():
                if host.shows(message.opened):
                    message.opened.add_translation(message.paragraph, message.flags)
                    host.changed(Changed(message.opened, {message.paragraph.index}))
            case TranslationProgress():
                if host.shows(message.opened):
                    self.show_title(message.done, message.total)
            case TranslationFinished():
                if self._progress is not None and self._progress[0] is message.opened:
                    self._progress = None
                # The title names where the English comes from; the count of what needs a
                # look is made now the English is in.
                host.changed(Changed(message.opened, english=True))
            case InstallProgress():
                host.english_column.show_download(
                    message.done, message.total, message.bytes_per_second
                )
            case InstallFinished() if message.found is not None:
                self.translation.installing = False
                self._host.english_column.hide_download()
                name = message.found.translator.model.package.package_path.name
                self._host.notify(f"Found the model installed meanwhile: {name}.", title=TITLE)
                self._ready(message.found)
            case InstallFinished():
                self._installed(message.error)

    def _ready(self, loaded: LoadedTranslator) -> None:
        """A model is loaded: translate the open article with it."""
        translation = self.translation
        translation.translator = loaded.translator
        translation.failed = translation.absent = False
        self._host.english_column.model_ready(self.title())
        for warning in loaded.warnings:
            self._host.notify(warning, title=TITLE, severity="warning", timeout=15)
        self.translate_current()

    def _unavailable(self, reason: str, *, missing: bool) -> None:
        """No model (`missing`: none installed, else it failed to load): say so."""
        translation = self.translation
        translation.translator = None
        translation.failed = not missing
        translation.absent = missing
        self._host.english_column.model_unavailable(reason, self.title())
        if not missing:
            self._host.notify(reason, title=TITLE, severity="error", timeout=15)

    def title(self, done: int | None = None, total: int | None = None) -> str:
        """The English column's title for the open article (`done`/`total`: sentences
        translated so far)."""
        opened = self._host.opened
        if opened is None:  # nothing open: tolk.reading.open_article need not load
            return self.translation.title(done, total, memory=False, corrections=False)
        from tolk.reading.shown_english import Origin

        origins = opened.shown_origins
        return self.translation.title(
            done,
            total,
            memory=Origin.MEMORY in origins,
            corrections=Origin.CORRECTION in origins,
        )

    def show_title(self, done: int | None = None, total: int | None = None) -> None:
        """Put the English column's title on screen, as of now (`done`/`total`: the model's
        progress with the open article, kept for later redraws until it is finished)."""
        opened = self._host.opened
        if done is not None and total is not None and opened is not None:
            self._progress = (opened, done, total)
        elif self._progress is not None and self._progress[0] is opened:
            _, done, total = self._progress
        self._host.english_column.set_title(self.title(done, total))

    def translate_current(self) -> None:
        """Translate the open article (and, if the settings say so, read the next one ahead)."""
        opened = self._host.opened
        if opened is None:
            return
        read_ahead = None
        if self.translation.settings.prefetch_next:
            read_ahead = self._host.library.readable_after(opened.path)
        job = self.translation.translate(opened, read_ahead)
        self._host.start(job, TITLE, group="translate", exclusive=True)

    def install(self) -> None:
        """Download and install the model (key i), then load it."""
        translation = self.translation
        if translation.installing:
            self._host.notify("The model is already being installed.")
            return
        if translation.translator is not None:
            self._host.notify("The Norwegian→English model is already installed.")
            return
        translation.installing = True
        self._host.english_column.set_title("English · contacting the model index…")
        self._host.start(translation.install, TITLE, group="install", exclusive=True)

    def _installed(self, error: str | None) -> None:
        """Installing ended (`error` None on success): load the new model."""
        self.translation.installing = False
        column = self._host.english_column
        column.hide_download()
        if error is not None:
            self._host.notify(error, title="Model not installed", severity="error", timeout=20)
            self.show_title()
            return
        self._host.notify("The Norwegian→English model is installed.", title="Model installed")
        column.model_loading()
        self._host.start(self.translation.load_model, TITLE, group="model", exclusive=True)
