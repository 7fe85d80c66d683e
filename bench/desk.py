"""A reviewer's desk of realistic size, for timing the checks (issue 24): an imported glossary,
a translation memory, and corrections in other articles, all in the current process's home
(call it inside a temporary one, `bench.home`).

- The glossary (OmegaT's three columns) has GLOSSARY_TERMS terms: the seeds' own terms
  (`SEED_TERMS`, so the `terminology` check has work), and made-up ones, one in a hundred of
  them starting with a word the seeds have (a candidate the lookup must match and drop).
- The memory (TMX) has MEMORY_UNITS units as `bench/memory.py` writes them, and for every
  REMEMBERED_EVERYth seed sentence a unit with other English (a word changed), so the
  `inconsistent` check flags it.
- Corrections: the first sentence of each of CORRECTED_ARTICLES articles (a generated
  article's own, "Sak 12: …") corrected with `english_for`'s English, and in every
  OVERLAP_EVERYth of them the second sentence too (a seed's) with other English: the same
  Norwegian rendered two ways, which `inconsistent` flags wherever that sentence is.

`seed_english` is a person's English for the seeds' 45 sentences (bench/data/seed_english.txt,
one a line in the seeds' order): the checks are timed on real English, not on the copy model's
Norwegian.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

GLOSSARY_TERMS = 20_000
MEMORY_UNITS = 100_000
REMEMBERED_EVERY = 9
CORRECTED_ARTICLES = 1_000
OVERLAP_EVERY = 200
ENGLISH_FILE = Path(__file__).parent / "data" / "seed_english.txt"
# Terms of the seeds, with the English a terminologist would give them.
SEED_TERMS = (
    ("allianse", "alliance"),
    ("toppmøte", "summit"),
    ("generalsekretær", "Secretary General"),
    ("forsvarsbudsjett", "defence budget"),
    ("pressekonferanse", "press conference"),
    ("terrorisme", "terrorism"),
    ("ekspertgruppe", "expert group"),
    ("statsminister", "Prime Minister"),
    ("hovedkvarter", "headquarters"),
    ("våpenleveranse", "arms delivery"),
    ("spesialstyrke", "special forces"),
    ("etterretning", "intelligence"),
    ("medlemsland", "member country"),
    ("koordinering", "coordination"),
    ("opplæringsmisjon", "training mission"),
)
_SEED_WORDS = ("allianse", "møte", "land", "samarbeid", "region", "president", "spørsmål")
_CASE = re.compile(r"^Sak (\d+): ")


def seed_english() -> dict[str, str]:
    """The English of each seed sentence, by its Norwegian (as the translator splits it)."""
    from bench.corpus import seed_paragraphs
    from translation.sentences import split_sentences

    sources = [s for paragraph in seed_paragraphs() for s in split_sentences(paragraph)]
    english = ENGLISH_FILE.read_text(encoding="utf-8").splitlines()
    if len(english) != len(sources):
        raise SystemExit(f"{ENGLISH_FILE}: {len(english)} lines for {len(sources)} sentences")
    return dict(zip(sources, english, strict=True))


def english_for(sentence: str, english: dict[str, str]) -> str:
    """`sentence`'s English: a seed's, or for a generated article's first sentence ("Sak 12:
    …", `bench.corpus.generate_library`) "Case 12: " and the seed's; else the sentence."""
    if sentence in english:
        return english[sentence]
    case = _CASE.match(sentence)
    if case and sentence[case.end() :] in english:
        return f"Case {case.group(1)}: {english[sentence[case.end() :]]}"
    return sentence


def other_english(english: str) -> str:
    """Another rendering of `english`: its longest word replaced by "matter"."""
    longest = max(re.findall(r"[A-Za-z]+", english) or ["x"], key=len)
    return english.replace(longest, "matter", 1)


def write_glossary(path: Path) -> None:
    """An OmegaT glossary of GLOSSARY_TERMS terms (see the module's docstring)."""
    with path.open("w", encoding="utf-8") as out:
        out.write("# Written by bench/desk.py\n")
        for norwegian, english in SEED_TERMS:
            out.write(f"{norwegian}\t{english}\tthe seeds' term\n")
        for n in range(GLOSSARY_TERMS - len(SEED_TERMS)):
            if n % 100 == 0:
                word = _SEED_WORDS[n // 100 % len(_SEED_WORDS)]
                out.write(f"{word} nummer {n}\t{word} number {n}\tshares a word\n")
            else:
                out.write(f"fagterm{n} for sak {n % 997}\tterm {n} for case {n % 997}\t\n")


def write_memory(path: Path, english: dict[str, str]) -> int:
    """A TMX of MEMORY_UNITS units and the seed sentences that get other English; returns how
    many of those there are."""
    others = list(english.items())[::REMEMBERED_EVERY]
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write('<tmx version="1.4"><header creationtool="bench" srclang="nb" ')
        out.write('segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x"/><body>\n')
        units = [
            (
                f"Setning nummer {n} om alliansen og møtet i London.",
                f"Sentence number {n} about the alliance and the meeting in London.",
            )
            for n in range(MEMORY_UNITS - len(others))
        ]
        units += [(source, other_english(target)) for source, target in others]
        for source, target in units:
            out.write(
                f'<tu><tuv xml:lang="nb"><seg>{escape(source)}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>{escape(target)}</seg></tuv></tu>\n'
            )
        out.write("</body></tmx>\n")
    return len(others)


def furnish(workdir: Path, corrected: list[Path], english: dict[str, str]) -> dict[str, int]:
    """Import the glossary and the memory, and correct the articles `corrected` (the first
    CORRECTED_ARTICLES of them) in the user store; returns what was made, for the report."""
    from tolk.glossary.database import Glossary
    from tolk.library.articles import read_article
    from tolk.memory.database import TranslationMemory
    from tolk.userdata.review import ReviewBook, SentenceKey, paragraph_sentences
    from tolk.userdata.store import open_store

    glossary_file, memory_file = workdir / "glossary.tab", workdir / "memory.tmx"
    write_glossary(glossary_file)
    remembered = write_memory(memory_file, english)
    with Glossary() as glossary:
        terms = glossary.import_file(glossary_file).terms
    with TranslationMemory() as memory:
        units = memory.import_file(memory_file).units
    opened = open_store()
    if opened.store is None:
        raise SystemExit(f"no user store: {opened.message}")
    corrections = 0
    with opened.store as store:
        book = ReviewBook(store)
        for place, path in enumerate(corrected[:CORRECTED_ARTICLES]):
            article = read_article(path)
            keys = [
                SentenceKey(index, sentence)
                for index, paragraph in enumerate(article.paragraphs)
                for sentence in paragraph_sentences(paragraph)
            ][: 2 if place % OVERLAP_EVERY == 0 else 1]
            for number, key in enumerate(keys):
                text = english_for(key.source, english)
                book.set_correction(article, key, other_english(text) if number else text)
                corrections += 1
    return {
        "glossary_terms": terms,
        "memory_units": units,
        "remembered_otherwise": remembered,
        "corrections": corrections,
    }
