"""XLIFF 1.2 out: the bilingual document CAT tools (OmegaT, memoQ, Trados, Okapi, Weblate) open,
edit and hand back. Why 1.2 and not 2.x: docs/review.md.

One `<file>` per article (`original`: its absolute path, which the import finds it by), a
`<group>` per paragraph, a `<trans-unit>` per sentence (id `p<paragraph>-s<sentence>`, both
from 0, as in tolk's TMX) with its Norwegian `<source>` and, where it has English, the English
that counts as `<target>`, whose `state` is the review state: the model's or the memory's
English `needs-review-translation` (state-qualifier `leveraged-mt` or `leveraged-tm`), a
correction `translated`, a reviewed sentence `signed-off` (and its unit `approved="yes"`).
Notes (`from="tolk"`) give the English's origin, the model's confidence where the English is
the model's, and each QA flag; the reviewer's own note is a note `from="reviewer"`. The same
English is kept as an `<alt-trans alttranstype="previous-version" origin="tolk">`, so the
import can tell what the CAT tool changed. Pure: text in, text out; writing the file is the
caller's.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from tolk.export import ReviewedArticle, ReviewedSentence, format_score, xml_text
from tolk.qa.checks import confidence

__all__ = ["XLIFF_NS", "to_xliff", "unit_id"]

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
PREVIOUS_VERSION = "previous-version"
TOOL = "tolk"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tag(name: str) -> str:
    return f"{{{XLIFF_NS}}}{name}"


def unit_id(paragraph: int, number: int) -> str:
    """A trans-unit's id: its paragraph and its sentence in the paragraph, both from 0."""
    return f"p{paragraph}-s{number}"


def to_xliff(articles: Sequence[ReviewedArticle]) -> str:
    """One XLIFF 1.2 document holding every article, one `<file>` each."""
    ET.register_namespace("", XLIFF_NS)
    root = ET.Element(_tag("xliff"), version="1.2")
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for reviewed in articles:
        root.append(_file(reviewed, now))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _file(reviewed: ReviewedArticle, now: str) -> ET.Element:
    article = reviewed.article
    element = ET.Element(
        _tag("file"),
        {
            "original": str(article.path.resolve()),
            "source-language": "nb",
            "target-language": "en",
            "datatype": "plaintext",
            "tool-id": TOOL,
            "date": now,
        },
    )
    header = ET.SubElement(element, _tag("header"))
    ET.SubElement(header, _tag("tool"), {"tool-id": TOOL, "tool-name": TOOL})
    facts = [f"title: {article.title}"]
    if article.date is not None:
        facts.append(f"date: {article.date.iso()}")
    facts.append(f"translation: {reviewed.model or 'no model'}")
    for fact in facts:
        _note(header, fact, "general")
    body = ET.SubElement(element, _tag("body"))
    for paragraph in reviewed.paragraphs:
        group = ET.SubElement(
            body,
            _tag("group"),
            {"id": f"p{paragraph.index}", "restype": f"x-{paragraph.kind}"},
        )
        for number, sentence in enumerate(paragraph.sentences):
            _unit(group, paragraph.index, number, sentence)
    return element


def _unit(group: ET.Element, paragraph: int, number: int, sentence: ReviewedSentence) -> None:
    unit = ET.SubElement(group, _tag("trans-unit"), id=unit_id(paragraph, number))
    if sentence.reviewed:
        unit.set("approved", "yes")
    source = ET.SubElement(unit, _tag("source"), {_XML_LANG: "nb"})
    source.text = xml_text(sentence.source)
    english = sentence.target
    if english is not None:
        target = ET.SubElement(unit, _tag("target"), {_XML_LANG: "en", **_state(sentence)})
        target.text = xml_text(english)
    if sentence.origin is not None:
        _note(unit, f"origin: {sentence.origin}", "target")
    if sentence.machine_shown and sentence.score is not None:
        share = confidence(sentence.score)
        _note(unit, f"confidence: {share:.2f} (score {format_score(sentence.score)})", "target")
    for flag in sentence.flags:
        _note(unit, f"QA {flag.code}: {flag.message}", "target")
    if sentence.note:
        _note(unit, sentence.note, "general", author="reviewer")
    if english is not None:
        alternative = ET.SubElement(
            unit, _tag("alt-trans"), {"origin": TOOL, "alttranstype": PREVIOUS_VERSION}
        )
        previous = ET.SubElement(alternative, _tag("target"), {_XML_LANG: "en"})
        previous.text = xml_text(english)


def _state(sentence: ReviewedSentence) -> dict[str, str]:
    """The target's `state` (and `state-qualifier`) for the sentence's review state."""
    if sentence.reviewed:
        return {"state": "signed-off"}
    if sentence.origin == "corrected":
        return {"state": "translated"}
    qualifier = "leveraged-tm" if sentence.origin == "memory" else "leveraged-mt"
    return {"state": "needs-review-translation", "state-qualifier": qualifier}


def _note(parent: ET.Element, text: str, annotates: str, author: str = TOOL) -> None:
    note = ET.SubElement(parent, _tag("note"), {"from": author, "annotates": annotates})
    note.text = xml_text(text)
