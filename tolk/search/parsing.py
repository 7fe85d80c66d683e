"""What the index keeps of an article file, made from the file: its title and date, and each
paragraph's text beside the words the index holds for it (Snowball stems, see
`tolk.search.query`).

Reading, parsing and stemming are most of a build's work, all Python: a big build does them in
worker processes, one per core (`parsed_batches`), so they run beside the writing and beside
the reader's own thread instead of taking turns with both on one interpreter lock.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Generator, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from tolk.keywords.matching import WORD, WordStemmer, word_stemmer
from tolk.library.articles import ArticleError, read_article
from tolk.library.dates import ArticleDate
from tolk.search.query import STEMMER_LANGUAGE, Language

__all__ = ["IndexWords", "ParsedFile", "index_words_of", "parse_file", "parsed_batches"]

# A file to parse: its path and its (mtime_ns, size) when the walk saw it.
FileToParse = tuple[str, tuple[int, int]]
# The memo of index words is dropped when it grows past this, to bound memory.
_MEMO_LIMIT = 200_000
# How much more worker processes yield the cores than the reader does (`os.nice`): the build
# is background work.
_WORKER_NICENESS = 5
# Batches handed to each worker ahead of the writer: enough that none waits for work, few
# enough that parsed text does not pile up when the writer is the slower side.
_AHEAD_PER_WORKER = 2


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What the index keeps of one file. `paragraphs`: each paragraph's text and its index
    words (none for a file that could not be read; `error` says why)."""

    path: str
    stamp: tuple[int, int]
    title: str
    date: ArticleDate | None
    error: str | None
    paragraphs: tuple[tuple[str, str], ...]


class IndexWords:
    """A text's words as the index holds them, in one language: `index_words` of their stems.

    The same words as `index_words(word_stemmer(language).stems(text))`, made faster for a
    build, which meets a library's few distinct words millions of times: each word's index form
    is memoized, and looked up for a whole paragraph in one pass outside Python bytecode.
    """

    def __init__(self, language: str) -> None:
        self._stemmer: WordStemmer = word_stemmer(language)
        self._memo: dict[str, str] = {}

    def of(self, text: str) -> str:
        """The index words of `text`, separated by spaces."""
        words = WORD.findall(text)
        memo = self._memo
        found = list(map(memo.get, words))
        if None in found:
            found = [
                word if word is not None else self._add(w)
                for word, w in zip(found, words, strict=True)
            ]
        return " ".join(found)  # type: ignore[arg-type]  # no None is left

    def _add(self, word: str) -> str:
        # As `index_words` does to the joined stems: FTS5 splits on apostrophes.
        indexed = self._stemmer.stem(word).replace("'", "").replace("’", "")
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo = {}
        self._memo[word] = indexed
        return indexed


_INDEX_WORDS: dict[Language, IndexWords] = {}


def index_words_of(text: str, language: Language) -> str:
    """The index words of `text` in `language` (one memo per language, per process)."""
    words = _INDEX_WORDS.get(language)
    if words is None:
        words = _INDEX_WORDS[language] = IndexWords(STEMMER_LANGUAGE[language])
    return words.of(text)


def parse_file(path: str, stamp: tuple[int, int]) -> ParsedFile:
    """Read and parse the file at `path` (`stamp`: its mtime and size, as the walk saw them).
    A file that cannot be read is kept without paragraphs, so it is not read again each time."""
    try:
        article = read_article(Path(path))
    except ArticleError as error:
        return ParsedFile(path, stamp, Path(path).name, None, str(error), ())
    paragraphs = tuple((p.text, index_words_of(p.text, "nb")) for p in article.paragraphs)
    return ParsedFile(path, stamp, article.title, article.date, None, paragraphs)


def parse_batch(files: Sequence[FileToParse]) -> list[ParsedFile]:
    """`parse_file` of each of `files` (a worker process's task)."""
    return [parse_file(path, stamp) for path, stamp in files]


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


def parsed_batches(
    batches: Iterable[Sequence[FileToParse]], processes: int
) -> Generator[list[ParsedFile], None, None]:
    """Each batch parsed, in order: in `processes` worker processes, or here where that is 0
    (or starting them fails: the rest is parsed here then). Closing the iterator early stops
    the workers after their current batch."""
    pending = iter(batches)
    if processes <= 0:
        yield from map(parse_batch, pending)
        return
    # Started afresh ("spawn"), never forked: a fork of the reader would copy its threads'
    # locks in whatever state they are, and a worker could hang on one.
    context = multiprocessing.get_context("spawn")
    try:
        pool = ProcessPoolExecutor(processes, mp_context=context, initializer=_start_worker)
    except OSError:
        yield from map(parse_batch, pending)
        return
    # Batches handed out and not yet given back, oldest first, each with its worker's answer.
    ahead: list[tuple[Sequence[FileToParse], Future[list[ParsedFile]] | None]] = []
    try:
        for batch in pending:
            ahead.append((batch, None))
            ahead[-1] = (batch, pool.submit(parse_batch, batch))
            if len(ahead) >= processes * _AHEAD_PER_WORKER:
                yield _oldest(ahead)
        while ahead:
            yield _oldest(ahead)
    except (BrokenProcessPool, OSError):
        # A worker died or could not start (out of memory, process limits): parse the rest here.
        yield from map(parse_batch, [batch for batch, _ in ahead])
        yield from map(parse_batch, pending)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _oldest(
    ahead: list[tuple[Sequence[FileToParse], Future[list[ParsedFile]] | None]],
) -> list[ParsedFile]:
    """The oldest batch's answer, taken off `ahead` once it is there (left on if it fails)."""
    future = ahead[0][1]
    assert future is not None
    parsed = future.result()
    ahead.pop(0)
    return parsed


def _start_worker() -> None:
    """A worker's start: behind the reader for the cores."""
    with contextlib.suppress(OSError):  # not allowed here: it runs at the reader's priority
        os.nice(_WORKER_NICENESS)
