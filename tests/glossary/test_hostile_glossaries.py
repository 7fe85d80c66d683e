"""Hostile and broken glossaries: entities, truncation, the wrong encoding, huge lines and tags,
deep nesting, a named pipe, a full disk. Each is refused in one line naming the file (and the
line where known), nothing of it is imported and what was there stays; big files are read in
bounded memory. Real files, real SQLite, the real CLI."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.glossary.files import OMEGAT, TBX_BASIC, TBX_HEAD, TBX_TAIL, tbx_entries, write
from tolk.cli import main
from tolk.glossary.database import (
    Glossary,
    GlossaryFileError,
    GlossaryStoreError,
    Limits,
    database_path,
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def stored() -> tuple[list[str], int]:
    """(the imports' names, the terms in the file)."""
    db = sqlite3.connect(database_path())
    try:
        names = [row[0] for row in db.execute("SELECT name FROM imports ORDER BY id")]
        return names, db.execute("SELECT COUNT(*) FROM terms").fetchone()[0]
    finally:
        db.close()


@pytest.fixture
def kept(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """A glossary imported before the hostile one, which must stay as it was."""
    path = write(tmp_path / "kept" / "nato.txt", OMEGAT)
    assert run(capsys, "glossary", "import", str(path))[0] == 0
    return path


def refused(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    """Import `path`, which must be refused in one line with nothing imported; the line."""
    status, out, err = run(capsys, "glossary", "import", str(path))
    assert (status, out) == (1, "")
    assert len(err.splitlines()) == 1 and err.startswith(f"tolk: error: {path}")
    assert err.rstrip().endswith("nothing was imported"), err
    assert stored() == (["nato.txt"], 4)
    return err.strip()


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE martif [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<martif type="TBX-Basic"><text><body><termEntry>
<langSet xml:lang="nb"><tig><term>&lol3;</term></tig></langSet>
<langSet xml:lang="en"><tig><term>laughs</term></tig></langSet></termEntry></body></text></martif>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX-Basic"><text><body><termEntry>
<langSet xml:lang="nb"><tig><term>&secret;</term></tig></langSet>
<langSet xml:lang="en"><tig><term>secret</term></tig></langSet></termEntry></body></text></martif>
"""


@pytest.mark.parametrize(
    ("text", "kind"),
    [(LAUGHS, "EntitiesForbidden: lol"), (EXTERNAL, "EntitiesForbidden: secret")],
    ids=["billion laughs", "external entity"],
)
def test_entities_are_refused_before_anything_is_expanded(
    text: str, kind: str, kept: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "hostile.tbx", text)
    assert refused(capsys, path) == (
        f"tolk: error: {path}: refused: the file declares entities ({kind}); a TBX needs none, "
        "and expanding them could exhaust memory or read other files; nothing was imported"
    )


def test_a_truncated_tbx_imports_none_of_what_came_before_the_cut(
    kept: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    whole = TBX_HEAD + tbx_entries(5_000) + TBX_TAIL
    path = write(tmp_path / "cut.tbx", whole[: len(whole) * 2 // 3])
    line = refused(capsys, path)
    assert line.startswith(f"tolk: error: {path}:")
    assert "malformed XML (" in line
    with Glossary() as glossary:
        assert glossary.terms_for(["ord1 ord2"]) == []  # read before the cut, rolled back


def test_a_tbx_not_in_its_declared_encoding_is_refused_at_its_line(
    kept: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = TBX_HEAD + tbx_entries(3) + tbx_entries(1, 3).replace("ord3", "møte") + TBX_TAIL
    path = write(tmp_path / "latin1.tbx", text, "latin-1")  # declared UTF-8
    assert refused(capsys, path).startswith(
        f"tolk: error: {path}:6:55: malformed XML (not well-formed (invalid token))"
    )


def test_an_omegat_glossary_not_in_utf8_is_refused_at_its_line(
    kept: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # OmegaT's .txt glossaries are read in the system's encoding; a Windows one is cp1252.
    path = write(
        tmp_path / "windows.txt", "allianse\talliance\nforsvar\tdefence\nmøte\tmeeting\n", "cp1252"
    )
    assert refused(capsys, path) == (
        f"tolk: error: {path}:3:2: not UTF-8 (byte 0xf8); save the glossary as UTF-8 and import "
        "it again; nothing was imported"
    )


def test_utf16_with_a_bom_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # A spreadsheet's "Unicode text": UTF-16 with a BOM, tab-separated.
    path = write(tmp_path / "unicode.txt", "nb\ten\ntoppmøte\tsummit\n", "utf-16")
    assert run(capsys, "glossary", "import", str(path))[:2] == (
        0,
        f"Imported 1 term from {path} (tsv)\n",
    )


def test_a_line_past_the_limit_refuses_the_file(kept: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "line.txt", "allianse\talliance\n" + "ord\t" * 1_000 + "\n")
    with Glossary() as glossary:
        with pytest.raises(GlossaryFileError) as refusal:
            glossary.import_file(path, limits=Limits(line_bytes=1_000))
        assert str(refusal.value) == (
            f"{path}:2: refused: a line over 1,000 bytes (a glossary's lines are a term, its "
            "English and a comment); nothing was imported"
        )
        assert glossary.import_file(path, limits=Limits(line_bytes=5_000)).terms == 2
    # A headerless file of one long line is refused, not read whole (the default limit).
    one_line = write(tmp_path / "one.txt", "x" * 300_000)
    with Glossary() as glossary, pytest.raises(GlossaryFileError, match="a line over 100,000"):
        glossary.import_file(one_line)


def test_deep_nesting_many_names_and_one_huge_tag_are_refused(tmp_path: Path) -> None:
    deep = "<hi>" * 200 + "dypt" + "</hi>" * 200
    nested = write(
        tmp_path / "deep.tbx", TBX_HEAD + tbx_entries(1).replace("ord0", deep) + TBX_TAIL
    )
    names = write(
        tmp_path / "names.tbx",
        TBX_HEAD + "".join(f"<x-{n}/>" for n in range(300)) + tbx_entries(1) + TBX_TAIL,
    )
    huge = write(
        tmp_path / "tag.tbx",
        TBX_HEAD + f'<note type="{"x" * 300_000}"/>' + tbx_entries(1) + TBX_TAIL,
    )
    with Glossary() as glossary:
        with pytest.raises(GlossaryFileError, match="nested more than 100 deep"):
            glossary.import_file(nested)
        with pytest.raises(GlossaryFileError, match="more than 200 different element"):
            glossary.import_file(names, limits=Limits(xml_names=200))
        with pytest.raises(GlossaryFileError, match=r"a single tag.* over 100,000 bytes"):
            glossary.import_file(huge, limits=Limits(xml_token_bytes=100_000))
        assert glossary.imports() == []


def test_a_tbx_is_known_by_its_root(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "memory.tmx", '<?xml version="1.0"?><tmx version="1.4"><body/></tmx>')
    status, _, err = run(capsys, "glossary", "import", str(path))
    assert status == 1
    assert err.strip() == (
        f"tolk: error: {path}: not a TBX file (its root element is <tmx>, not <martif> or <tbx>); "
        "a TMX is a translation memory: `tolk memory import`; nothing was imported"
    )


def test_an_entry_of_too_many_terms_is_skipped(tmp_path: Path) -> None:
    many = "".join(f"<tig><term>w{n}</term></tig>" for n in range(50))
    entry = (
        f'<termEntry><langSet xml:lang="nb"><tig><term>mange</term></tig></langSet>'
        f'<langSet xml:lang="en">{many}</langSet></termEntry>'
    )
    path = write(tmp_path / "many.tbx", TBX_HEAD + entry + tbx_entries(1) + TBX_TAIL)
    with Glossary() as glossary:
        record = glossary.import_file(path, limits=Limits(entry_terms=20))
    assert (record.terms, record.too_long) == (1, 1)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "glossary.txt"
    os.mkfifo(pipe)
    done = subprocess.run(
        [sys.executable, "-m", "tui", "glossary", "import", str(pipe)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr == f"tolk: error: {pipe}: not a regular file; nothing was imported\n"


def test_a_full_disk_part_way_imports_nothing_and_keeps_what_was_there(
    kept: Path, tmp_path: Path
) -> None:
    big = write(
        tmp_path / "big.txt", "".join(f"ord{n}\tword{n}\tcomment {n}\n" for n in range(50_000))
    )
    with Glossary() as glossary:
        pages = glossary._db.execute("PRAGMA page_count").fetchone()[0]
        glossary._db.execute(f"PRAGMA max_page_count = {pages + 100}")
        with pytest.raises(GlossaryStoreError) as failed:
            glossary.import_file(big)
        assert str(failed.value) == (
            f"glossary {database_path()}: the disk is full while importing {big}; nothing was "
            "imported. Free some space, then try again."
        )
    assert stored() == (["nato.txt"], 4)


# --- bounded memory -----------------------------------------------------------------------


def peak_while_importing(path: Path) -> tuple[int, int]:
    """(terms imported, peak bytes Python allocated while importing `path`)."""
    tracemalloc.start()
    try:
        with Glossary() as glossary:
            record = glossary.import_file(path)
            _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return record.terms, peak


def test_a_big_tbx_is_read_one_entry_at_a_time(tmp_path: Path) -> None:
    definition = '<descrip type="definition">' + "Forklaring av begrepet. " * 20 + "</descrip>"
    entries = tbx_entries(15_000).replace("<langSet", definition + "<langSet", 1)
    path = write(tmp_path / "big.tbx", TBX_HEAD + entries * 1 + TBX_TAIL)
    size = path.stat().st_size
    assert size > 1_500_000
    terms, peak = peak_while_importing(path)
    assert terms == 15_000
    # As a tree, 15,000 entries take tens of MB; streamed, a batch of rows and the parser.
    assert peak < 2_000_000, peak


def test_a_big_omegat_glossary_is_read_a_line_at_a_time(tmp_path: Path) -> None:
    words = ("allianse", "forsvar", "toppmøte", "regjering")
    lines = (
        f"{words[n % 4]}{n % 500} nummer {n}\tnumber {n}\tcomment {n}\n" for n in range(120_000)
    )
    path = write(tmp_path / "big.txt", "".join(lines))
    size = path.stat().st_size
    assert size > 4_000_000
    terms, peak = peak_while_importing(path)
    assert terms == 120_000
    assert peak < size / 3, (peak, size)
    assert TBX_BASIC  # the small files are read by the same code (test_glossary_files.py)
