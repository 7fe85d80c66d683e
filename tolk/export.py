"""Bilingual exports of reviewed articles: Markdown for people, JSON for scripts, TMX 1.4 for
CAT tools. Pure functions over plain data; writing the file is the caller's (atomically)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tolk.library.articles import Article
from tolk.library.language import article_language
from tolk.qa.checks import Flag
from tolk.text import json_text, printable

FORMATS = ("md", "json", "tmx", "xliff")
MEMORY_GLYPH = "≡"  # the English is the translation memory's (reader and Markdown)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What XML holds but a terminal acts on (CR, DEL, the C1 controls): written as character
# references, which a TMX reader reads back as the same characters.
_XML_TERMINAL = re.compile("[\r\x7f-\x9f]")


@dataclass(frozen=True)
class ReviewedSentence:
    """A sentence as the reviewer left it: machine output, their correction, mark and note; the
    QA flags of the English that counts (`target`, as `tolk check` and the reader judge it);
    and what tolk knows of the machine output: the model's score (mean log-probability per
    target token), its own QA flags and its word alignment."""

    source: str
    machine: str | None  # None: no model had translated it
    correction: str | None = None
    reviewed: bool = False
    note: str | None = None
    score: float | None = None
    flags: tuple[Flag, ...] = ()  # of `target`; none while it has no English
    alignment: tuple[tuple[int, int], ...] | None = None
    memory: str | None = None  # the translation memory's English (an exact match), if any
    model_flags: tuple[Flag, ...] = ()  # of the model's own English (`machine`)

    @property
    def machine_shown(self) -> bool:
        """True when the exported English is the model's own (its score describes it)."""
        return self.machine is not None and self.correction is None and self.memory is None

    @property
    def target(self) -> str | None:
        """The English that counts: the correction, else the memory's, else the model's."""
        if self.correction is not None:
            return self.correction
        return self.memory if self.memory is not None else self.machine

    @property
    def origin(self) -> str | None:
        """Where `target` comes from: "corrected", "memory" or "model" (None: untranslated)."""
        if self.correction is not None:
            return "corrected"
        if self.memory is not None:
            return "memory"
        return "model" if self.machine is not None else None


@dataclass(frozen=True)
class ReviewedParagraph:
    """A paragraph's sentences in review."""

    index: int
    kind: str  # "heading" or "body"
    source: str
    sentences: tuple[ReviewedSentence, ...]

    @property
    def target(self) -> str | None:
        targets = [s.target for s in self.sentences]
        if any(t is None for t in targets):
            return None
        return " ".join(t for t in targets if t)


@dataclass(frozen=True)
class ReviewedArticle:
    """An article and its review, ready to export."""

    article: Article
    paragraphs: tuple[ReviewedParagraph, ...]
    model: str | None  # package name and version, None when untranslated

    @property
    def translated(self) -> bool:
        return all(s.machine is not None for p in self.paragraphs for s in p.sentences)

    @property
    def complete(self) -> bool:
        """Every sentence has English (the model's, the memory's or a correction): its flags
        can be counted, as the reader's sidebar and `tolk check` count them."""
        return all(s.target is not None for p in self.paragraphs for s in p.sentences)


def to_json(reviewed: ReviewedArticle) -> dict[str, Any]:
    """The `tolk translate --json` shape, plus correction, memory, reviewed, note and
    model_flags per sentence: `target` is the English that counts, `origin` where it comes
    from (corrected, memory, model; None untranslated) and `flags` its QA flags, as `tolk check`
    gives them; score, alignment and model_flags are the machine translation's, like
    `model_target`. (`tolk translate --json`'s `flags` are the model's: its model_flags.)"""
    article = reviewed.article
    return {
        "article": {
            "path": str(article.path),
            "title": article.title,
            "date": article.date.iso() if article.date is not None else None,
            # Where a fetched article came from (its trailer); null for the user's own files.
            "source_url": article.source.url if article.source is not None else None,
            "feed": article.source.feed if article.source is not None else None,
            "language": article_language(article),
            "model": reviewed.model,
            "translated": reviewed.translated,
        },
        "paragraphs": [
            {
                "index": p.index,
                "kind": p.kind,
                "source": p.source,
                "target": p.target,
                "sentences": [
                    {
                        "source": s.source,
                        "target": s.target,
                        "origin": s.origin,
                        "model_target": s.machine,
                        "score": s.score,
                        "flags": _flags_json(s.flags),
                        "alignment": (
                            [list(link) for link in s.alignment]
                            if s.alignment is not None
                            else None
                        ),
                        "correction": s.correction,
                        "memory": s.memory,
                        "reviewed": s.reviewed,
                        "note": s.note,
                        "model_flags": _flags_json(s.model_flags),
                    }
                    for s in p.sentences
                ],
            }
            for p in reviewed.paragraphs
        ],
    }


def _flags_json(flags: Sequence[Flag]) -> list[dict[str, str]]:
    return [{"code": flag.code, "message": flag.message} for flag in flags]


# An alignment pair as json.dumps(indent=2) spreads it over four lines. Strings cannot match:
# JSON escapes their line breaks, so a raw newline is always layout.
_INDENTED_PAIR = re.compile(r"\[\n\s*(-?\d+),\n\s*(-?\d+)\n\s*\]")


def json_document(payload: Any) -> str:
    """`payload` as the JSON tolk prints: indented, UTF-8 as is, each alignment pair on one
    line (`[0, 0]`), ending with a newline."""
    text = json_text(payload)
    return _INDENTED_PAIR.sub(r"[\1, \2]", text) + "\n"


def to_markdown(reviewed: ReviewedArticle) -> str:
    """A readable bilingual document: Norwegian then English, paragraph by paragraph, notes as
    footnotes. Article text is escaped so it cannot turn into Markdown structure by accident."""
    article = reviewed.article
    lines = [f"# {_md(article.title)}", ""]
    facts = []
    if article.date is not None:
        facts.append(f"Date: {article.date.iso()}")
    facts.append(f"Source: `{printable(article.path.name)}`")
    if article.source is not None:
        if article.source.feed:
            facts.append(f"Feed: {_md(article.source.feed)}")
        facts.append(f"Page: {_md_link(article.source.url)}")
    sentences = [s for p in reviewed.paragraphs for s in p.sentences]
    facts.append(_translation_fact(reviewed.model, sentences))
    reviewed_count = sum(1 for s in sentences if s.reviewed)
    facts.append(f"Reviewed: {reviewed_count}/{len(sentences)} sentences")
    flagged_count = sum(1 for s in sentences if s.flags)
    if reviewed.complete:  # with a sentence left without English the count would mislead
        facts.append(f"Flagged: {flagged_count}/{len(sentences)} sentences")
    lines += [" · ".join(facts), ""]
    notes: list[str] = []
    for paragraph in reviewed.paragraphs:
        english_parts = []
        heading = paragraph.kind == "heading"
        for sentence in paragraph.sentences:
            text = sentence.target
            if text is not None:
                # One line: a correction's own line breaks could start a heading or list.
                part = _md(" ".join(text.split()))
            else:
                part = "(untranslated)" if heading else "*(untranslated)*"  # headings: italic
            if sentence.correction is not None:
                part += " ✎"
            elif sentence.memory is not None:
                part += f" {MEMORY_GLYPH}"
            if sentence.reviewed:
                part += " ✓"
            if sentence.note:
                # A footnote is one line: a note's own line breaks would end it early.
                notes.append(" ".join(sentence.note.split()))
                part += f"[^{len(notes)}]"
            if sentence.flags:
                notes.append(_flag_note(sentence))
                part += f" ⚑[^{len(notes)}]"
            english_parts.append(part)
        english = " ".join(english_parts)
        if heading:
            lines += [f"## {_md(paragraph.source)}", "", f"*{english}*", ""]
        else:
            lines += [f"> {_md_block(paragraph.source)}", "", _md_block(english, escaped=True), ""]
    if notes:
        lines += [f"[^{n}]: {_md(note)}" for n, note in enumerate(notes, start=1)]
        lines.append("")
    legend = []
    if any(s.correction is not None for s in sentences):
        legend.append("✎ corrected by the reviewer")
    if any(s.origin == "memory" for s in sentences):
        legend.append(f"{MEMORY_GLYPH} from the translation memory")
    if reviewed_count:
        legend.append("✓ reviewed")
    if flagged_count:
        legend.append("⚑ flagged by a QA check")
    if legend:
        lines += [" · ".join(legend), ""]
    return "\n".join(lines)


def _translation_fact(model: str | None, sentences: Sequence[ReviewedSentence]) -> str:
    """Where the English comes from, for the header: the model, or without one what gives it."""
    if model:
        return f"Translation: {printable(model)}"
    sources = [
        name
        for origin, name in (("memory", "the translation memory"), ("corrected", "corrections"))
        if any(s.origin == origin for s in sentences)
    ]
    if not sources:
        return "Untranslated"
    return f"Translation: no model; English from {' and '.join(sources)}"


def to_tmx(articles: Sequence[ReviewedArticle]) -> str:
    """TMX 1.4: one `<tu>` per sentence with an `nb` and an `en` `<tuv>` (the correction where
    there is one, else the memory's English), the review state as `<prop>`s (`x-origin`:
    corrected, memory or model). Untranslated sentences carry only `nb`.
    `x-flags` are the codes of the QA checks the unit's English fails (space-separated; absent
    when none), and where that English is the model's, `x-score` is its score."""
    now = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    tmx = ET.Element("tmx", version="1.4")
    ET.SubElement(
        tmx,
        "header",
        {
            "creationtool": "tolk",
            "creationtoolversion": "0.1",
            "segtype": "sentence",
            "o-tmf": "tolk",
            "adminlang": "en",
            "srclang": "nb",
            "datatype": "plaintext",
            "creationdate": now,
        },
    )
    body = ET.SubElement(tmx, "body")
    for reviewed in articles:
        # The file's name, as a label: one line, printable (bytes that are not UTF-8 as U+FFFD).
        document = xml_text(printable(reviewed.article.path.name))
        for paragraph in reviewed.paragraphs:
            for number, sentence in enumerate(paragraph.sentences):
                tu = ET.SubElement(body, "tu", tuid=f"{document}:{paragraph.index}:{number}")
                if sentence.note:
                    ET.SubElement(tu, "note").text = xml_text(sentence.note)
                props = {
                    "x-reviewed": "yes" if sentence.reviewed else "no",
                    "x-status": _status(sentence),
                    "x-document": document,
                    "x-paragraph": str(paragraph.index),
                }
                if reviewed.article.source is not None:
                    props["x-source-url"] = xml_text(reviewed.article.source.url)
                if sentence.origin is not None:
                    props["x-origin"] = sentence.origin
                # The model's score describes its English: only where that is the English in
                # the unit (not a correction or the memory's). The flags are the unit's English's.
                if sentence.machine_shown and sentence.score is not None:
                    props["x-score"] = repr(sentence.score)
                if sentence.flags:
                    props["x-flags"] = " ".join(flag.code for flag in sentence.flags)
                for kind, value in props.items():
                    ET.SubElement(tu, "prop", type=kind).text = value
                for lang, text in (("nb", sentence.source), ("en", sentence.target)):
                    if text is None:
                        continue
                    tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
                    ET.SubElement(tuv, "seg").text = xml_text(text)
    ET.indent(tmx)
    text = ET.tostring(tmx, encoding="unicode")
    text = _XML_TERMINAL.sub(lambda found: f"&#x{ord(found.group()):X};", text)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def _flag_note(sentence: ReviewedSentence) -> str:
    """A flagged sentence's footnote: each check's code and message, and the model's score
    when the English is the model's."""
    checks = "; ".join(f"{flag.code}: {flag.message}" for flag in sentence.flags)
    score = sentence.score if sentence.machine_shown else None
    said = f" (score {format_score(score)})" if score is not None else ""
    return " ".join(f"⚑ {checks}{said}".split())


def format_score(score: float) -> str:
    """A score as people read it: two decimals, never "-0.00"."""
    text = f"{score:.2f}"
    return "0.00" if text == "-0.00" else text


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (ElementTree would write them and
    leave a file no TMX reader opens): control characters a correction or note may carry."""
    return _NOT_XML.sub("", text)


def _status(sentence: ReviewedSentence) -> str:
    if sentence.origin is None:
        return "untranslated"
    if sentence.origin == "corrected":
        return "corrected"
    return "memory" if sentence.origin == "memory" else "machine"


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|"})
# What turns the start of a line into a list item or a rule: "- ", "+ ", "---", "2019. ", "1) ".
_MD_BLOCK_START = re.compile(r"^(?:([-+])|(\d{1,9})([.)])(?=\s|$))")


def _md_link(url: str) -> str:
    """An http(s) URL as a Markdown autolink; as a code span where it holds what would end
    the autolink (the trailer allows any non-space character)."""
    if "<" not in url and ">" not in url:
        return f"<{url}>"
    fence = "`" * (max((len(run) for run in re.findall("`+", url)), default=0) + 1)
    return f"{fence} {url} {fence}"


def _md(text: str) -> str:
    """`text` as Markdown text: no control characters (a correction, a note or the memory's
    English may hold them), nothing Markdown would read as markup."""
    return printable(text).translate(_MD_SPECIAL)


def _md_block(text: str, *, escaped: bool = False) -> str:
    """`text` escaped as a paragraph of its own: also its start, which Markdown reads as a list
    item when it looks like one ("- Ja, sier han.", "2019. Det var året.")."""
    text = text if escaped else _md(text)
    return _MD_BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text, count=1)
