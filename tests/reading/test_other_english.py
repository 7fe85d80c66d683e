"""The `inconsistent` check in the open article (what the reader shows and counts): the other
English arrives with the reviews (corrections of other articles) and the memory's matches
(every import's English), and this article's own corrections count as they are made."""

from __future__ import annotations

from pathlib import Path

from tolk.library.articles import read_article
from tolk.memory.database import ExactMatch
from tolk.reading.open_article import OpenArticle
from tolk.reading.other_english import corrected_elsewhere
from tolk.userdata.review import SentenceKey, SentenceReview, StoredCorrection

SENTENCE = "Han mener ikke alliansen er i ferd med å slå sprekker."


def article(tmp_path: Path) -> OpenArticle:
    path = tmp_path / "news.txt"
    path.write_text(f"Tittel\n\nDet var kaldt. {SENTENCE}\n\n{SENTENCE}\n", encoding="utf-8")
    opened = OpenArticle(read_article(path))
    opened.set_memory({})
    return opened


def flags(opened: OpenArticle, paragraph: int, number: int) -> dict[str, str]:
    sentence = opened.sentence(paragraph, number)
    assert sentence is not None and sentence.target is not None
    return {flag.code: flag.message for flag in sentence.flags}


def test_this_articles_own_corrections_of_the_same_norwegian_disagree(tmp_path: Path) -> None:
    opened = article(tmp_path)
    opened.set_reviews({SentenceKey(1, SENTENCE): SentenceReview("He denies a crack.")}, 4)
    opened.set_review(SentenceKey(2, SENTENCE), SentenceReview("He sees no cracks."))
    assert flags(opened, 1, 1)["inconsistent"] == (
        'other English for this Norwegian: "He sees no cracks.", corrected in this article, '
        "paragraph 3, sentence 1"
    )
    assert "paragraph 2, sentence 2" in flags(opened, 2, 0)["inconsistent"]
    opened.set_review(SentenceKey(2, SENTENCE), SentenceReview("He denies  a crack."))
    assert "inconsistent" not in flags(opened, 1, 1)
    assert "inconsistent" not in flags(opened, 2, 0)


def test_corrections_elsewhere_and_the_memorys_english_disagree(tmp_path: Path) -> None:
    opened = article(tmp_path)
    opened.set_reviews({SentenceKey(1, SENTENCE): SentenceReview("He denies a crack.")}, 4)
    assert "inconsistent" not in flags(opened, 1, 1)
    opened.other_english.set_corrected_elsewhere(
        corrected_elsewhere(
            [StoredCorrection(SENTENCE, "He sees no cracks.", "key", "/news/other.txt", 4)]
        )
    )
    assert flags(opened, 1, 1)["inconsistent"].endswith("corrected in other.txt, paragraph 5")

    opened.other_english.set_corrected_elsewhere(corrected_elsewhere([]))
    remembered = {
        " ".join(SENTENCE.split()): [
            ExactMatch("He denies a crack.", "new.tmx"),
            ExactMatch("No cracks, he says.", "old.tmx"),
        ]
    }
    opened.set_memory({}, remembered)
    assert flags(opened, 1, 1)["inconsistent"] == (
        'other English for this Norwegian: "No cracks, he says.", in the translation memory '
        "(old.tmx)"
    )
    assert opened.look_count() >= 1
