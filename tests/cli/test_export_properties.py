"""Property: whatever text a reviewer or an article holds, the TMX export parses back."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tolk.export import ReviewedArticle, ReviewedParagraph, ReviewedSentence, to_tmx
from tolk.library.articles import Article, Paragraph

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TEXT = st.text(max_size=80)  # any code point: controls, surrogates' neighbours, <&]]>, emoji
SENTENCE = st.builds(
    ReviewedSentence,
    source=TEXT,
    machine=st.none() | TEXT,
    correction=st.none() | TEXT,
    reviewed=st.booleans(),
    note=st.none() | TEXT,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(SENTENCE, min_size=1, max_size=4), min_size=1, max_size=4))
def test_tmx_always_parses_with_one_unit_per_sentence(
    paragraphs: list[list[ReviewedSentence]],
) -> None:
    article = Article(Path("a <&> b.txt"), "title", None, tuple(Paragraph("x") for _ in paragraphs))
    reviewed = ReviewedArticle(
        article,
        tuple(
            ReviewedParagraph(index, "body", "x", tuple(sentences))
            for index, sentences in enumerate(paragraphs)
        ),
        "translate-nb_en@1.9",
    )
    root = ET.fromstring(to_tmx([reviewed]))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    units = root.findall("./body/tu")
    assert len(units) == sum(len(sentences) for sentences in paragraphs)
    for unit in units:
        languages = [tuv.get(XML_LANG) for tuv in unit.findall("tuv")]
        assert languages[0] == "nb" and set(languages) <= {"nb", "en"}
