"""What the index keeps of an article file, made from the file: its title and date, and each
paragraph's text beside the words the index holds for it (Snowball stems, see
`tolk.search.query`).

Reading, parsing and stemming are most of a build's work, all Python: a big build does them in
worker processes (`tolk.workers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from tolk.keywords.matching import WORD, WordStemmer, word_stemmer
from tolk.library.articles import ArticleError, read_article
from tolk.library.dates import ArticleDate
from tolk.search.query import STEMMER_LANGUAGE, Language

__all__ = ["FileToParse", "IndexWords", "ParsedFile", "index_words_of", "parse_batch", "parse_file"]

# A file to parse: its path and its (mtime_ns, size) when the walk saw it.
FileToParse = tuple[str, tuple[int, int]]
# The memo of index words is dropped when it grows past this, to bound memory.
_MEMO_LIMIT = 200_000


class ParsedFile(NamedTuple):
    """What the index keeps of one file. `paragraphs`: each paragraph's text and its index
    words (none for a file that could not be read; `error` says why). A named tuple: a worker
    process sends thousands of these a second, and a tuple is the cheapest thing to unpickle."""

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
