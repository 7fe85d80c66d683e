"""`tolk check` with a glossary, the `confidence` check, and the checks chosen with `--only`,
`--ignore` and `[qa] ignore` (issue 24). The copy model's English is its Norwegian: no English
rendering of a term is ever in it, and every long enough sentence is `untranslated`."""

from __future__ import annotations

import json
import math
import re
import sqlite3
from pathlib import Path

import pytest

from tests.app.pilot import write_config
from tests.conftest import SEEDS
from tests.glossary.files import write
from tolk import paths
from tolk.cli import main
from tolk.library.articles import read_article
from tolk.userdata.review import article_sentences

SEED_FILES = sorted(SEEDS.glob("*.txt"))
LINT_LINE = re.compile(
    r"^(?P<path>.+):(?P<paragraph>\d+):(?P<sentence>\d+): (?P<code>\S+) (?P<message>.+)$"
)
NATO = '"allianse": expected alliance / the alliance (glossary nato.txt)'


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def findings(out: str) -> list[tuple[str, int, int, str, str]]:
    return [
        (Path(m["path"]).name, int(m["paragraph"]), int(m["sentence"]), m["code"], m["message"])
        for m in map(LINT_LINE.match, out.splitlines())
        if m is not None
    ]


def places_with(stem: str) -> set[tuple[str, int, int]]:
    """Every sentence of the seeds with a word starting with `stem` (file, paragraph, sentence;
    1-based as `tolk check` counts)."""
    found = set()
    for path in SEED_FILES:
        keys = article_sentences(read_article(path))
        for key in keys:
            same = [k for k in keys if k.paragraph == key.paragraph]
            if re.search(rf"\b{stem}", key.source, re.IGNORECASE):
                found.add((path.name, key.paragraph + 1, same.index(key) + 1))
    return found


def import_glossary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    glossary = write(
        tmp_path / "nato.txt",
        "# An OmegaT glossary, as a translator keeps it\n"
        "allianse\talliance\tNATO\nallianse\tthe alliance\n",
    )
    assert run(capsys, "glossary", "import", str(glossary))[0] == 0
    return glossary


def test_done_when_an_imported_glossary_flags_terminology_with_its_english(
    installed_copy_model: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "check", "--only", "terminology", str(SEEDS))
    assert (status, out) == (0, "")  # no terms yet
    import_glossary(capsys, tmp_path)

    status, out, err = run(capsys, "check", "--only", "terminology", str(SEEDS))
    assert status == 1, err
    listed = findings(out)
    expected = places_with("allians")
    assert len(expected) > 5
    assert {place[:3] for place in listed} == expected
    assert {(code, message) for *_, code, message in listed} == {
        ("terminology", f"no English rendering of {NATO}")
    }
    status, out, _ = run(capsys, "check", "--json", "--only", "terminology", str(SEEDS))
    flags = [flag for found in json.loads(out) for flag in found["flags"]]
    assert len(flags) == len(expected)
    assert {flag["message"] for flag in flags} == {f"no English rendering of {NATO}"}

    # The JSON of `translate` and the exports judge alike.
    status, out, _ = run(capsys, "translate", "--json", str(SEED_FILES[0]))
    sentences = [s for p in json.loads(out)["paragraphs"] for s in p["sentences"]]
    assert any(f["code"] == "terminology" for s in sentences for f in s["flags"])
    status, out, _ = run(capsys, "export", "--format", "md", str(SEED_FILES[0]))
    assert f"terminology: no English rendering of {NATO}" in out

    assert run(capsys, "glossary", "remove", "nato.txt")[0] == 0
    status, out, _ = run(capsys, "check", "--only", "terminology", str(SEEDS))
    assert (status, out) == (0, "")


def test_only_and_ignore_choose_the_checks(
    installed_copy_model: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import_glossary(capsys, tmp_path)
    status, out, _ = run(capsys, "check", str(SEEDS))
    every = findings(out)
    assert status == 1
    assert {"untranslated", "terminology"} <= {code for *_, code, _ in every}

    status, out, _ = run(capsys, "check", "--ignore", "terminology,untranslated", str(SEEDS))
    assert findings(out) == [f for f in every if f[3] not in ("terminology", "untranslated")]
    status, out, _ = run(capsys, "check", "--only", "untranslated,names", str(SEEDS))
    assert findings(out) == [f for f in every if f[3] in ("untranslated", "names")]

    # config.toml's [qa] ignore, and --only, which starts over from every check.
    write_config('[qa]\nignore = ["untranslated", "terminology"]\n')
    status, out, _ = run(capsys, "check", str(SEEDS))
    assert findings(out) == [f for f in every if f[3] not in ("terminology", "untranslated")]
    status, out, _ = run(capsys, "check", "--only", "terminology", str(SEEDS))
    assert status == 1 and findings(out) == [f for f in every if f[3] == "terminology"]


def test_unknown_codes_are_refused_on_the_command_line_and_said_from_the_config(
    installed_copy_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["check", "--only", "untranslated,lenght", str(SEEDS)])
    assert usage.value.code == 2
    err = capsys.readouterr().err
    assert "argument --only: no check `lenght` (did you mean `length`?); the checks are " in err
    write_config('[qa]\nignore = ["nmes"]\n')
    status, _, err = run(capsys, "check", str(SEED_FILES[0]))
    assert status == 1
    assert (
        f"tolk: warning: {paths.config_file()}: `qa.ignore` names no check `nmes` (did you mean "
        "`names`?); ignored\n"
    ) in err


def test_confidence_below_the_threshold_is_flagged(
    installed_copy_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = SEED_FILES[0]
    status, out, _ = run(capsys, "check", "--only", "confidence", str(seed))
    assert (status, out) == (0, "")  # the copy model is sure of every token
    # The cache then holds what a less sure model would have left there for one sentence: its
    # score (mean log-probability per token) for a confidence of 25%.
    first = article_sentences(read_article(seed))[0].source
    db = sqlite3.connect(paths.cache_dir() / "translations.sqlite")
    with db:
        changed = db.execute(
            "UPDATE sentence_translation SET score = ? WHERE source = ?", (math.log(0.25), first)
        ).rowcount
    db.close()
    assert changed == 1
    status, out, _ = run(capsys, "check", "--only", "confidence", str(seed))
    assert status == 1
    assert findings(out) == [
        (seed.name, 1, 1, "confidence", "the model's confidence is 25%, below 40%")
    ]
    status, out, _ = run(capsys, "translate", "--json", str(seed))
    flags = json.loads(out)["paragraphs"][0]["sentences"][0]["flags"]
    assert {"code": "confidence", "message": "the model's confidence is 25%, below 40%"} in flags

    write_config("[qa]\nlow_confidence = 0.2\n")  # the threshold is the user's
    assert run(capsys, "check", "--only", "confidence", str(seed))[:2] == (0, "")
    write_config('[qa]\nlow_confidence = 0.3\nignore = ["confidence"]\n')
    status, out, _ = run(capsys, "check", str(seed))
    assert "confidence" not in {code for *_, code, _ in findings(out)}
