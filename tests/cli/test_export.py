"""`tolk export`: reviewed translations as Markdown, JSON and TMX, run through the CLI with the
real cipher model (its English is `cipher_text` of the Norwegian) and a real user store."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from tests.support.english import assert_english, cipher_text
from tolk import paths
from tolk.cli import main
from tolk.cli.export import MARKDOWN_SEPARATOR
from tolk.export import FORMATS, to_markdown, to_tmx
from tolk.library.articles import Article, read_article
from tolk.userdata.review import (
    ReviewBook,
    SentenceKey,
    SentenceReview,
    article_sentences,
    build_reviewed_article,
)
from tolk.userdata.store import DATABASE_NAME, open_store

SEED = SEEDS / "000_4a397d34e890302c.txt"
OTHER_SEED = SEEDS / "003_af9304a0a01167de.txt"
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "export_golden.md"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Set to rewrite the golden file after an intended change to the Markdown; review the diff.
UPDATE_GOLDEN = os.environ.get("TOLK_UPDATE_GOLDEN") == "1"

CORRECTION = "He does *not* think the alliance is about to crack."
NOTE = "Check: «slå sprekker» is idiomatic."


def key_in(article: Article, paragraph: int, number: int = 0) -> SentenceKey:
    return [key for key in article_sentences(article) if key.paragraph == paragraph][number]


def review(article: Article) -> dict[SentenceKey, SentenceReview]:
    """One correction, one reviewed sentence (a heading) and one note, as the reader stores them."""
    opened = open_store()
    assert opened.store is not None, opened.message
    with opened.store as store:
        book = ReviewBook(store)
        book.set_correction(article, key_in(article, 0, 1), CORRECTION)
        book.set_reviewed(article, [key_in(article, 2)], True)
        book.set_note(article, key_in(article, 1, 0), NOTE)
        return book.reviews_for(article)


def export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["export", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def tmx_units(text: str) -> tuple[ET.Element, list[ET.Element]]:
    root = ET.fromstring(text)
    body = root.find("body")
    assert body is not None
    return root, body.findall("tu")


def tuvs(unit: ET.Element) -> dict[str, str]:
    found = {}
    for tuv in unit.findall("tuv"):
        seg = tuv.find("seg")
        assert seg is not None
        found[tuv.attrib[XML_LANG]] = seg.text or ""
    return found


def props(unit: ET.Element) -> dict[str, str]:
    return {prop.attrib["type"]: prop.text or "" for prop in unit.findall("prop")}


def test_markdown_matches_the_golden_file(
    installed_cipher_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review(read_article(SEED))
    status, out, err = export(capsys, str(SEED))
    assert status == 0, err
    if UPDATE_GOLDEN:
        GOLDEN.write_text(out, encoding="utf-8")
    assert out == GOLDEN.read_text(encoding="utf-8")
    # Deterministic: a second run (now all from the cache) prints the same bytes.
    assert export(capsys, str(SEED), "--format", "md")[1] == out


def test_tmx_has_one_unit_per_sentence_with_corrections_and_review_marks(
    installed_cipher_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = read_article(SEED)
    reviews = review(article)
    status, out, err = export(capsys, str(SEED), "--format", "tmx")
    assert status == 0, err

    root, units = tmx_units(out)
    assert root.tag == "tmx" and root.attrib["version"] == "1.4"
    header = root.find("header")
    assert header is not None and header.attrib["srclang"] == "nb"
    keys = article_sentences(article)
    assert len(units) == len(keys)
    for unit, key in zip(units, keys, strict=True):
        found = reviews.get(key, SentenceReview())
        expected_en = found.correction if found.correction is not None else cipher_text(key.source)
        assert tuvs(unit) == {"nb": key.source, "en": expected_en}
        unit_props = props(unit)
        assert unit_props["x-reviewed"] == ("yes" if found.reviewed else "no")
        assert unit_props["x-status"] == ("corrected" if found.correction else "machine")
        assert unit_props["x-paragraph"] == str(key.paragraph)
        note = unit.find("note")
        assert (note.text if note is not None else None) == found.note
    assert sum(props(unit)["x-status"] == "corrected" for unit in units) == 1
    assert sum(props(unit)["x-reviewed"] == "yes" for unit in units) == 1


def test_without_a_model_the_source_is_exported_marked_untranslated(
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = read_article(SEED)
    status, out, err = export(capsys, str(SEED), "--format", "tmx")
    assert status == 0
    assert err.count("\n") == 1 and "untranslated" in err and "tolk models install" in err
    _, units = tmx_units(out)
    assert [tuvs(unit) for unit in units] == [{"nb": k.source} for k in article_sentences(article)]
    assert {props(unit)["x-status"] for unit in units} == {"untranslated"}

    document = json.loads(export(capsys, str(SEED), "--format", "json")[1])
    assert document["article"]["translated"] is False and document["article"]["model"] is None
    assert all(s["target"] is None for p in document["paragraphs"] for s in p["sentences"])
    markdown = export(capsys, str(SEED))[1]
    assert "Untranslated" in markdown and "*(untranslated)*" in markdown


def test_without_a_model_corrections_are_still_exported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = read_article(SEED)
    review(article)
    _, units = tmx_units(export(capsys, str(SEED), "--format", "tmx")[1])
    corrected = [unit for unit in units if props(unit)["x-status"] == "corrected"]
    assert [tuvs(unit) for unit in corrected] == [
        {"nb": key_in(article, 0, 1).source, "en": CORRECTION}
    ]


def test_json_is_the_translate_shape_plus_the_review(
    installed_cipher_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = read_article(SEED)
    reviews = review(article)
    assert main(["translate", "--json", str(SEED)]) == 0
    translated = json.loads(capsys.readouterr().out)
    main(["check", "--json", str(SEED)])
    checked = {
        (f["paragraph"], f["sentence"]): f["flags"] for f in json.loads(capsys.readouterr().out)
    }
    status, out, err = export(capsys, str(SEED), "--format", "json")
    assert status == 0, err
    exported: dict[str, Any] = json.loads(out)

    assert exported["article"] == {
        **translated["article"],
        "model": "translate-nb_en-1_9@1.9",
        "translated": True,
    }
    assert len(exported["paragraphs"]) == len(translated["paragraphs"])
    machine = [
        (s["source"], s["model_target"]) for p in exported["paragraphs"] for s in p["sentences"]
    ]
    assert_english(machine)
    for mine, theirs in zip(exported["paragraphs"], translated["paragraphs"], strict=True):
        assert set(mine) == set(theirs)
        for name in ("index", "kind", "source"):
            assert mine[name] == theirs[name]
        assert len(mine["sentences"]) == len(theirs["sentences"])
        for number, (sentence, machine) in enumerate(
            zip(mine["sentences"], theirs["sentences"], strict=True), start=1
        ):
            found = reviews.get(SentenceKey(mine["index"], sentence["source"]), SentenceReview())
            assert sentence == {
                **machine,
                # The English exported is judged as `tolk check` judges it; translate's
                # `flags` are the model's own, export's `model_flags`.
                "flags": checked.get((mine["index"] + 1, number), []),
                "model_flags": machine["flags"],
                "correction": found.correction,
                "memory": None,
                "reviewed": found.reviewed,
                "note": found.note,
            }
    # The paragraph's target is the English that counts: corrections applied.
    assert CORRECTION in exported["paragraphs"][0]["target"]


def test_corrections_survive_a_wiped_cache_and_a_new_model(
    installed_cipher_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = read_article(SEED)
    review(article)

    def corrections() -> tuple[str, list[str]]:
        status, out, err = export(capsys, str(SEED), "--format", "json")
        assert status == 0, err
        document = json.loads(out)
        found = [
            s["correction"]
            for p in document["paragraphs"]
            for s in p["sentences"]
            if s["correction"] is not None
        ]
        return document["article"]["model"], found

    assert corrections() == ("translate-nb_en-1_9@1.9", [CORRECTION])
    cache = paths.cache_dir() / "translations.sqlite"
    assert cache.is_file()
    cache.unlink()
    assert corrections() == ("translate-nb_en-1_9@1.9", [CORRECTION])

    metadata_path = installed_cipher_model / "metadata.json"
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    metadata["package_version"] = "2.0"
    metadata_path.write_text(json.dumps(metadata), encoding="utf-8")
    assert corrections() == ("translate-nb_en-1_9@2.0", [CORRECTION])


def test_several_articles(installed_cipher_model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review(read_article(SEED))
    both = (str(SEED), str(OTHER_SEED))
    markdown = export(capsys, *both)[1]
    first, second = markdown.split(MARKDOWN_SEPARATOR)
    assert first == export(capsys, str(SEED))[1]
    assert second == export(capsys, str(OTHER_SEED))[1]

    documents = json.loads(export(capsys, *both, "--format", "json")[1])
    assert isinstance(documents, list)
    assert [d["article"]["path"] for d in documents] == list(both)

    _, units = tmx_units(export(capsys, *both, "--format", "tmx")[1])
    counts = [len(article_sentences(read_article(path))) for path in (SEED, OTHER_SEED)]
    assert len(units) == sum(counts)
    assert {props(unit)["x-document"] for unit in units} == {SEED.name, OTHER_SEED.name}


def test_a_folder_exports_the_articles_under_it_as_one_document(
    installed_cipher_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `tolk export FOLDER` said "Is a directory" while translate and check took folders.
    folder = tmp_path / "library"
    (folder / "2019").mkdir(parents=True)
    for path in (SEED, OTHER_SEED):
        (folder / "2019" / path.name).write_bytes(path.read_bytes())
    (folder / "notes.pdf").write_bytes(b"%PDF")  # not an article: left alone
    copies = sorted((folder / "2019").glob("*.txt"))
    review(read_article(copies[0]))
    for export_format in FORMATS:
        status, from_folder, err = export(capsys, str(folder), "--format", export_format)
        assert status == 0, err
        # The same document as for the articles named one by one: a JSON array, one TMX
        # file with every article's units, Markdown articles under their headings.
        from_files = export(capsys, *map(str, copies), "--format", export_format)[1]
        if export_format in ("tmx", "xliff"):  # they carry the time they were made
            from_folder, from_files = (
                re.sub(r'(creationdate|date)="[^"]*"', "", text)
                for text in (from_folder, from_files)
            )
        assert from_folder == from_files
    # A folder gives a JSON array even of one article: a script gets one shape.
    (folder / "2019" / OTHER_SEED.name).unlink()
    documents = json.loads(export(capsys, str(folder), "--format", "json")[1])
    assert [Path(d["article"]["path"]).name for d in documents] == [SEED.name]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert export(capsys, str(empty)) == (
        1,
        "",
        "tolk: error: no articles (.txt, .md) under the given paths\n",
    )


@pytest.mark.parametrize("export_format", ["md", "json", "tmx"])
def test_output_file_is_written_atomically_and_equals_stdout(
    export_format: str,
    installed_cipher_model: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    review(read_article(SEED))
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"review.{export_format}"
    target.write_text("old content", encoding="utf-8")
    status, out, err = export(capsys, str(SEED), "--format", export_format, "-o", str(target))
    assert status == 0 and out == "" and str(target) in err
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temp file left
    stdout_variant = export(capsys, str(SEED), "--format", export_format)[1]
    written = target.read_text(encoding="utf-8")
    if export_format == "tmx":  # the header carries the creation time
        written, stdout_variant = (
            re.sub(r'creationdate="[^"]*"', "", text) for text in (written, stdout_variant)
        )
    assert written == stdout_variant


def test_an_unwritable_output_is_one_error_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    status, out, err = export(capsys, str(SEED), "-o", str(blocker / "sub" / "x.md"))
    assert status == 1 and out == ""
    # One error line (after the note that no model is installed), no traceback.
    assert err.splitlines()[-1].startswith("tolk: error: ") and "Traceback" not in err


def test_an_unreadable_path_is_reported_and_the_rest_exported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = export(capsys, str(tmp_path / "missing.txt"), str(SEED))
    assert status == 1
    assert "tolk: error:" in err and "missing.txt" in err and "Traceback" not in err
    assert out.startswith("# ")
    status, out, err = export(capsys, str(tmp_path / "missing.txt"))
    assert status == 1 and out == ""


def test_without_the_store_it_exports_unreviewed_with_a_note(
    installed_cipher_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review(read_article(SEED))
    with sqlite3.connect(paths.data_dir() / DATABASE_NAME) as db:
        db.execute("PRAGMA user_version = 99")  # a newer tolk's database: the store stays off
    status, out, err = export(capsys, str(SEED), "--format", "json")
    assert status == 0
    assert "without reviews" in err and "newer tolk" in err
    sentences = [s for p in json.loads(out)["paragraphs"] for s in p["sentences"]]
    assert not any(s["correction"] or s["reviewed"] or s["note"] for s in sentences)


def test_export_does_not_create_the_database(capsys: pytest.CaptureFixture[str]) -> None:
    assert export(capsys, str(SEED))[0] == 0
    assert not (paths.data_dir() / DATABASE_NAME).exists()


def test_tolk_export_as_a_user_runs_it(installed_cipher_model: Path) -> None:
    article = read_article(SEED)
    reviews = review(article)
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--format", "tmx", str(SEED)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    _, units = tmx_units(result.stdout)
    corrected = [unit for unit in units if props(unit)["x-status"] == "corrected"]
    assert [tuvs(unit)["en"] for unit in corrected] == [CORRECTION]
    assert len(units) == len(article_sentences(article)) and len(reviews) == 3


def test_markdown_cannot_be_turned_into_structure_by_the_text(tmp_path: Path) -> None:
    path = tmp_path / "lists.txt"
    path.write_text(
        " date 2020-01 – Innledning her.\n\n- Ja, sier han.\n\n2019. Det var året.\n\n"
        "+ Pluss.\n\nOverskrift uten punktum\n\nVanlig tekst # med tegn.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    note_key = key_in(article, 1)
    reviews = {
        note_key: SentenceReview("Yes,\n\n# he says.", note="line one\nline two"),
        key_in(article, 4): SentenceReview(reviewed=True),
    }
    markdown = to_markdown(build_reviewed_article(article, None, reviews, None))
    body = markdown.split("\n\n")
    assert "> \\- Ja, sier han." in body
    assert "Yes, \\# he says. ✎[^1]" in body  # the correction's line breaks do not survive
    assert "> 2019\\. Det var året." in body and "> \\+ Pluss." in body
    assert "*(untranslated)*" in body
    assert "*(untranslated) ✓*" in body  # the heading: no "**" turning into bold
    assert "[^1]: line one line two" in body


def test_tmx_drops_characters_xml_cannot_hold() -> None:
    article = read_article(SEED)
    reviews = {key_in(article, 0): SentenceReview("Fixed\x00 \x0b text.", note="a\x1bnote")}
    text = to_tmx([build_reviewed_article(article, None, reviews, None)])
    _, units = tmx_units(text)
    assert tuvs(units[0])["en"] == "Fixed  text."
    note = units[0].find("note")
    assert note is not None and note.text == "anote"


def test_tmx_keeps_what_xml_holds_but_a_terminal_acts_on_as_character_references() -> None:
    article = read_article(SEED)
    english = "Fixed\r \x7f \u0085 \u009b31m text."  # CR, DEL, NEL and CSI (C1)
    reviews = {key_in(article, 0): SentenceReview(english)}
    text = to_tmx([build_reviewed_article(article, None, reviews, None)])
    assert not re.search("[\r\x7f-\x9f]", text)  # nothing a terminal would act on, raw
    assert "Fixed&#xD; &#x7F; &#x85; &#x9B;31m text." in text
    _, units = tmx_units(text)
    assert tuvs(units[0])["en"] == english  # a TMX reader gets them back


def test_markdown_holds_no_control_characters_from_names_or_the_english(tmp_path: Path) -> None:
    path = tmp_path / "navn\x1b]0;pwned\x07\x9b.txt"
    path.write_bytes(SEED.read_bytes())
    article = read_article(path)
    reviews = {key_in(article, 0): SentenceReview("Red \x1b[31m\u009b text.", note="a\x07b")}
    markdown = to_markdown(build_reviewed_article(article, None, reviews, None))
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", markdown)
    assert "Source: `navn]0;pwned.txt`" in markdown and "Red \\[31m text. ✎" in markdown
