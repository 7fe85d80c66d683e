"""What `tolk WORD...` runs: a subcommand, the reader on existing paths, or, for a word that is
neither (a mistyped command), one line saying so and the nearest command, without opening the
reader on nothing."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS

TOLK = [sys.executable, "-m", "tui"]
NATO = SEEDS / "000_4a397d34e890302c.txt"
COMMANDS = (
    "translate, check, models, bookmarks, export, fetch, feeds, add, memory, review, glossary, "
    "words, define"
)


def tolk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TOLK, *args], capture_output=True, text=True, env=dict(os.environ), timeout=60, cwd=cwd
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["transalte", "x.txt"],
            "no such command or file: transalte (did you mean `tolk translate`?)",
        ),
        (["chek", "x.txt"], "no such command or file: chek (did you mean `tolk check`?)"),
        (
            ["bookmark", "list"],
            "no such command or file: bookmark (did you mean `tolk bookmarks`?)",
        ),
        (["glosary"], "no such command or file: glosary (did you mean `tolk glossary`?)"),
        (["word", "list"], "no such command or file: word (did you mean `tolk words`?)"),
        (
            ["vocabulary"],
            f"no such command or file: vocabulary (the commands are {COMMANDS}; "
            "tolk --help says more)",
        ),
        (["x.txt", "borte.txt"], "no such file or folder: borte.txt"),
    ],
)
def test_a_word_that_is_no_command_and_no_file_is_one_line_and_status_2(
    args: list[str], said: str, tmp_path: Path
) -> None:
    (tmp_path / "x.txt").write_text(NATO.read_text(encoding="utf-8"), encoding="utf-8")
    result = tolk(*args, cwd=tmp_path)  # x.txt exists: the mistyped command is the problem
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"tolk: error: {said}\n"


def test_the_word_is_shown_printable() -> None:
    result = tolk("transl\x1b]0;pwned\x07ate")
    assert result.returncode == 2
    assert result.stderr == (
        "tolk: error: no such command or file: transl]0;pwnedate (did you mean `tolk translate`?)\n"
    )


# What the reader writes that is not text: CSI sequences (cursor, colours) and OSC ones.
_NOT_TEXT = re.compile(rb"\x1b\[[0-9;?<>$]*[a-zA-Z]|\x1b\][^\x07]*\x07")


def read_screen(fd: int, *wanted: bytes, timeout: float = 60.0) -> bytes:
    """The text the reader draws on its terminal, read until each of `wanted` is in it, or
    (with none wanted) until the reader ends and closes it; or until the time is up."""
    seen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if wanted and all(text in _NOT_TEXT.sub(b"", seen) for text in wanted):
            break
        # poll, not select: a process with 1,024 files open (a long test run) is past select.
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        ready = poller.poll(max(0.0, deadline - time.monotonic()) * 1000)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the reader ended: the terminal's other side is gone
            break
        if not chunk:
            break
        seen += chunk
    return _NOT_TEXT.sub(b"", seen)


@pytest.mark.parametrize(
    ("args", "listed"),
    [([str(NATO)], b"1 article "), ([str(SEEDS)], b"2 articles"), ([], b"2 articles")],
    ids=["file", "folder", "none (the seeds)"],
)
def test_existing_paths_and_no_paths_still_open_the_reader(args: list[str], listed: bytes) -> None:
    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    reader = subprocess.Popen(
        [*TOLK, *args], stdin=terminal, stdout=terminal, stderr=terminal, env=env
    )
    os.close(terminal)
    try:
        title = b"Da er det viktig at vi sitter"  # the NATO article's, as the sidebar lists it
        screen = read_screen(main, listed, title)
        assert listed in screen and title in screen, screen[-2000:]
        os.write(main, b"q")
        read_screen(main, timeout=30)  # read to its end: a reader nobody reads blocks writing
        assert reader.wait(timeout=5) == 0
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait()
        os.close(main)
