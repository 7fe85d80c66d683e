"""`tolk glossary import | list | remove` on real files written at test time: OmegaT's glossary,
CSV and TSV with a header, TBX-Basic and TBX v3 (DCA and DCT), in their own SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.glossary.files import CSV, OMEGAT, TBX_BASIC, TBX_V3_DCA, TBX_V3_DCT, write
from tolk.cli import main
from tolk.glossary.database import Glossary, database_path, terms_for
from tolk.memory.database import database_path as memory_path
from tolk.qa.terminology import Term


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def found(*texts: str) -> set[tuple[str, tuple[str, ...], str]]:
    terms, warning = terms_for(texts)
    assert warning is None
    return {(term.source, term.renderings, term.origin) for term in terms}


def test_an_omegat_glossary_imports_lists_and_removes_from_its_own_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "nato.txt", OMEGAT)
    status, out, err = run(capsys, "glossary", "import", str(path))
    assert (status, err) == (0, "")
    assert out == f"Imported 4 terms from {path} (omegat)\n"
    # Inflected forms find a term, as keywords do; each line of a term is a rendering.
    assert found("Alliansen møttes til toppmøtet.") == {
        ("allianse", ("alliance",), "nato.txt"),
        ("toppmøte", ("summit",), "nato.txt"),
        ("toppmøte", ("summit meeting",), "nato.txt"),
    }
    assert found("Ingen termer her.") == set()
    status, out, _ = run(capsys, "glossary", "list")
    assert status == 0 and out.startswith("nato.txt") and "4 terms" in out and "omegat" in out
    # Its own database: the translation memory is not created.
    assert database_path().name == "glossary.sqlite" and database_path().exists()
    assert not memory_path().exists()
    with Glossary() as glossary:
        (note,) = glossary._db.execute("SELECT note FROM terms WHERE source = 'allianse'")
    assert note == ("NATO, not a treaty",)

    status, out, _ = run(capsys, "glossary", "remove", "nato.txt")
    assert (status, out) == (0, "Removed nato.txt from the glossary\n")
    assert found("Alliansen møttes.") == set()
    status, out, _ = run(capsys, "glossary", "list")
    assert out == "The glossary is empty. Add files with `tolk glossary import FILE`.\n"
    status, _, err = run(capsys, "glossary", "remove", "nato.txt")
    assert status == 1 and "no glossary called nato.txt (see `tolk glossary list`)" in err


def test_importing_a_name_again_replaces_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "a" / "terms.txt", "allianse\talliance\n")
    write(tmp_path / "b" / "terms.txt", "allianse\tpact\n")
    assert run(capsys, "glossary", "import", str(tmp_path / "a" / "terms.txt"))[0] == 0
    assert run(capsys, "glossary", "import", str(tmp_path / "b" / "terms.txt"))[0] == 0
    assert found("alliansen") == {("allianse", ("pact",), "terms.txt")}


def test_a_csv_with_a_header_names_its_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "sheet.csv", CSV, "utf-8-sig")  # a spreadsheet's BOM
    status, out, err = run(capsys, "glossary", "import", str(path))
    assert (status, err) == (0, "")
    assert out == f"Imported 2 terms from {path} (csv), 1 skipped (no Norwegian or no English)\n"
    assert found("Alliansen og forsvar, nasjonalt.") == {
        ("allianse", ("alliance",), "sheet.csv"),
        ("forsvar, nasjonalt", ("national defence",), "sheet.csv"),
    }


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("en;nb\nalliance;allianse\n", "csv"),
        ("Term\ten-GB\ten-US\tNote\nforsvar\tdefence\tdefense\tspelling\n", "tsv"),
    ],
    ids=["semicolons, English first", "tab, two English columns"],
)
def test_header_columns_in_any_order_and_every_english_column(
    text: str, kind: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "terms.csv", text)
    status, out, _ = run(capsys, "glossary", "import", str(path))
    assert status == 0 and f"({kind})" in out
    assert found("alliansen og forsvar") == (
        {("allianse", ("alliance",), "terms.csv")}
        if kind == "csv"
        else {("forsvar", ("defence", "defense"), "terms.csv")}
    )


def test_tbx_basic_keeps_every_norwegian_term_and_the_english_not_deprecated(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "defence.tbx", TBX_BASIC)
    status, out, err = run(capsys, "glossary", "import", str(path))
    assert (status, err) == (0, "")
    # Entry c3 has no Norwegian: skipped. "pact" is deprecated: no accepted rendering.
    assert out == f"Imported 3 terms from {path} (tbx), 1 skipped (no Norwegian or no English)\n"
    assert found("Forsvarsalliansen og alliansen møter statsminister Støre.") == {
        ("allianse", ("alliance",), "defence.tbx"),
        ("forsvarsallianse", ("alliance",), "defence.tbx"),
        ("statsminister", ("prime minister",), "defence.tbx"),  # <hi> inside a term: its text
    }


@pytest.mark.parametrize(
    ("text", "norwegian", "expected"),
    [
        (TBX_V3_DCA, "toppmøtet", ("toppmøte", ("summit",))),
        (TBX_V3_DCT, "regjeringen", ("regjering", ("government",))),
    ],
    ids=["TBX-Core, DCA", "TBX-Basic v3, DCT"],
)
def test_tbx_v3_in_either_style(
    text: str,
    norwegian: str,
    expected: tuple[str, tuple[str, ...]],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "v3.tbx", text)
    status, out, _ = run(capsys, "glossary", "import", str(path))
    assert status == 0 and out == f"Imported 1 term from {path} (tbx)\n"
    assert found(norwegian) == {(*expected, "v3.tbx")}


def test_a_term_over_the_limit_is_skipped_and_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "long.txt", f"allianse\talliance\n{'ord ' * 100}\tword\n")
    status, out, _ = run(capsys, "glossary", "import", str(path))
    assert status == 0
    assert out == f"Imported 1 term from {path} (omegat), 1 too long\n"
    assert "(1 too long)" in run(capsys, "glossary", "list")[1]


def test_one_unreadable_file_does_not_stop_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = write(tmp_path / "good.txt", OMEGAT)
    bad = write(tmp_path / "bad.csv", "just,some,words\n")
    status, out, err = run(capsys, "glossary", "import", str(bad), str(good))
    assert status == 1
    assert out == f"Imported 4 terms from {good} (omegat)\n"
    assert err == (
        f"tolk: error: {bad}:1: no header naming the Norwegian and English columns (such as "
        "`nb,en,comment` or `source<TAB>target`), and not tab-separated as OmegaT's glossary is "
        "(source, target, comment); nothing was imported\n"
    )


def test_the_real_command_line(tmp_path: Path) -> None:
    path = write(tmp_path / "nato.tbx", TBX_BASIC)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "tui", "glossary", "import", str(path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert (done.returncode, done.stderr) == (0, "")
    listed = subprocess.run(
        [sys.executable, "-m", "tui", "glossary", "list"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert listed.returncode == 0 and listed.stdout.startswith("nato.tbx")
    assert Term("allianse", ("alliance",), "nato.tbx") in terms_for(["alliansen"])[0]
