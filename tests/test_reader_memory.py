"""The translation memory in the reader: memory English with its mark and origin, with and
without a model, and what the alternatives dialog offers."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO, SEEDS
from tests.english import cipher_text
from tests.pilot import column_text, main_screen, make_app, open_article, settle, wait_for_scan
from tolk.memory import TranslationMemory
from tolk.open_article import Origin
from tui.reader.memory import MEMORY_MARK
from tui.screens.alternatives import AlternativesScreen
from tui.widgets.sentence_note import SentenceNote

REFERENCE = REPO / "screenshots" / "reference-translation.tmx"
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
        screen = main_screen(pilot)
        assert screen.translation.translator is None
        english = column_text(screen.reader, 1)
        assert FIRST in english and MEMORY_MARK.strip() in english
        note = screen.query_one(SentenceNote)
        assert note.display and note.text == "≡ from the translation memory (exact match)"
        opened = screen.current
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
        screen = main_screen(pilot)
        opened = screen.current
        assert opened is not None
        shown = opened.shown(0)
        assert shown is not None
        first, second = shown.sentences
        # The model's English for the first; the memory's for the second, marked.
        assert (first.origin, first.target) == (Origin.MACHINE, cipher_text(first.key.source))
        assert second.origin is Origin.MEMORY
        assert second.target == "He does not think the alliance is cracking."
        english = column_text(screen.reader, 1)
        assert "is cracking. ≡" in english
        assert english.count(MEMORY_MARK.strip()) == 1
        await pilot.press("l")  # the sentence cursor onto the memory's sentence
        await settle(pilot)
        assert screen.query_one(SentenceNote).text.startswith("≡ from the translation memory")
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AlternativesScreen)
        offered = [(found.text, found.label) for found in app.screen.alternatives]
        assert offered[0] == ("He does not think the alliance is cracking.", "memory · one.tmx")
        near = offered[1]
        assert near[0] == "A near one." and near[1].startswith("memory ")
        assert "%" in near[1]
        assert (cipher_text(sentence), "model") in offered
