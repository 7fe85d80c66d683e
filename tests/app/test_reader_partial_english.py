"""The reader shows every sentence that has English — the reviewer's correction, else the
memory's exact match — with no model installed or before the model's translation arrives, and
marks the sentences beside them that have none with a placeholder drawn as a mark (never part
of the English, never markup). Sentence and word cursors, review marks and corrections work on
the sentences around the placeholders; the model fills in the rest when it comes; the sidebar's
⚑ count is `tolk check`'s."""

from __future__ import annotations

import json
import sqlite3
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.app.pilot import (
    column_text,
    make_app,
    reader_screen,
    rendered_lines,
    settle,
    wait_for_group,
    wait_for_scan,
)
from tests.conftest import REPO, SEEDS
from tests.support.english import cipher_text
from tolk.cli import main
from tolk.library.articles import Article, read_article
from tolk.memory.database import TranslationMemory
from tolk.paths import cache_database
from tolk.reading.open_article import OpenArticle
from tolk.reading.shown_english import Origin, lay_out
from tolk.translating import align_sentences
from tolk.userdata.bookmarks import absolute_path
from tolk.userdata.review import ReviewBook, SentenceKey, article_sentences
from tolk.userdata.store import open_store
from translation.engine import SentencePair, TranslatedParagraph
from tui.dialogs.editor import CorrectionEditor
from tui.reader.translation import state as reader_translation
from tui.reader.translation.state import ENGLISH_PENDING, NO_ENGLISH
from tui.widgets.column_titles import ColumnTitles
from tui.widgets.parallel_text import ParallelText
from tui.widgets.sentence_note import SentenceNote
from tui.widgets.word_cursor import SOURCE, WordFocus

REFERENCE = REPO / "screenshots" / "reference-translation.tmx"
DEC_2019 = SEEDS / "000_4a397d34e890302c.txt"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MINE = "My own English, with the names Tyrkia, Syria and USA."
NO_MODEL_WHY = "no English: no correction or memory match, and no model (press i)"


def reference() -> dict[str, str]:
    """The project's reference translation: Norwegian sentence -> English."""
    found = {}
    for unit in ET.parse(REFERENCE).getroot().iter("tu"):
        segs = {tuv.get(XML_LANG): tuv.findtext("seg") or "" for tuv in unit.iter("tuv")}
        found[segs["nb"]] = segs["en"]
    return found


def import_part(path: Path, sources: list[str]) -> None:
    """A TMX of the reference's English for `sources` only, imported as the user would."""
    english = reference()
    units = "".join(
        f'<tu><tuv xml:lang="nb"><seg>{s}</seg></tuv><tuv xml:lang="en"><seg>{english[s]}</seg>'
        "</tuv></tu>\n"
        for s in sources
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'srclang="nb" segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x"/>\n'
        f"<body>\n{units}</body></tmx>\n",
        encoding="utf-8",
    )
    with TranslationMemory() as memory:
        memory.import_file(path)


def store_correction(article: Article, key: SentenceKey, english: str) -> None:
    """A correction made in an earlier session, as the user store keeps it."""
    opened = open_store()
    assert opened.store is not None
    with opened.store as store:
        ReviewBook(store).set_correction(article, key, english)


def keys_of(article: Article, paragraph: int) -> list[SentenceKey]:
    return [key for key in article_sentences(article) if key.paragraph == paragraph]


def placeholder_underlined(reader: ParallelText, paragraph: int) -> list[bool]:
    """For each drawn piece of a placeholder in `paragraph`'s rows, whether the sentence
    cursor underlines it."""
    top = int(reader.scroll_y)
    return [
        bool(segment.style and segment.style.underline)
        for row in reader.paragraph_rows(paragraph)
        for segment in reader.render_line(row - top)
        if segment.text.strip() in ("[no", "English]", NO_ENGLISH)
    ]


def stored_count(path: Path) -> int | None:
    db = sqlite3.connect(cache_database())
    try:
        row = db.execute("SELECT flagged FROM look_counts WHERE path = ?", (str(path),)).fetchone()
    except sqlite3.OperationalError:  # no count was ever stored
        return None
    finally:
        db.close()
    return None if row is None else int(row[0])


def sidebar_flags(pilot: Pilot[None]) -> str:
    lines = rendered_lines(reader_screen(pilot).sidebar.article_list)
    return " ".join(word for line in lines for word in line.split() if "⚑" in word)


def check_flagged(capsys: pytest.CaptureFixture[str]) -> int:
    """How many of Dec 2019's sentences `tolk check` flags."""
    capsys.readouterr()
    main(["check", "--json", str(DEC_2019)])
    findings = json.loads(capsys.readouterr().out)
    return sum(1 for finding in findings if finding["flags"])


async def open_dec_2019(pilot: Pilot[None]) -> OpenArticle:
    """Open Dec 2019 from the list once the model question is settled; waits for the article,
    its memory matches and its reviews, never for its translation."""
    await wait_for_group(pilot, "model")
    screen = reader_screen(pilot)
    screen.sidebar.article_list.focus()
    await pilot.press("home", "down", "enter")
    for group in ("open", "memory", "reviews", "memory", "reviews"):
        await wait_for_group(pilot, group)
    opened = screen.opened
    assert opened is not None and opened.path == DEC_2019
    return opened


async def test_without_a_model_covered_sentences_show_and_the_rest_is_marked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = read_article(DEC_2019)
    first, second = keys_of(article, 0)
    third = keys_of(article, 3)  # two sentences: the second corrected in an earlier session
    fourth = keys_of(article, 4)  # three sentences: the last in the memory
    import_part(
        tmp_path / "part.tmx", [first.source, keys_of(article, 1)[0].source, fourth[2].source]
    )
    store_correction(article, third[1], MINE)
    english = reference()
    app = make_app(SEEDS)
    async with app.run_test(size=(140, 44)) as pilot:
        await wait_for_scan(pilot)
        opened = await open_dec_2019(pilot)
        await settle(pilot)
        screen = reader_screen(pilot)
        reader, note = screen.parallel_text, screen.query_one(SentenceNote)
        assert screen.translator is None

        # What has English shows, in its place; the rest is marked, never left out.
        assert opened.showable == [0, 1, 3, 4]
        shown = opened.shown(0)
        assert shown is not None
        assert [(s.target, s.origin) for s in shown.sentences] == [
            (english[first.source], Origin.MEMORY),
            (None, None),
        ]
        text = column_text(reader, 1)
        assert f"{english[first.source]} ≡ {NO_ENGLISH} " in text
        assert f"{NO_ENGLISH} {MINE} ✎" in text
        assert f"{NO_ENGLISH} {NO_ENGLISH} {english[fourth[2].source]} ≡" in text
        # The placeholder is a mark beside the English, not part of it.
        view = reader.view(0)
        assert view.translation == english[first.source] + " "
        (placeholder,) = [mark for mark in view.marks if mark.stands_for is not None]
        assert (placeholder.glyph, placeholder.stands_for) == (NO_ENGLISH, 1)
        assert placeholder.offset == view.alignment[1].target_start == len(view.translation)
        # Each sentence is where it is in the Norwegian, placeholders or not.
        source = article.paragraphs[4].text
        assert [source[a.source_start : a.source_end] for a in reader.view(4).alignment] == [
            key.source for key in fourth
        ]
        assert screen.query_one(ColumnTitles).target_title == (
            "English · no model (press i) · memory + corrections"
        )

        # The sentence line names the memory, then says why the next sentence has none.
        assert note.display and note.text.startswith("≡ translation memory, exact match")
        underlined = placeholder_underlined(reader, 0)
        assert underlined and not any(underlined)
        await pilot.press("l")
        assert (reader.cursor, reader.sentence) == (0, 1)
        assert note.text == NO_MODEL_WHY and not note.look
        assert all(placeholder_underlined(reader, 0))  # the cursor's placeholder (all its rows)
        # The word cursor walks the Norwegian of a sentence without English.
        await pilot.press("w", "w")
        assert reader.word == WordFocus(1, SOURCE, 1)
        # Nothing to review yet: r refuses, and nothing is stored.
        await pilot.press("r")
        await settle(pilot)
        assert not opened.review(second).reviewed
        assert any("no English to review" in n.message for n in app._notifications)
        await pilot.press("h", "r")  # the memory's sentence can be reviewed
        await settle(pilot)
        assert opened.review(first).reviewed
        assert f"{english[first.source]} ≡ ✓ {NO_ENGLISH}" in column_text(reader, 1)
        # R marks the sentences of the paragraph that have English, and only those.
        await pilot.press("j", "R")
        await settle(pilot)
        second_paragraph = keys_of(article, 1)
        assert [opened.review(k).reviewed for k in second_paragraph] == [True, False]

        # e on a placeholder writes the sentence's first English; the memory's stays beside.
        await pilot.press("k", "l", "e")
        assert isinstance(app.screen, CorrectionEditor)
        await pilot.press(*"He does not think the alliance is about to crack.", "ctrl+s")
        await settle(pilot)
        shown = opened.shown(0)
        assert shown is not None and shown.complete
        assert [s.origin for s in shown.sentences] == [Origin.MEMORY, Origin.CORRECTION]
        assert (
            f"{english[first.source]} ≡ ✓ He does not think the alliance is about to crack. ✎"
            in column_text(reader, 1)
        )
        assert note.text == "✎ your correction"

        # Jumping through the paragraphs by sentence crosses every placeholder.
        reader.cursor = 4
        await pilot.pause()
        for position in (1, 2):
            await pilot.press("l")
            assert (reader.cursor, reader.sentence) == (4, position)
        assert note.text.startswith("≡ translation memory")

        # Part of the article has no English: no count, as `tolk check` calls it unchecked.
        await settle(pilot)
        assert not opened.complete and not opened.settled
        assert absolute_path(DEC_2019) not in screen.parts.look_counts.shown
        assert sidebar_flags(pilot) == "" and stored_count(absolute_path(DEC_2019)) is None
    assert main(["check", str(DEC_2019)]) == 2  # some sentences not checked
    with_review = open_store()
    assert with_review.store is not None
    with with_review.store as store:
        kept = ReviewBook(store).reviews_for(article)
    assert kept[second].correction == "He does not think the alliance is about to crack."
    assert kept[first].reviewed and not kept.get(second_paragraph[1], None)


async def test_without_a_model_the_sidebar_count_is_check_s(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with TranslationMemory() as memory:
        memory.import_file(REFERENCE)  # every sentence, none flagged
    article = read_article(DEC_2019)
    first = article_sentences(article)[0]
    store_correction(article, first, first.source)  # echoes the Norwegian: `untranslated`
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        opened = await open_dec_2019(pilot)
        await settle(pilot)
        assert opened.complete and opened.settled
        assert sidebar_flags(pilot) == "1⚑"
        assert stored_count(absolute_path(DEC_2019)) == 1
    assert check_flagged(capsys) == 1
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_dec_2019(pilot)
        await settle(pilot)
        await pilot.press("u")  # back to the memory's English: nothing flagged
        await settle(pilot)
        assert sidebar_flags(pilot) == "" and stored_count(absolute_path(DEC_2019)) == 0
    assert check_flagged(capsys) == 0


def gated(gate: threading.Event, work: Callable[..., Any]) -> Callable[..., Any]:
    """`work`, started only once `gate` is set (in the worker's thread)."""

    def wait_then_work(*args: Any, **kwargs: Any) -> Any:
        gate.wait()
        return work(*args, **kwargs)

    return wait_then_work


async def test_the_model_fills_in_the_rest_and_keeps_memory_and_corrections(
    installed_cipher_model: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = read_article(DEC_2019)
    first, second = keys_of(article, 0)
    third = keys_of(article, 3)
    import_part(tmp_path / "part.tmx", [first.source])
    store_correction(article, third[1], MINE)
    english = reference()[first.source]
    gate = threading.Event()
    monkeypatch.setattr(
        reader_translation, "_translate", gated(gate, reader_translation._translate)
    )
    app = make_app(SEEDS)
    async with app.run_test(size=(140, 44)) as pilot:
        try:
            await wait_for_group(pilot, "scan")
            opened = await open_dec_2019(pilot)
            screen = reader_screen(pilot)
            reader, note = screen.parallel_text, screen.query_one(SentenceNote)
            # The model is loaded, its translation held back: memory and correction show.
            assert screen.translator is not None and not opened.translated
            text = column_text(reader, 1)
            assert f"{english} ≡ {ENGLISH_PENDING}" in text
            assert f"{ENGLISH_PENDING} {MINE} ✎" in text
            await pilot.press("l")
            assert note.text == "no English: the model has not translated it yet"
            assert sidebar_flags(pilot) == ""
            gate.set()
            await settle(pilot)
        finally:
            gate.set()  # a failure must not leave the worker waiting: the app waits for it
        assert opened.fully_translated and opened.settled
        shown = opened.shown(0)
        assert shown is not None
        assert [(s.target, s.origin) for s in shown.sentences] == [
            (english, Origin.MEMORY),
            (cipher_text(second.source), Origin.MACHINE),
        ]
        shown = opened.shown(3)
        assert shown is not None
        assert [(s.target, s.origin) for s in shown.sentences] == [
            (cipher_text(third[0].source), Origin.MACHINE),
            (MINE, Origin.CORRECTION),
        ]
        text = column_text(reader, 1)
        assert ENGLISH_PENDING not in text and NO_ENGLISH not in text
        assert f"{english} ≡ {cipher_text(second.source)}" in text
        assert note.text.startswith("⚑ model, confidence") or note.text.startswith("model")
        model = installed_cipher_model.name
        assert (
            screen.query_one(ColumnTitles).target_title
            == f"English · memory + corrections + {model}"
        )
        # The count is of the English that counts, as `tolk check` counts it.
        assert sidebar_flags(pilot) == f"{opened.look_count()}⚑"
        assert stored_count(absolute_path(DEC_2019)) == opened.look_count()
    assert check_flagged(capsys) == opened.look_count() > 0


def test_a_sentence_without_english_keeps_a_slot_of_its_own() -> None:
    text = "Aa a. Bb b. Cc c. Dd d."
    sources = ["Aa a.", "Bb b.", "Cc c.", "Dd d."]
    target, spans = lay_out(text, list(zip(sources, [None, "Bee.", None, None], strict=True)))
    # Every placeholder has its own place, with a space to either side of it.
    assert target == " Bee.  "
    assert [(s.target_start, s.target_end) for s in spans] == [(0, 0), (1, 5), (6, 6), (7, 7)]
    assert [text[s.source_start : s.source_end] for s in spans] == sources
    # With English for every sentence (one of it empty) it is what the model's paragraph is.
    english = ["Ay.", "", "Cee.", "Dee."]
    target, spans = lay_out(text, list(zip(sources, english, strict=True)))
    pairs = TranslatedParagraph(
        0, tuple(SentencePair(s, e) for s, e in zip(sources, english, strict=True))
    )
    assert (target, spans) == (pairs.target, align_sentences(text, pairs))
