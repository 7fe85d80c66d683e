"""`tolk translate --json`, `tolk check --json` and `tolk export --format json` say which
language each article is written in: Bokmål (`nb`), Nynorsk (`nn`) or another; run as a user
runs them, on articles of both kinds (the Nynorsk written for these tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.news_library import write_news_library

TOLK = [sys.executable, "-m", "tui"]
NYNORSK = ("Kommunen vil byggje ny skule i bygda", "Fiskarane fekk ein god sesong")
DANISH = "Regeringen vil give flere penge til sundhedsvæsenet"


def tolk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TOLK, *args], capture_output=True, text=True, env=dict(os.environ), timeout=120
    )


def expected(title: str) -> str:
    return "nn" if title in NYNORSK else "da" if title == DANISH else "nb"


def test_translate_and_export_json_say_the_language(
    tmp_path: Path, installed_cipher_model: Path
) -> None:
    library = write_news_library(tmp_path / "news")
    done = tolk("translate", "--json", str(tmp_path / "news"))
    assert done.returncode == 0, done.stderr
    documents = json.loads(done.stdout)
    told = {doc["article"]["title"]: doc["article"]["language"] for doc in documents}
    assert told == {title: expected(title) for title in library}

    nynorsk = library[NYNORSK[0]]
    exported = json.loads(tolk("export", str(nynorsk), "--format", "json").stdout)
    assert exported["article"]["language"] == "nn"


def test_check_json_says_the_language_of_each_finding(
    tmp_path: Path, installed_cipher_model: Path
) -> None:
    library = write_news_library(tmp_path / "news")
    done = tolk("check", "--json", str(tmp_path / "news"))
    findings = json.loads(done.stdout)
    assert done.returncode == 1, done.stderr  # the cipher's English is flagged
    by_path = {finding["path"]: finding["language"] for finding in findings}
    assert {by_path[str(library[NYNORSK[1]])], by_path[str(library[DANISH])]} == {"nn", "da"}
    assert by_path == {
        str(library[title]): expected(title) for title in library if str(library[title]) in by_path
    }


def test_a_text_too_short_to_tell_is_und(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text(" date 2024-01-01 – Kort melding.\n", encoding="utf-8")
    done = tolk("export", str(path), "--format", "json")
    assert json.loads(done.stdout)["article"]["language"] == "und", done.stderr
