"""What the QA checks judge is the same in the reader's model of an article (`OpenArticle`) and
in `tolk check` (`tolk.reading.counted_english`): the English that counts, with what only the
model can know (it replaced an unknown token) counted only for the model's own English."""

from __future__ import annotations

from tests.conftest import SEEDS
from tolk.library.articles import read_article
from tolk.memory.database import ExactMatch
from tolk.reading.counted_english import count_english
from tolk.reading.open_article import OpenArticle
from tolk.reading.shown_english import Origin
from tolk.text import normalise
from tolk.translating import sentence_flags
from tolk.userdata.review import SentenceKey, SentenceReview, paragraph_sentences
from translation.engine import SentencePair, TranslatedParagraph

SEED = SEEDS / "000_4a397d34e890302c.txt"


def test_the_reader_and_check_flag_the_same_english_alike() -> None:
    article = read_article(SEED)
    first, second = paragraph_sentences(article.paragraphs[0])
    # The model replaced an unknown token in both sentences of the first paragraph; the first
    # is in the memory, the second the reviewer corrected: neither shows the model's words.
    machine = TranslatedParagraph(
        0,
        (
            SentencePair(first, "Then it is important that we sit at one table.", -0.2, None, True),
            SentencePair(second, "He does not think the alliance cracks.", -0.2, None, True),
        ),
    )
    remembered = {normalise(first): "Then it is important to meet face to face, he says."}
    reviews = {SentenceKey(0, second): SentenceReview(correction="He sees no cracks.")}

    opened = OpenArticle(article)
    opened.add_translation(machine, opened.check_translation(machine))
    opened.set_memory({key: ExactMatch(english, "m.tmx") for key, english in remembered.items()})
    opened.set_reviews(reviews, total=2)
    shown = opened.shown(0)
    assert shown is not None
    assert [s.origin for s in shown.sentences] == [Origin.MEMORY, Origin.CORRECTION]

    counted = count_english(article, [machine], reviews, remembered)[0]
    checked = []
    for sentence in counted.sentences:
        pair = sentence.checked_pair
        assert pair is not None
        checked.append(sentence_flags(pair))
    assert [s.flags for s in shown.sentences] == checked
    assert not any(flag.code == "unknown" for flags in checked for flag in flags)

    # Without the memory and the correction it is the model's English, and its mark counts.
    plain = OpenArticle(article)
    plain.add_translation(machine, plain.check_translation(machine))
    shown = plain.shown(0)
    assert shown is not None
    assert all("unknown" in [flag.code for flag in s.flags] for s in shown.sentences)
