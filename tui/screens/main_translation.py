"""The reader's translation: the model in a worker, paragraphs as they arrive, model installs."""

from __future__ import annotations

import time
from pathlib import Path

from textual import on, work
from textual.worker import get_current_worker

from tolk.articles import Article, ArticleError, read_article
from tolk.translating import (
    NoModelError,
    load_translator,
    paragraph_sources,
)
from translation.engine import ArticleTranslator
from tui import messages
from tui.screens.main_base import LOADING, PENDING, UNAVAILABLE, ReaderScreen


class TranslationFeatures(ReaderScreen):
    """Translation: the model in a worker, paragraphs as they arrive, model installs."""

    # Translation -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="model")
    def _load_translator(self) -> None:
        try:
            loaded = load_translator(self._config.translation)
        except NoModelError as error:
            self.post_message(messages.TranslatorUnavailable(str(error), missing=True))
        except Exception as error:  # a broken model must not take the reader down
            reason = f"The translation model could not be loaded: {error}"
            self.post_message(messages.TranslatorUnavailable(reason, missing=False))
        else:
            self.post_message(messages.TranslatorReady(loaded))

    @on(messages.TranslatorReady)
    def _translator_ready(self, message: messages.TranslatorReady) -> None:
        self.translator = message.loaded.translator
        self.refresh_bindings()
        for warning in message.loaded.warnings:
            self.notify(warning, severity="warning", timeout=15)
        self.reader.set_placeholder(PENDING)
        model = self.translator.model
        self.column_titles.set_target_title(f"English · {model.package.package_path.name}")
        self._translate_current()
        self._translate_keywords()

    @on(messages.TranslatorUnavailable)
    def _translator_unavailable(self, message: messages.TranslatorUnavailable) -> None:
        self.translator = None
        self.refresh_bindings()
        self.reader.set_placeholder(UNAVAILABLE, first=message.reason)
        self.column_titles.set_target_title(
            "English · no model (press i)" if message.missing else "English · model failed"
        )
        if not message.missing:
            self.notify(message.reason, severity="error", timeout=15)

    def _translate_current(self) -> None:
        if self.translator is None or self.article is None:
            return
        next_path = None
        if self._config.translation.prefetch_next:
            listed = self.sidebar.article_list
            current = next((s for s in listed.shown if s.path == self.article.path), None)
            following = listed.next_after(current) if current is not None else None
            if following is not None and following.error is None:
                next_path = following.path
        self._translate(self.translator, self.article, next_path)

    @work(thread=True, exclusive=True, group="translate")
    def _translate(
        self, translator: ArticleTranslator, article: Article, read_ahead: Path | None
    ) -> None:
        try:
            self._translate_article(translator, article, read_ahead)
        except Exception as error:  # a model failing mid-article must not take the reader down
            reason = f"Translation failed: {error}"
            self.post_message(messages.TranslatorUnavailable(reason, missing=False))

    def _translate_article(
        self, translator: ArticleTranslator, article: Article, read_ahead: Path | None
    ) -> None:
        worker = get_current_worker()
        path = article.path

        def progress(done: int, total: int) -> None:
            self.post_message(messages.TranslationProgress(path, done, total))

        targets: list[str | None] = [None] * len(article.paragraphs)
        for paragraph in translator.translate(
            paragraph_sources(article.paragraphs),
            on_progress=progress,
            cancelled=lambda: worker.is_cancelled,
        ):
            if worker.is_cancelled:
                return
            targets[paragraph.index] = paragraph.target
            self.post_message(messages.ParagraphTranslated(path, paragraph))
        if worker.is_cancelled:
            return
        self._index_translation(path, targets)
        if read_ahead is None:
            return
        # Read ahead: fill the cache for the next article, so opening it is instant.
        try:
            upcoming = read_article(read_ahead)
        except ArticleError:
            return
        for _ in translator.translate(
            paragraph_sources(upcoming.paragraphs), cancelled=lambda: worker.is_cancelled
        ):
            pass

    @on(messages.ParagraphTranslated)
    def _paragraph_translated(self, message: messages.ParagraphTranslated) -> None:
        if self.article is not None and message.path == self.article.path:
            self._machine[message.paragraph.index] = message.paragraph
            self._show_paragraph(message.paragraph.index)

    @on(messages.TranslationProgress)
    def _translation_progress(self, message: messages.TranslationProgress) -> None:
        if self.article is None or message.path != self.article.path or self.translator is None:
            return
        name = self.translator.model.package.package_path.name
        if message.done < message.total:
            status = f"English · translating {message.done}/{message.total} sentences"
        else:
            status = f"English · {name}"
        self.column_titles.set_target_title(status)

    # Installing a model ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Offer the install key only while there is no model to translate with.
        if action == "install_model":
            return self.translator is None
        return True

    def action_install_model(self) -> None:
        if self._installing:
            self.notify("The model is already being installed.")
            return
        if self.translator is not None:
            self.notify("The Norwegian→English model is already installed.")
            return
        self._installing = True
        self.column_titles.set_target_title("English · contacting the model index…")
        self._install()

    @work(thread=True, exclusive=True, group="install")
    def _install(self) -> None:
        from translation.package_index import install_from_index
        from translation.packages import PackageError

        worker = get_current_worker()
        started = time.monotonic()

        def progress(done: int, total: int | None) -> None:
            speed = done / max(time.monotonic() - started, 1e-3)
            self.post_message(messages.InstallProgress(done, total, speed))

        try:
            install_from_index("nb", "en", progress=progress, cancelled=lambda: worker.is_cancelled)
        except PackageError as error:
            self.post_message(messages.InstallFinished(str(error)))
        else:
            self.post_message(messages.InstallFinished(None))

    @on(messages.InstallProgress)
    def _install_progress(self, message: messages.InstallProgress) -> None:
        self.column_titles.show_download(message.done, message.total, message.bytes_per_second)

    @on(messages.InstallFinished)
    def _install_finished(self, message: messages.InstallFinished) -> None:
        self._installing = False
        self.column_titles.hide_download()
        if message.error is not None:
            self.notify(message.error, title="Model not installed", severity="error", timeout=20)
            self.column_titles.set_target_title("English · no model (press i)")
            return
        self.notify("The Norwegian→English model is installed.", title="Model installed")
        self.reader.set_placeholder(LOADING)
        self._load_translator()
