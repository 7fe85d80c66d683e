"""Reading the articles a command was given, reporting unreadable ones the CLI's way."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from tolk.config import Config, load_config
from tolk.library.articles import Article, ArticleError, ArticleSummary, read_article
from tolk.library.files import find_article_files
from tolk.text import printable


def read_articles(paths: Iterable[Path]) -> tuple[list[Article], bool]:
    """The readable articles, and whether any path failed (each failure is one
    `tolk: error:` line on stderr, so the others still go through)."""
    articles: list[Article] = []
    failed = False
    for path in paths:
        try:
            articles.append(read_article(path))
        except ArticleError as error:
            print(f"tolk: error: {printable(str(path))}: {error}", file=sys.stderr)
            failed = True
    return articles, failed


def read_articles_under(paths: Iterable[Path]) -> tuple[list[Article], bool]:
    """`read_articles` of the article files under `paths` (files as given, folders walked);
    a path that cannot be walked is one more `tolk: error:` line. When nothing failed and no
    article was found, says so."""
    failed = False

    def unreadable(row: ArticleSummary) -> None:
        nonlocal failed
        failed = True
        print(f"tolk: error: {printable(str(row.path))}: {row.error}", file=sys.stderr)

    articles, unread = read_articles(list(find_article_files(paths, on_error=unreadable)))
    failed = failed or unread
    if not articles and not failed:
        print("tolk: error: no articles (.txt, .md) under the given paths", file=sys.stderr)
    return articles, failed


def names_one_file(paths: Sequence[Path]) -> bool:
    """Whether the command was given one file (not a folder): its JSON is then that article's
    document; folders or several files give a list, however many articles they hold, so a
    script gets the same shape whatever a folder holds."""
    return len(paths) == 1 and not paths[0].is_dir()


def cli_config() -> Config:
    """The user's config; each problem with config.toml is one `tolk: warning:` line."""
    loaded = load_config()
    for warning in loaded.warnings:
        print(f"tolk: warning: {printable(warning)}", file=sys.stderr)
    return loaded.config
