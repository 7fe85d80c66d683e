"""The checks of English that is not the model's run in the workers that load it, with a real
user store and a real memory file: the review job posts its corrections' flags and the other
articles' corrections already indexed, the memory job its matches' flags. The screen only
takes them (nothing is judged or indexed on the UI thread as the article opens)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.reader.fake_host import FakeHost
from tolk.library.articles import read_article
from tolk.memory.database import TranslationMemory
from tolk.qa.consistency import Rendering
from tolk.reading.open_article import OpenArticle
from tolk.userdata.review import ReviewBook, SentenceKey, paragraph_sentences
from tolk.userdata.store import UserStore, open_store
from tui.reader.memory.messages import MemoryLoaded
from tui.reader.memory.state import MemoryFeature
from tui.reader.review.messages import ReviewsLoaded
from tui.reader.review.state import ReviewFeature

SEED = SEEDS / "000_4a397d34e890302c.txt"  # its first paragraph has two sentences
OTHER = SEEDS / "003_af9304a0a01167de.txt"


@pytest.fixture
def store() -> Iterator[UserStore]:
    opened = open_store().store
    assert opened is not None
    yield opened
    opened.close()


def _codes(flags: object) -> list[str]:
    assert isinstance(flags, tuple)
    return [flag.code for flag in flags]


def test_the_review_job_judges_the_corrections_and_indexes_the_others(store: UserStore) -> None:
    article, other = read_article(SEED), read_article(OTHER)
    second = paragraph_sentences(article.paragraphs[0])[1]
    elsewhere = paragraph_sentences(other.paragraphs[0])[0]
    book = ReviewBook(store)
    book.set_correction(article, SentenceKey(0, second), "He sees no crackz.")
    book.set_correction(other, SentenceKey(0, elsewhere), "English from the other article.")

    opened = OpenArticle(article)
    host = FakeHost(opened=opened)
    feature = ReviewFeature()
    feature.store = store
    host.start(feature.load(opened), "Review", group="review")
    (loaded,) = [m for m in host.run_jobs() if isinstance(m, ReviewsLoaded)]

    assert loaded.judged is not None
    assert "spelling" in _codes(loaded.judged.flags[(0, second, "He sees no crackz.", False, None)])
    assert loaded.elsewhere is not None
    assert loaded.elsewhere.renderings(elsewhere) == (
        Rendering("English from the other article.", f"corrected in {OTHER.name}, paragraph 1"),
    )


def test_the_memory_job_judges_its_matches(tmp_path: Path) -> None:
    article = read_article(SEED)
    first = paragraph_sentences(article.paragraphs[0])[0]
    memory_file = tmp_path / "one.tmx"
    memory_file.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" srclang="nb" '
        'segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x"/><body>'
        f'<tu><tuv xml:lang="nb"><seg>{first}</seg></tuv>'
        '<tuv xml:lang="en"><seg>Then it is importent that we sit around the same table, '
        "Stoltenberg replies.</seg></tuv></tu></body></tmx>",
        encoding="utf-8",
    )
    with TranslationMemory() as memory:
        memory.import_file(memory_file)

    opened = OpenArticle(article)
    host = FakeHost(opened=opened)
    host.start(MemoryFeature.lookup(opened), "Memory", group="memory")
    (loaded,) = [m for m in host.run_jobs() if isinstance(m, MemoryLoaded)]

    assert loaded.judged is not None
    (key,) = loaded.judged.flags
    assert key[:2] == (0, first) and key[2].startswith("Then it is importent")
    assert "spelling" in _codes(loaded.judged.flags[key])
