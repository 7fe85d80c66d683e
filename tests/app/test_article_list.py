"""The article list's sorted rows: batches merge in order, filters stay right as batches come,
rows are replaced and removed by path."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.app.pilot import make_app, reader_screen, wait_for_scan
from tolk.library.articles import ArticleSummary
from tolk.library.dates import ArticleDate, Precision
from tui.views.article_rows import ArticleRow, SortedRows
from tui.widgets.listed_articles import ListedArticles, OnlyWith

WORDS = ["allianse", "Nato", "Stoltenberg", "valg", "Iran", "Trump", "budsjett", "vær"]


def summary(number: int, rng: random.Random, root: Path = Path("/lib")) -> ArticleSummary:
    title = " ".join(rng.sample(WORDS, 3)) + f" {number}"
    path = root / f"{rng.randint(0, 9)}" / f"{number:06d}.txt"
    if rng.random() < 0.1:
        return ArticleSummary(path, path.name, None, "empty file: no text")
    if rng.random() < 0.1:
        return ArticleSummary(path, title, None)
    date = ArticleDate(rng.randint(2000, 2003), rng.randint(1, 12), 1, Precision.MONTH)
    return ArticleSummary(path, title, date)


def expected_order(summaries: list[ArticleSummary]) -> list[Path]:
    return [s.path for s in sorted(summaries, key=lambda s: s.sort_key)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=700), min_size=1, max_size=12),
    st.integers(min_value=0, max_value=2**32),
)
def test_batches_of_any_size_merge_into_one_sorted_sequence(sizes: list[int], seed: int) -> None:
    rng = random.Random(seed)
    rows = SortedRows()
    added: list[ArticleSummary] = []
    number = 0
    for size in sizes:
        batch = [summary(number + i, rng) for i in range(size)]
        number += size
        rows.add_many([ArticleRow(s) for s in batch])
        added += batch
        assert len(rows) == len(added)
    order = expected_order(added)
    assert [row.summary.path for row in rows] == order
    # Positional access (what a screen line draws) and lookup by key agree with the order.
    for index in rng.sample(range(len(order)), min(50, len(order))):
        row = rows[index]
        assert row.summary.path == order[index]
        assert rows.index(row.key) == index


def test_removing_rows_keeps_the_order_and_positions() -> None:
    rng = random.Random(3)
    summaries = [summary(n, rng) for n in range(3000)]
    rows = SortedRows()
    made = [ArticleRow(s) for s in summaries]
    rows.add_many(made[:100])
    rows.add_many(made[100:])
    gone = set(rng.sample(range(3000), 1200))
    for index in gone:
        assert rows.remove(made[index])
    assert not rows.remove(made[next(iter(gone))])
    kept = [s for i, s in enumerate(summaries) if i not in gone]
    assert [row.summary.path for row in rows] == expected_order(kept)
    assert [rows[i].summary.path for i in range(len(rows))] == expected_order(kept)


def test_identical_copies_in_two_folders_are_two_rows() -> None:
    date = ArticleDate(2020, 1, 1, Precision.MONTH)
    first = ArticleSummary(Path("/a/sak.txt"), "Samme sak", date)
    copy = ArticleSummary(Path("/b/sak.txt"), "Samme sak", date)
    rows = SortedRows([ArticleRow(first), ArticleRow(copy)])
    assert [row.summary.path for row in rows] == [Path("/a/sak.txt"), Path("/b/sak.txt")]


async def test_list_stays_sorted_and_filtered_across_many_batches(tmp_path: Path) -> None:
    """Batches arrive while a filter is on and the user has moved the cursor: what is shown is
    always the sorted, filtered library, and the cursor stays on the article chosen."""
    app = make_app(tmp_path)  # an empty library: every row comes from the batches below
    rng = random.Random(11)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_scan(pilot)
        articles = reader_screen(pilot).sidebar.article_list
        added: list[ArticleSummary] = []
        first = [summary(n, rng, tmp_path) for n in range(400)]
        articles.add_summaries(first)
        added += first
        articles.set_filter("Nato")
        articles.action_cursor_down()
        articles.action_cursor_down()
        chosen = articles.highlighted_summary
        assert chosen is not None
        number = len(added)
        for size in [1, 7, 50, 300, 2, 900, 40]:
            batch = [summary(number + i, rng, tmp_path) for i in range(size)]
            number += size
            articles.add_summaries(batch)
            added += batch
            wanted = [s for s in added if "nato" in s.title.casefold()]
            assert [s.path for s in articles.shown] == expected_order(wanted)
            assert articles.highlighted_summary == chosen
            assert articles.total_count == len(added)
            assert articles.shown_count == len(wanted)
            assert articles.shown_errors == sum(s.error is not None for s in wanted)
        # One letter more narrows what is shown; taking letters away widens it again.
        articles.set_filter("Natos")
        assert articles.shown == []
        articles.set_filter("stolten")
        wanted = [s for s in added if "stolten" in s.title.casefold()]
        assert [s.path for s in articles.shown] == expected_order(wanted)
        articles.set_filter("")
        assert [s.path for s in articles.shown] == expected_order(added)


async def test_a_row_for_a_listed_path_replaces_it_and_removed_paths_go(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_scan(pilot)
        articles = reader_screen(pilot).sidebar.article_list
        old = ArticleSummary(tmp_path / "a.txt", "Gammel tittel", ArticleDate(2001, 1, 1))
        other = ArticleSummary(tmp_path / "b.txt", "Annen sak", ArticleDate(2005, 1, 1))
        articles.add_summaries([old, other])
        new = ArticleSummary(old.path, "Ny tittel", ArticleDate(2010, 1, 1))
        articles.add_summaries([new])
        assert articles.shown == [new, other]
        articles.remove_paths([other.path, tmp_path / "never-listed.txt"])
        assert articles.shown == [new]
        assert articles.total_count == 1


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=0, max_value=2**32),
    st.lists(
        st.tuples(st.sampled_from(["hits", "looks", "add", "remove", "filter"]), st.integers()),
        max_size=25,
    ),
)
def test_marks_merged_chunk_by_chunk_keep_the_filters_right(
    seed: int, steps: list[tuple[str, int]]
) -> None:
    """Whatever mixes of chunks of marks, batches, removals and filter changes come, what is
    shown is what filtering the whole list now would show."""
    rng = random.Random(seed)
    listed = ListedArticles()
    only_hits, only_flagged = rng.random() < 0.5, rng.random() < 0.5
    listed.only = {OnlyWith.HITS} if only_hits else set()
    if only_flagged:
        listed.only.add(OnlyWith.FLAGGED)
    # Half listed by a relative path: marks name files by absolute path, the list by either.
    rows = [ArticleRow(summary(n, rng, Path("lib" if n % 2 else "/lib"))) for n in range(300)]
    listed.add(rows[:150])
    listed.refilter(narrower=False)
    present = set(rows[:150])
    hits: dict[Path, int] = {}
    looks: dict[Path, int] = {}
    for kind, value in steps:
        step = random.Random(value)
        if kind in ("hits", "looks"):
            counts = {row.absolute: step.choice([0, 0, 1, 4]) for row in step.sample(rows, 40)}
            (hits if kind == "hits" else looks).update(counts)
            listed.merge_marks(**{kind: counts})
        elif kind == "add":
            batch = step.sample(rows, 30)
            listed.add(batch)
            present.update(batch)
        elif kind == "remove":
            gone = step.sample(sorted(present, key=lambda row: row.key), min(20, len(present)))
            listed.remove(row.summary.path for row in gone)
            present.difference_update(gone)
        else:
            listed.set_filter(step.choice(["", "n", "na", "nato", "iran", "t"]))
        wanted = [
            row
            for row in sorted(present, key=lambda row: row.key)
            if (not only_hits or hits.get(row.absolute, 0) > 0)
            and (not only_flagged or looks.get(row.absolute, 0) > 0)
            and listed.filter in row.folded_title
        ]
        assert list(listed.shown) == wanted
        assert listed.shown_errors == sum(row.is_error for row in wanted)
        assert listed.marks.hits == {path: n for path, n in hits.items() if n}


def test_the_share_filter_keeps_articles_at_most_that_new_and_counts_zero() -> None:
    rng = random.Random(7)
    listed = ListedArticles()
    rows = [ArticleRow(summary(n, rng)) for n in range(6)]
    listed.add(rows)
    listed.merge_marks(new_words={rows[0].absolute: 0, rows[1].absolute: 10, rows[2].absolute: 40})
    listed.new_words_at_most = 0  # 0% is a share, not "no filter"
    listed.refilter(narrower=False)
    assert list(listed.shown) == sorted([rows[0]], key=lambda row: row.key)
    listed.new_words_at_most = 10
    listed.refilter(narrower=False)
    assert set(listed.shown) == {rows[0], rows[1]}  # never opened: no share, not listed
    # A share changes (a word became known): the filter follows that row alone.
    listed.merge_marks(new_words={rows[2].absolute: 9, rows[1].absolute: None})
    assert set(listed.shown) == {rows[0], rows[2]}
    assert listed.marks.new_words == {rows[0].absolute: 0, rows[2].absolute: 9}
