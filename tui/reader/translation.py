"""Translation in the reader: the model, the open article's translation, model installs."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from tolk.articles import ArticleError, read_article
from tolk.config import TranslationSettings
from tui import messages
from tui.reader.jobs import Cancelled, Job, Post

if TYPE_CHECKING:
    from tolk.open_article import OpenArticle
    from translation.engine import ArticleTranslator

# What the English column shows while a paragraph has no translation.
PENDING = "⋯ translating"
LOADING = "⋯ loading the translation model"
UNAVAILABLE = "—"
NO_MODEL_TITLE = "English · no model (press i)"


class TranslationFeature:
    """The translation model (once loaded) and the jobs that use it."""

    def __init__(self, settings: TranslationSettings) -> None:
        self.settings = settings
        self.translator: ArticleTranslator | None = None
        self.installing = False

    @property
    def model_name(self) -> str:
        return self.translator.model.package.package_path.name if self.translator else ""

    def title(self, done: int | None = None, total: int | None = None) -> str:
        """The English column's title: the model, or how far the translation is."""
        if self.translator is None:
            return NO_MODEL_TITLE
        if done is not None and total is not None and done < total:
            return f"English · translating {done}/{total} sentences"
        return f"English · {self.model_name}"

    def load_model(self, post: Post, cancelled: Cancelled) -> None:
        """Job: find and load the installed model."""
        # The translation package (CTranslate2, tokenizers) loads here, in the worker.
        from tolk.translating import NoModelError, load_translator

        try:
            loaded = load_translator(self.settings)
        except NoModelError as error:
            post(messages.TranslatorUnavailable(str(error), missing=True))
        except Exception as error:  # a broken model must not take the reader down
            reason = f"The translation model could not be loaded: {error}"
            post(messages.TranslatorUnavailable(reason, missing=False))
        else:
            post(messages.TranslatorReady(loaded))

    def translate(self, opened: OpenArticle, read_ahead: Path | None) -> Job | None:
        """Job: translate `opened` paragraph by paragraph, then fill the cache for the article
        after it (`read_ahead`), so opening that one is instant."""
        translator = self.translator
        if translator is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                _translate(translator, opened, read_ahead, post, cancelled)
            except Exception as error:  # a model failing mid-article must not end the reader
                post(messages.TranslatorUnavailable(f"Translation failed: {error}", missing=False))

        return job

    def install(self, post: Post, cancelled: Cancelled) -> None:
        """Job: download and install the nb→en package from the index."""
        from translation.package_index import install_from_index
        from translation.packages import PackageError

        started = time.monotonic()

        def progress(done: int, total: int | None) -> None:
            speed = done / max(time.monotonic() - started, 1e-3)
            post(messages.InstallProgress(done, total, speed))

        try:
            install_from_index("nb", "en", progress=progress, cancelled=cancelled)
        except PackageError as error:
            post(messages.InstallFinished(str(error)))
        else:
            post(messages.InstallFinished(None))


def _translate(
    translator: ArticleTranslator,
    opened: OpenArticle,
    read_ahead: Path | None,
    post: Post,
    cancelled: Cancelled,
) -> None:
    from tolk.translating import paragraph_sources

    paragraphs = opened.article.paragraphs

    def progress(done: int, total: int) -> None:
        post(messages.TranslationProgress(opened, done, total))

    targets: list[str | None] = [None] * len(paragraphs)
    for paragraph in translator.translate(
        paragraph_sources(paragraphs), on_progress=progress, cancelled=cancelled
    ):
        if cancelled():
            return
        targets[paragraph.index] = paragraph.target
        # The checks run here, off the UI thread: on a long article they add up.
        flags = opened.check_translation(paragraph)
        post(messages.ParagraphTranslated(opened, paragraph, flags))
    if cancelled():
        return
    post(messages.TranslationFinished(opened, targets))
    if read_ahead is None:
        return
    try:
        upcoming = read_article(read_ahead)
    except ArticleError:
        return
    for _ in translator.translate(paragraph_sources(upcoming.paragraphs), cancelled=cancelled):
        pass
