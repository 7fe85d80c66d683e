"""XLIFF both ways through the real CLI, with the real cipher model and user store: the export
validates against the OASIS XLIFF 1.2 schema (tests/data/xliff, never fetched) and carries the
review; translate-toolkit, a real XLIFF library, edits it as a CAT tool would; `tolk review
import` brings the changed targets back as corrections and the signed-off units as reviewed,
which the reader's model of the article and `tolk export --format json` then show. Hostile or
broken files import nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from translate.storage import xliff as ttk_xliff

from tests.conftest import SEEDS
from tests.support.english import cipher_text
from tolk.cli import main
from tolk.library.articles import Article, read_article
from tolk.reading.open_article import OpenArticle
from tolk.reading.shown_english import Origin
from tolk.userdata.review import ReviewBook, SentenceKey, article_sentences
from tolk.userdata.store import open_store

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "xliff"
NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
SEED = SEEDS / "000_4a397d34e890302c.txt"
OTHER_SEED = SEEDS / "003_af9304a0a01167de.txt"


class _LocalSchemas(etree.Resolver):
    """The XLIFF schema imports xml.xsd from w3.org: read the copy beside it instead."""

    def resolve(self, url: str | None, pubid: str | None, context: Any) -> Any:
        if url == "http://www.w3.org/2001/xml.xsd":
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


def xliff_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))


def assert_valid(path: Path) -> None:
    schema = xliff_schema()
    document = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    assert schema.validate(document), schema.error_log


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def copies(folder: Path) -> tuple[Article, Article]:
    folder.mkdir()
    for seed in (SEED, OTHER_SEED):
        shutil.copy(seed, folder / seed.name)
    return read_article(folder / SEED.name), read_article(folder / OTHER_SEED.name)


def key_in(article: Article, paragraph: int, number: int = 0) -> SentenceKey:
    return [key for key in article_sentences(article) if key.paragraph == paragraph][number]


def book() -> ReviewBook:
    opened = open_store()
    assert opened.store is not None, opened.message
    return ReviewBook(opened.store)


def export_xliff(capsys: pytest.CaptureFixture[str], target: Path, *articles: Article) -> None:
    status, _, err = run(
        capsys, "export", "--format", "xliff", "-o", str(target), *(str(a.path) for a in articles)
    )
    assert status == 0, err


def test_the_export_validates_and_carries_the_review(
    installed_cipher_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = copies(tmp_path / "news")
    reviews = book()
    reviews.set_correction(first, key_in(first, 0, 1), "He does not think the alliance will crack.")
    reviews.set_reviewed(first, [key_in(first, 1, 0)], True)
    reviews.set_note(first, key_in(first, 1, 1), "Check «britiske hovedstaden».")
    target = tmp_path / "review.xlf"
    export_xliff(capsys, target, first, second)
    assert_valid(target)

    root = etree.parse(str(target)).getroot()
    files = root.findall("x:file", NS)
    assert [f.get("original") for f in files] == [str(first.path), str(second.path)]
    groups = files[0].findall("x:body/x:group", NS)
    assert len(groups) == len(first.paragraphs)
    units = files[0].findall(".//x:trans-unit", NS)
    assert len(units) == len(article_sentences(first))
    by_id = {unit.get("id"): unit for unit in units}

    def state(unit_id: str) -> str | None:
        found = by_id[unit_id].find("x:target", NS)
        assert found is not None
        return found.get("state")

    def notes(unit_id: str) -> list[str]:
        return [note.text or "" for note in by_id[unit_id].findall("x:note", NS)]

    machine = by_id["p0-s0"]
    assert machine.findtext("x:source", namespaces=NS) == key_in(first, 0).source
    assert machine.findtext("x:target", namespaces=NS) == cipher_text(key_in(first, 0).source)
    assert state("p0-s0") == "needs-review-translation"
    assert "origin: model" in notes("p0-s0")
    assert any(note.startswith("confidence: ") for note in notes("p0-s0"))
    assert any(note.startswith("QA spelling: ") for note in notes("p0-s0"))
    assert state("p0-s1") == "translated" and "origin: corrected" in notes("p0-s1")
    assert state("p1-s0") == "signed-off" and by_id["p1-s0"].get("approved") == "yes"
    assert "Check «britiske hovedstaden»." in notes("p1-s1")


def test_targets_changed_in_an_xliff_tool_come_back_as_corrections_and_reviewed_marks(
    installed_cipher_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = copies(tmp_path / "news")
    target = tmp_path / "review.xlf"
    export_xliff(capsys, target, first, second)

    # A CAT tool's work, done with translate-toolkit: one target post-edited, one unit signed
    # off as it was, one post-edited and signed off (in the second article).
    store = ttk_xliff.xlifffile.parsefile(str(target))
    units = {tuple(unit.getid().split("\x04")): unit for unit in store.units}
    assert len(units) == len(article_sentences(first)) + len(article_sentences(second))
    edited = units[str(first.path), "p0-s1"]
    edited.settarget("He does not believe the alliance is cracking.")
    units[str(first.path), "p1-s0"].set_state_n(ttk_xliff.xliffunit.S_SIGNED_OFF)
    both = units[str(second.path), "p0-s0"]
    both.settarget("New English, signed off.")
    both.set_state_n(ttk_xliff.xliffunit.S_SIGNED_OFF)
    changed = tmp_path / "changed.xlf"
    changed.write_bytes(bytes(store))
    assert_valid(changed)

    status, _, err = run(capsys, "review", "import", str(changed))
    assert status == 0, err
    assert "changed.xlf: 2 corrected, 2 marked reviewed" in err

    status, out, err = run(capsys, "export", "--format", "json", str(first.path), str(second.path))
    documents = json.loads(out)
    sentences = [
        [s for p in document["paragraphs"] for s in p["sentences"]] for document in documents
    ]
    corrected = sentences[0][1]
    assert (corrected["target"], corrected["origin"]) == (
        "He does not believe the alliance is cracking.",
        "corrected",
    )
    assert corrected["reviewed"] is False
    reviewed = next(s for s in sentences[0] if s["source"] == key_in(first, 1).source)
    assert reviewed["reviewed"] is True and reviewed["origin"] == "model"
    assert (sentences[1][0]["target"], sentences[1][0]["origin"]) == (
        "New English, signed off.",
        "corrected",
    )
    assert sentences[1][0]["reviewed"] is True
    untouched = [s for s in sentences[0][2:] if s["source"] != key_in(first, 1).source]
    assert all(s["origin"] == "model" and not s["reviewed"] for s in untouched)

    # What the reader shows: the open article's model of the same store.
    opened = OpenArticle(first)
    opened.set_reviews(book().reviews_for(first), len(article_sentences(first)))
    opened.set_memory({})
    shown = opened.shown(0)
    assert shown is not None
    assert shown.sentences[1].origin is Origin.CORRECTION
    assert shown.sentences[1].target == "He does not believe the alliance is cracking."
    assert opened.review(key_in(first, 1)).reviewed

    # Importing the same file again changes nothing.
    status, _, err = run(capsys, "review", "import", str(changed))
    assert status == 0 and "0 corrected, 0 marked reviewed" in err


def test_a_unit_whose_sentence_changed_is_reported_and_skipped_and_the_rest_imported(
    installed_cipher_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = copies(tmp_path / "news")
    target = tmp_path / "review.xlf"
    export_xliff(capsys, target, first)
    text = target.read_text(encoding="utf-8")
    gone = key_in(first, 0, 1).source
    for old, new in ((gone, "En helt ny setning."),):
        first.path.write_text(first.path.read_text(encoding="utf-8").replace(old, new))
    text = text.replace(
        f'<target xml:lang="en" state="needs-review-translation" state-qualifier='
        f'"leveraged-mt">{cipher_text(gone)}</target>',
        '<target xml:lang="en" state="translated">Edited.</target>',
    ).replace(
        f'<target xml:lang="en" state="needs-review-translation" state-qualifier="leveraged-mt">'
        f"{cipher_text(key_in(first, 1).source)}</target>",
        '<target xml:lang="en" state="translated">Also edited.</target>',
    )
    target.write_text(text, encoding="utf-8")

    status, _, err = run(capsys, "review", "import", str(target))
    assert status == 1
    assert "unit p0-s1: the article no longer has this sentence (Han mener ikke" in err
    assert "1 corrected, 0 marked reviewed" in err and "1 skipped" in err
    reviews = book().reviews_for(read_article(first.path))
    assert [r.correction for r in reviews.values()] == ["Also edited."]


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
)


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (
            lambda text: text.replace(
                '<?xml version="1.0" encoding="UTF-8"?>\n', BILLION_LAUGHS
            ).replace("Edited.", "&b;"),
            "refused: the file declares entities",
        ),
        (lambda text: text[: len(text) * 2 // 3], "malformed XML"),
        (lambda text: text.replace('version="1.2"', 'version="2.0"'), "tolk reads XLIFF 1.2"),
    ],
    ids=["entities", "truncated", "xliff-2"],
)
def test_a_hostile_or_broken_file_imports_nothing(
    installed_cipher_model: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: Any,
    said: str,
) -> None:
    first, _ = copies(tmp_path / "news")
    target = tmp_path / "review.xlf"
    export_xliff(capsys, target, first)
    source = cipher_text(key_in(first, 0).source)
    edited = target.read_text(encoding="utf-8").replace(
        f">{source}</target>", ">Edited.</target>", 1
    )
    assert "Edited." in edited
    target.write_text(damage(edited), encoding="utf-8")

    status, out, err = run(capsys, "review", "import", str(target))
    assert status == 1 and out == ""
    assert said in err and "nothing was imported" in err and "Traceback" not in err
    assert book().reviews_for(first) == {}


def test_a_file_in_another_encoding_than_it_says_imports_nothing(
    installed_cipher_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = copies(tmp_path / "news")
    target = tmp_path / "review.xlf"
    export_xliff(capsys, target, first)
    source = cipher_text(key_in(first, 0).source)
    text = target.read_text(encoding="utf-8").replace(f">{source}</target>", ">Tromsø.</target>", 1)
    target.write_bytes(text.encode("latin-1", errors="replace"))

    status, _, err = run(capsys, "review", "import", str(target))
    assert status == 1 and "review.xlf" in err and "nothing was imported" in err
    assert book().reviews_for(first) == {}
