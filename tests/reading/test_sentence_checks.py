"""The open article's flags are judged off the UI thread: the stored corrections' and the
memory's English in the workers that load them (`SentenceChecks.judge_stored`), the spelling
check's word list loaded there (`warm`); what a worker judged with checks the user has changed
since is dropped, not shown."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import SEEDS
from tolk.library.articles import read_article
from tolk.memory.database import ExactMatch
from tolk.qa.checking import Checking
from tolk.reading.open_article import OpenArticle
from tolk.text import normalise
from tolk.userdata.review import SentenceKey, SentenceReview, paragraph_sentences

SEED = SEEDS / "000_4a397d34e890302c.txt"  # its first paragraph has two sentences
ROOT = Path(__file__).resolve().parents[2]


def _codes(opened: OpenArticle, index: int) -> list[list[str]]:
    shown = opened.shown(index)
    assert shown is not None
    return [[flag.code for flag in sentence.flags] for sentence in shown.sentences]


def test_corrections_and_memory_english_are_judged_in_the_loading_worker() -> None:
    article = read_article(SEED)
    first, second = paragraph_sentences(article.paragraphs[0])
    opened = OpenArticle(article)
    reviews = {SentenceKey(0, second): SentenceReview(correction="He sees no crackz.")}
    memory = {normalise(first): ExactMatch("Then it is importent to meet, he says.", "m.tmx")}

    judged = opened.checks.judge_stored(reviews, memory)
    assert judged.flags == {
        (0, second, "He sees no crackz.", False, None): opened.checks.judge(
            (0, second, "He sees no crackz.", False, None)
        ),
        (0, first, "Then it is importent to meet, he says.", False, None): opened.checks.judge(
            (0, first, "Then it is importent to meet, he says.", False, None)
        ),
    }
    assert all("spelling" in [f.code for f in flags] for flags in judged.flags.values())

    opened.set_memory(memory)
    opened.set_reviews(reviews, total=2)
    opened.checks.take(judged)
    assert [("spelling" in codes) for codes in _codes(opened, 0)] == [True, True]


def test_what_a_worker_judged_before_a_word_was_accepted_is_dropped() -> None:
    article = read_article(SEED)
    second = paragraph_sentences(article.paragraphs[0])[1]
    opened = OpenArticle(article)
    reviews = {SentenceKey(0, second): SentenceReview(correction="He sees no crackz.")}
    judged = opened.checks.judge_stored(reviews)  # in the worker, with "crackz" unknown
    opened.accept_word("crackz")  # meanwhile, on the screen
    opened.set_reviews(reviews, total=2)
    opened.checks.take(judged)  # arrives late: judged by the checks of before
    assert "spelling" not in _codes(opened, 0)[1]


WARM = """
from tests.conftest import SEEDS
from tolk.library.articles import read_article
from tolk.qa import spelling
from tolk.qa.checking import Checking
from tolk.reading.sentence_checks import SentenceChecks

article = read_article(SEEDS / "000_4a397d34e890302c.txt")
checks = SentenceChecks(article, Checking({ignored}))
assert spelling._checker is None
checks.warm()
print(spelling._checker is not None)
"""


def _warmed(ignored: str) -> str:
    code = textwrap.dedent(WARM).format(ignored=ignored)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_warm_loads_the_word_list_for_a_later_check_only_when_spelling_counts() -> None:
    assert _warmed("") == "True"
    assert _warmed("ignored=frozenset({'spelling'})") == "False"
    assert Checking(ignored=frozenset({"spelling"})).keeps("spelling") is False
