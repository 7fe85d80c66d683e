"""Hostile and damaged article files: every case is listed, read, translated and shown safely.

The corpus is `tests/support/make_hostile_corpus.py` (small cases committed in
`tests/data/hostile/`, large ones and symlinks generated). Each case either reads correctly or
fails with a clear reason; none raises, hangs, or lets markup or a control character reach the
terminal.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from tests.app.pilot import (
    columns,
    make_app,
    open_article,
    reader_screen,
    rendered_lines,
    wait_for_scan,
)
from tests.support import make_hostile_corpus as corpus
from tests.support.english import assert_english, cipher_text
from tolk.library.articles import Article, ArticleError, read_article, read_summary
from tolk.library.files import scan_library
from tui.widgets.column_titles import ColumnTitles

# Far above what any case needs: these catch a hang, they do not measure speed.
HANG_LIMIT_S = 180
SUBPROCESS_LIMIT_S = 150
TOLK = [sys.executable, "-m", "tui"]
NO_MODEL = "tolk: error: No Norwegian→English model is installed."


@dataclass(frozen=True)
class Expected:
    """What reading a case must give: an error whose reason contains `error`, or an article."""

    error: str | None = None
    title: str | None = None  # None: not checked (the generated cases' random first sentence)
    date: str | None = None  # ISO at the date's precision; None: undated
    paragraphs: int | None = None
    # Each must appear, literally, in one paragraph's text.
    contains: tuple[str, ...] = ()


EMPTY = "empty file: no text"
EXPECTED: dict[str, Expected] = {
    "empty": Expected(error=EMPTY),
    "whitespace": Expected(error=EMPTY),
    "binary": Expected(error="binary data, not a text file"),
    "utf16_odd_length": Expected(error="not valid utf-16"),
    "date_only": Expected(error="no text after the date line"),
    "utf16_bom": Expected(
        title="Blåbærsyltetøy på Ørland.",
        date="2020-03-04",
        paragraphs=2,
        contains=("Æ, Ø og Å i UTF-16.", "«anførselstegn» og tankestrek – her."),
    ),
    "latin1": Expected(
        title="Rødgrøt med fløte på Ærø.",
        date="2018-06",
        paragraphs=2,
        contains=("Æ Ø Å æ ø å i Latin-1.", "smørbrød."),
    ),
    "cp1252": Expected(
        title="Prisen på blåbær steg til 40 € – “dyrt”, sa han.",
        date="2018-07",
        paragraphs=2,
        contains=("‘enkle’ og „doble” anførselstegn… og en tankestrek —.",),
    ),
    "crlf": Expected(
        title="Første avsnitt med CRLF.",
        date="2017-02-03",
        paragraphs=3,
        contains=("Første avsnitt med CRLF. Fortsatt første avsnitt.", "en løs CR midt i."),
    ),
    "markup": Expected(
        title="Et [bold]fett[/bold] forsøk og en ensom [/] her.",
        date="2020-02",
        paragraphs=3,
        contains=(
            "Klikk [@click=app.quit]her[/] eller [link=https://x.invalid]lenke[/link].",
            "[red on blue]Farge[/] og \\[escaped] og [b][i]nøstet[/b] og [not a tag og ].",
        ),
    ),
    "escapes": Expected(
        # Only the control characters go; what followed an ESC stays as plain text.
        title="Tittel]0;hacked og [2J slutt.",
        date="2021-04",
        paragraphs=3,
        contains=(
            "Farge [31mrød[0m og [?1049h alternativ skjerm og ]8;;https://x.invalid\\lenke",
            "NUL BEL BS VT FF DEL CSI2J NEL OSC0;t slutt.",
        ),
    ),
    "unicode": Expected(
        title="Emoji 🇳🇴 👍🏽 👨\u200d👩\u200d👧 og 🎉 i teksten.",
        date="2022-05-17",
        paragraphs=5,
        contains=(
            "Arabisk: مرحبا بالعالم. Hebraisk: שלום עולם. Blandet: Oslo مدينة og Bergen.",
            "e\u0301 a\u030a Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357alg\u0300\u0301\u0302o.",
            "null\u200bbredde, null\u200cbredde, null\u200dbredde, ord\u2060joiner",
            "bom\ufeffmidt, retning\u202ehøyre\u202c og \u2066isolert\u2069 slutt.",
            "Linjeskift\u2028inni og avsnitt\u2029inni, og en myk\u00adbindestrek.",
        ),
    ),
    # A bad date is dropped with its line; the text after the dash is the first paragraph.
    "bad_date_month": Expected(title="Måned tretten finnes ikke.", paragraphs=2),
    "bad_date_banana": Expected(title="Banan er ikke en dato.", paragraphs=2),
    "bad_date_overflow": Expected(title="For stort år.", paragraphs=1),
    # A future date is the file's word: kept, and sorted first.
    "future_date": Expected(title="En sak fra fremtiden.", date="2099-01-01", paragraphs=2),
    corpus.BIG_ARTICLE: Expected(date="2016-05"),
    corpus.LONG_PARAGRAPH: Expected(
        title="Et helt vanlig første avsnitt.", date="2016-04", paragraphs=2
    ),
    corpus.MANY_PARAGRAPHS: Expected(
        title="Tre tusen avsnitt.", date="2016-03", paragraphs=corpus.MANY_PARAGRAPHS_COUNT
    ),
    # A folder link back to the corpus: the scan walks it (once); reading it is an error.
    corpus.SYMLINK_LOOP: Expected(error="cannot read file: Is a directory"),
    corpus.SYMLINK_SELF: Expected(error="cannot read file: Too many levels of symbolic links"),
    corpus.DANGLING_SYMLINK: Expected(error="cannot read file: No such file or directory"),
}
# What the library lists for the symlink cases (read_article's reason is the OS's).
SCAN_ERRORS = {
    corpus.SYMLINK_SELF: "symlink loop",
    corpus.DANGLING_SYMLINK: "dangling symlink: its target does not exist",
}
FILE_CASES = sorted(set(EXPECTED) - {corpus.SYMLINK_LOOP})
READABLE = sorted(name for name, expected in EXPECTED.items() if expected.error is None)


# Fixtures and helpers -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The whole corpus, written once for this module: case name -> path."""
    return corpus.write_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(autouse=True)
def hang_guard() -> Iterator[None]:
    """Fail a test still running after HANG_LIMIT_S instead of hanging the run."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still running after {HANG_LIMIT_S} s: a hang?")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, HANG_LIMIT_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def control_characters(text: str) -> list[str]:
    """The C0/C1 control characters in `text` (ESC, NUL, BEL, CR, even tab and newline)."""
    return [char for char in text if unicodedata.category(char) == "Cc"]


def article_texts(article: Article) -> list[str]:
    return [article.title, *(paragraph.text for paragraph in article.paragraphs)]


def tolk(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the `tolk` command as a user would; bytes, so no decoding hides anything."""
    return subprocess.run(
        [*TOLK, *args], capture_output=True, env=dict(os.environ), timeout=SUBPROCESS_LIMIT_S
    )


def test_every_case_has_an_expectation(hostile: dict[str, Path]) -> None:
    assert set(hostile) == set(EXPECTED)
    assert set(corpus.small_case_names()) <= set(EXPECTED)


# The library scan ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", FILE_CASES)
def test_scan_lists_a_summary_or_an_error_row(case: str, hostile: dict[str, Path]) -> None:
    path, expected = hostile[case], EXPECTED[case]
    (row,) = scan_library([path])
    assert row.path == path
    assert not control_characters(row.title)
    if expected.error is not None:
        assert row.error is not None and SCAN_ERRORS.get(case, expected.error) in row.error
        assert row.date is None and row.title == path.name
        return
    assert row.error is None
    # The list reads only the file's head; its title and date match the reader's.
    article = read_article(path)
    assert (row.title, row.date) == (article.title, article.date)


def test_scan_of_the_whole_corpus_lists_each_file_once(hostile: dict[str, Path]) -> None:
    rows = list(scan_library([hostile["empty"].parent]))
    # The folder link back to the corpus is walked but adds nothing: every real file once.
    assert sorted(row.path for row in rows) == sorted(hostile[case] for case in FILE_CASES)
    assert all(not control_characters(row.title) for row in rows)
    newest = sorted(rows, key=lambda row: row.sort_key)[0]
    assert newest.path == hostile["future_date"]


def test_scan_through_the_symlink_loop_ends(hostile: dict[str, Path]) -> None:
    loop = hostile[corpus.SYMLINK_LOOP]
    rows = list(scan_library([loop]))
    # Entered through the link, the corpus is listed once, under the link's name.
    assert len(rows) == len(FILE_CASES)
    assert all(row.path.is_relative_to(loop) for row in rows)
    assert len({row.path.resolve() for row in rows if row.error is None}) == len(READABLE)


def test_unreadable_folder_is_an_error_row_and_the_rest_is_listed(
    hostile: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    links = hostile[corpus.DANGLING_SYMLINK].parent
    # Tests run as root, who reads any folder: refuse at the one call that meets the mode.
    real_scandir = os.scandir

    def scandir(path: str | Path) -> object:
        if Path(path) == links:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    rows = {row.path: row for row in scan_library([links.parent])}
    assert rows.pop(links).error == "permission denied"
    assert set(rows) == {hostile[case] for case in FILE_CASES if hostile[case].parent != links}


def test_unreadable_file_is_an_error_row_and_an_article_error(
    hostile: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = hostile["latin1"]
    # The OS refuses the file, whichever way it is opened: a summary reads its head with
    # os.open, the reader the whole file with Path.open.
    real_open, real_os_open = Path.open, os.open

    def refusing_open(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    def refusing_os_open(path: Any, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    monkeypatch.setattr(os, "open", refusing_os_open)
    (row,) = scan_library([locked])
    assert row.error == "cannot read file: Permission denied"
    with pytest.raises(ArticleError) as raised:
        read_article(locked)
    assert str(raised.value) == "cannot read file: Permission denied"


# The parser ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_parser_reads_the_text_or_says_why_not(case: str, hostile: dict[str, Path]) -> None:
    path, expected = hostile[case], EXPECTED[case]
    if expected.error is not None:
        with pytest.raises(ArticleError) as raised:
            read_article(path)
        assert expected.error in str(raised.value)
        return
    article = read_article(path)
    if expected.title is not None:
        assert article.title == expected.title
    assert (article.date.iso() if article.date else None) == expected.date
    if expected.paragraphs is not None:
        assert len(article.paragraphs) == expected.paragraphs
    for text in expected.contains:
        assert any(text in paragraph.text for paragraph in article.paragraphs), text


@pytest.mark.parametrize("case", READABLE)
def test_article_text_holds_no_control_characters(case: str, hostile: dict[str, Path]) -> None:
    # Not even tab or newline: paragraphs are joined lines, and ESC would start a sequence.
    texts = article_texts(read_article(hostile[case]))
    assert [control_characters(text) for text in texts] == [[] for _ in texts]


def test_generated_cases_have_their_sizes(hostile: dict[str, Path]) -> None:
    big = hostile[corpus.BIG_ARTICLE]
    assert big.stat().st_size > 3 * 1024 * 1024
    blocks = [b for b in big.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    assert len(read_article(big).paragraphs) == len(blocks)
    long = read_article(hostile[corpus.LONG_PARAGRAPH])
    assert len(long.paragraphs[1].text) == corpus.LONG_PARAGRAPH_CHARS


def test_markup_is_kept_literally(hostile: dict[str, Path]) -> None:
    text = " ".join(article_texts(read_article(hostile["markup"])))
    for markup in ("[bold]fett[/bold]", " [/] ", "[@click=app.quit]", "[link=https://x.invalid]"):
        assert markup in text


# Files that change between listing and opening ----------------------------------------------

ARTICLE = " date 2020-01 – Første versjon.\n"


def _delete(path: Path) -> None:
    path.unlink()


def _rewrite(path: Path) -> None:
    path.write_text(" date 2021-02 – Andre versjon.\n\nNytt avsnitt.\n", encoding="utf-8")


def _truncate(path: Path) -> None:
    path.write_bytes(b"")


def _make_binary(path: Path) -> None:
    path.write_bytes(bytes(range(32)) * 64)


def _make_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (_delete, "cannot read file: No such file or directory"),
        (_truncate, EMPTY),
        (_make_binary, "binary data, not a text file"),
        (_make_folder, "cannot read file: Is a directory"),
    ],
    ids=["deleted", "truncated", "now-binary", "now-a-folder"],
)
def test_file_broken_after_listing_gives_a_clear_error(
    tmp_path: Path, change: Callable[[Path], None], error: str
) -> None:
    path = tmp_path / "sak.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert read_summary(path).error is None
    change(path)
    with pytest.raises(ArticleError) as raised:
        read_article(path)
    assert str(raised.value) == error


def test_file_changed_after_listing_opens_with_the_new_content(tmp_path: Path) -> None:
    path = tmp_path / "sak.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert read_summary(path).title == "Første versjon."
    _rewrite(path)
    article = read_article(path)
    assert article.title == "Andre versjon."
    assert [p.text for p in article.paragraphs] == ["Andre versjon.", "Nytt avsnitt."]


# Hostile file names (the name is shown where the content gives no title) -------------------


def test_hostile_file_names_are_listed_printable(tmp_path: Path) -> None:
    names = corpus.write_hostile_names(tmp_path)
    rows = {row.path: row for row in scan_library([tmp_path])}
    assert rows[names[corpus.NAME_ESCAPES]].title == "navn]0;pwned[2J.txt"
    assert rows[names[corpus.NAME_NOT_UTF8]].title == "caf\ufffd.txt"
    untitled = rows[names[corpus.NAME_ESCAPES_TITLE]]
    assert untitled.error is None and untitled.title == "tittel[31m fra navnet"
    assert read_article(names[corpus.NAME_ESCAPES_TITLE]).title == untitled.title


# `tolk translate` ---------------------------------------------------------------------------


def translate_error(case: str) -> str | None:
    """What `tolk translate` says of a case: it lists its paths as the library does (so a bad
    link gets the library's words), then reads each file."""
    return SCAN_ERRORS.get(case, EXPECTED[case].error)


# The folder link is a folder: translate walks it like any folder (the scan's test covers it).
@pytest.mark.parametrize("case", FILE_CASES)
def test_translate_without_a_model_says_so_or_gives_the_files_error(
    case: str, hostile: dict[str, Path]
) -> None:
    path, error = hostile[case], translate_error(case)
    result = tolk("translate", str(path))
    assert result.returncode == 1
    assert result.stdout == b""
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    if error is None:
        assert stderr.startswith(NO_MODEL)
    else:
        assert stderr.startswith(f"tolk: error: {path}: ")
        assert error in stderr and len(stderr.splitlines()) == 1


@pytest.mark.parametrize("case", FILE_CASES)
def test_translate_gives_each_paragraph_its_english(
    case: str, hostile: dict[str, Path], installed_cipher_model: Path
) -> None:
    path, error = hostile[case], translate_error(case)
    result = tolk("translate", str(path))
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert b"\x1b" not in result.stdout
    if error is not None:
        assert result.returncode == 1
        assert stderr.startswith(f"tolk: error: {path}: ") and error in stderr
        return
    assert result.returncode == 0, stderr
    # The cipher model's English, paragraph for paragraph, character for character.
    paragraphs = [paragraph.text for paragraph in read_article(path).paragraphs]
    printed = result.stdout.decode().removesuffix("\n").split("\n\n")
    assert_english(zip(paragraphs, printed, strict=False))
    assert result.stdout.decode() == "\n\n".join(map(cipher_text, paragraphs)) + "\n"


# The reader ---------------------------------------------------------------------------------


def _squashed(text: str) -> str:
    """`text` without whitespace: wrapped text compares whatever the column width."""
    return "".join(text.split())


async def test_reader_opens_every_case_at_80x24(
    hostile: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = hostile["empty"].parent
    app = make_app(folder)
    open_times: dict[str, float] = {}
    async with asyncio.timeout(HANG_LIMIT_S - 10), app.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        shown = list(screen.sidebar.article_list.shown)
        assert len(shown) == len(FILE_CASES)
        assert shown[0].path == hostile["future_date"]  # newest first, even from the future
        for index, summary in enumerate(shown):
            started = time.perf_counter()
            await open_article(pilot, index)
            open_times[summary.path.name] = time.perf_counter() - started
            assert app.is_running
            lines = rendered_lines(screen.parallel_text)
            lines += rendered_lines(screen.sidebar.article_list)
            lines += rendered_lines(screen.query_one(ColumnTitles))
            lines.append(app.sub_title)
            assert [line for line in lines if control_characters(line)] == []
            # The reader's left column, each line without its cursor-mark cell.
            reader_lines = rendered_lines(screen.parallel_text)
            reader_text = _squashed(" ".join(columns(line)[0][1:] for line in reader_lines))
            if summary.error is not None:
                # The reason shows (its start, at least: 80 columns cut it short in both the
                # list's row and the reader's one-line message, after the file's full path).
                reason_start = " ".join(summary.error.split()[:2])
                assert reason_start in "\n".join(lines)
            elif summary.path == hostile["markup"]:
                article = read_article(summary.path)
                for paragraph in article.paragraphs:  # all three fit on screen at 80x24
                    assert _squashed(paragraph.text) in reader_text
            elif summary.path == hostile["escapes"]:
                assert _squashed("Tittel]0;hacked og [2J slutt.") in reader_text
        await pilot.press("end")  # the last paragraph of the last article opened draws too
        assert app.is_running
    slow = {name: f"{seconds:.2f} s" for name, seconds in open_times.items() if seconds > 2}
    with capsys.disabled():
        if slow:
            print(f"\nhostile corpus, articles slower than 2 s to open at 80x24: {slow}")


async def test_reader_shows_hostile_file_names_without_control_characters(
    tmp_path: Path,
) -> None:
    corpus.write_hostile_names(tmp_path)
    app = make_app(tmp_path)
    async with asyncio.timeout(HANG_LIMIT_S - 10), app.run_test(size=(80, 24)) as pilot:
        await wait_for_scan(pilot)
        screen = reader_screen(pilot)
        for index in range(len(screen.sidebar.article_list.shown)):
            await open_article(pilot, index)
            lines = rendered_lines(screen.parallel_text) + rendered_lines(
                screen.sidebar.article_list
            )
            assert [line for line in lines if control_characters(line)] == []
