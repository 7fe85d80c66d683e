"""What the reader does about its translation model: install it (key i), take it up once it is
loaded or say why there is none, translate the open article with it, read the next articles
ahead and, if the settings say so, the whole library while the user is idle; and keep the
English column's title true (where the English comes from, how far the model is)."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from tui.reader.host import Changed, ReaderHost
from tui.reader.messages import ReaderMessage
from tui.reader.translation.messages import (
    EnglishReadAhead,
    InstallFinished,
    InstallProgress,
    ParagraphTranslated,
    PretranslateProgress,
    ReadAheadFinished,
    TranslationFinished,
    TranslationProgress,
    TranslatorReady,
    TranslatorUnavailable,
)
from tui.reader.translation.state import READ_AHEAD_ARTICLES, TranslationFeature

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tolk.translating import LoadedTranslator

TITLE = "Model"
# The worker groups: the open article and the articles read ahead after it (one group, so
# that the screen's cancelling it on opening another article stops both), the idle pass.
TRANSLATE = "translate"
PRETRANSLATE = "pretranslate"
# After a key or a click, work ahead of time starts no batch for this long: opening an article
# draws it and translates what the cache lacks, on every core.
HOLD_AFTER_INPUT_SECONDS = 0.5


class TranslationCommands:
    """The model's side of the reader, over the host and the translation feature."""

    def __init__(self, host: ReaderHost, translation: TranslationFeature) -> None:
        self._host = host
        self.translation = translation
        # How far the model is with the article it translates (done, total), so that a title
        # redrawn for another reason (the memory's matches, the reviews arrived) keeps saying so.
        self._progress: tuple[OpenArticle, int, int] | None = None
        self._pretranslating = False  # the idle pass's job is running (translating or waiting)

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
                if host.shows(message.opened):
                    self._read_ahead(message.opened)
            case EnglishReadAhead():
                self.translation.hold(message)
            case ReadAheadFinished():
                # As the list names its paths (shown_paths), for the idle pass to skip them.
                ahead = (Path(os.path.abspath(path)) for path in message.paths)
                self.translation.translated_ahead.update(ahead)
                if host.shows(message.opened):
                    self._pretranslate()
            case PretranslateProgress():
                self._pretranslate_progress(message)
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
        translation.forget_held()
        translation.failed = translation.absent = False
        self._host.english_column.model_ready(self.title())
        for warning in loaded.warnings:
            self._host.notify(warning, title=TITLE, severity="warning", timeout=15)
        self.translate_current()
        if self._host.opened is None:
            self._pretranslate()

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
        """Translate the open article (then, if the settings say so, read the next ones ahead:
        once it is translated)."""
        host = self._host
        opened = host.opened
        if opened is None:
            return
        held = self.translation.held_english(opened)
        if held is None:
            job = self.translation.translate(opened)
            host.start(job, TITLE, group=TRANSLATE, exclusive=True)
            return
        # Read ahead: the English goes in now, so the article's first frame shows it; what a
        # finished translation sets off (reading further ahead, the search index) follows.
        for paragraph in held:
            opened.add_translation(paragraph, opened.check_translation(paragraph))
        host.changed(Changed(opened, {paragraph.index for paragraph in held}))
        host.post_message(TranslationFinished(opened, [paragraph.target for paragraph in held]))

    def user_acted(self) -> None:
        """A key or a click: the idle pass over the library stops until the user is idle, and
        no translation ahead of time starts a batch for a moment (what the key asks for gets
        the cores)."""
        translation = self.translation
        translation.last_input = time.monotonic()
        if translation.translator is not None:
            translation.translator.turns.hold(HOLD_AFTER_INPUT_SECONDS)

    def _read_ahead(self, opened: OpenArticle) -> None:
        """`opened` is translated: translate the articles after it in the list's order (its
        filters and sort, as `j` then `enter` would open them), or go on to the idle pass."""
        paths: list[Path] = []
        if self.translation.settings.prefetch_next:
            library = self._host.library
            after = opened.path
            while len(paths) < READ_AHEAD_ARTICLES:
                following = library.readable_after(after)
                if following is None or following == opened.path:
                    break
                paths.append(following)
                after = following
        if not paths:
            self._pretranslate()
            return
        job = self.translation.read_ahead(opened, paths)
        self._host.start(job, TITLE, group=TRANSLATE)

    def _pretranslate(self) -> None:
        """Start the idle pass over the articles the list shows (those not yet translated
        whole this session, from the open one on), if the settings ask for it and it is not
        running already."""
        translation = self.translation
        if translation.settings.pretranslate != "idle" or self._pretranslating:
            return
        shown = self._host.library.shown_paths()
        opened = self._host.opened
        if opened is not None:  # from the open article on, round the list: what is read next
            with contextlib.suppress(ValueError):  # not shown (a filter hides it)
                at = shown.index(Path(os.path.abspath(opened.path)))
                shown = shown[at + 1 :] + shown[:at]
        paths = [path for path in shown if path not in translation.translated_ahead]
        job = translation.pretranslate(paths) if paths else None
        if job is not None:
            self._pretranslating = True
            self._host.start(job, TITLE, group=PRETRANSLATE, exclusive=True)

    def _pretranslate_progress(self, message: PretranslateProgress) -> None:
        if message.path is not None:
            self.translation.translated_ahead.add(message.path)
        if message.running:
            done, total = message.done, message.total
            self._host.library.set_activity(f"English ahead: {done:,} of {total:,} articles")
        else:
            self._host.library.set_activity(None)
            if message.done >= message.total:
                self._pretranslating = False

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
