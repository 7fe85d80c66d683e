"""The glossary in the reader: its terms marked in the Norwegian (not like keywords), the line
under the reader naming the English each term of the sentence expects, the `terminology` flag
with the glossary's English; and `[qa] ignore` followed by ⚑, `x` and the sidebar's count as
`tolk check` follows it. The copy model's English is its Norwegian: a term's English is never
in it."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style

from tests.app.pilot import (
    make_app,
    open_article,
    reader_screen,
    settle,
    wait_for_scan,
    write_config,
)
from tests.app.test_reader_keywords import styled_words
from tests.app.test_reader_look_counts import sidebar_flags
from tests.conftest import SEEDS
from tests.glossary.files import write
from tolk import paths
from tolk.cli import main
from tolk.glossary.database import Glossary
from tolk.qa import checking as checking_module
from tolk.qa.checks import FLAG_CODES, Flag
from tui.widgets.sentence_note import SentenceNote

GLOSSARY = (
    "# OmegaT glossary\n"
    "allianse\talliance\tNATO\n"
    "toppmøte\tsummit\n"
    "Stoltenberg\tStoltenberg\n"  # the copy model's English has it: no flag
)
DEC_2019 = SEEDS / "000_4a397d34e890302c.txt"


def import_glossary(tmp_path: Path) -> None:
    with Glossary() as glossary:
        glossary.import_file(write(tmp_path / "nato.txt", GLOSSARY))


def is_term(style: Style) -> bool:
    return bool(style.italic)


def is_keyword(style: Style) -> bool:
    return style.bgcolor is not None and style.bgcolor.name == "yellow"


async def test_terms_are_marked_and_the_line_says_their_english(
    installed_copy_model: Path, tmp_path: Path
) -> None:
    import_glossary(tmp_path)
    write_config('keywords = ["Stoltenberg"]\n')
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)  # Dec 2019
        await settle(pilot)
        screen = reader_screen(pilot)
        left, right = styled_words(screen.parallel_text, is_term)
        # The terms in the Norwegian, inflected; never the English (the copy model's English
        # has the same words).
        assert "alliansen" in left and right == []
        # A term is not a keyword: no keyword colour; "Stoltenberg", a keyword too, has both.
        keyword, _ = styled_words(screen.parallel_text, is_keyword)
        assert "alliansen" not in keyword and "Stoltenberg" in keyword
        assert "Stoltenberg" in left
        underlined, _ = styled_words(screen.parallel_text, lambda s: bool(s.underline))
        assert underlined.count("alliansen") >= left.count("alliansen") > 1

        note = screen.query_one(SentenceNote)
        # The first sentence has "alliansen" and "Stoltenberg".
        assert note.look
        assert note.text == (
            "⚑ model, confidence 100% · untranslated: the English is the Norwegian, unchanged · "
            'terminology: no English rendering of "allianse": expected alliance (glossary '
            "nato.txt) · glossary: Stoltenberg → Stoltenberg; allianse → alliance"
        )


async def test_without_colour_terms_are_in_italics(
    installed_copy_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    import_glossary(tmp_path)
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await settle(pilot)
        left, _ = styled_words(reader_screen(pilot).parallel_text, lambda s: bool(s.italic))
        assert "alliansen" in left


async def test_the_reader_counts_the_checks_tolk_check_counts(
    installed_copy_model: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import_glossary(tmp_path)
    # Every check but terminology left out: ⚑, x and the count are the glossary's alone. (A
    # code that names no check is said, and left out.)
    ignored = [c for c in FLAG_CODES if c != "terminology"] + ["nmes"]
    write_config(f"[qa]\nignore = {ignored!r}\n")
    assert main(["check", str(DEC_2019)]) == 1
    lines = capsys.readouterr().out.splitlines()
    places = [tuple(map(int, re.findall(r":(\d+):(\d+):", line)[0])) for line in lines]
    assert len(places) > 3 and all(" terminology " in line for line in lines)

    # The glossary's terms come with the article: no sentence is checked on the UI thread.
    threads: list[bool] = []
    check = checking_module.check_sentence

    def recording(*args: Any, **kwargs: Any) -> tuple[Flag, ...]:
        threads.append(threading.current_thread() is threading.main_thread())
        return check(*args, **kwargs)

    monkeypatch.setattr(checking_module, "check_sentence", recording)
    app = make_app(SEEDS)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)
        await settle(pilot)
        screen = reader_screen(pilot)
        reader, note = screen.parallel_text, screen.query_one(SentenceNote)
        assert sidebar_flags(pilot) == f"{len(places)}⚑"
        visited = [(reader.cursor + 1, reader.sentence + 1)]
        assert note.text.startswith("⚑ model, confidence 100% · terminology: ")
        for _ in places[1:]:
            await pilot.press("x")
            visited.append((reader.cursor + 1, reader.sentence + 1))
        assert visited == places
        await pilot.press("x")
        assert visited[-1] == (reader.cursor + 1, reader.sentence + 1)
        said = [n.message for n in app._notifications if n.title == "Configuration"]
        assert said == [
            f"{paths.config_file()}: `qa.ignore` names no check `nmes` (did you mean `names`?); "
            "ignored"
        ]
    assert threads and not any(threads)
