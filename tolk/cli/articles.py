"""Reading the articles a command was given, reporting unreadable ones the CLI's way."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from tolk.articles import Article, ArticleError, read_article
from tolk.config import Config, load_config
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


def cli_config() -> Config:
    """The user's config; each problem with config.toml is one `tolk: warning:` line."""
    loaded = load_config()
    for warning in loaded.warnings:
        print(f"tolk: warning: {warning}", file=sys.stderr)
    return loaded.config
