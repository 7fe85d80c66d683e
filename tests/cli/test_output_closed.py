"""A command whose reader stops early (`tolk translate … | head -n 1`) ends quietly with status
141, as `cat` or `grep` do: no traceback, no "Exception ignored" at exit, and never the status
of a command that delivered all its output. Run through the real command line into a real
`head`, on an article whose output is several times what a pipe holds, so the command is still
writing when `head` goes away."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tolk.cli.output import OUTPUT_CLOSED
from tolk.library.articles import read_article
from tolk.userdata.review import article_sentences

TOLK = [sys.executable, "-m", "tui"]
# The command's output into a real `head`; the status is the command's (pipefail).
HEAD = 'set -o pipefail; "$@" | head -n 1'
PIPE_CAPACITY = 65536  # Linux's and macOS's default pipe buffer
WORDS = (
    "alliansen møtet spørsmål landene forsvaret budsjettet uken samarbeidet bordet".split()  # noqa: SIM905
)


@pytest.fixture
def big_article(tmp_path: Path) -> Path:
    """An article of 3,000 sentences, each in the memory with its Norwegian as its "English"
    (so no model is needed, and every sentence of four words or more is flagged
    `untranslated`: `check` has a line to print for each)."""
    paragraphs = [
        " ".join(
            f"{WORDS[(p + s) % len(WORDS)].capitalize()} "
            + " ".join(WORDS[(p * s + k) % len(WORDS)] for k in range(9))
            + f" nummer {p}-{s}."
            for s in range(10)
        )
        for p in range(300)
    ]
    article = tmp_path / "big.txt"
    article.write_text(" date 2020-01 – Om alliansen.\n\n" + "\n\n".join(paragraphs) + "\n")
    units = "".join(
        f'<tu><tuv xml:lang="nb"><seg>{key.source}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{key.source}</seg></tuv></tu>\n'
        for key in article_sentences(read_article(article))
    )
    memory = tmp_path / "echo.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'srclang="nb" segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x"/>\n'
        f"<body>\n{units}</body></tmx>\n",
        encoding="utf-8",
    )
    imported = subprocess.run(
        [*TOLK, "memory", "import", str(memory)], capture_output=True, text=True, timeout=120
    )
    assert imported.returncode == 0, imported.stderr
    return article


@pytest.mark.parametrize(
    ("command", "status"),
    [
        (["translate"], 0),  # many writes
        (["translate", "--json"], 0),  # one large write
        (["check"], 1),  # a line per flagged sentence
        (["check", "--json"], 1),
        (["export", "--format", "md"], 0),
    ],
    ids=["translate", "translate-json", "check", "check-json", "export-md"],
)
def test_a_reader_that_stops_early_ends_the_command_quietly(
    big_article: Path, command: list[str], status: int
) -> None:
    whole = subprocess.run(
        [*TOLK, *command, str(big_article)], capture_output=True, text=True, timeout=300
    )
    assert whole.returncode == status, whole.stderr
    # The premise: far more output than the pipe holds, so `head` leaves mid-write.
    assert len(whole.stdout.encode()) > 4 * PIPE_CAPACITY
    piped = subprocess.run(
        ["bash", "-c", HEAD, "bash", *TOLK, *command, str(big_article)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert piped.returncode == OUTPUT_CLOSED, piped.stderr
    assert piped.stdout == whole.stdout.splitlines(keepends=True)[0]
    assert "Traceback" not in piped.stderr and "BrokenPipe" not in piped.stderr, piped.stderr
    assert "Exception ignored" not in piped.stderr
