"""The README and docs/: every relative link resolves (its #anchor too), the README stays a
front door of at most 300 lines, and it names every subcommand `tolk --help` lists."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tolk.cli import _subcommand_parser

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
PAGES = [README, *sorted((REPO / "docs").glob("*.md"))]
README_MAX_LINES = 300

_FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`]*`")
_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(?P<title>.+?)\s*#*\s*$", re.MULTILINE)
_EXTERNAL = ("http://", "https://", "mailto:")


def _prose(text: str) -> str:
    """The text without code blocks and code spans, where brackets are not links."""
    text = _FENCE.sub("", text)
    return _CODE_SPAN.sub("code", text)


def github_slug(title: str) -> str:
    """The anchor GitHub gives a heading: formatting dropped, lower case, punctuation removed
    (letters, marks, digits, `_`, `-` and spaces kept), each space a hyphen."""
    title = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", title)  # a link reads as its text
    title = title.replace("`", "").replace("*", "")
    kept = (
        char for char in title.lower() if char in " -_" or unicodedata.category(char)[0] in "LMN"
    )
    return "".join(kept).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """Every heading's anchor on a page; a repeated heading gets -1, -2…, as on GitHub."""
    seen: dict[str, int] = {}
    found: set[str] = set()
    for match in _HEADING.finditer(_FENCE.sub("", page.read_text(encoding="utf-8"))):
        slug = github_slug(match["title"])
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def broken_links(page: Path) -> list[str]:
    """The page's relative links whose file, or whose #anchor on a Markdown page, is missing."""
    broken = []
    for match in _LINK.finditer(_prose(page.read_text(encoding="utf-8"))):
        target = match["target"]
        if target.startswith(_EXTERNAL):
            continue
        path_part, _, anchor = target.partition("#")
        resolved = (page.parent / path_part).resolve() if path_part else page
        where = f"{page.relative_to(REPO)}: [{match['text']}]({target})"
        if not resolved.exists():
            broken.append(f"{where}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{where}: no heading #{anchor} in {resolved.relative_to(REPO)}")
    return broken


def test_the_slugs_are_githubs() -> None:
    assert github_slug("Setup: uv, a lockfile, and no torch") == "setup-uv-a-lockfile-and-no-torch"
    assert github_slug("`tolk translate`") == "tolk-translate"
    assert github_slug("Libraries, and why") == "libraries-and-why"
    assert github_slug("Reviewing: scores, word alignment and QA checks") == (
        "reviewing-scores-word-alignment-and-qa-checks"
    )


def test_links_are_found_outside_code_only() -> None:
    text = "[a](x.md) `[b](y.md)` ![c](z.svg)\n```\n[d](w.md)\n```\n"
    assert [m["target"] for m in _LINK.finditer(_prose(text))] == ["x.md", "z.svg"]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(REPO)))
def test_every_relative_link_resolves(page: Path) -> None:
    broken = broken_links(page)
    assert not broken, "\n".join(broken)


def test_the_docs_have_pages() -> None:
    assert len(PAGES) > 1, "no docs/*.md found"


def test_the_readme_is_at_most_300_lines() -> None:
    lines = len(README.read_text(encoding="utf-8").splitlines())
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines; move detail into docs/"


def listed_subcommands() -> set[str]:
    """The subcommands `tolk --help` names (its text for users), and the ones the subcommand
    parser accepts (its usage line, `{translate,check,…}`)."""
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    help_text = " ".join(result.stdout.split())  # argparse wraps "tolk" and a name apart
    from_help = set(re.findall(r"\btolk ([a-z][a-z-]*)\b", help_text))
    assert from_help, f"no `tolk NAME` in tolk --help:\n{result.stdout}"
    choices = re.search(r"\{([a-z,-]+)\}", _subcommand_parser().format_usage())
    assert choices, _subcommand_parser().format_usage()
    return from_help | set(choices[1].split(","))


def test_the_readme_names_every_subcommand() -> None:
    readme = README.read_text(encoding="utf-8")
    missing = sorted(
        name for name in listed_subcommands() if not re.search(rf"\btolk {name}\b", readme)
    )
    assert missing == [], f"README.md never shows `tolk NAME` for: {', '.join(missing)}"
