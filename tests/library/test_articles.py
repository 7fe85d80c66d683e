"""The article parser: the seeds' format, dates at their precision, encodings, bad input."""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS, seed_paragraph_count
from tolk.library.articles import (
    ArticleError,
    ParagraphKind,
    parse_article,
    read_article,
    read_summary,
    shorten,
    summarize,
)
from tolk.library.dates import Precision, parse_article_date
from tolk.text import _looks_binary as looks_binary

SEED_FILES = sorted(SEEDS.glob("*.txt"))


# SHA-256 of the seed files as delivered in ../shared/seeds: they are copied verbatim.
SEED_DIGESTS = {
    "000_4a397d34e890302c.txt": "476674209a204ddba0c49435598bc7c91a979cdb523446b6e1f19e2f50cad02e",
    "003_af9304a0a01167de.txt": "6c4de0b64504088037324c81ccbb0de375d6c7287dd4f38179cd3ad4153a0515",
}


def test_seeds_are_the_shared_originals() -> None:
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEED_FILES} == SEED_DIGESTS


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_seed_paragraphs_match_the_file(path: Path) -> None:
    article = read_article(path)
    assert len(article.paragraphs) == seed_paragraph_count(path)
    assert article.paragraphs[0].kind is ParagraphKind.BODY
    assert not article.paragraphs[0].text.startswith("date")


def test_seed_dates_keep_month_precision() -> None:
    dates = {p.name: read_article(p).date for p in SEED_FILES}
    first, second = (dates[p.name] for p in SEED_FILES)
    assert first is not None and second is not None
    assert (first.year, first.month, first.precision) == (2019, 12, Precision.MONTH)
    assert (second.year, second.month, second.precision) == (2020, 1, Precision.MONTH)
    # Shown as a month, with no day invented from today's date.
    assert str(first) == "Dec 2019"
    assert first.iso() == "2019-12"


def test_subheadings_are_headings() -> None:
    article = read_article(SEEDS / "000_4a397d34e890302c.txt")
    headings = [p.text for p in article.paragraphs if p.kind is ParagraphKind.HEADING]
    assert headings == ["Politisk koordinering", "Har ikke fått Sahel-spørsmål", "Bruker mer"]


def test_title_is_the_first_sentence_cut_at_a_word() -> None:
    article = read_article(SEEDS / "003_af9304a0a01167de.txt")
    assert article.title.startswith("Vi må først ha en prosess i Nato")
    assert article.title.endswith("…")
    assert len(article.title) <= 80
    body = article.title.removesuffix("…")
    assert article.paragraphs[0].text.startswith(body)
    assert article.paragraphs[0].text[len(body)] == " "  # cut at a word boundary


@pytest.mark.parametrize(
    ("first_paragraph", "title"),
    [
        ("Filmen er laget av J.J. Abrams. Den er lang.", "Filmen er laget av J.J. Abrams."),
        (
            "Mr. Bean møter bl.a. Ap i «Hvem er du?» (2019). Så går han.",
            "Mr. Bean møter bl.a. Ap i «Hvem er du?» (2019).",
        ),
        ("Kort. Lengre setning her.", "Kort."),
    ],
)
def test_title_is_cut_where_the_reader_splits_sentences(
    tmp_path: Path, first_paragraph: str, title: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f" date 2021-03-04 – {first_paragraph}\n\nAndre avsnitt.\n")
    assert read_article(path).title == title
    assert read_summary(path).title == title


def test_short_first_sentence_is_the_whole_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(" date 2021-03-04 – Kort setning. Mer tekst her.\n\nAndre avsnitt.\n")
    article = read_article(path)
    assert article.title == "Kort setning."
    assert article.date is not None and article.date.precision is Precision.DAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-12", ("2019-12", Precision.MONTH)),
        ("2020-01-08", ("2020-01-08", Precision.DAY)),
        ("8. januar 2020", ("2020-01-08", Precision.DAY)),
        ("17. mai 2021", ("2021-05-17", Precision.DAY)),
        ("desember 2019", ("2019-12", Precision.MONTH)),
        ("2018", ("2018", Precision.YEAR)),
    ],
)
def test_date_forms(text: str, expected: tuple[str, Precision]) -> None:
    date = parse_article_date(text)
    assert date is not None
    assert (date.iso(), date.precision) == expected


@pytest.mark.parametrize("text", ["2019-13", "banana", "2019-02-30", "8. januar", ""])
def test_bad_dates_are_none(text: str) -> None:
    assert parse_article_date(text) is None


def test_date_colon_form_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text("date: 2020-01-08\n\nFørste avsnitt her.\n\nAndre avsnitt.\n")
    article = read_article(path)
    assert article.date is not None and article.date.iso() == "2020-01-08"
    assert [p.text for p in article.paragraphs] == ["Første avsnitt her.", "Andre avsnitt."]


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_text("# Nato møtes i London\n\ndate: 2019-12-03\n\nTekst.\n\n## Bakgrunn\n\nMer.\n")
    article = read_article(path)
    assert article.title == "Nato møtes i London"
    assert article.date is not None and article.date.iso() == "2019-12-03"
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        (ParagraphKind.BODY, "Tekst."),
        (ParagraphKind.HEADING, "Bakgrunn"),
        (ParagraphKind.BODY, "Mer."),
    ]


TEXT = " date 2020-01 – Første avsnitt om æøå og «sitat».\r\n\r\nAndre avsnitt.\r\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("cp1252"),
        TEXT.replace("–", "-").encode("latin-1"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252", "latin1"],
)
def test_encodings_and_crlf(encoded: bytes) -> None:
    article = parse_article(Path("x.txt"), encoded)
    assert article.paragraphs[0].text.startswith("Første avsnitt om æøå")
    assert article.paragraphs[1].text == "Andre avsnitt."
    assert all("\r" not in p.text for p in article.paragraphs)


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"  \n\n \t\n", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary")],
)
def test_unreadable_files_raise_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ArticleError, match=reason):
        parse_article(Path("bad.txt"), data)


def test_control_characters_never_survive() -> None:
    data = " date 2020-01 – Tittel \x1b[2J her \x1b]0;hacked\x07 og \x00NUL \x9b.\n".encode()
    article = parse_article(Path("x.txt"), data)
    text = article.paragraphs[0].text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert "[2J" in text  # the harmless rest is kept as text


def test_summary_reads_only_the_head(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(
        " date 2020-01 – Første setning her. Mer.\n\n" + ("Avsnitt. " * 20 + "\n\n") * 2000
    )
    summary = read_summary(path)
    assert summary.error is None
    assert summary.title == "Første setning her."
    assert summary.date is not None and summary.date.iso() == "2020-01"


def test_summary_of_unreadable_file_is_an_error_row(tmp_path: Path) -> None:
    summary = read_summary(tmp_path / "missing.txt")
    assert summary.error is not None and "cannot read" in summary.error


def test_shorten_at_word_boundary() -> None:
    assert shorten("kort", 10) == "kort"
    cut = shorten("ett to tre fire fem seks sju åtte ni ti", 20)
    assert len(cut) <= 20 and cut.endswith("…") and "ett to tre fire" in cut


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_parser_never_raises_unexpectedly_on_bytes(data: bytes) -> None:
    with contextlib.suppress(ArticleError):
        parse_article(Path("x.txt"), data)


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåABCÆØÅ0123456789«»", min_size=1, max_size=12)
LINE = st.lists(WORD, min_size=1, max_size=12).map(" ".join)
PARAGRAPH = st.lists(LINE, min_size=1, max_size=3).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=8), st.sampled_from(["", ".", "!"]))
def test_paragraphs_keep_every_word(paragraphs: list[str], end: str) -> None:
    text = "\n\n".join(p + end for p in paragraphs)
    article = parse_article(Path("x.txt"), text.encode())
    assert [w for p in article.paragraphs for w in p.text.split()] == text.split()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_parser_never_raises_on_text(text: str) -> None:
    with contextlib.suppress(ArticleError):
        parse_article(Path("x.md"), text.encode("utf-8", "surrogatepass"))


# A summary parses only as far as the title: it must say what the whole parse says. Blocks are
# drawn from what moves the title and date: date lines (good and bad), Markdown headings,
# short lines without end punctuation (subheadings), dashes, long sentences, blank lines.
SUMMARY_BLOCK = st.one_of(
    st.sampled_from(
        [
            " date 2019-12 – Første setning. Andre setning.",
            "date: 2020-01-08",
            "Date: 8. januar 2020 - Ny sak",
            "date 2021-13 – ugyldig dato",
            "date i dag",
            "# Tittel",
            "## Underoverskrift",
            "Kort linje",
            "– Sitat, sa han.",
            "–",
            "source: https://www.nrk.no/sak-1.2\nfeed: NRK",
            "",
        ]
    ),
    PARAGRAPH,
    st.lists(WORD, min_size=15, max_size=40).map(" ".join).map(lambda text: text + "."),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(SUMMARY_BLOCK, max_size=6),
    st.sampled_from(["\n\n", "\n \n", "\r\n\r\n"]),
    st.sampled_from(["x.txt", "x.md"]),
    st.booleans(),
)
def test_summary_says_what_the_whole_parse_says(
    blocks: list[str], separator: str, name: str, complete: bool
) -> None:
    data = separator.join(blocks).encode("utf-8")
    path = Path(name)
    try:
        article = parse_article(path, data, complete=complete)
    except ArticleError as error:
        expected = (path.name, None, str(error))
    else:
        expected = (article.title, article.date, None)
    summary = summarize(path, data, complete)
    assert (summary.title, summary.date, summary.error) == expected


def count_controls(data: bytes) -> int:
    """The control bytes that make a file look binary, counted one by one."""
    return sum(1 for b in data[:4096] if b < 32 and b not in (9, 10, 12, 13, 27))


# Each byte on either side of the line between text and control, so that runs of any one of
# them cross the threshold.
EDGE_BYTES = st.sampled_from([0, 8, 9, 10, 11, 12, 13, 14, 26, 27, 31, 32, 65, 127, 200])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(EDGE_BYTES, st.integers(1, 600)), max_size=12))
def test_binary_check_counts_control_bytes(runs: list[tuple[int, int]]) -> None:
    data = b"".join(bytes([byte]) * length for byte, length in runs)
    sample = data[:4096]
    assert looks_binary(data) == (count_controls(data) > max(0.05 * len(sample), 8))
