"""`tolk export` names the page a fetched article came from: Markdown as a link beside its
feed, JSON as `source_url` and `feed`, TMX as an `x-source-url` prop on each unit; the user's
own files have none. Run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import SEEDS
from tests.support.news_library import source_url, write_news_library

TOLK = [sys.executable, "-m", "tui"]
TITLE = "Regjeringen legger fram ny plan for jernbanen"  # the first written (number 0)


def export(*args: str) -> str:
    done = subprocess.run(
        [*TOLK, "export", *args], capture_output=True, text=True, env=dict(os.environ)
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_each_format_names_the_source_page(tmp_path: Path) -> None:
    path = str(write_news_library(tmp_path)[TITLE])

    markdown = export(path, "--format", "md")
    assert f"Feed: NRK · Page: <{source_url(0)}>" in markdown.splitlines()[2]

    article = json.loads(export(path, "--format", "json"))["article"]
    assert (article["source_url"], article["feed"]) == (source_url(0), "NRK")

    units = ET.fromstring(export(path, "--format", "tmx")).findall("body/tu")
    assert units and all(
        unit.find("prop[@type='x-source-url']").text == source_url(0)  # type: ignore[union-attr]
        for unit in units
    )


def test_the_users_own_files_name_no_page() -> None:
    seed = str(sorted(SEEDS.glob("*.txt"))[0])
    assert "Page:" not in export(seed, "--format", "md")
    article = json.loads(export(seed, "--format", "json"))["article"]
    assert article["source_url"] is None and article["feed"] is None
    assert "x-source-url" not in export(seed, "--format", "tmx")


def test_an_address_that_would_end_an_autolink_is_a_code_span(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    url = "https://a.example/x?q=<b>`c`"
    path.write_text(f" date 2024-01-01 – Tekst her.\n\nsource: {url}\n", encoding="utf-8")
    assert f"Page: `` {url} ``" in export(str(path), "--format", "md")
