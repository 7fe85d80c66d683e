"""The user's work on the articles a command was given, as `translate`, `check` and `export`
apply it: the reviews (corrections, marks, notes) from the user store, and the translation
memory's exact matches.

Neither is required: a command goes on without what it cannot read and says so on stderr, one
line naming the file and what to do. Nothing is created here: with no user data yet there is
simply none to apply.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from tolk.library.articles import Article
from tolk.memory.database import exact_matches
from tolk.paths import DataFolderError, data_dir, data_file_exists
from tolk.text import printable
from tolk.userdata.review import ReviewBook, SentenceKey, SentenceReview, article_sentences
from tolk.userdata.store import DATABASE_NAME, StoreError, open_store

Reviews = dict[SentenceKey, SentenceReview]


@dataclass(frozen=True)
class UserWork:
    """Each article's reviews (in the articles' order) and the memory's English by normalised
    source."""

    reviews: list[Reviews]
    memory: dict[str, str]


def load_user_work(articles: Sequence[Article], doing: str) -> UserWork:
    """The reviews and the memory's matches for `articles`; none of either, with one warning,
    when the data folder cannot be used (a file, a link to nothing, a loop, unreadable): both
    live there. `doing` names the command in what is said ("translating", "exporting")."""
    try:
        data_file_exists(data_dir() / DATABASE_NAME)
    except DataFolderError as error:
        say(
            f"tolk: warning: {doing} without your corrections, review marks and translation "
            f"memory: {error}"
        )
        return UserWork([{} for _ in articles], {})
    return UserWork(load_reviews(articles, doing), load_memory(articles))


def load_reviews(articles: Sequence[Article], doing: str) -> list[Reviews]:
    """Each article's reviews; empty ones (with a note on stderr, saying what goes on
    `doing` without them) when the store cannot be read."""
    none: list[Reviews] = [{} for _ in articles]
    path = data_dir() / DATABASE_NAME
    try:
        if not data_file_exists(path):
            return none  # nothing reviewed yet: no reason to create the database here
    except DataFolderError as error:
        say(f"tolk: note: {doing} without reviews: {error}")
        return none
    opened = open_store(path)
    if opened.store is None:
        say(f"tolk: note: {doing} without reviews. {opened.message}")
        return none
    if opened.message:
        say(f"tolk: {opened.message}")
    reviews: list[Reviews] = []
    with opened.store as store:
        book = ReviewBook(store)
        for article in articles:
            try:
                reviews.append(book.reviews_for(article))
            except StoreError as error:
                say(f"tolk: note: {doing} without reviews: {error}")
                if not isinstance(error.__cause__, UnicodeEncodeError):
                    return none  # the database failed: every other article would too
                reviews.append({})  # only this article's file name cannot be stored
    return reviews


def load_memory(articles: Sequence[Article]) -> dict[str, str]:
    """The translation memory's exact matches for the articles' sentences (normalised source
    -> English); empty, with a warning on stderr, when the memory cannot be read."""
    sources = [key.source for article in articles for key in article_sentences(article)]
    found, warning = exact_matches(sources)
    if warning:
        say(f"tolk: warning: {warning}")
    return {key: match.target for key, match in found.items()}


def say(line: str) -> None:
    """One line on stderr, with what came from file names made printable."""
    print(printable(line), file=sys.stderr)
