"""The spelling check in the reader: the cipher model's English is a ROT13 of the Norwegian, so
its words are flagged; `+` on a word (the word cursor, `w`) accepts its English counterpart
into config.toml's `[qa] accept`, and the flag goes."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.app.pilot import make_app, open_article, reader_screen, settle, wait_for_scan
from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tolk import paths


async def test_plus_accepts_the_english_word_under_the_word_cursor(
    installed_cipher_model: Path,
) -> None:
    app = make_app(SEEDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        await open_article(pilot, 1)  # "Da er det viktig at vi sitter rundt …"
        await settle(pilot)
        screen = reader_screen(pilot)
        opened = screen.opened
        assert opened is not None
        english = cipher_text("Da")  # "Qn"

        def spelling() -> str:
            sentence = opened.sentence(0, 0)
            assert sentence is not None
            return next(f.message for f in sentence.flags if f.code == "spelling")

        assert f'"{english}"' in spelling()
        await pilot.press("equals_sign")  # no word cursor yet: nothing is accepted
        await settle(pilot)
        assert f'"{english}"' in spelling() and not paths.config_file().exists()

        await pilot.press("w", "equals_sign")  # the word cursor on "Da", aligned with "Qn"
        await settle(pilot)
        assert f'"{english}"' not in spelling()
        saved = tomllib.loads(paths.config_file().read_text(encoding="utf-8"))
        assert saved["qa"]["accept"] == [english]
