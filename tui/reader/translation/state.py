"""Translation in the reader: the model, the open article's translation, reading the next
articles ahead, the idle pass over the library, model installs."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tolk.config import TranslationSettings
from tolk.library.articles import ArticleError, read_article
from tui.reader.jobs import Cancelled, Job, Post
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

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from translation.engine import ArticleTranslator, ParagraphSource, TranslatedParagraph

# What the English column shows while a paragraph has no translation.
PENDING = "⋯ translating"
LOADING = "⋯ loading the translation model"
UNAVAILABLE = "—"
# Drawn in the place of a sentence that has no English, in a paragraph that shows some: no
# model (or it failed), or the model has not got to it yet.
NO_ENGLISH = "[no English]"
ENGLISH_PENDING = "[⋯ translating]"
# The English column's title says where its English comes from, and what it lacks.
NO_MODEL = "no model (press i)"
MODEL_FAILED = "model failed"
MEMORY = "memory"
CORRECTIONS = "corrections"
# Articles read ahead after the open one, in the list's order (what `j` then `enter` opens):
# a reader who skims one still finds the next ones translated.
READ_AHEAD_ARTICLES = 3
# The English read ahead is kept in memory for this many articles (the newest): opening one
# shows it in the article's first frame, with no job, no cache and no thread in between.
HELD_ARTICLES = READ_AHEAD_ARTICLES + 1
# With `pretranslate = "idle"`: the library is translated once no key or click came for this
# long, and the pass stops at the next one.
IDLE_SECONDS = 2.0
# How often the idle pass looks whether the user is idle yet (or the pass was cancelled).
_IDLE_POLL_SECONDS = 0.1


class TranslationFeature:
    """The translation model (once loaded) and the jobs that use it."""

    def __init__(self, settings: TranslationSettings) -> None:
        self.settings = settings
        self.translator: ArticleTranslator | None = None
        self.installing = False
        self.failed = False  # a model is installed but could not be loaded or translate
        self.absent = False  # no model is installed (known once the first load has looked)
        # When the user last pressed a key or clicked (the UI thread writes it, the idle pass
        # reads it), and how long after that the reader counts as idle.
        self.last_input = time.monotonic()
        self.idle_seconds = IDLE_SECONDS
        # The articles the idle pass (or reading ahead) has translated whole this session.
        self.translated_ahead: set[Path] = set()
        # The English read ahead, by the paragraphs it was made from (oldest first).
        self._held: dict[tuple[ParagraphSource, ...], tuple[TranslatedParagraph, ...]] = {}

    def hold(self, read_ahead: EnglishReadAhead) -> None:
        """Keep an article's English read ahead (the newest HELD_ARTICLES), unless another
        model has been loaded since it was made."""
        if read_ahead.translator is not self.translator:
            return
        held = self._held
        held.pop(read_ahead.sources, None)
        held[read_ahead.sources] = read_ahead.paragraphs
        while len(held) > HELD_ARTICLES:
            del held[next(iter(held))]

    def held_english(self, opened: OpenArticle) -> tuple[TranslatedParagraph, ...] | None:
        """The English read ahead for `opened` as its file reads now (None: not held, or the
        file changed since)."""
        from tolk.translating import paragraph_sources

        if not self._held:
            return None
        return self._held.get(tuple(paragraph_sources(opened.article.paragraphs)))

    def forget_held(self) -> None:
        """Another model is loaded: English the one before made is not shown as its."""
        self._held.clear()

    @property
    def model_name(self) -> str:
        return self.translator.model.package.package_path.name if self.translator else ""

    def title(
        self,
        done: int | None = None,
        total: int | None = None,
        *,
        memory: bool = False,
        corrections: bool = False,
    ) -> str:
        """The English column's title: where its English comes from — the translation memory
        (`memory`: the article shows some of its English), the reviewer's `corrections`, the
        model — or how far the translation is; without a model, that there is none, then what
        the English shown comes from ("English · no model (press i) · memory + corrections")."""
        shown = [name for name, there in ((MEMORY, memory), (CORRECTIONS, corrections)) if there]
        if self.translator is None:
            # The status first: a narrow column cuts the title's end, and "press i" is what
            # the user can act on.
            status = MODEL_FAILED if self.failed else NO_MODEL
            return " · ".join(["English", status, *([" + ".join(shown)] if shown else [])])
        if done is not None and total is not None and done < total:
            # A share, not "n/m sentences": the engine counts an overlong sentence by its
            # pieces, which are not the sentences the reader shows.
            return f"English · translating {done * 100 // total}%"
        return f"English · {' + '.join([*shown, self.model_name])}"

    @property
    def no_english(self) -> str:
        """Why a sentence of a paragraph that shows English has none, for the line under the
        reader: its correction or memory match would show whatever the model's state."""
        if self.translator is not None:
            return "the model has not translated it yet"
        if self.installing:
            return "no correction or memory match; the model is being installed"
        if self.failed:
            return "no correction or memory match, and the model failed"
        if self.absent:
            return "no correction or memory match, and no model (press i)"
        return "no correction or memory match; the model is loading"

    @property
    def missing_placeholder(self) -> str:
        """What the English column draws in the place of a sentence without English."""
        return ENGLISH_PENDING if self.translator is not None else NO_ENGLISH

    def load_model(self, post: Post, cancelled: Cancelled) -> None:
        """Job: find and load the installed model."""
        # The translation package (CTranslate2, tokenizers) loads here, in the worker.
        from tolk.translating import NoModelError, load_translator

        try:
            loaded = load_translator(self.settings)
        except NoModelError as error:
            post(TranslatorUnavailable(str(error), missing=True))
        except Exception as error:  # a broken model must not take the reader down
            reason = f"The translation model could not be loaded: {error}"
            post(TranslatorUnavailable(reason, missing=False))
        else:
            post(TranslatorReady(loaded))

    def translate(self, opened: OpenArticle) -> Job | None:
        """Job: translate `opened` paragraph by paragraph."""
        translator = self.translator
        if translator is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                _translate(translator, opened, post, cancelled)
            except Exception as error:  # a model failing mid-article must not end the reader
                post(TranslatorUnavailable(f"Translation failed: {error}", missing=False))

        return job

    def read_ahead(self, opened: OpenArticle, paths: list[Path]) -> Job | None:
        """Job: translate the articles at `paths` into the cache, in order, so that they open
        translated: work ahead of time, which waits while anything the user asked for uses the
        model (translation.turns)."""
        from translation.turns import READ_AHEAD

        translator = self.translator
        if translator is None:
            return None

        def job(post: Post, cancelled: Cancelled) -> None:
            done = []
            for path in paths:
                english = _translate_ahead(translator, path, READ_AHEAD, cancelled)
                if english is not None:
                    post(english)
                    done.append(path)
            if not cancelled():
                post(ReadAheadFinished(opened, tuple(done)))

        return job

    def pretranslate(self, paths: list[Path]) -> Job | None:
        """Job: translate the articles at `paths` into the cache, one after another, while the
        user is idle (no key or click for `idle_seconds`); a key or click stops it between two
        of the model's batches, and it goes on once the user is idle again. The least urgent
        work there is (translation.turns)."""
        from translation.turns import IDLE

        translator = self.translator
        if translator is None:
            return None

        total = len(paths)

        def translate_all(post: Post, cancelled: Cancelled) -> None:
            for number, path in enumerate(paths):
                while True:
                    began = self._wait_until_idle(cancelled)
                    if began is None:
                        return
                    post(PretranslateProgress(number, total, running=True))

                    def interrupted(began: float = began) -> bool:
                        return cancelled() or self.last_input != began

                    whole = _translate_ahead(translator, path, IDLE, interrupted) is not None
                    if cancelled():
                        return
                    if not interrupted():
                        break
                    post(PretranslateProgress(number, total, running=False))
                if whole:
                    post(PretranslateProgress(number + 1, total, running=True, path=path))

        def job(post: Post, cancelled: Cancelled) -> None:
            try:
                translate_all(post, cancelled)
            finally:  # finished or failed: it may start again (a failure is told as any job's)
                if not cancelled():
                    post(PretranslateProgress(total, total, running=False))

        return job

    def _wait_until_idle(self, cancelled: Cancelled) -> float | None:
        """Wait until no key or click came for `idle_seconds`; the time of the last one then,
        or None when cancelled first."""
        pause = threading.Event()  # never set: a wait that wakes to look again
        while not cancelled():
            began = self.last_input
            if time.monotonic() - began >= self.idle_seconds:
                return began
            pause.wait(_IDLE_POLL_SECONDS)
        return None

    def install(self, post: Post, cancelled: Cancelled) -> None:
        """Job: download and install the nb→en package from the index — unless one was
        installed since the reader looked (`tolk models install` in another terminal): then
        that one is loaded, and the network is not asked."""
        from tolk.translating import NoModelError, load_translator
        from translation.package_index import install_from_index
        from translation.packages import PackageError

        try:
            loaded = load_translator(self.settings)
        except NoModelError:
            pass
        except Exception:  # one that cannot load: the index may have a good one
            pass
        else:
            post(InstallFinished(None, found=loaded))
            return
        started = time.monotonic()

        def progress(done: int, total: int | None) -> None:
            speed = done / max(time.monotonic() - started, 1e-3)
            post(InstallProgress(done, total, speed))

        try:
            install_from_index("nb", "en", progress=progress, cancelled=cancelled)
        except PackageError as error:
            post(InstallFinished(str(error)))
        else:
            post(InstallFinished(None))


def _translate(
    translator: ArticleTranslator, opened: OpenArticle, post: Post, cancelled: Cancelled
) -> None:
    from tolk.translating import paragraph_sources

    paragraphs = opened.article.paragraphs

    def progress(done: int, total: int) -> None:
        post(TranslationProgress(opened, done, total))

    targets: list[str | None] = [None] * len(paragraphs)
    for paragraph in translator.translate(
        paragraph_sources(paragraphs), on_progress=progress, cancelled=cancelled
    ):
        if cancelled():
            return
        targets[paragraph.index] = paragraph.target
        # The checks run here, off the UI thread: on a long article they add up.
        flags = opened.check_translation(paragraph)
        post(ParagraphTranslated(opened, paragraph, flags))
    if cancelled():
        return
    post(TranslationFinished(opened, targets))


def _translate_ahead(
    translator: ArticleTranslator, path: Path, priority: int, cancelled: Callable[[], bool]
) -> EnglishReadAhead | None:
    """Translate the article at `path` into the cache at `priority`; its English when every
    paragraph is translated (None: cancelled first, or the file is not an article)."""
    from tolk.translating import paragraph_sources

    if cancelled():
        return None
    try:
        article = read_article(path)
    except ArticleError:
        return None
    sources = tuple(paragraph_sources(article.paragraphs))
    translated = list(translator.translate(sources, cancelled=cancelled, priority=priority))
    if len(translated) < len(sources):
        return None
    paragraphs = tuple(sorted(translated, key=lambda p: p.index))
    return EnglishReadAhead(translator, sources, paragraphs)
