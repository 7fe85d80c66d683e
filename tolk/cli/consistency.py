"""The user's other English for the articles' sentences, for the `inconsistent` check of
`tolk check` and `tolk export`: every correction in the user store (of any article) and every
translation-memory unit whose source is one of the articles' sentences.

Built once per command: one query over the corrections (a person's work, a few thousand rows
at most) and the memory looked up by key, as for its exact matches, in batches; each sentence
then costs one lookup (`RenderingIndex.renderings`). When the store or the memory cannot be
read, the commands have already said so (`load_reviews`, `load_memory`): the index does
without them, quietly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tolk.library.articles import Article
from tolk.memory.database import memory_renderings
from tolk.paths import data_dir
from tolk.qa.consistency import (
    Rendering,
    RenderingIndex,
    corrected_in,
    in_memory,
    quote_variants,
)
from tolk.text import normalise
from tolk.userdata.review import ReviewBook, StoredCorrection, article_sentences
from tolk.userdata.store import DATABASE_NAME, StoreError, open_store


def load_renderings(articles: Sequence[Article]) -> RenderingIndex:
    """The corrections and memory units that give English to the articles' sentences."""
    index = RenderingIndex()
    for stored in stored_corrections():
        where = corrected_in(Path(stored.path).name, stored.paragraph + 1)
        index.add(stored.sentence, Rendering(stored.correction, where))
    keys = {
        variant
        for article in articles
        for key in article_sentences(article)
        for variant in quote_variants(normalise(key.source))
    }
    found, _ = memory_renderings(sorted(keys))
    for key, matches in found.items():
        for match in matches:
            index.add(key, Rendering(match.target, in_memory(match.name)))
    return index


def stored_corrections() -> list[StoredCorrection]:
    """Every correction in the user store; none when there is no store or it cannot be read."""
    path = data_dir() / DATABASE_NAME
    if not path.exists():
        return []
    opened = open_store(path)
    if opened.store is None:
        return []
    try:
        with opened.store as store:
            return ReviewBook(store).corrections()
    except StoreError:
        return []
