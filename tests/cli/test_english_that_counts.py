"""`tolk translate` and `tolk check` through the real command line, with an imported TMX and the
reviewer's corrections: without a model (what they cover is printed and checked, the rest is
marked and the exit status says so) and with one (memory and corrections win, the model fills
the rest)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, SEEDS
from tests.support.english import cipher_text
from tolk.cli import main
from tolk.library.articles import read_article
from tolk.memory.database import TranslationMemory
from tolk.text import normalise
from tolk.userdata.review import ReviewBook, SentenceKey, article_sentences
from tolk.userdata.store import open_store

SEED = SEEDS / "000_4a397d34e890302c.txt"
REFERENCE = REPO / "screenshots" / "reference-translation.tmx"
INSTALL_HINT = "No Norwegian→English model is installed. Run `tolk models install`"
REFERENCE_FIRST = (
    "Then it is important that we sit around the same table and discuss face to face, "
    "Stoltenberg replies when asked how the alliance will be held together at the meeting "
    "outside London."
)
LINT_LINE = re.compile(r"^(?P<path>.+):(?P<paragraph>\d+):(?P<sentence>\d+): (?P<code>\S+) ")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def tmx(pairs: dict[str, str]) -> str:
    units = "".join(
        f'<tu><tuv xml:lang="nb"><seg>{nb}</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv>'
        "</tu>\n"
        for nb, en in pairs.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="t" '
        'srclang="nb" segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x"/>\n'
        f"<body>\n{units}</body>\n</tmx>\n"
    )


def import_memory(capsys: pytest.CaptureFixture[str], path: Path, pairs: dict[str, str]) -> None:
    path.write_text(tmx(pairs), encoding="utf-8")
    status, _, err = run(capsys, "memory", "import", str(path))
    assert status == 0, err


def correct(key: SentenceKey, english: str) -> None:
    """A correction made in the reader, as the user store keeps it."""
    opened = open_store()
    assert opened.store is not None
    with opened.store as store:
        ReviewBook(store).set_correction(read_article(SEED), key, english)


def sentences(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for paragraph in document["paragraphs"] for s in paragraph["sentences"]]


@pytest.fixture
def partly_covered(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> dict[str, tuple[str, str]]:
    """The seed's first paragraph and its first heading in the memory, a sentence of the
    fourth paragraph corrected: source -> (English, origin) for what is covered."""
    keys = article_sentences(read_article(SEED))
    remembered = {
        keys[0].source: "Memory one.",
        keys[1].source: "Memory two.",
        "Politisk koordinering": "Political coordination",
    }
    import_memory(capsys, tmp_path / "part.tmx", remembered)
    corrected = next(key for key in keys if key.paragraph == 3)
    correct(corrected, "My own English.")
    covered = {source: (english, "memory") for source, english in remembered.items()}
    covered[corrected.source] = ("My own English.", "corrected")
    return covered


def test_without_a_model_translate_prints_what_is_covered_and_marks_the_rest(
    capsys: pytest.CaptureFixture[str], partly_covered: dict[str, tuple[str, str]]
) -> None:
    article = read_article(SEED)
    status, out, err = run(capsys, "translate", "--json", str(SEED))
    assert status == 1  # some sentences have no English
    document = json.loads(out)
    assert [p["index"] for p in document["paragraphs"]] == list(range(len(article.paragraphs)))
    found = sentences(document)
    assert [s["source"] for s in found] == [k.source for k in article_sentences(article)]
    for sentence in found:
        english, origin = partly_covered.get(sentence["source"], (None, None))
        assert (sentence["target"], sentence["origin"]) == (english, origin), sentence
        # Nothing describes a model's English: there is none.
        assert sentence["model_target"] is None and sentence["score"] is None
        assert sentence["flags"] == [] and sentence["alignment"] is None
    for paragraph in document["paragraphs"]:
        targets = [s["target"] for s in paragraph["sentences"]]
        whole = None if None in targets else " ".join(targets)
        assert paragraph["target"] == whole  # never a paragraph with a sentence left out
    assert document["paragraphs"][0]["target"] == "Memory one. Memory two."
    missing = len(found) - len(partly_covered)
    assert f"{missing} of {len(found)} sentences have no English" in err
    assert "their target and origin are null" in err and INSTALL_HINT in err

    status, out, err = run(capsys, "translate", str(SEED))
    assert status == 1 and "they are marked [no English: …]" in err
    printed = out.rstrip("\n").split("\n\n")
    assert len(printed) == len(article.paragraphs)
    assert printed[0] == "Memory one. Memory two."
    assert printed[2] == "Political coordination"
    fourth = [k.source for k in article_sentences(article) if k.paragraph == 3]
    assert printed[3] == " ".join(
        ["My own English.", *(f"[no English: {source}]" for source in fourth[1:])]
    )


def test_without_a_model_a_fully_covered_article_translates_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _, err = run(capsys, "memory", "import", str(REFERENCE))
    assert status == 0, err
    seeds = sorted(SEEDS.glob("*.txt"))
    status, out, err = run(capsys, "translate", "--json", *map(str, seeds))
    assert status == 0, err
    found = [s for document in json.loads(out) for s in sentences(document)]
    with TranslationMemory() as memory:
        reference = memory.exact([s["source"] for s in found])
    assert len(found) == len(reference) > 40
    assert all(
        (s["target"], s["origin"]) == (reference[normalise(s["source"])], "memory") for s in found
    )
    assert "no Norwegian→English model is installed" in err and "error" not in err


def test_without_a_model_check_judges_the_memory_english_and_reports_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = read_article(SEED)
    keys = article_sentences(article)
    echoed = keys[0]  # its "English" is the Norwegian: untranslated
    numbers = next(k for k in keys if "2024" in k.source)  # its English drops the numbers
    import_memory(
        capsys,
        tmp_path / "m.tmx",
        {
            echoed.source: echoed.source,
            numbers.source: "Before the weekend Stoltenberg said Canada and the European "
            "NATO countries plan to raise their defence budgets by a great deal.",
            keys[1].source: "He does not think the alliance is about to crack.",
        },
    )
    status, out, err = run(capsys, "check", str(SEED))
    assert status == 2  # sentences that could not be checked: an error, over the flags
    lines = [LINT_LINE.match(line) for line in out.splitlines()]
    assert all(lines), out
    flagged = {(int(m["paragraph"]), int(m["sentence"]), m["code"]) for m in lines if m}
    place = {key: (key.paragraph + 1, keys_in(keys, key)) for key in (echoed, numbers)}
    assert (*place[echoed], "untranslated") in flagged
    assert (*place[numbers], "numbers") in flagged
    assert {(p, s) for p, s, _ in flagged} == set(place.values())
    unchecked = [k for k in keys if k not in (echoed, numbers, keys[1])]
    # The first ten are named, the rest counted: one line a person can read (--json has all).
    assert len(unchecked) > 10
    named = ", ".join(f"{k.paragraph + 1}:{keys_in(keys, k)}" for k in unchecked[:10])
    said = f"{SEED}: {len(unchecked)} sentences not checked, no English: {named}"
    assert f"{said} and {len(unchecked) - 10} more (--json lists every one)\n" in err
    assert f"{len(unchecked)} not checked (no English)" in err and INSTALL_HINT in err

    status, out, _ = run(capsys, "check", "--json", str(SEED))
    assert status == 2
    findings = json.loads(out)
    judged = [f for f in findings if f["target"] is not None]
    assert {f["source"] for f in judged} == {echoed.source, numbers.source}
    assert {f["origin"] for f in judged} == {"memory"} and {f["score"] for f in judged} == {None}
    missing = [f for f in findings if f["target"] is None]
    assert [f["source"] for f in missing] == [k.source for k in unchecked]
    assert all(f["origin"] is None and f["flags"] == [] for f in missing)


def keys_in(keys: list[SentenceKey], key: SentenceKey) -> int:
    """The 1-based number of `key` within its paragraph, as `tolk check` counts."""
    return [k for k in keys if k.paragraph == key.paragraph].index(key) + 1


def test_without_a_model_check_of_a_covered_article_is_clean_or_flagged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "memory", "import", str(REFERENCE))[0] == 0
    status, out, err = run(capsys, "check", str(SEEDS))
    assert (status, out) == (0, "")  # the reference translation passes every check
    assert "0 of 45 sentences flagged in 2 articles" in err and "not checked" not in err
    # A correction that echoes the Norwegian wins over the memory, and is flagged.
    first = article_sentences(read_article(SEED))[0]
    correct(first, first.source)
    status, out, _ = run(capsys, "check", "--json", str(SEED))
    assert status == 1
    (finding,) = json.loads(out)
    assert (finding["paragraph"], finding["sentence"], finding["origin"]) == (1, 1, "corrected")
    assert "untranslated" in [flag["code"] for flag in finding["flags"]]


def test_with_a_model_memory_and_corrections_win_and_the_model_fills_the_rest(
    installed_cipher_model: Path,
    capsys: pytest.CaptureFixture[str],
    partly_covered: dict[str, tuple[str, str]],
) -> None:
    status, out, err = run(capsys, "translate", "--json", str(SEED))
    assert status == 0, err
    found = sentences(json.loads(out))
    for sentence in found:
        machine = cipher_text(sentence["source"])
        assert sentence["model_target"] == machine
        assert (sentence["target"], sentence["origin"]) == partly_covered.get(
            sentence["source"], (machine, "model")
        )
    assert "no English" not in err and "not checked" not in err
    status, out, _ = run(capsys, "translate", str(SEED))
    assert "[no English" not in out
    assert out.startswith("Memory one. Memory two.\n\n" + cipher_text(found[2]["source"]))


def test_with_the_copy_model_check_flags_its_english_but_not_the_memory_s(
    installed_copy_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The copy model's English is the Norwegian ("untranslated" on every long sentence); the
    # reference translation's is not. With the memory in, nothing is left to flag.
    status, out, _ = run(capsys, "check", "--json", str(SEEDS))
    assert status == 1 and {f["origin"] for f in json.loads(out)} == {"model"}
    assert run(capsys, "memory", "import", str(REFERENCE))[0] == 0
    status, out, err = run(capsys, "check", str(SEEDS))
    assert (status, out) == (0, ""), err


def test_export_flags_the_english_that_counts_as_check_does(
    installed_copy_model: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The copy model's English is the Norwegian: `untranslated` on every long sentence. The
    # memory's English for the first sentence passes every check, for the budget sentence it
    # drops the numbers; a correction echoes the Norwegian of the second.
    keys = article_sentences(read_article(SEED))
    numbers = next(k for k in keys if "2024" in k.source)
    import_memory(
        capsys,
        tmp_path / "m.tmx",
        {
            keys[0].source: REFERENCE_FIRST,
            numbers.source: "Stoltenberg said Canada and the European NATO countries will spend "
            "far more on defence.",
        },
    )
    correct(keys[1], keys[1].source)
    status, out, _ = run(capsys, "check", "--json", str(SEED))
    assert status == 1
    checked = {(f["paragraph"], f["sentence"]): f for f in json.loads(out)}
    status, out, _ = run(capsys, "translate", "--json", str(SEED))
    model_flags = [s["flags"] for s in sentences(json.loads(out))]

    status, out, err = run(capsys, "export", "--format", "json", str(SEED))
    assert status == 0, err
    exported = json.loads(out)["paragraphs"]
    places = [
        (paragraph["index"] + 1, number, sentence)
        for paragraph in exported
        for number, sentence in enumerate(paragraph["sentences"], start=1)
    ]
    for (paragraph, number, sentence), own in zip(places, model_flags, strict=True):
        finding = checked.get((paragraph, number))
        assert sentence["flags"] == (finding["flags"] if finding else []), sentence
        if finding:
            assert (finding["target"], finding["origin"]) == (
                sentence["target"],
                sentence["origin"],
            )
        assert sentence["model_flags"] == own  # what `translate --json` calls `flags`
    by_source = {sentence["source"]: sentence for _, _, sentence in places}
    codes = {s: [f["code"] for f in by_source[s]["flags"]] for s in by_source}
    assert codes[keys[0].source] == [] and by_source[keys[0].source]["model_flags"]
    assert codes[numbers.source] == ["numbers"]
    assert codes[keys[1].source] == ["untranslated"]

    status, out, _ = run(capsys, "export", "--format", "tmx", str(SEED))
    units = ET.fromstring(out).findall("./body/tu")
    assert len(units) == len(places)
    for unit, (paragraph, number, _) in zip(units, places, strict=True):
        props = {prop.attrib["type"]: prop.text for prop in unit.findall("prop")}
        finding = checked.get((paragraph, number))
        expected = " ".join(f["code"] for f in finding["flags"]) if finding else None
        assert props.get("x-flags") == expected
        assert ("x-score" in props) == (props["x-origin"] == "model")

    status, out, _ = run(capsys, "export", "--format", "md", str(SEED))
    assert f"Flagged: {len(checked)}/{len(places)} sentences" in out
    assert out.count(" ⚑[^") == len(checked)
    assert "⚑ numbers: " in out and "⚑ untranslated: " in out


def test_without_a_model_export_counts_flags_only_when_every_sentence_has_english(
    capsys: pytest.CaptureFixture[str], partly_covered: dict[str, tuple[str, str]]
) -> None:
    status, out, _ = run(capsys, "export", "--format", "md", str(SEED))
    assert status == 0 and "Flagged:" not in out  # sentences without English: not counted
    assert "Memory one. ≡" in out and "My own English. ✎" in out
    assert "Translation: no model; English from the translation memory and corrections" in out
    assert run(capsys, "memory", "import", str(REFERENCE))[0] == 0
    first = article_sentences(read_article(SEED))[0]
    correct(first, first.source)  # echoes the Norwegian, over the reference's English
    status, out, _ = run(capsys, "check", str(SEED))
    assert status == 1 and f"{SEED}:1:1: untranslated " in out  # and "My own English." 4:1
    flagged = {(m["paragraph"], m["sentence"]) for m in map(LINT_LINE.match, out.splitlines()) if m}
    status, out, _ = run(capsys, "export", "--format", "md", str(SEED))
    total = len(article_sentences(read_article(SEED)))
    assert f"Flagged: {len(flagged)}/{total} sentences" in out
    assert out.count(" ⚑[^") == len(flagged) and "⚑ untranslated: " in out
