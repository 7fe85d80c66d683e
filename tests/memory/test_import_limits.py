"""What a memory file may hold (issue 22): segments past the length limit are skipped and
counted, hostile nesting is refused with the file named, and big files are read in bounded
memory — elements outside `<tu>` dropped as parsed, a JSON export read one article at a time.
Real files written here, the real CLI, real SQLite; the limits are parameters, so each is
reached with a small file (`bench/memory_bounds.py` measures the real sizes)."""

from __future__ import annotations

import json
import sqlite3
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tolk.cli import main
from tolk.memory.database import Limits, MemoryFileError, TranslationMemory, database_path
from tolk.streamed_xml import BoundedText
from tolk.text import normalise


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


HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
    '<header creationtool="test" srclang="nb" segtype="sentence" adminlang="en" '
    'datatype="plaintext" o-tmf="x"/>\n<body>\n'
)
TAIL = "</body>\n</tmx>\n"


def tu(nb: str, en: str) -> str:
    return (
        f'<tu><tuv xml:lang="nb"><seg>{nb}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n'
    )


def json_article(number: int, sentences: int = 3) -> dict[str, object]:
    """An article as `tolk export --format json` writes it, every sentence corrected."""
    return {
        "article": {"path": f"{number}.txt", "title": f"Artikkel {number}"},
        "paragraphs": [
            {
                "index": 0,
                "sentences": [
                    {
                        "source": f"Artikkel {number}, setning {n}.",
                        "target": None,
                        "correction": f"Article {number}, sentence {n}.",
                        "memory": None,
                        "reviewed": False,
                        "note": None,
                    }
                    for n in range(sentences)
                ],
            }
        ],
    }


# --- segments past the length limit --------------------------------------------------------


def test_a_segment_past_10000_characters_is_skipped_and_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    at_limit = "a" * 10_000
    spread = "ord" + " \n\t " * 3 + "ord"  # whitespace runs count as one space
    path = tmp_path / "long.tmx"
    path.write_text(
        HEAD
        + tu("Kort.", "Short.")
        + tu("b" * 10_001, "Too long in Norwegian.")
        + tu("For lang engelsk.", "c" * 10_001)
        + tu(at_limit, "Exactly at the limit.")
        + tu(" ".join([spread] * 1200), "Long only before its whitespace is normalised.")
        + '<tu><tuv xml:lang="nb"><seg>Bare norsk.</seg></tuv></tu>\n'
        + TAIL
    )
    status, out, err = run(capsys, "memory", "import", str(path))
    assert status == 0, err
    assert out.strip() == (
        f"Imported 3 units from {path}, 1 skipped, 2 too long (a segment over 10,000 characters)"
    )
    assert "1 skipped, 2 too long" in run(capsys, "memory", "list")[1]
    with TranslationMemory() as memory:
        assert memory.exact(["Kort.", at_limit]) == {
            "Kort.": "Short.",
            at_limit: "Exactly at the limit.",
        }
        assert memory.exact(["b" * 10_001, "For lang engelsk."]) == {}
        sources = [row[0] for row in memory._db.execute("SELECT key FROM units")]
    assert max(len(source) for source in sources) == 10_000


def test_the_length_limit_is_a_parameter_and_a_file_of_only_long_units_imports_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "small.tmx"
    path.write_text(HEAD + tu("Fem ord i denne setningen.", "Five.") + TAIL)
    with TranslationMemory() as memory:
        with pytest.raises(MemoryFileError) as refused:
            memory.import_file(path, limits=Limits(segment_chars=10))
        assert "1 too long (over 10 characters)" in str(refused.value)
        assert "nothing was imported" in str(refused.value)
        assert memory.imports() == []
        record = memory.import_file(path, limits=Limits(segment_chars=26))
    assert (record.units, record.too_long) == (1, 0)


def test_a_memory_written_before_the_too_long_count_keeps_its_imports(tmp_path: Path) -> None:
    # Schema version 1, as the tolk before this one left it.
    database_path().parent.mkdir(parents=True)
    db = sqlite3.connect(database_path())
    db.executescript(
        """
        CREATE TABLE imports (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL, imported TEXT NOT NULL, units INTEGER NOT NULL,
            skipped INTEGER NOT NULL, format TEXT NOT NULL);
        CREATE TABLE units (id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL
            REFERENCES imports (id) ON DELETE CASCADE, key TEXT NOT NULL, folded TEXT NOT NULL,
            length INTEGER NOT NULL, target TEXT NOT NULL, note TEXT);
        INSERT INTO imports VALUES (1, 'old.tmx', '/x/old.tmx', '2026-01-01', 1, 2, 'tmx');
        INSERT INTO units VALUES (1, 1, 'Gammel.', 'gammel.', 7, 'Old.', NULL);
        PRAGMA user_version = 1;
        """
    )
    db.close()
    with TranslationMemory() as memory:
        (record,) = memory.imports()
        assert (record.name, record.units, record.skipped, record.too_long) == (
            "old.tmx",
            1,
            2,
            0,
        )
        assert memory.exact(["Gammel."]) == {"Gammel.": "Old."}


@settings(max_examples=300, deadline=None)
@given(
    chunks=st.lists(st.text(alphabet="ab \n\t\u00a0", max_size=12), max_size=30),
    limit=st.integers(min_value=1, max_value=20),
)
def test_bounded_text_is_normalise_of_everything_read_or_over(
    chunks: list[str], limit: int
) -> None:
    # The parser hands a segment's text over in pieces of any size; compacting them on the
    # way must give what normalising the whole would, and "over" exactly when that is long.
    text = BoundedText(limit)
    for chunk in chunks:
        text.add(chunk)
    whole = normalise("".join(chunks))
    assert text.value() == (whole if len(whole) <= limit else None)


# --- hostile nesting ----------------------------------------------------------------------


def test_100000_nested_hi_are_refused_with_the_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "nested.tmx"
    seg = "<hi>" * 100_000 + "dypt" + "</hi>" * 100_000
    path.write_text(HEAD + tu("Først.", "First.") + f"\n{tu(seg, 'Deep.')}" + TAIL)
    status, out, err = run(capsys, "memory", "import", str(path))
    assert status == 1 and out == ""
    assert err.startswith(f"tolk: error: {path}:7:")  # the line of the 96th <hi>
    assert "refused: elements nested more than 100 deep" in err
    assert "nothing was imported" in err and len(err.strip().splitlines()) == 1
    assert unit_count() == 0


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    # tmx/body/tu/tuv/seg is 5 deep: 3 <hi> make 8.
    inner = "<hi>" * 3 + "Uthevet" + "</hi>" * 3
    fits, deeper = tmp_path / "fits.tmx", tmp_path / "deeper.tmx"
    fits.write_text(HEAD + tu(f"Litt {inner} tekst.", "Some text.") + TAIL)
    deeper.write_text(HEAD + tu(f"Litt <hi>{inner}</hi> tekst.", "Some text.") + TAIL)
    with TranslationMemory() as memory:
        assert memory.import_file(fits, limits=Limits(xml_depth=8)).units == 1
        with pytest.raises(MemoryFileError, match="nested more than 8 deep"):
            memory.import_file(deeper, limits=Limits(xml_depth=8))
        assert memory.exact(["Litt Uthevet tekst."]) == {"Litt Uthevet tekst.": "Some text."}


def test_a_file_of_ever_new_element_names_is_refused(tmp_path: Path) -> None:
    # The XML parser keeps every name it meets; a file of new names would grow it for ever.
    path = tmp_path / "names.tmx"
    names = "".join(f"<x-name-{n}/>" for n in range(200))
    path.write_text(HEAD.replace("<body>", f"<body>{names}") + tu("Hei.", "Hello.") + TAIL)
    with TranslationMemory() as memory:
        with pytest.raises(MemoryFileError, match="more than 100 different element"):
            memory.import_file(path, limits=Limits(xml_names=100))
        assert memory.import_file(path, limits=Limits(xml_names=1000)).units == 1


@pytest.mark.parametrize(
    "token",
    ['<prop type="x-junk" value="{}"/>', "<!-- {} -->"],
    ids=["attribute", "comment"],
)
def test_one_huge_tag_or_comment_is_refused_not_buffered(token: str, tmp_path: Path) -> None:
    # The parser holds an unfinished tag whole; megabytes of text in a <seg> stream past.
    path = tmp_path / "token.tmx"
    huge = token.format("x" * 400_000)
    path.write_text(
        HEAD.replace("<body>", f"<body>{huge}\n")
        + tu("Hei.", "Hello.")
        + tu("y" * 300_000, "Too long.")
        + TAIL
    )
    with TranslationMemory() as memory:
        with pytest.raises(MemoryFileError) as refused:
            memory.import_file(path, limits=Limits(xml_token_bytes=200_000))
        # Where the huge token starts: after "<body>" on line 4, column 7 as editors count.
        assert str(refused.value) == (
            f"{path}:4:7: refused: a single tag, comment or declaration over 200,000 bytes (a "
            "TMX's are short); nothing was imported"
        )
        path.write_text(HEAD + tu("Hei.", "Hello.") + tu("y" * 300_000, "Too long.") + TAIL)
        record = memory.import_file(path, limits=Limits(xml_token_bytes=200_000))
    assert (record.units, record.too_long) == (1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"paragraphs": [{"sentences": [{"source": "a", "correction": "b", "note": '
        + "[" * 100_000
        + "]" * 100_000
        + "}]}]}",
    ],
    ids=["top-level", "inside-a-sentence"],
)
def test_deeply_nested_json_is_refused(
    text: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "deep.json"
    path.write_text(text)
    status, out, err = run(capsys, "memory", "import", str(path))
    assert status == 1 and out == ""
    assert err.strip() == (
        f"tolk: error: {path}: refused: nested too deeply to be a tolk export (it is 4 levels "
        "deep); nothing was imported"
    )
    assert unit_count() == 0


# --- streamed, in bounded memory ----------------------------------------------------------


def peak_while_importing(path: Path) -> tuple[int, int]:
    """(units imported, peak bytes Python allocated while importing `path`)."""
    tracemalloc.start()
    try:
        with TranslationMemory() as memory:
            record = memory.import_file(path)
            _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return record.units, peak


def test_a_5_mb_segment_costs_its_limit_not_its_size(tmp_path: Path) -> None:
    path = tmp_path / "long-seg.tmx"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD + '<tu><tuv xml:lang="nb"><seg>')
        for _ in range(50):
            out.write("Regjeringen møtes i kommunen om økonomien. " * 2_500)
        out.write('</seg></tuv><tuv xml:lang="en"><seg>Long.</seg></tuv></tu>\n')
        out.write(tu("Kort.", "Short.") + TAIL)
    assert path.stat().st_size > 5_000_000
    units, peak = peak_while_importing(path)
    assert units == 1
    # Read whole, the segment alone would be 5 million characters (and its tree copies).
    assert peak < 1_000_000, peak


def test_elements_outside_units_are_dropped_as_they_are_read(tmp_path: Path) -> None:
    path = tmp_path / "outside.tmx"
    props = "".join(f'<prop type="x-client">Kunde {n}</prop>\n' for n in range(100_000))
    path.write_text(
        HEAD.replace("/>\n<body>", f">{props}</header>\n<body>") + tu("Hei.", "Hi.") + TAIL
    )
    assert path.stat().st_size > 3_000_000
    units, peak = peak_while_importing(path)
    assert units == 1
    # Kept in a tree, 100,000 elements would take tens of MB.
    assert peak < 1_000_000, peak


def test_a_json_export_of_many_articles_is_read_one_article_at_a_time(
    tmp_path: Path,
) -> None:
    path = tmp_path / "export.json"
    with path.open("w", encoding="utf-8") as out:
        out.write("[\n")
        for number in range(8_000):
            text = json.dumps(json_article(number), ensure_ascii=False, indent=2)
            out.write(("" if number == 0 else ",\n") + text)
        out.write("\n]\n")
    size = path.stat().st_size
    assert size > 5_000_000
    units, peak = peak_while_importing(path)
    assert units == 24_000
    with TranslationMemory() as memory:
        assert memory.exact(["Artikkel 7999, setning 2."]) == {
            "Artikkel 7999, setning 2.": "Article 7999, sentence 2."
        }
    # Decoded whole, the file would take several times its size; read in pieces, one
    # article decoded at a time, a few MB.
    assert peak < size / 2, (peak, size)


def test_malformed_json_far_into_an_export_names_its_line_and_imports_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    articles = [json.dumps(json_article(n), indent=2) for n in range(4_000)]
    text = "[\n" + ",\n".join(articles) + ",\n{ broken }\n]\n"
    path = tmp_path / "broken.json"
    path.write_text(text)
    assert len(text) > 3 * (1 << 20)  # past several of the pieces it is read in
    line = text.splitlines().index("{ broken }") + 1
    status, out, err = run(capsys, "memory", "import", str(path))
    assert status == 1 and out == ""
    assert err.strip() == (
        f"tolk: error: {path}:{line}:3: malformed JSON (Expecting property name enclosed in "
        "double quotes); nothing was imported"
    )
    assert unit_count() == 0


def test_one_article_past_the_document_limit_is_refused_with_the_remedy(
    tmp_path: Path,
) -> None:
    small = json.dumps(json_article(1))
    big = json.dumps(json_article(2, sentences=200))
    path = tmp_path / "export.json"
    path.write_text(f"[{small}, {big}]")
    with TranslationMemory() as memory:
        with pytest.raises(MemoryFileError) as refused:
            memory.import_file(path, limits=Limits(json_document_chars=len(big) - 1))
        assert str(refused.value) == (
            f"{path}: refused: a document in it is over {len(big) - 1:,} characters; import "
            "the article's TMX export (`tolk export --format tmx`) instead. Nothing was "
            "imported."
        )
        assert memory.imports() == []  # the first article's units went back too
        record = memory.import_file(path, limits=Limits(json_document_chars=len(big)))
    assert record.units == 3 + 200
