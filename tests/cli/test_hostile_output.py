"""No control character from a file name or a file's text reaches the terminal, in any command.

Files whose names and texts hold escape sequences (CSI, OSC with BEL), CR, backspace, DEL and
C1 controls (as UTF-8 and as raw bytes that are not UTF-8) go through every subcommand
`python -m tui --help` lists, run as a user runs them, in text and JSON. What a terminal would
act on must not be in stdout or stderr; JSON may carry it only escaped (`\\u001b`), and then
reads back as exactly what the file held.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.app.pilot import write_config
from tests.conftest import SEEDS
from tests.support.feed_pages import article_page, rss
from tests.support.feed_server import FeedServer, serve_feeds
from tolk.library.articles import read_article
from tolk.userdata.review import ReviewBook, article_sentences
from tolk.userdata.store import open_store

TOLK = [sys.executable, "-m", "tui"]
NATO = SEEDS / "000_4a397d34e890302c.txt"

# What a terminal acts on: C0 controls but tab and newline, DEL, C1 controls (U+009B is a CSI
# to many terminals), and raw bytes 0x80-0x9f that are not part of UTF-8 (decoded below with
# surrogateescape, they come back as U+DC80-U+DC9F).
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\udc80-\udc9f]")
# Everything a hostile name or text holds: a colour, a window title (OSC ... BEL), a screen
# clear, CR, backspace, DEL, NEL and CSI as C1 characters.
HOSTILE = "\x1b[31m\x1b]0;pwned\x07\x1b[2J\r\x08\x7f\u0085\u009b31m"
# HOSTILE as a file name is shown: the controls dropped (CR, a line break, as a space).
SHOWN = "[31m]0;pwned[2J 31m"


@dataclass(frozen=True)
class Hostile:
    """The files of one test: article files with hostile names and texts, in a folder with a
    hostile name, and a translation memory file with a hostile name and English."""

    folder: Path
    articles: list[Path]
    memory_file: Path


def hostile_text() -> str:
    """The NATO seed with the hostile characters between its sentences and in its words."""
    text = NATO.read_text(encoding="utf-8")
    return text.replace(". ", f". {HOSTILE}", 3).replace("alliansen", f"alli{HOSTILE}ansen", 1)


@pytest.fixture
def hostile(tmp_path: Path, installed_cipher_model: Path) -> Hostile:
    folder = tmp_path / f"mappe{HOSTILE}"
    folder.mkdir()
    names = [
        f"rød{HOSTILE}.txt",
        "ny\nlinje\ttab.txt",
        os.fsdecode(b"raw\x9b31m\x85\xff.txt"),  # Latin-1-ish bytes, not UTF-8: surrogates
    ]
    articles = [folder / name for name in names]
    for path in articles:
        path.write_text(hostile_text(), encoding="utf-8")
    article = read_article(articles[0])
    keys = article_sentences(article)
    opened = open_store()
    assert opened.store is not None
    with opened.store as store:
        bookmark = store.toggle_bookmark(article, 0)
        assert bookmark is not None
        store.set_note(bookmark.id, f"note {HOSTILE} end")
        book = ReviewBook(store)
        book.set_correction(article, keys[0], f"Corrected {HOSTILE} English")
        book.set_note(article, keys[0], f"Sentence note {HOSTILE}")
    memory_file = tmp_path / f"minne{HOSTILE}.json"
    unit = {"source": keys[1].source, "correction": f"Remembered {HOSTILE} English"}
    memory_file.write_text(json.dumps({"paragraphs": [{"sentences": [unit]}]}), encoding="utf-8")
    # A package folder that is not a package, with a hostile name: `models list` names it.
    broken = Path(os.environ["ARGOS_PACKAGES_DIR"]) / f"broken{HOSTILE}"
    broken.mkdir()
    return Hostile(folder, articles, memory_file)


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with serve_feeds() as server:
        yield server


def tolk(*args: str | Path) -> tuple[int, str, str]:
    """Run `tolk` as a user would; stdout and stderr decoded as a terminal gets them (bytes
    that are not UTF-8 kept, as lone surrogates, so the check below sees them)."""
    result = subprocess.run(
        [*TOLK, *map(str, args)], capture_output=True, env=dict(os.environ), timeout=120
    )
    out = result.stdout.decode("utf-8", "surrogateescape")
    err = result.stderr.decode("utf-8", "surrogateescape")
    return result.returncode, out, err


def assert_terminal_safe(args: tuple[str | Path, ...], out: str, err: str) -> None:
    for stream, text in (("stdout", out), ("stderr", err)):
        found = sorted({hex(ord(c)) for c in FORBIDDEN.findall(text)})
        assert not found, f"tolk {args}: {stream} holds {found}:\n{text[:2000]}"
    assert "Traceback" not in err, err


def run_safe(*args: str | Path) -> tuple[int, str, str]:
    code, out, err = tolk(*args)
    assert_terminal_safe(args, out, err)
    return code, out, err


def test_translate_check_and_export_in_every_format(hostile: Hostile) -> None:
    folder, files = hostile.folder, hostile.articles
    assert run_safe("memory", "import", hostile.memory_file)[0] == 0
    for args in (
        ("translate", *files),
        ("translate", folder),
        ("check", folder),
        ("export", *files),
        ("export", "--format", "tmx", *files),
        ("export", "--format", "md", folder),
        ("export", "--format", "tmx", folder),
    ):
        code, out, _ = run_safe(*args)
        assert code in (0, 1), args  # check: 1 when a sentence is flagged
        assert out
    # The heading of each article in `translate DIR` names it, printable.
    code, out, _ = run_safe("translate", folder)
    assert f"== {folder.parent / f'mappe{SHOWN}' / f'rød{SHOWN}.txt'} ==" in out
    # JSON escapes what it carries, and gives it back exactly.
    _, out, _ = run_safe("translate", "--json", folder)
    assert sorted(d["article"]["path"] for d in json.loads(out)) == sorted(map(str, files))
    _, out, _ = run_safe("check", "--json", folder)
    assert {finding["path"] for finding in json.loads(out)} <= set(map(str, files))
    for args in (("export", "--format", "json", *files), ("export", "--format", "json", folder)):
        _, out, _ = run_safe(*args)
        documents = json.loads(out)
        assert sorted(d["article"]["path"] for d in documents) == sorted(map(str, files))
        corrected = {
            s["correction"]
            for d in documents
            for p in d["paragraphs"]
            for s in p["sentences"]
            if s["correction"]
        }
        assert corrected == {f"Corrected {HOSTILE} English"}
    # Written to a file with a hostile name: "Wrote … to FILE" names it printable.
    target = folder / f"ut{HOSTILE}.md"
    code, _, err = run_safe("export", *files, "-o", target)
    assert code == 0 and target.is_file() and "Wrote 3 articles to " in err


def test_bookmarks_memory_and_models(hostile: Hostile) -> None:
    for args in (
        ("bookmarks", "list"),
        ("bookmarks", "list", "--json"),
        ("bookmarks", "export"),
        ("bookmarks", "export", "--format", "json"),
        ("bookmarks", "export", "-o", hostile.folder / f"merker{HOSTILE}.md"),
    ):
        assert run_safe(*args)[0] == 0, args
    _, out, _ = run_safe("bookmarks", "list", "--json")
    (record,) = json.loads(out)
    assert record["note"] == f"note {HOSTILE} end" and record["path"] == str(hostile.articles[0])
    for args in (
        ("memory", "import", hostile.memory_file),
        ("memory", "list"),
        ("memory", "remove", hostile.memory_file.name),
        ("memory", "remove", hostile.memory_file.name),  # gone: an error naming it
        ("memory", "import", hostile.folder / f"borte{HOSTILE}.tmx"),  # no such file
        ("models", "list"),
        ("models", "remove", f"borte{HOSTILE}"),
        ("models", "install", hostile.folder / f"borte{HOSTILE}.argosmodel"),
    ):
        run_safe(*args)


def test_paths_that_cannot_be_read_and_words_that_are_not_commands(hostile: Hostile) -> None:
    missing = hostile.folder / f"borte{HOSTILE}.txt"
    binary = hostile.folder / f"binær{HOSTILE}.txt"
    binary.write_bytes(b"\x00\x01\x02\x1b" * 100)
    for command in ("translate", "check", "export"):
        for json_flag in ((), ("--json",)) if command != "export" else ((),):
            code, _, err = run_safe(command, *json_flag, missing, binary)
            assert code != 0 and "tolk: error: " in err
    code, _, err = run_safe(f"oversett{HOSTILE}")
    assert code == 2 and "no such command or file" in err


def test_fetch_with_hostile_titles(hostile: Hostile, feed_server: FeedServer) -> None:
    # XML 1.0 holds C1 controls and DEL as they are; the ESC a feed cannot hold comes in
    # through the page, which is HTML.
    title = "Stoltenberg vil samle alliansen \u009b31m \x7f \u0085 slutt"
    page = article_page("Ny sak om alliansen").replace(
        "<h1>", f"<h1>\x1b]0;pwned\x07\x1b[31m{HOSTILE}"
    )
    feed_server.add("n/1", page)
    feed = feed_server.add("n/feed.rss", rss(f"Avisa {title}", [(title, "1", "g1", None)]))
    write_config(f'feeds = [{{url = "{feed}", name = "Avisa\\u001b[31m\\u009b"}}]\n')
    for args in (("fetch",), ("fetch", "--json")):
        assert run_safe(*args)[0] == 0, args
    # The article it saved reads back through every command that reads articles.
    saved = sorted((Path(os.environ["XDG_DATA_HOME"]) / "tolk" / "feeds").rglob("*.txt"))
    assert saved
    for args in (("translate", *saved), ("check", *saved), ("export", *saved)):
        run_safe(*args)


def test_words(hostile: Hostile) -> None:
    from tolk.vocabulary.entries import NewWord, WordSource
    from tolk.vocabulary.lexicon import WordSense
    from tolk.vocabulary.store import open_vocabulary

    opened = open_vocabulary()
    assert opened.store is not None
    sentence = f"Hun gikk {HOSTILE} hjem."
    source = WordSource(hostile.articles[0], f"Tittel {HOSTILE}", "2024-05-01", 0)
    with opened.store as store:
        sense = WordSense("gå", "verb", f"definisjon {HOSTILE}")
        store.save(NewWord("gikk", sense, sentence, f"went{HOSTILE}", f"She {HOSTILE}", source))
    for args in (
        ("words", "list"),
        ("words", "list", "--json"),
        ("words", "export"),
        ("words", "export", "--format", "csv"),
        ("words", "export", "--format", "json"),
        ("words", "export", "-o", hostile.folder / f"ord{HOSTILE}.txt"),
    ):
        assert run_safe(*args)[0] == 0, args
    _, out, _ = run_safe("words", "list", "--json")
    (record,) = json.loads(out)
    assert record["sentence"] == sentence and record["path"] == str(hostile.articles[0])
