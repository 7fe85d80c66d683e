"""The language of each article: Bokmål, Nynorsk or another told by its text; from the head of
the file the same as from the whole article; kept per file in the cache and told again only
when the file changes."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import SEEDS
from tests.support.news_library import NYNORSK, write_news_library
from tolk.library.articles import read_article
from tolk.library.language import (
    UNDETERMINED,
    article_language,
    language_name,
    language_sample,
    marked,
    tell_language,
)
from tolk.library.languages import LanguageCache
from tolk.paths import cache_database


def test_articles_are_told_bokmal_nynorsk_or_other(tmp_path: Path) -> None:
    library = write_news_library(tmp_path)
    told = {title: article_language(read_article(path)) for title, path in library.items()}
    nynorsk = {title for _, title, _ in NYNORSK}
    assert {t for t, code in told.items() if code == "nn"} == nynorsk
    assert sorted(told.values()).count("nb") == 3 and "da" in told.values()
    for seed in SEEDS.glob("*.txt"):
        assert article_language(read_article(seed)) == "nb"


def test_too_little_text_is_not_told() -> None:
    assert tell_language(language_sample(["Kort."])) == UNDETERMINED
    assert not marked(UNDETERMINED) and not marked("nb") and marked("nn") and marked("da")
    assert language_name("nn") == "Nynorsk" and language_name("xx") == "xx"


def test_the_head_tells_what_the_whole_article_does(tmp_path: Path) -> None:
    # Longer than the 4 KB head: the list tells it from the head, the reader from all of it.
    paragraphs = [p for _, _, ps in NYNORSK for p in ps] * 10
    path = tmp_path / "long.txt"
    path.write_text(" date 2024-01-01 – " + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert path.stat().st_size > 4096
    cache = LanguageCache(cache_database())
    files = [path, *sorted(SEEDS.glob("*.txt"))]
    told = dict(cache.languages(files))
    cache.close()
    assert told == {file: article_language(read_article(file)) for file in files}
    assert told[path] == "nn"


def test_a_file_is_told_once_until_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    bokmal = " date 2024-01-01 – " + "\n\n".join(
        ["Regjeringen vil bruke mer penger på jernbanen de neste årene, sier ministeren."] * 4
    )
    nynorsk = " date 2024-01-01 – " + "\n\n".join(
        ["Regjeringa vil bruke meir pengar på jernbana dei neste åra, seier ministeren."] * 4
    )
    width = max(len(bokmal.encode()), len(nynorsk.encode()))
    path.write_bytes(bokmal.encode().ljust(width))
    stamp = path.stat().st_mtime_ns
    with_cache = LanguageCache(cache_database())
    assert list(with_cache.languages([path])) == [(path, "nb")]

    # Same size, same time: the cached answer stands, the file is not read again.
    path.write_bytes(nynorsk.encode().ljust(width))
    os.utime(path, ns=(stamp, stamp))
    assert list(with_cache.languages([path])) == [(path, "nb")]
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))  # changed: told again
    assert list(with_cache.languages([path])) == [(path, "nn")]
    with_cache.close()

    again = LanguageCache(cache_database())  # a new start reads the cache
    assert list(again.languages([path])) == [(path, "nn")]
    assert list(again.languages([tmp_path / "gone.txt"])) == [(tmp_path / "gone.txt", "und")]
    again.close()
