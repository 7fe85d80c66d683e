"""What the reader does about its translation model: install it (key i), take it up once it is
loaded or say why there is none, and start translating the open article and the keywords with
it. A sibling of `reader_commands.py`: the screen routes the model's messages here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.reader.translation import LOADING

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tolk.translating import LoadedTranslator
    from tui.screens.main import MainScreen


class ModelCommands:
    """The model's side of the main screen; the model itself is `screen.translation`."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen
        # How far the model is with the article it translates (done, total), so that a title
        # redrawn for another reason (the memory's matches, the reviews arrived) keeps saying so.
        self._progress: tuple[OpenArticle, int, int] | None = None

    def ready(self, loaded: LoadedTranslator) -> None:
        """A model is loaded: translate the open article and the keywords with it."""
        screen = self._screen
        screen.translation.translator = loaded.translator
        screen.translation.failed = screen.translation.absent = False
        screen.drawing.model_ready(self.title())
        screen.refresh_bindings()
        for warning in loaded.warnings:
            screen.notify(warning, title="Model", severity="warning", timeout=15)
        self.translate_current()
        self.translate_keywords()

    def unavailable(self, reason: str, *, missing: bool) -> None:
        """No model (`missing`: none installed, else it failed to load): say so."""
        screen = self._screen
        screen.translation.translator = None
        screen.translation.failed = not missing
        screen.translation.absent = missing
        screen.drawing.model_unavailable(reason, self.title())
        screen.refresh_bindings()
        if not missing:
            screen.notify(reason, title="Model", severity="error", timeout=15)

    def title(self, done: int | None = None, total: int | None = None) -> str:
        """The English column's title for the open article (`done`/`total`: sentences
        translated so far)."""
        opened = self._screen.current
        if opened is None:  # nothing open: the open article's model need not be loaded
            return self._screen.translation.title(done, total, memory=False, corrections=False)
        from tolk.reading.shown_english import Origin

        origins = opened.shown_origins
        return self._screen.translation.title(
            done,
            total,
            memory=Origin.MEMORY in origins,
            corrections=Origin.CORRECTION in origins,
        )

    def show_title(self, done: int | None = None, total: int | None = None) -> None:
        """Put the English column's title on screen, as of now (`done`/`total`: the model's
        progress with the open article, kept for later redraws until it is finished)."""
        opened = self._screen.current
        if done is not None and total is not None and opened is not None:
            self._progress = (opened, done, total)
        elif self._progress is not None and self._progress[0] is opened:
            _, done, total = self._progress
        self._screen.column_titles.set_target_title(self.title(done, total))

    def finished(self, opened: OpenArticle) -> None:
        """The model has translated `opened`: its title names where the English comes from."""
        if self._progress is not None and self._progress[0] is opened:
            self._progress = None
        if self._screen.shows(opened):
            self.show_title()

    def translate_current(self) -> None:
        """Translate the open article (and, if the settings say so, read the next one ahead)."""
        screen = self._screen
        opened = screen.current
        if opened is None:
            return
        read_ahead = None
        if screen.translation.settings.prefetch_next:
            read_ahead = screen.sidebar.article_list.readable_after(opened.path)
        job = screen.translation.translate(opened, read_ahead)
        screen.start(job, "Model", group="translate", exclusive=True)

    def translate_keywords(self) -> None:
        """Find the keywords' English renderings with the model, if there is one."""
        screen = self._screen
        translator = screen.translation.translator
        if translator is not None:
            job = screen.keywords.translate_keywords(translator)
            screen.start(job, "Keywords", group="keyword-translation", exclusive=True)

    def install(self) -> None:
        """Download and install the model (key i), then load it."""
        screen = self._screen
        translation = screen.translation
        if translation.installing:
            screen.notify("The model is already being installed.")
            return
        if translation.translator is not None:
            screen.notify("The Norwegian→English model is already installed.")
            return
        translation.installing = True
        screen.column_titles.set_target_title("English · contacting the model index…")
        screen.start(translation.install, "Model", group="install", exclusive=True)

    def installed(self, error: str | None) -> None:
        """Installing ended (`error` None on success): load the new model."""
        screen = self._screen
        screen.translation.installing = False
        screen.column_titles.hide_download()
        if error is not None:
            screen.notify(error, title="Model not installed", severity="error", timeout=20)
            self.show_title()
            return
        screen.notify("The Norwegian→English model is installed.", title="Model installed")
        screen.reader.set_placeholder(LOADING)
        screen.start(screen.translation.load_model, "Model", group="model", exclusive=True)
