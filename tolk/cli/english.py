"""The English of the articles a command was given, as `tolk translate` and `tolk check` need
it: the model's translation when one is installed (progress on stderr), the reviewer's
corrections and the translation memory's exact matches over it (`tolk.reading.counted_english`).

A model is not required: without one, corrections and the memory give what English they cover,
and the commands say how much is missing.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from tolk.cli.user_work import load_user_work
from tolk.config import Config
from tolk.library.articles import Article
from tolk.reading.counted_english import CountedParagraph, count_english, missing_count
from tolk.text import count, printable
from tolk.translating import CLI_INSTALL_HINT, NoModelError, load_translator, paragraph_sources
from translation.argos_dirs import ArgosFoldersError
from translation.engine import TranslatedParagraph


@dataclass(frozen=True)
class ArticleEnglish:
    """An article and the English that counts for each of its paragraphs."""

    article: Article
    paragraphs: list[CountedParagraph]


@dataclass(frozen=True)
class CommandEnglish:
    """Every article's English, and how much of it there is."""

    articles: list[ArticleEnglish]
    with_model: bool  # a model translated the articles
    missing: int  # sentences without English (only ever without a model)
    total: int  # sentences
    no_model: str = CLI_INSTALL_HINT  # without a model: why, and what to do

    @property
    def none_at_all(self) -> bool:
        """Not one sentence has English: there is nothing to print but why."""
        return self.missing > 0 and self.missing == self.total


def english_of(articles: Sequence[Article], config: Config, doing: str) -> CommandEnglish:
    """Translate `articles` with the installed model, if any (cached sentences cost nothing),
    and pick each sentence's English. Warnings go to stderr; `doing` names the command in
    them ("translating", "checking")."""
    translated, no_model = _translate(articles, config)
    translations: list[list[TranslatedParagraph] | None] = (
        list(translated) if translated is not None else [None] * len(articles)
    )
    work = load_user_work(articles, doing)
    counted = [
        ArticleEnglish(article, count_english(article, translation, found, work.memory))
        for article, translation, found in zip(articles, translations, work.reviews, strict=True)
    ]
    missing, total = missing_count([p for article in counted for p in article.paragraphs])
    return CommandEnglish(counted, translated is not None, missing, total, no_model)


def _translate(
    articles: Sequence[Article], config: Config
) -> tuple[list[list[TranslatedParagraph]] | None, str]:
    """Each article's translation in paragraph order; None, and why, when there is no model
    to translate with."""
    try:
        loaded = load_translator(config.translation)
    except NoModelError:
        return None, CLI_INSTALL_HINT
    except ArgosFoldersError as error:
        return None, printable(str(error))
    for warning in loaded.warnings:
        print(f"tolk: warning: {printable(warning)}", file=sys.stderr)
    progress = Progress(sys.stderr)
    # All the articles at once: the model's batches are cut across them (a folder translates
    # at the engine's pace), and each article comes back whole, in order.
    translations: list[list[TranslatedParagraph]] = []
    if articles:
        progress.article = printable(articles[0].path.name)
    done = loaded.translator.translate_articles(
        [paragraph_sources(article.paragraphs) for article in articles],
        on_progress=progress.update,
    )
    for translated in done:
        translations.append(translated)
        if len(translations) < len(articles):
            progress.article = printable(articles[len(translations)].path.name)
    progress.finish()
    for warning in loaded.translator.warnings:
        print(f"tolk: warning: {printable(warning)}", file=sys.stderr)
    return translations, CLI_INSTALL_HINT


def say_what_is_missing(english: CommandEnglish, marked: str) -> None:
    """Without a model, tell the user on stderr how much had no English and how to get it;
    `marked` says where those sentences are in the output."""
    if english.with_model:
        return
    if english.missing:
        print(
            f"tolk: error: {english.missing} of {count(english.total, 'sentence')} "
            f"{'has' if english.missing == 1 else 'have'} no English (no "
            f"correction or translation-memory match covers them); {marked}. {english.no_model}",
            file=sys.stderr,
        )
    else:
        print(
            "tolk: note: no Norwegian→English model is installed; every sentence's English "
            "is a correction or a translation-memory match.",
            file=sys.stderr,
        )


class Progress:
    """How much of the article is translated, as a share, on stderr, redrawn in place; silent
    when stderr is not a TTY. (A share: the engine counts an overlong sentence by its pieces.)"""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._enabled = stream.isatty()
        self.article = ""

    def update(self, done: int, total: int) -> None:
        if self._enabled:
            share = done * 100 // total if total else 100
            self._stream.write(f"\r\x1b[Ktranslating {self.article}: {share}%")
            self._stream.flush()

    def finish(self) -> None:
        if self._enabled:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
