"""`tolk bookmarks list | export`: output shapes, statuses, and one-line errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tolk.cli import main
from tolk.cli.bookmarks import ExportedBookmark, export_json, export_markdown
from tolk.library.articles import read_article
from tolk.paths import data_dir
from tolk.userdata.bookmarks import absolute_path, check_against_file
from tolk.userdata.store import DATABASE_NAME, open_store

NATO = "000_4a397d34e890302c.txt"  # date 2019-12
IRAN = "003_af9304a0a01167de.txt"  # date 2020-01

RECORD_FIELDS = {
    "id",
    "article_key",
    "path",
    "title",
    "date",
    "paragraph_index",
    "paragraph_text",
    "note",
    "created",
    "status",
}


@pytest.fixture
def library(seeds_copy: Path) -> Path:
    """Bookmarks on both seeds (one with a note), then one seed changed so that one bookmark
    re-anchors and another is orphaned, and a third article deleted."""
    opened = open_store()
    assert opened.store is not None
    nato, iran = read_article(seeds_copy / NATO), read_article(seeds_copy / IRAN)
    gone_path = seeds_copy / "gone.txt"
    gone_path.write_text(" date 2018-05 – Denne saken blir slettet.\n", encoding="utf-8")
    with opened.store as store:
        noted = store.toggle_bookmark(nato, 1)
        assert noted is not None
        store.set_note(noted.id, "holde sammen = stick together")
        store.toggle_bookmark(nato, 3)
        store.toggle_bookmark(iran, 0)
        store.toggle_bookmark(read_article(gone_path), 0)
    gone_path.unlink()
    paragraphs = [p.text for p in nato.paragraphs]
    paragraphs[3] = "Omskrevet avsnitt om noe helt annet enn NATO."
    paragraphs.insert(0, "Et nytt innledende avsnitt.")
    (seeds_copy / NATO).write_text(" date 2019-12 – " + "\n\n".join(paragraphs), encoding="utf-8")
    return seeds_copy


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_list_without_a_database_says_so_and_creates_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["bookmarks", "list"], capsys) == (0, "No bookmarks yet.\n", "")
    assert run(["bookmarks", "list", "--json"], capsys) == (0, "[]\n", "")
    assert not (data_dir() / DATABASE_NAME).exists()


def test_list_json_reports_each_bookmark_with_its_status(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["bookmarks", "list", "--json"], capsys)
    assert (code, err) == (0, "")
    records = json.loads(out)
    assert len(records) == 4 and all(set(record) == RECORD_FIELDS for record in records)
    by_path_index = {(Path(r["path"]).name, r["paragraph_index"]): r for r in records}
    noted = by_path_index[(NATO, 2)]  # was paragraph 1; a paragraph was inserted before it
    assert noted["status"] == "reanchored" and noted["note"] == "holde sammen = stick together"
    orphan = by_path_index[(NATO, 3)]
    assert orphan["status"] == "orphaned"
    assert orphan["paragraph_text"].startswith("Den siste tiden")  # its saved text
    assert by_path_index[(IRAN, 0)]["status"] == "ok"
    assert by_path_index[(IRAN, 0)]["date"] == "2020-01"
    assert by_path_index[("gone.txt", 0)]["status"] == "missing"
    assert by_path_index[("gone.txt", 0)]["paragraph_text"] == "Denne saken blir slettet."


def test_list_for_people_shows_title_excerpt_note_path_and_flags(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["bookmarks", "list"], capsys)
    assert (code, err) == (0, "")
    blocks = out.strip().split("\n\n")
    assert len(blocks) == 4
    noted = next(block for block in blocks if "Note:" in block)
    assert noted.startswith("2019-12  ") and "(paragraph 3)" in noted
    assert "Note: holde sammen = stick together" in noted
    assert str(absolute_path(library / NATO)) in noted and "Bookmarked 20" in noted
    assert out.count("[orphaned:") == 2
    assert "“Den siste tiden" in out  # the orphan's saved text


def test_export_markdown_groups_by_article_newest_first(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["bookmarks", "export", "--format", "md"], capsys)
    assert code == 0
    assert out.startswith("# Bookmarks from tolk\n")
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    iran_title = read_article(library / IRAN).title
    nato_title = read_article(library / NATO).title
    assert headings == [f"## {iran_title}", f"## {nato_title}", "## Denne saken blir slettet."]
    nato_section = out[out.index(f"## {nato_title}") : out.index("## Denne saken")]
    assert nato_section.index("### Paragraph 3") < nato_section.index("### Paragraph 4")
    assert "**Note:** holde sammen = stick together" in nato_section
    assert "orphaned: the paragraph is no longer in the article" in nato_section
    assert f"2019-12 · `{absolute_path(library / NATO)}`" in nato_section


def test_export_json_to_a_file_is_grouped_with_an_empty_translation(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "bookmarks.json"
    code, out, err = run(["bookmarks", "export", "--format", "json", "-o", str(target)], capsys)
    assert (code, out) == (0, "") and str(target) in err
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["version"] == 1
    articles = document["articles"]
    assert [a["date"] for a in articles] == ["2020-01", "2019-12", "2018-05"]
    assert set(articles[0]) == {"article_key", "path", "title", "date", "bookmarks"}
    nato = articles[1]
    assert [b["paragraph_index"] for b in nato["bookmarks"]] == [2, 3]
    assert [b["status"] for b in nato["bookmarks"]] == ["reanchored", "orphaned"]
    for bookmark in nato["bookmarks"]:
        assert set(bookmark) == RECORD_FIELDS - {"article_key", "path", "title", "date"} | {
            "translation"
        }
        assert bookmark["translation"] is None
    assert list(target.parent.iterdir()) == [target]  # no temp file left behind


def test_export_shows_a_translation_when_the_caller_has_one(library: Path) -> None:
    opened = open_store()
    assert opened.store is not None
    with opened.store as store:
        bookmark = store.all_bookmarks()[0]
    entry = ExportedBookmark(check_against_file(bookmark), translation="In English.")
    assert "*In English.*" in export_markdown([entry])
    assert json.loads(export_json([entry]))["articles"][0]["bookmarks"][0]["translation"] == (
        "In English."
    )


def test_an_unusable_database_is_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    path = data_dir() / DATABASE_NAME
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 42")
    db.close()
    code, out, err = run(["bookmarks", "list"], capsys)
    assert (code, out) == (1, "")
    assert err.startswith("tolk: error: Bookmarks are off: ") and "newer tolk" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_unwritable_output_is_one_error_line(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, out, err = run(["bookmarks", "export", "-o", str(blocker / "x.md")], capsys)
    assert (code, out) == (1, "")
    assert err.startswith("tolk: error: ") and err.count("\n") == 1


def test_a_damaged_database_is_reported_and_listing_goes_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = data_dir() / DATABASE_NAME
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage" * 100)
    code, out, err = run(["bookmarks", "list"], capsys)
    assert (code, out) == (0, "No bookmarks yet.\n")
    assert err.startswith("tolk: The bookmarks database was damaged") and "damaged-" in err
