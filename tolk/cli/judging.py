"""How the commands judge sentences: the checks that count (config.toml's `[qa]`) and each
article's terms (`[keyword_translations]` and the glossaries' terms found in it), the same as
the reader's (`tolk.qa.checking`). Problems are `tolk: warning:` lines on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence

from tolk import paths
from tolk.config import Config
from tolk.glossary.database import terms_for_each_lazily
from tolk.library.articles import Article
from tolk.qa.checking import Checking, unknown_codes
from tolk.text import printable


def config_checking(config: Config) -> Checking:
    """The user's checks; a code in `[qa] ignore` that names no check is said, and left out."""
    unknown = unknown_codes(config.qa.ignore)
    if unknown:
        print(
            f"tolk: warning: {paths.config_file()}: `qa.ignore` names no check "
            f"{', '.join(unknown)}; ignored",
            file=sys.stderr,
        )
    return Checking.from_config(config)


def article_checkings(articles: Sequence[Article], checking: Checking) -> Iterator[Checking]:
    """`checking` for each article, with the glossary's terms that occur in it, made as each
    is asked for: judge an article before asking for the next, and only its terms and
    matchers are held (all of them at once held 1.6 GB for 10,000 articles)."""

    def warn(warning: str) -> None:
        print(f"tolk: warning: {printable(warning)}", file=sys.stderr)

    texts = ([p.text for p in article.paragraphs] for article in articles)
    for terms in terms_for_each_lazily(texts, warn):
        yield checking.with_glossary(terms)
