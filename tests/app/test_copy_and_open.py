"""Copy and open, as a user runs tolk in a terminal (a pseudo-terminal, at 80x24 and 120x40):
the keys and the palette send the text as an OSC 52 sequence — what reaches the user's
clipboard, over SSH too — and the sequence is read back from what the app wrote. `v` opens
the source page in the browser $BROWSER names; with no browser to show it (over SSH), it
copies the address instead."""

from __future__ import annotations

import base64
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.english import cipher_text
from tests.support.news_library import source_url, write_news_library
from tests.support.terminal import Terminal
from tolk.library.articles import read_article
from tolk.userdata.review import paragraph_sentences
from tui.browser import browser_here

OSC_52 = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07")
NEWEST = "Kommunen vil byggje ny skule i bygda"  # the fourth written (number 3), newest date


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    started: list[Terminal] = []
    library = tmp_path / "news"
    write_news_library(library)

    def start(size: tuple[int, int], **env: str) -> Terminal:
        leave_out = ("COLORTERM", "NO_COLOR", "DISPLAY", "WAYLAND_DISPLAY", "BROWSER")
        environ = {k: v for k, v in os.environ.items() if k not in leave_out}
        environ.update(TERM="xterm-256color", **env)
        started.append(Terminal(environ, size, library))
        return started[-1]

    yield start
    for term in started:
        term.close()


def copied(term: Terminal, since: int) -> str:
    """The text of the first OSC 52 sequence the app wrote after byte `since`."""
    end = time.monotonic() + 30
    while (found := OSC_52.search(term.output, since)) is None:
        assert time.monotonic() < end, f"no OSC 52 came: {term.tail()}"
        term.read(0.1)
    return base64.b64decode(found.group(1)).decode("utf-8")


def press(term: Terminal, keys: bytes) -> str:
    since = len(term.output)
    term.send(keys)
    return copied(term, since)


def open_newest(term: Terminal) -> list[list[str]]:
    """Open the newest article (Enter on the first row) and wait for its English; its
    paragraphs' sentences."""
    term.read_until(b"6 articles")
    term.send(b"\r")
    sentences = [paragraph_sentences(p) for p in read_article(find(term, NEWEST)).paragraphs]
    term.read_until(b"Kommunestyret vedtok")  # the reader shows it (the list has its title)
    term.read_until(cipher_text("Kommunen").encode())  # the model's English is in
    return sentences


def find(term: Terminal, title: str) -> Path:
    library = Path(term.process.args[-1])  # type: ignore[index]
    return next(p for p in library.iterdir() if read_article(p).title == title)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_copy_keys_send_the_text_through_the_terminal(
    terminal: Callable[..., Terminal], installed_cipher_model: Path, size: tuple[int, int]
) -> None:
    term = terminal(size)
    sentences = open_newest(term)
    term.send(b"j")  # the second paragraph: two sentences
    term.settle(0.3)
    assert press(term, b"c") == cipher_text(sentences[1][0])
    term.read_until(b"Copied the English of the sentence")
    assert press(term, b"C") == " ".join(cipher_text(s) for s in sentences[1])
    assert press(term, b"l" + b"y") == sentences[1][1]  # the next sentence, in Norwegian
    assert press(term, b"Y") == " ".join(sentences[1])
    assert press(term, b"V") == source_url(3)
    # The palette runs the same commands.
    since = len(term.output)
    term.send(b"\x10")  # ctrl+p
    term.read_until(b"Search for commands")
    term.send(b"Copy the English paragraph")
    term.settle(0.3)
    term.send(b"\r")
    assert copied(term, since) == " ".join(cipher_text(s) for s in sentences[1])
    assert term.quit() == 0, term.tail()


def test_v_opens_the_source_in_the_browser_named(
    terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {opened}\n')
    browser.chmod(browser.stat().st_mode | stat.S_IXUSR)
    term = terminal((80, 24), BROWSER=f"{browser} %s")
    term.read_until(b"6 articles")
    term.send(b"\r")
    term.read_until(b"Kommunestyret vedtok")  # the reader shows it (the list has its title)
    term.send(b"v")
    term.read_until(b"Opening")
    end = time.monotonic() + 30
    while not (opened.exists() and opened.read_text()):
        assert time.monotonic() < end, "the browser was never started"
        term.read(0.1)
    assert opened.read_text() == source_url(3)
    assert OSC_52.search(term.output) is None  # opened, so nothing copied
    assert term.quit() == 0, term.tail()


def test_without_a_browser_v_copies_the_address(terminal: Callable[..., Terminal]) -> None:
    term = terminal((80, 24))  # no DISPLAY, no BROWSER: as over SSH
    term.read_until(b"6 articles")
    term.send(b"\r")
    term.read_until(b"Kommunestyret vedtok")
    assert press(term, b"v") == source_url(3)
    term.read_until(b"No browser can be opened")
    assert term.quit() == 0, term.tail()


@pytest.mark.parametrize(
    ("environ", "platform", "here"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"BROWSER": "w3m"}, "linux", True),
        ({}, "darwin", True),
        ({}, "win32", True),
    ],
)
def test_a_browser_is_opened_only_where_one_can_show(
    environ: dict[str, str], platform: str, here: bool
) -> None:
    assert browser_here(environ, platform) is here
