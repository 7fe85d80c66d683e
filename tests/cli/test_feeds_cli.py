"""`tolk feeds list | import FILE.opml | export [-o FILE]`, run as the user runs them (issue 25):
OPML round-trips through config.toml, and a file that is refused changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.app.pilot import write_config
from tests.feeds.test_opml import ARRAY_CONFIG, BILLION_LAUGHS, SUBSCRIPTIONS
from tolk import paths


def tolk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def config_text() -> str:
    return paths.config_file().read_text(encoding="utf-8")


def test_import_list_export_and_import_again_adds_nothing(tmp_path: Path) -> None:
    write_config(ARRAY_CONFIG)
    opml = tmp_path / "feeds.opml"
    opml.write_text(SUBSCRIPTIONS, encoding="utf-8")

    imported = tolk("feeds", "import", str(opml))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines() == [
        "added: Aftenposten <https://www.aftenposten.no/rss> in Nyheter/Norge",
        "added: E24 & børs <https://e24.no/rss2/> in Nyheter",
        "added: Dagbladet <https://www.dagbladet.no/rss>",
    ]
    assert imported.stderr.splitlines() == [
        f"tolk: warning: {opml}: Passord: not an http(s) URL; skipped",
        "tolk: skipped (in config.toml already): NRK <https://www.nrk.no/toppsaker.rss> "
        "in Nyheter/Norge",
        "tolk: skipped (in config.toml already): https://www.vg.no/rss/feed",
        f"tolk: 3 feeds added to {paths.config_file()}, 2 in it already, 1 skipped",
    ]
    after_import = config_text()
    assert after_import.startswith('# My tolk settings\ntheme = "nord"  # the dark one\n')
    assert after_import.endswith("[translation]\nbeam_size = 2  # faster\n")

    listed = tolk("feeds", "list")
    assert listed.returncode == 0 and listed.stderr == ""
    assert listed.stdout.splitlines() == [
        "https://www.nrk.no/toppsaker.rss",
        "https://www.vg.no/rss/feed\tVG",
        "https://www.aftenposten.no/rss\tAftenposten\tNyheter/Norge",
        "https://e24.no/rss2/\tE24 & børs\tNyheter",
        "https://www.dagbladet.no/rss\tDagbladet",
    ]

    exported = tmp_path / "out.opml"
    written = tolk("feeds", "export", "-o", str(exported))
    assert written.returncode == 0
    assert written.stderr == f"tolk: 5 feeds written to {exported}\n"
    assert (
        tolk("feeds", "export").stdout.split("<body>")[1]
        == (exported.read_text(encoding="utf-8").split("<body>")[1])
    )

    again = tolk("feeds", "import", str(exported))
    assert again.returncode == 0
    assert again.stdout == ""
    assert again.stderr.splitlines()[-1] == (
        f"tolk: 0 feeds added to {paths.config_file()}, 5 in it already"
    )
    assert config_text() == after_import  # not even rewritten

    as_json = json.loads(tolk("feeds", "list", "--json").stdout)
    assert as_json[2] == {
        "url": "https://www.aftenposten.no/rss",
        "name": "Aftenposten",
        "category": "Nyheter/Norge",
    }


def test_a_refused_file_changes_nothing_and_is_one_line(tmp_path: Path) -> None:
    write_config(ARRAY_CONFIG)
    opml = tmp_path / "laughs.opml"
    opml.write_text(BILLION_LAUGHS, encoding="utf-8")

    result = tolk("feeds", "import", str(opml))

    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"tolk: error: {opml}: refused: the file declares entities")
    assert config_text() == ARRAY_CONFIG


def test_a_config_that_is_not_toml_is_not_touched(tmp_path: Path) -> None:
    broken = 'theme = "nord\n'
    write_config(broken)
    opml = tmp_path / "feeds.opml"
    opml.write_text(SUBSCRIPTIONS, encoding="utf-8")

    result = tolk("feeds", "import", str(opml))

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"tolk: error: {paths.config_file()}: ")
    assert result.stderr.splitlines()[-1].endswith(
        "; nothing was imported: fix config.toml and run the import again"
    )
    assert config_text() == broken


def test_a_missing_file_and_no_feeds(tmp_path: Path) -> None:
    missing = tolk("feeds", "import", str(tmp_path / "nowhere.opml"))
    assert missing.returncode == 2
    assert missing.stderr == (
        f"tolk: error: {tmp_path / 'nowhere.opml'}: cannot read it (No such file or "
        "directory); nothing was imported\n"
    )
    listed = tolk("feeds", "list")
    assert listed.returncode == 0 and listed.stdout == ""
    assert listed.stderr == f"tolk: no feeds in {paths.config_file()}\n"
