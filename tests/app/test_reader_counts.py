"""Counts across the whole library in the reader: keyword hits and sentences that need a look.

They are worked out in a worker, chunk by chunk, and merged into the sidebar as they come; a
second start reuses what was counted for unchanged files. The counts must be right after a
file changes, appears or vanishes, whether they come in one message or in many."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from textual.message import Message

import tolk.keywords.hits
from tests.app.pilot import make_app, reader_screen, wait_for_scan, write_config
from tolk import paths
from tolk.library.articles import read_article
from tolk.reading.look_counts import LookCounts
from tui.reader.keywords import messages as keyword_messages
from tui.reader.keywords import state as keyword_feature
from tui.reader.library import looks as look_feature

# More files than the counter looks up at once (500), so the chunks meet in the middle.
FILES = 1_200


def write_library(root: Path, count: int) -> dict[Path, int]:
    """`count` articles, the n-th mentioning "alliansen" n % 4 times; their expected hits."""
    expected = {}
    for number in range(count):
        folder = root / f"{2000 + number % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{number:04d}.txt"
        hits = number % 4
        path.write_text(
            f" date {2000 + number % 7}-{number % 12 + 1:02d} – Sak {number}."
            + " Om alliansen." * hits
            + "\n\nMer tekst her.\n",
            encoding="utf-8",
        )
        expected[path] = hits
    return expected


def touch_later(path: Path) -> None:
    """Make the file's change visible to a check of size and mtime, whatever the clock's
    resolution."""
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000_000))


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every article the hit counter reads (counted, not faked)."""
    done: list[Path] = []

    def counting(path: Path) -> object:
        done.append(path)
        return read_article(path)

    monkeypatch.setattr(tolk.keywords.hits, "read_article", counting)
    return done


async def listed_hits(root: Path, posted: list[Message]) -> tuple[dict[Path, int], list[Path]]:
    """Start the reader on `root`, wait for the counts; the hits marked (articles with any)
    and the articles shown with H (only hits) on."""
    app = make_app(root)
    async with app.run_test(size=(120, 40), message_hook=posted.append) as pilot:
        await wait_for_scan(pilot)
        articles = reader_screen(pilot).sidebar.article_list
        await pilot.press("H")
        shown = [summary.path for summary in articles.shown]
        return dict(articles.marks.hits), shown


async def test_hit_counts_are_right_after_files_change_appear_and_vanish(
    tmp_path: Path, parsed: list[Path]
) -> None:
    write_config('keywords = ["allianse"]\n')
    root = tmp_path / "library"
    expected = write_library(root, FILES)
    with_hits = {path: n for path, n in expected.items() if n}
    posted: list[Message] = []
    hits, shown = await listed_hits(root, posted)
    assert hits == with_hits
    assert sorted(shown) == sorted(with_hits)
    assert len(parsed) == FILES

    # The second start reads no article: every count comes from the cache.
    parsed.clear()
    hits, _shown = await listed_hits(root, posted)
    assert hits == with_hits
    assert parsed == []

    changed, lost, vanished = sorted(with_hits)[:3]
    changed.write_text(" date 2001-01 – Alliansen, alliansen og alliansene.\n", encoding="utf-8")
    lost.write_text(" date 2001-01 – Ikke et ord om det.\n", encoding="utf-8")
    for path in (changed, lost):
        touch_later(path)
    vanished.unlink()
    new = root / "2024" / "ny.txt"
    new.parent.mkdir()
    new.write_text(" date 2024-05 – Alliansen igjen.\n", encoding="utf-8")
    parsed.clear()
    hits, shown = await listed_hits(root, posted)
    del with_hits[vanished], with_hits[lost]
    with_hits[changed] = 3
    with_hits[new] = 1
    assert hits == with_hits
    assert sorted(shown) == sorted(with_hits)
    assert sorted(parsed) == sorted([changed, lost, new])  # only what changed or appeared


async def test_counts_merged_chunk_by_chunk_add_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every count posted on its own: the sidebar must add them up, the H filter on or off.
    monkeypatch.setattr(keyword_feature, "POST_EVERY_SECONDS", 0.0)
    write_config('keywords = ["allianse"]\n')
    root = tmp_path / "library"
    expected = write_library(root, 300)
    with_hits = {path: n for path, n in expected.items() if n}
    app = make_app(root)
    posted: list[Message] = []
    async with app.run_test(size=(120, 40), message_hook=posted.append) as pilot:
        articles = reader_screen(pilot).sidebar.article_list
        await pilot.press("H")  # only hits, while the counts are still to come
        await wait_for_scan(pilot)
        assert dict(articles.marks.hits) == with_hits
        assert sorted(summary.path for summary in articles.shown) == sorted(with_hits)
        status = str(reader_screen(pilot).sidebar.query_one("#scan-status").render())
        assert status.startswith(f"{len(with_hits)} of 300 articles")
    chunks = [m for m in posted if isinstance(m, keyword_messages.HitCounts)]
    assert len(chunks) > 100


async def test_look_counts_are_right_after_files_change_and_vanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the reader leaves them after translating three articles (`record` is what it calls).
    monkeypatch.setattr(look_feature, "POST_EVERY_SECONDS", 0.0)
    root = tmp_path / "library"
    articles_on_disk = sorted(write_library(root, 40))
    kept, changed, vanished, unflagged = articles_on_disk[:4]
    counts = LookCounts(paths.cache_database())
    for number, path in enumerate([kept, changed, vanished, unflagged]):
        counts.record(path, 3 - number)
    counts.close()
    changed.write_text(" date 2001-01 – Endret sak.\n", encoding="utf-8")
    touch_later(changed)
    vanished.unlink()
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_scan(pilot)
        articles = reader_screen(pilot).sidebar.article_list
        assert dict(articles.marks.looks) == {kept: 3}
        await pilot.press("exclamation_mark")
        assert [summary.path for summary in articles.shown] == [kept]
