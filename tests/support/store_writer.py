"""Helper for tests/userdata/test_store.py: one "tolk instance" bookmarking every paragraph of
the given articles in the shared database, starting when told on stdin (so two run at once)."""

from __future__ import annotations

import sys
from pathlib import Path

from tolk.library.articles import read_article
from tolk.userdata.store import open_store


def main(database: str, *article_paths: str) -> int:
    opened = open_store(Path(database))
    if opened.store is None:
        print(f"no store: {opened.message}", flush=True)
        return 1
    articles = [read_article(Path(path)) for path in article_paths]
    print("ready", flush=True)
    sys.stdin.readline()
    count = 0
    with opened.store as store:
        for article in articles:
            for index in range(len(article.paragraphs)):
                if store.toggle_bookmark(article, index) is None:
                    print(f"unexpected removal at {article.path} {index}", flush=True)
                    return 1
                count += 1
    print(f"done {count}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
