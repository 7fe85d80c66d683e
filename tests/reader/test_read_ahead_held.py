"""The English read ahead, held in memory for the article's first frame: shown with no job when
the article is opened as it was read, and never when it was made by a model the reader has let
go of since. The real cipher model, the translation commands over a fake host."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEEDS
from tests.reader.fake_host import FakeHost
from tests.support.english import assert_english
from tolk.config import TranslationSettings
from tolk.library.articles import read_article
from tolk.reading.open_article import OpenArticle
from tolk.translating import load_translator
from tui.reader.translation.commands import TranslationCommands
from tui.reader.translation.messages import EnglishReadAhead, TranslationFinished
from tui.reader.translation.state import TranslationFeature

SEED = SEEDS / "000_4a397d34e890302c.txt"


def _read_ahead(commands: TranslationCommands, host: FakeHost, path: Path) -> EnglishReadAhead:
    """Read `path` ahead, as the job does after the open article; its message, not yet taken."""
    opened = OpenArticle(read_article(SEEDS / "003_af9304a0a01167de.txt"))
    host.start(commands.translation.read_ahead(opened, [path]), "Model", group="translate")
    (english,) = [m for m in host.run_jobs() if isinstance(m, EnglishReadAhead)]
    return english


def test_held_english_opens_with_the_article_and_only_from_the_model_in_use(
    installed_cipher_model: Path,
) -> None:
    settings = TranslationSettings(prefetch_next=True)
    feature = TranslationFeature(settings)
    feature.translator = load_translator(settings).translator
    host = FakeHost()
    commands = TranslationCommands(host, feature)
    commands.receive(_read_ahead(commands, host, SEED))

    host.opened = opened = OpenArticle(read_article(SEED))
    commands.translate_current()
    assert not host.jobs  # nothing to translate: the English was held
    paragraphs = opened.article.paragraphs
    machine = [opened.machine(i) for i in range(len(paragraphs))]
    assert_english(
        (p.text, m.target if m else "") for p, m in zip(paragraphs, machine, strict=True)
    )
    (finished,) = [m for m in host.posted if isinstance(m, TranslationFinished)]
    assert finished.opened is opened and None not in finished.targets

    # Read ahead by one model, taken after another was loaded: not held, translated anew.
    made_before = _read_ahead(commands, host, SEED)
    feature.translator = load_translator(settings).translator
    feature.forget_held()
    commands.receive(made_before)
    host.opened = OpenArticle(read_article(SEED))
    commands.translate_current()
    assert [job.group for job in host.jobs] == ["translate"]
