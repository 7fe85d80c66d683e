"""The translation memory in the reader: memory English with its mark and origin, with and
without a model, and what the alternatives dialog offers."""

from __future__ import annotations

from pathlib import Path

from tests.app.pilot import (
    column_text,
    make_app,
    open_article,
    reader_screen,
    settle,
    wait_for_scan,
)
from tests.conftest import REPO, SEEDS
from tests.support.english import cipher_text
from tolk.memory.database import TranslationMemory
from tolk.reading.shown_english import Origin
from tui.dialogs.alternatives import AlternativesScreen
from tui.reader.rendering import MEMORY_MARK
from tui.widgets.column_titles import ColumnTitles
from tui.widgets.sentence_note import SentenceNote

REFERENCE = REPO / "screenshots" / "reference-translation.tmx"
FIRST_NB = (
    "Da er det viktig at vi sitter rundt det samme bordet og diskuterer ansikt til ansikt, "
    "svarer Stoltenberg på spørsmål om hvordan det blir å holde alliansen samlet på møtet "
    "utenfor London."
)
FIRST = (
    "Then it is important that we sit around the same table and discuss face to face, "
    "Stoltenberg replies when asked how the alliance will be held together at the meeting "
    "outside London."
)


def import_reference() -> None:
    with TranslationMemory() as memory:
        memory.import_file(REFERENCE)


async def test_memory_english_shows_without_a_model() -> None:
    import_reference()
    app = make_app(SEEDS)
    async with app.run_test(size=(140, 44)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)  # Dec 2019
        await settle(pilot)
        screen = reader_screen(pilot)
        assert screen.translator is None
        english = column_text(screen.parallel_text, 1)
        assert FIRST in english and MEMORY_MARK.strip() in english
        note = screen.query_one(SentenceNote)
        assert note.display
        assert note.text == "≡ translation memory, exact match · reference-translation.tmx"
        opened = screen.opened
        assert opened is not None
        shown = opened.shown(0)
        assert shown is not None
        assert {s.origin for s in shown.sentences} == {Origin.MEMORY}
        assert shown.sentences[0].target == FIRST


async def test_memory_wins_over_the_model_which_stays_an_alternative(
    installed_cipher_model: Path, tmp_path: Path
) -> None:
    app = make_app(SEEDS)
    sentence = "Han mener ikke alliansen er i ferd med å slå sprekker."
    memory_file = tmp_path / "one.tmx"
    memory_file.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" srclang="nb" '
        'segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x"/><body>'
        f'<tu><tuv xml:lang="nb"><seg>{sentence}</seg></tuv>'
        '<tuv xml:lang="en"><seg>He does not think the alliance is cracking.</seg></tuv></tu>'
        '<tu><tuv xml:lang="nb"><seg>Han mener ikke alliansen er i ferd med å sprekke.</seg>'
        '</tuv><tuv xml:lang="en"><seg>A near one.</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    with TranslationMemory() as memory:
        memory.import_file(memory_file)
    async with app.run_test(size=(140, 44)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await settle(pilot)
        screen = reader_screen(pilot)
        opened = screen.opened
        assert opened is not None
        shown = opened.shown(0)
        assert shown is not None
        first, second = shown.sentences
        # The model's English for the first; the memory's for the second, marked.
        assert (first.origin, first.target) == (Origin.MACHINE, cipher_text(first.key.source))
        assert second.origin is Origin.MEMORY
        assert second.target == "He does not think the alliance is cracking."
        assert screen.query_one(ColumnTitles).target_title == (
            f"English · memory + {installed_cipher_model.name}"
        )
        english = column_text(screen.parallel_text, 1)
        assert "is cracking. ≡" in english
        assert english.count(MEMORY_MARK.strip()) == 1
        await pilot.press("l")  # the sentence cursor onto the memory's sentence
        await settle(pilot)
        assert screen.query_one(SentenceNote).text.startswith("≡ translation memory")
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AlternativesScreen)
        offered = [(found.text, found.label) for found in app.screen.alternatives]
        assert offered[0] == ("He does not think the alliance is cracking.", "memory · one.tmx")
        near = offered[1]
        assert near[0] == "A near one." and near[1].startswith("memory ")
        assert "%" in near[1]
        assert (cipher_text(sentence), "model") in offered


async def test_the_sentence_line_names_where_every_sentence_s_english_comes_from(
    installed_cipher_model: Path, tmp_path: Path
) -> None:
    # Dec 2019's first paragraph: the model's English, then the memory's; then a correction.
    sentence = "Han mener ikke alliansen er i ferd med å slå sprekker."
    memory_file = tmp_path / "team.tmx"
    memory_file.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" srclang="nb" '
        'segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x"/><body>'
        f'<tu><tuv xml:lang="nb"><seg>{sentence}</seg></tuv>'
        '<tuv xml:lang="en"><seg>He does not think the alliance is cracking.</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    with TranslationMemory() as memory:
        memory.import_file(memory_file)
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 44)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await settle(pilot)
        screen = reader_screen(pilot)
        note = screen.query_one(SentenceNote)
        opened = screen.opened
        assert opened is not None
        shown = opened.shown(0)
        assert shown is not None
        model_sentence = shown.sentences[0]
        assert model_sentence.origin is Origin.MACHINE
        confidence = model_sentence.confidence
        assert confidence is not None
        # The model's, with its confidence (before the flags its ciphered names earn).
        assert note.text.startswith(f"⚑ model, confidence {confidence:.0%} · "), note.text
        await pilot.press("l")
        assert note.text == "≡ translation memory, exact match · team.tmx"
        await pilot.press("h", "e", "f7", *FIRST, "ctrl+s")  # a correction no check flags
        await settle(pilot)
        assert note.text == "✎ your correction", note.text
        # Every sentence of the article says where its English comes from.
        said = {
            Origin.MACHINE: "model, confidence ",
            Origin.MEMORY: "≡ translation memory, exact match · team.tmx",
            Origin.CORRECTION: "✎ your correction",
        }
        seen = set()
        for index in opened.showable:
            paragraph = opened.shown(index)
            assert paragraph is not None
            for position, shown_sentence in enumerate(paragraph.sentences):
                screen.parallel_text.cursor, screen.parallel_text.sentence = index, position
                await pilot.pause()
                assert said[shown_sentence.origin] in note.text, (index, position, note.text)
                seen.add(shown_sentence.origin)
        assert seen == set(Origin)


async def test_the_english_title_says_where_the_english_comes_from(tmp_path: Path) -> None:
    # Only Dec 2019's first paragraph is in the memory; Jan 2020 has nothing there.
    memory_file = tmp_path / "first.tmx"
    memory_file.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" srclang="nb" '
        'segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x"/><body>'
        f'<tu><tuv xml:lang="nb"><seg>{FIRST_NB}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{FIRST}</seg></tuv></tu>'
        '<tu><tuv xml:lang="nb"><seg>Han mener ikke alliansen er i ferd med å slå sprekker.</seg>'
        '</tuv><tuv xml:lang="en"><seg>He does not think it cracks.</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    with TranslationMemory() as memory:
        memory.import_file(memory_file)
    app = make_app(SEEDS)
    async with app.run_test(size=(140, 44)) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        titles = screen.query_one(ColumnTitles)
        assert titles.target_title == "English · no model (press i)"
        await open_article(pilot, 1)  # Dec 2019: its first paragraph in the memory's English
        assert FIRST in column_text(screen.parallel_text, 1)
        assert titles.target_title == "English · no model (press i) · memory"
        await open_article(pilot, 0)  # Jan 2020: no English at all
        assert titles.target_title == "English · no model (press i)"
        await open_article(pilot, 1)
        assert titles.target_title == "English · no model (press i) · memory"
        # Corrected over the memory's English, the paragraph shows less of it, then none; the
        # title never says there is no English while corrections show.
        await pilot.press("e", "f7", *"Then it matters.", "ctrl+s")
        await settle(pilot)
        assert titles.target_title == "English · no model (press i) · memory + corrections"
        await pilot.press("l", "e", "f7", *"He sees no cracks.", "ctrl+s")
        await settle(pilot)
        assert "≡" not in column_text(screen.parallel_text, 1)
        assert titles.target_title == "English · no model (press i) · corrections"
        await pilot.press("u", "h", "u")  # both corrections reverted: the memory's again
        await settle(pilot)
        assert titles.target_title == "English · no model (press i) · memory"


async def test_u_says_so_when_the_memory_s_english_comes_back(installed_cipher_model: Path) -> None:
    import_reference()
    app = make_app(SEEDS)
    async with app.run_test(size=(140, 44)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)  # Dec 2019: its first sentence is in the memory
        await settle(pilot)
        screen = reader_screen(pilot)
        opened = screen.opened
        assert opened is not None
        opened_sentence = opened.sentence(0, 0)
        assert opened_sentence is not None and opened_sentence.origin is Origin.MEMORY
        await pilot.press("e", "f7", *"Mine.", "ctrl+s")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        back = opened.sentence(0, 0)
        assert back is not None and back.origin is Origin.MEMORY and back.target == FIRST
        messages = [n.message for n in app._notifications]
        assert any("translation memory's English shows" in m for m in messages), messages
