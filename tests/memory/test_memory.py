"""The translation memory: TMX/JSON import (real files, real SQLite), hostile input, matching,
and the origin of each sentence's English in `tolk translate` and `tolk check`."""

from __future__ import annotations

import json
import sqlite3
import tracemalloc
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS
from tests.support.english import cipher_text
from tolk import paths
from tolk.cli import main
from tolk.library.articles import Article, read_article
from tolk.memory.database import TranslationMemory, database_path
from tolk.text import normalise
from tolk.userdata.review import ReviewBook, SentenceKey, article_sentences
from tolk.userdata.store import open_store

SEED = SEEDS / "000_4a397d34e890302c.txt"
THIRD_PARTY = REPO / "tests" / "data" / "memory" / "third_party.tmx"
REFERENCE = REPO / "screenshots" / "reference-translation.tmx"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def unit_count() -> int:
    if not database_path().exists():
        return 0
    db = sqlite3.connect(database_path())
    try:
        return int(db.execute("SELECT COUNT(*) FROM units").fetchone()[0])
    finally:
        db.close()


def tmx(units: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<tmx version="1.4">\n'
        '<header creationtool="test" srclang="nb" segtype="sentence" adminlang="en" '
        'datatype="plaintext" o-tmf="x"/>\n'
        f"<body>\n{units}</body>\n</tmx>\n"
    )


def tu(nb: str, en: str) -> str:
    return (
        f'<tu><tuv xml:lang="nb"><seg>{nb}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n'
    )


def keys_of(article: Article) -> list[SentenceKey]:
    return article_sentences(article)


# --- round trip: tolk's own TMX ------------------------------------------------------------


def test_a_tolk_tmx_imported_into_a_fresh_home_brings_every_correction_back(
    installed_cipher_model: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = read_article(SEED)
    keys = keys_of(article)
    corrected = {keys[i].source: f"Corrected English number {i}." for i in (0, 3, 7, 12)}
    reviewed = keys[5]  # reviewed but not corrected: the model's English, approved
    opened = open_store()
    assert opened.store is not None
    with opened.store as store:
        book = ReviewBook(store)
        for key in keys:
            if key.source in corrected:
                book.set_correction(article, key, corrected[key.source])
        book.set_reviewed(article, [reviewed], True)
    exported = tmp_path / "review.tmx"
    status, _, err = run(capsys, "export", str(SEED), "--format", "tmx", "-o", str(exported))
    assert status == 0, err

    # Another machine: nothing of the first home but the file.
    for name, sub in (("XDG_DATA_HOME", "data2"), ("XDG_CACHE_HOME", "cache2")):
        monkeypatch.setenv(name, str(tmp_path / sub))
    assert not (paths.data_dir() / "tolk.sqlite").exists()
    status, out, err = run(capsys, "memory", "import", str(exported))
    assert status == 0, err
    # The corrections and the reviewed sentence; the model's unreviewed output is no memory.
    assert out.startswith(f"Imported {len(corrected) + 1} units")
    status, out, err = run(capsys, "translate", "--json", str(SEED))
    assert status == 0, err
    sentences = [s for p in json.loads(out)["paragraphs"] for s in p["sentences"]]
    assert len(sentences) == len(keys)
    for sentence in sentences:
        machine = cipher_text(sentence["source"])
        assert sentence["model_target"] == machine
        if sentence["source"] in corrected:
            assert (sentence["target"], sentence["origin"]) == (
                corrected[sentence["source"]],
                "memory",
            )
        elif sentence["source"] == reviewed.source:
            assert (sentence["target"], sentence["origin"]) == (machine, "memory")
        else:
            assert (sentence["target"], sentence["origin"]) == (machine, "model")


def test_a_correction_wins_over_memory_and_exports_carry_the_origin(
    installed_cipher_model: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = read_article(SEED)
    first, second = keys_of(article)[:2]
    memory_file = tmp_path / "m.tmx"
    memory_file.write_text(
        tmx(tu(first.source, "From memory one.") + tu(second.source, "From memory two.")),
        encoding="utf-8",
    )
    assert run(capsys, "memory", "import", str(memory_file))[0] == 0
    opened = open_store()
    assert opened.store is not None
    with opened.store as store:
        ReviewBook(store).set_correction(article, second, "Mine.")
    status, out, err = run(capsys, "export", str(SEED), "--format", "json")
    assert status == 0, err
    sentences = json.loads(out)["paragraphs"][0]["sentences"]
    assert [(s["target"], s["origin"], s["memory"]) for s in sentences[:2]] == [
        ("From memory one.", "memory", "From memory one."),
        ("Mine.", "corrected", "From memory two."),
    ]
    second_paragraph = json.loads(out)["paragraphs"][1]["sentences"]
    assert {s["origin"] for s in second_paragraph} == {"model"}
    status, out, _ = run(capsys, "export", str(SEED), "--format", "md")
    assert "From memory one. ≡" in out and "Mine. ✎" in out
    status, out, _ = run(capsys, "export", str(SEED), "--format", "tmx")
    assert '<prop type="x-origin">memory</prop>' in out
    assert '<prop type="x-origin">corrected</prop>' in out
    # tolk's own JSON export imports too: what a person stands behind (correction, memory).
    exported = tmp_path / "review.json"
    assert run(capsys, "export", str(SEED), "--format", "json", "-o", str(exported))[0] == 0
    with TranslationMemory() as memory:
        record = memory.import_file(exported, "again")
        assert (record.units, record.format) == (2, "json")
        assert memory.exact([second.source]) == {normalise(second.source): "Mine."}


def test_check_reports_the_origin_and_checks_the_english_that_counts(
    installed_copy_model: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The copy model's English is the Norwegian: flagged "untranslated". The memory's is not.
    article = read_article(SEED)
    first = keys_of(article)[0]
    memory_file = tmp_path / "m.tmx"
    memory_file.write_text(tmx(tu(first.source, REFERENCE_FIRST_SENTENCE)), encoding="utf-8")
    status, out, _ = run(capsys, "check", "--json", str(SEED))
    before = {(f["paragraph"], f["sentence"]) for f in json.loads(out)}
    assert status == 1 and (1, 1) in before
    assert run(capsys, "memory", "import", str(memory_file))[0] == 0
    status, out, _ = run(capsys, "check", "--json", str(SEED))
    after = json.loads(out)
    assert {(f["paragraph"], f["sentence"]) for f in after} == before - {(1, 1)}
    assert {f["origin"] for f in after} == {"model"}


REFERENCE_FIRST_SENTENCE = (
    "Then it is important that we sit around the same table and discuss face to face, "
    "Stoltenberg replies when asked how the alliance will be held together at the meeting "
    "outside London."
)


# --- third-party files ----------------------------------------------------------------------


def test_a_third_party_tmx_with_real_quirks_imports(capsys: pytest.CaptureFixture[str]) -> None:
    raw = THIRD_PARTY.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the quirks are really there
    status, out, err = run(capsys, "memory", "import", str(THIRD_PARTY))
    assert status == 0, err
    assert out.strip() == f"Imported 3 units from {THIRD_PARTY}, 2 skipped"
    with TranslationMemory() as memory:
        found = memory.exact(
            [
                "Han mener ikke alliansen er i ferd med å slå sprekker.",
                "Politisk koordinering",
                "Bruker mer",
                "Eg ser ei allianse.",
            ]
        )
    assert found == {
        "Han mener ikke alliansen er i ferd med å slå sprekker.": (
            "He does not believe the alliance is about to crack."
        ),
        "Politisk koordinering": "Political coordination",
        "Bruker mer": "Spending more",
    }
    status, out, _ = run(capsys, "memory", "list")
    assert "third_party.tmx" in out and "3 units (2 skipped)" in out


def test_the_reference_translation_covers_every_seed_sentence() -> None:
    with TranslationMemory() as memory:
        record = memory.import_file(REFERENCE)
        sources = [k.source for p in sorted(SEEDS.glob("*.txt")) for k in keys_of(read_article(p))]
        found = memory.exact(sources)
    assert record.units == len(sources) == len(found)
    assert all(english != source for source, english in found.items())


def test_a_broken_tmx_imports_nothing_and_says_where(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = "".join(tu(f"Setning nummer {n}.", f"Sentence number {n}.") for n in range(3000))
    broken = tmp_path / "broken.tmx"
    # Thousands of good units first (several insert batches), then a unit that is not closed.
    broken.write_text(tmx(good + "<tu><tuv xml:lang='nb'><seg>Halv</tuv></tu>\n"))
    line = broken.read_text().splitlines().index("<tu><tuv xml:lang='nb'><seg>Halv</tuv></tu>")
    status, out, err = run(capsys, "memory", "import", str(broken))
    assert status == 1 and out == ""
    assert f"{broken}:{line + 1}:" in err and "mismatched tag" in err
    assert "nothing was imported" in err
    assert unit_count() == 0
    assert "empty" in run(capsys, "memory", "list")[1]


@pytest.mark.parametrize(
    "text",
    [
        "<html><body><p>Not a memory</p></body></html>",
        "",
        '{"not": "an export"}',
        tmx("<tu><tuv xml:lang='de'><seg>a</seg></tuv></tu>"),
    ],
    ids=["html", "empty", "other-json", "no-nb-en"],
)
def test_files_that_are_not_memories_are_refused(
    text: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "x.tmx"
    path.write_text(text)
    status, _, err = run(capsys, "memory", "import", str(path))
    assert status == 1 and str(path) in err
    assert unit_count() == 0


LAUGHS = (
    '<!DOCTYPE tmx [<!ENTITY lol "lollollollollollollollollollol">'
    + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + "]>\n"
)


@pytest.mark.parametrize(
    ("prolog", "seg"),
    [
        (LAUGHS, "&lol9;"),
        ('<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n', "&secret;"),
        ('<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>\n', "x"),
    ],
    ids=["billion-laughs", "external-entity", "external-parameter-entity"],
)
def test_hostile_tmx_is_refused_in_bounded_memory(
    prolog: str, seg: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "hostile.tmx"
    path.write_text(tmx(tu("Hei.", "Hello.") + tu("Farlig.", seg), prolog))
    tracemalloc.start()
    try:
        status, _, err = run(capsys, "memory", "import", str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert status == 1 and "refused" in err and "nothing was imported" in err.lower()
    assert unit_count() == 0
    # Expanded, the laughs would be 3 GB; refused at the declaration, a few MB at most.
    assert peak < 20_000_000, peak


def test_a_plain_doctype_is_accepted_and_never_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The DTD it names declares an entity: were it read, the import would be refused.
    dtd = tmp_path / "tmx14.dtd"
    dtd.write_text('<!ENTITY trap "if you can read this, the DTD was loaded">')
    path = tmp_path / "plain.tmx"
    path.write_text(tmx(tu("Hei.", "Hello."), f'<!DOCTYPE tmx SYSTEM "{dtd.as_uri()}">\n'))
    status, out, err = run(capsys, "memory", "import", str(path))
    assert status == 0, err
    assert out.startswith("Imported 1 unit from")


# --- matching, conflicts, removal -----------------------------------------------------------


def test_the_most_recent_import_wins_and_removing_it_undoes_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sentence = "Han mener ikke alliansen er i ferd med å slå sprekker."
    older, newer = tmp_path / "older.tmx", tmp_path / "newer.tmx"
    older.write_text(tmx(tu(sentence, "Older English.")))
    newer.write_text(tmx(tu("Han  mener ikke alliansen\ner i ferd med å slå sprekker.", "New.")))
    assert run(capsys, "memory", "import", str(older), str(newer))[0] == 0
    with TranslationMemory() as memory:
        assert memory.exact([sentence]) == {sentence: "New."}
        offered = [(m.target, m.kind) for m in memory.matches(sentence)]
        assert offered == [("New.", "exact"), ("Older English.", "older")]
    out = run(capsys, "memory", "list")[1]
    assert out.index("newer.tmx") < out.index("older.tmx")  # most recent first
    assert run(capsys, "memory", "remove", "newer.tmx")[0] == 0
    assert run(capsys, "memory", "remove", "newer.tmx")[0] == 1
    with TranslationMemory() as memory:
        assert memory.exact([sentence]) == {sentence: "Older English."}


def test_case_insensitive_and_near_matches_are_offered_not_shown(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_text(
        tmx(
            tu("HAN MENER IKKE ALLIANSEN ER I FERD MED Å SLÅ SPREKKER.", "CAPS.")
            + tu("Han mener ikke alliansen er i ferd med å sprekke.", "Near.")
            + tu("Noe helt annet om været i morgen.", "Unrelated.")
        )
    )
    sentence = "Han mener ikke alliansen er i ferd med å slå sprekker."
    with TranslationMemory() as memory:
        memory.import_file(path)
        assert memory.exact([sentence]) == {}
        found = memory.matches(sentence)
    assert [(m.target, m.kind) for m in found] == [("CAPS.", "case"), ("Near.", "fuzzy")]
    assert 70 <= found[1].score < 100
    assert found[1].label.startswith(f"memory {found[1].score:.0f}%")


def test_100000_units_import_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.tmx"
    with path.open("w", encoding="utf-8") as out:
        out.write(tmx("").split("</body>")[0])
        for n in range(100_000):
            out.write(tu(f"Setning nummer {n} om alliansen.", f"Sentence number {n}."))
        out.write("</body>\n</tmx>\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        with TranslationMemory() as memory:
            record = memory.import_file(path)
            _, peak = tracemalloc.get_traced_memory()
            assert memory.exact(["Setning nummer 99999 om alliansen."]) == {
                "Setning nummer 99999 om alliansen.": "Sentence number 99999."
            }
    finally:
        tracemalloc.stop()
    assert record.units == 100_000
    # Streamed: far less than the file, let alone its parsed tree (several times its size).
    assert peak < size / 2, (peak, size)
