"""The article library: which files are articles, found by walking the user's paths."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tolk.library.articles import ArticleSummary, read_summary
from tolk.library.file_heads import not_regular, special_file
from tolk.text import printable

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown"})


def find_article_files(
    roots: Iterable[Path], *, on_error: Callable[[ArticleSummary], None]
) -> Iterator[Path]:
    """Yield article files under `roots` (files are taken as given, folders walked recursively).

    Symlinks are followed, but each real folder is entered once, so a symlink loop cannot hang
    the walk. Problems (a missing path, a dangling link, a folder that cannot be read, a named
    pipe, device or socket with an article's name) are reported through `on_error` as error
    rows, never raised.
    """
    for path, _info in find_article_stats(roots, on_error=on_error):
        yield path


def find_article_stats(
    roots: Iterable[Path], *, on_error: Callable[[ArticleSummary], None]
) -> Iterator[tuple[Path, os.stat_result]]:
    """`find_article_files`, each file with the `stat` the walk made of it anyway (size and
    modification time, for telling a changed file from an unchanged one)."""
    for text, info in find_article_entries(roots, on_error=on_error):
        yield Path(text), info


def find_article_entries(
    roots: Iterable[Path], *, on_error: Callable[[ArticleSummary], None]
) -> Iterator[tuple[str, os.stat_result]]:
    """`find_article_stats` with each file named by text (`str(path)`): a walk that only
    compares stamps with an index makes no `Path` for the 100,000 files it finds unchanged."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    for root in roots:
        try:
            info = root.stat()
        except OSError as error:
            on_error(_error_row(root, error))
            continue
        if root.is_dir():
            yield from _walk(str(root), seen_dirs, seen_files, on_error)
        elif (kind := special_file(info.st_mode)) is not None:
            on_error(_error_row(root, not_regular(kind)))
        elif _first_visit(info, seen_files):
            yield str(root), info


def _walk(
    folder: str,
    seen_dirs: set[tuple[int, int]],
    seen_files: set[tuple[int, int]],
    on_error: Callable[[ArticleSummary], None],
) -> Iterator[tuple[str, os.stat_result]]:
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            if not _first_visit(os.stat(current), seen_dirs):
                continue
            with os.scandir(current) as entries:
                children = sorted(entries, key=lambda entry: entry.name)
        except OSError as error:
            on_error(_error_row(Path(current), error))
            continue
        subfolders = []
        # Named as `str(Path(...))` would name them: "./a" is "a".
        here = current != "."
        for entry in children:
            name = entry.name
            if name.startswith("."):
                continue
            path = entry.path if here else name
            try:
                if entry.is_dir():
                    subfolders.append(path)
                    continue
                if _suffix(name) not in ARTICLE_SUFFIXES:
                    continue
                info = entry.stat()
            except OSError as error:
                on_error(_error_row(Path(path), error))
                continue
            if (kind := special_file(info.st_mode)) is not None:
                # Never opened: a named pipe would hold up whoever reads it until a writer came.
                on_error(_error_row(Path(path), not_regular(kind)))
                continue
            if _first_visit(info, seen_files):
                yield path, info
        stack.extend(reversed(subfolders))


def _suffix(name: str) -> str:
    """`Path(name).suffix.lower()`, without making the Path."""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def scan_library(
    roots: Iterable[Path], *, cancelled: Callable[[], bool] = lambda: False
) -> Iterator[ArticleSummary]:
    """Yield a summary (title, date, or error) for every article under `roots`, as found."""
    errors: list[ArticleSummary] = []
    for path in find_article_files(roots, on_error=errors.append):
        yield from errors
        errors.clear()
        if cancelled():
            return
        yield read_summary(path)
    yield from errors


def _first_visit(info: os.stat_result, seen: set[tuple[int, int]]) -> bool:
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _error_row(path: Path, error: OSError) -> ArticleSummary:
    if isinstance(error, FileNotFoundError) and path.is_symlink():
        reason = "dangling symlink: its target does not exist"
    elif isinstance(error, FileNotFoundError):
        reason = "no such file or folder"
    elif isinstance(error, PermissionError):
        reason = "permission denied"
    elif error.errno == errno.ELOOP:
        reason = "symlink loop"
    else:
        reason = error.strerror or str(error) or type(error).__name__
    return ArticleSummary(path, printable(path.name), None, reason)


def is_under(path: Path, roots: Iterable[Path]) -> bool:
    """Whether `path` is one of `roots` or inside one of them (compared as absolute paths, as
    the user store names files)."""
    target = Path(os.path.abspath(path))
    for root in roots:
        absolute = Path(os.path.abspath(root))
        if target == absolute or target.is_relative_to(absolute):
            return True
    return False
