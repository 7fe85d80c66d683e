"""The article format and its parser.

A plain-text article (the seeds' format) starts with ` date YYYY-MM – ` on line 1, the first
paragraph continuing after the dash; paragraphs are separated by blank lines; a short line without
end punctuation is a subheading. There is no title line: the title is the first sentence,
shortened at a word boundary. A `.md` article may give its title as a `# ` heading and its
subheadings as `##` headings. An article fetched from a feed ends with a trailer block naming
its source URL and feed (`tolk/library/source.py`), which is never read as a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from tolk.library.dates import ArticleDate, parse_article_date
from tolk.library.file_heads import NotRegularFileError, read_head, read_heads, read_whole
from tolk.library.source import ArticleSource, split_trailer
from tolk.text import UndecodableError, clean_text, decode_bytes, printable

TITLE_MAX_CHARS = 80
# The list shows title and date only, so the library reads no more than this of each file.
SUMMARY_HEAD_BYTES = 4096
# How a reason given for a file that could not be read at all (not one that could not be
# parsed) begins: a cache of summaries does not keep those, as the next try may succeed.
READ_FAILURE = "cannot read file: "
_HEADING_MAX_CHARS = 70
_END_PUNCTUATION = tuple(".!?…:;,»\"'”)")
# `date 2019-12 – text`, `date: 2020-01-08`, `Date: 8. januar 2020 - text`
_DATE_LINE = re.compile(r"^\s*date\s*:?\s+(?P<rest>.*)$", re.IGNORECASE)
# The dash may end the block: a file holding only its date line.
_DATE_SEPARATOR = re.compile(r"\s+[–—-](?:\s+|$)")
# The title's first sentence is looked for in this much of the first paragraph: enough that
# every boundary the title can reach is judged with its context, little enough that a scan of
# 100,000 files (or a 200,000-character paragraph) pays nothing for it.
_TITLE_CONTEXT_CHARS = 4 * TITLE_MAX_CHARS
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BLANK_LINES = re.compile(r"\n\s*\n")


class ArticleError(Exception):
    """An article file could not be read or parsed; the message says why, for the user."""


class ParagraphKind(Enum):
    """What a paragraph is: running text or a subheading."""

    BODY = "body"
    HEADING = "heading"


class Paragraph(NamedTuple):
    """One paragraph of an article, as clean text."""

    text: str
    kind: ParagraphKind = ParagraphKind.BODY


@dataclass(frozen=True)
class Article:
    """A fully parsed article."""

    path: Path
    title: str
    date: ArticleDate | None
    paragraphs: tuple[Paragraph, ...] = field(default=())
    # Where a fetched article came from (its trailer); None for any other file.
    source: ArticleSource | None = None


class ArticleSummary(NamedTuple):
    """What the library list needs of an article; `error` is set when the file is unreadable.
    (A named tuple: a library of 100,000 holds 100,000 of these, made as fast as a tuple.)"""

    path: Path
    title: str
    date: ArticleDate | None
    error: str | None = None

    @property
    def sort_key(self) -> tuple[int, tuple[int, int, int], str]:
        """Newest first, undated (and unreadable) last, then by path for a stable order."""
        if self.date is None:
            return (1, (0, 0, 0), str(self.path))
        d = self.date
        return (0, (-d.year, -d.month, -d.day), str(self.path))


def read_article(path: Path) -> Article:
    """Read and fully parse the article at `path`; raises ArticleError with a readable reason."""
    try:
        data = read_whole(path)
    except NotRegularFileError as error:  # what it is, not a passing failure to read
        raise ArticleError(str(error)) from error
    except OSError as error:
        raise ArticleError(_os_reason(error)) from error
    return parse_article(path, data)


def read_summary(path: Path, size: int | None = None) -> ArticleSummary:
    """Read only the head of `path`: enough for the title and date (`size`: what `stat` said,
    if known: it saves a read). Never raises."""
    try:
        head = read_head(path, SUMMARY_HEAD_BYTES, size)
    except OSError as error:
        return _unreadable(path, error)
    return summarize(path, *head)


def read_summaries(files: Sequence[tuple[Path, int | None]]) -> list[ArticleSummary]:
    """`read_summary` of each of `files` (path, size), the batch asked of the disk at once."""
    return [
        _unreadable(path, head) if isinstance(head, OSError) else summarize(path, *head)
        for (path, _size), head in zip(files, read_heads(files, SUMMARY_HEAD_BYTES), strict=True)
    ]


# What a worker process makes of a file (`summarize_batch`): title, date (year, month, day,
# precision) and error, plain data that pickles fast.
Summarized = tuple[str, tuple[int, int, int, int] | None, str | None]


def summarize_batch(files: list[tuple[str, int | None]]) -> list[Summarized]:
    """`read_summaries` of files named by text, as plain data (run in a worker process by
    `tolk.workers`, for a first scan of a big library)."""
    summaries = read_summaries([(Path(text), size) for text, size in files])
    return [
        (
            summary.title,
            None if (d := summary.date) is None else (d.year, d.month, d.day, int(d.precision)),
            summary.error,
        )
        for summary in summaries
    ]


def summarize(path: Path, head: bytes, complete: bool) -> ArticleSummary:
    """The summary of a file from its head (`complete`: the head is the whole file). Parses
    only as far as the title: the summary is what `parse_article` would say of the head."""
    try:
        title, date, _paragraphs, _source = _parts(path, head, complete, until_title=True)
    except ArticleError as error:
        return ArticleSummary(path, printable(path.name), None, str(error))
    return ArticleSummary(path, title, date)


def _unreadable(path: Path, error: OSError) -> ArticleSummary:
    return ArticleSummary(path, printable(path.name), None, _os_reason(error))


def parse_article(path: Path, data: bytes, *, complete: bool = True) -> Article:
    """Parse an article's bytes. `complete=False` means `data` is only the file's head."""
    return _parse(path, data, complete=complete, until_title=False)


def _parse(path: Path, data: bytes, *, complete: bool, until_title: bool) -> Article:
    title, date, paragraphs, source = _parts(path, data, complete, until_title)
    return Article(path, title, date, tuple(paragraphs), source)


def _parts(
    path: Path, data: bytes, complete: bool, until_title: bool
) -> tuple[str, ArticleDate | None, list[Paragraph], ArticleSource | None]:
    """What `_parse` makes an `Article` of (a summary needs no `Article`: 100,000 of them cost
    a cold scan 4% of its time)."""
    try:
        text = clean_text(decode_bytes(data, complete=complete))
    except UndecodableError as error:
        raise ArticleError(str(error)) from error
    except UnicodeDecodeError as error:
        raise ArticleError(f"not valid {error.encoding} text") from error
    is_markdown = path.suffix.lower() in (".md", ".markdown")
    text, source = split_trailer(text)
    title, date, paragraphs = _parse_text(text, is_markdown, until_title)
    if not paragraphs and title is None:
        raise ArticleError(
            "no text after the date line" if date is not None else "empty file: no text"
        )
    if title is None:
        title = _title_from(paragraphs) or printable(path.stem)
    return title, date, paragraphs, source


def _parse_text(
    text: str, is_markdown: bool, until_title: bool
) -> tuple[str | None, ArticleDate | None, list[Paragraph]]:
    """Title (a Markdown `# ` heading), date and paragraphs. `until_title`: stop at the first
    body paragraph. The rest cannot change the title (a `# ` heading counts only before any
    paragraph, and the title is otherwise the first body paragraph's first sentence) or the
    date (read only before the first paragraph), so a summary needs no more."""
    title: str | None = None
    date: ArticleDate | None = None
    paragraphs: list[Paragraph] = []
    for index, block in enumerate(_blocks(text)):
        if index == 0 or (date is None and len(paragraphs) == 0):
            found_date, rest = _split_date_line(block)
            if found_date is not None or rest != block:
                date = found_date
                block = rest
                if not block:
                    continue
                paragraphs.append(Paragraph(block))
                if until_title:
                    break
                continue
        heading = _MD_HEADING.match(block) if is_markdown else None
        if heading:
            if len(heading[1]) == 1 and title is None and not paragraphs:
                title = heading[2].strip()
            else:
                paragraphs.append(Paragraph(heading[2].strip(), ParagraphKind.HEADING))
            continue
        kind = ParagraphKind.HEADING if paragraphs and _is_subheading(block) else ParagraphKind.BODY
        paragraphs.append(Paragraph(block, kind))
        if until_title and kind is ParagraphKind.BODY:
            break
    return title, date, paragraphs


def _blocks(text: str) -> Iterator[str]:
    """Paragraphs: runs of non-blank lines, joined with single spaces (found as they are
    asked for, so a summary looks no further than its title)."""
    start = 0
    for separator in _BLANK_LINES.finditer(text):
        block = _block(text[start : separator.start()])
        if block:
            yield block
        start = separator.end()
    block = _block(text[start:])
    if block:
        yield block


def _block(raw: str) -> str:
    return " ".join(line for line in (line.strip() for line in raw.split("\n")) if line)


def _split_date_line(block: str) -> tuple[ArticleDate | None, str]:
    """Take a leading `date …` off the first block; returns (date, the rest of the block)."""
    match = _DATE_LINE.match(block)
    if not match:
        return None, block
    rest = match["rest"]
    separator = _DATE_SEPARATOR.search(rest)
    if separator:
        date_text, body = rest[: separator.start()], rest[separator.end() :]
    else:
        date_text, body = rest, ""
    date = parse_article_date(date_text)
    if date is None and separator is None:
        # "date" was the first word of ordinary prose (or a bad date with nothing else): keep it.
        return None, block
    return date, body.strip()


def _is_subheading(block: str) -> bool:
    return len(block) <= _HEADING_MAX_CHARS and not block.endswith(_END_PUNCTUATION)


def _title_from(paragraphs: list[Paragraph]) -> str | None:
    body = next((p.text for p in paragraphs if p.kind is ParagraphKind.BODY), None)
    if body is None:
        body = next((p.text for p in paragraphs), None)
    if body is None:
        return None
    body = body.lstrip("–—- ").strip()
    # The reader's own splitter: "Filmen av J.J. Abrams." is one sentence in the list too.
    # (Imported here: a start that lists the library from its index does without it.)
    from translation.sentences import first_sentence

    sentence = first_sentence(body[:_TITLE_CONTEXT_CHARS])
    return shorten(sentence or body, TITLE_MAX_CHARS)


def shorten(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters at a word boundary, marking the cut with `…`."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"


def _os_reason(error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    return f"{READ_FAILURE}{reason}"
