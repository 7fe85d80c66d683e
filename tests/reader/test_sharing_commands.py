"""The copy and source commands with a fake host: what each key puts on the clipboard, what the
notice says, and which address opens; an article without a source says so."""

from __future__ import annotations

from pathlib import Path

from tests.reader.fake_host import FakeHost
from tests.support.news_library import source_url, write_news_library
from tolk.library.articles import read_article
from tolk.reading.open_article import OpenArticle
from translation.engine import SentencePair, TranslatedParagraph
from tui.reader.sharing.commands import NO_SOURCE, SharingCommands

TITLE = "Kommunen vil byggje ny skule i bygda"  # the fourth article written (number 3)


def opened_article(tmp_path: Path, *, english: bool = True) -> OpenArticle:
    opened = OpenArticle(read_article(write_news_library(tmp_path)[TITLE]))
    if english:
        sources = [
            "Kommunestyret vedtok torsdag at det skal byggjast ein ny skule i bygda.",
            "Dei gamle bygningane er ikkje lenger gode nok, meiner ordføraren.",
        ]
        pairs = (
            SentencePair(sources[0], "The council decided on Thursday to build a new school."),
            SentencePair(sources[1], "The old buildings are no longer good enough."),
        )
        opened.add_translation(TranslatedParagraph(1, pairs))
    return opened


def test_copy_keys_put_the_text_under_the_cursor_on_the_clipboard(tmp_path: Path) -> None:
    host = FakeHost(opened=opened_article(tmp_path), cursor=(1, 1))
    commands = SharingCommands(host)

    commands.copy_english_sentence()
    commands.copy_english_paragraph()
    commands.copy_norwegian_sentence()
    commands.copy_norwegian_paragraph()

    assert host.copied == [
        "The old buildings are no longer good enough.",
        "The council decided on Thursday to build a new school. "
        "The old buildings are no longer good enough.",
        "Dei gamle bygningane er ikkje lenger gode nok, meiner ordføraren.",
        "Kommunestyret vedtok torsdag at det skal byggjast ein ny skule i bygda. "
        "Dei gamle bygningane er ikkje lenger gode nok, meiner ordføraren.",
    ]
    assert host.notices[0] == (
        "Copied the English of the sentence, 44 characters: "
        "“The old buildings are no longer good enough.”"
    )
    assert host.notices[1].startswith("Copied the English of the paragraph, 99 characters: “The")
    assert host.notices[1].endswith("…”")


def test_without_english_the_english_keys_say_so_and_copy_nothing(tmp_path: Path) -> None:
    host = FakeHost(opened=opened_article(tmp_path, english=False), cursor=(1, 0))
    commands = SharingCommands(host)
    commands.copy_english_sentence()
    commands.copy_english_paragraph()
    commands.copy_norwegian_sentence()  # no sentence cursor without English
    assert host.copied == []
    assert host.notices == [
        "This sentence has no English yet.",
        "This paragraph has no English yet.",
        "No sentence is under the cursor yet: Y copies the paragraph.",
    ]
    commands.copy_norwegian_paragraph()  # the paragraph needs no English
    assert host.copied[0].startswith("Kommunestyret vedtok")


def test_v_opens_the_source_and_V_copies_its_address(tmp_path: Path) -> None:
    host = FakeHost(opened=opened_article(tmp_path))
    commands = SharingCommands(host)
    commands.open_source()
    commands.copy_source()
    assert host.opened_urls == [source_url(3)] and host.copied == [source_url(3)]
    assert host.notices[0].startswith(f"Opening {source_url(3)} in your browser.")


def test_an_article_without_a_source_says_so(tmp_path: Path) -> None:
    path = tmp_path / "own.txt"
    path.write_text(" date 2024-01-01 – Egen tekst.\n\nMer tekst her.\n", encoding="utf-8")
    host = FakeHost(opened=OpenArticle(read_article(path)))
    commands = SharingCommands(host)
    commands.open_source()
    commands.copy_source()
    assert host.opened_urls == [] and host.copied == []
    assert host.notices == [NO_SOURCE, NO_SOURCE]


def test_nothing_open_nothing_copied() -> None:
    host = FakeHost()
    commands = SharingCommands(host)
    for command in (commands.copy_english_sentence, commands.open_source):
        command()
    assert host.copied == host.opened_urls == []
    assert host.notices == ["Open an article first."] * 2


def test_without_a_browser_v_copies_the_address_instead(tmp_path: Path) -> None:
    host = FakeHost(opened=opened_article(tmp_path), browser=False)
    SharingCommands(host).open_source()
    assert host.copied == [source_url(3)]
    assert host.notices[0].startswith("No browser can be opened from this terminal")
    assert host.notices[0].endswith(source_url(3))
