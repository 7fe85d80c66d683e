"""Write the corpus of hostile and damaged article files into a folder.

The small cases are committed files in `tests/data/hostile/` and are copied; the large ones
(megabytes of text) and the symlinks are made here, deterministically, so the repository stays
small and every run sees the same bytes. `tests/test_hostile.py` uses `write_corpus`; run this as
a script to get a folder for trying the reader by hand:

    .venv/bin/python -m tests.support.make_hostile_corpus /tmp/hostile
    .venv/bin/tolk /tmp/hostile
"""

from __future__ import annotations

import os
import random
import shutil
import sys
from pathlib import Path

SMALL_CASES_DIR = Path(__file__).resolve().parent.parent / "data" / "hostile"

# Case name -> file name of the generated cases.
BIG_ARTICLE = "big_3mb"
LONG_PARAGRAPH = "long_paragraph"
MANY_PARAGRAPHS = "many_paragraphs"
SYMLINK_LOOP = "symlink_loop"
SYMLINK_SELF = "symlink_self"
DANGLING_SYMLINK = "dangling_symlink"

BIG_ARTICLE_BYTES = 3 * 1024 * 1024 + 1  # "3+ MB"
BIG_ARTICLE_SENTENCES = 400
LONG_PARAGRAPH_CHARS = 200_000
MANY_PARAGRAPHS_COUNT = 3_000
NAME_ESCAPES = "name_escapes"
NAME_ESCAPES_TITLE = "name_escapes_title"
NAME_NOT_UTF8 = "name_not_utf8"

# Under this subfolder: a link back to the corpus root (a loop) and links to nothing.
LINKS_FOLDER = "links"

_VOCABULARY = (
    "regjeringen Stortinget kommunen fylket næringslivet økonomien nordmenn bøndene fiskerne "
    "skolene sykehusene budsjettet avtalen forslaget Oslo Bergen Tromsø Ålesund Bodø Europa "
    "vil må kan skal har hadde sier mener foreslår vedtok ønsker krever viser øker faller "
    "ny stor liten viktig vanskelig åpen grønn første siste nye store mange flere færre "
    "og i på til for med om av fra etter mot under over men eller at som når hvis fordi "
    "år måned uke dag prosent kroner millioner milliarder tiltak krav endring løsning "
    "samarbeid utfordringer muligheter framtiden været strømmen prisene renten skatten"
)
_WORDS = _VOCABULARY.split()


def small_case_names() -> list[str]:
    """The committed cases, by name (the file name without `.txt`)."""
    return sorted(path.stem for path in SMALL_CASES_DIR.glob("*.txt"))


def write_corpus(folder: Path) -> dict[str, Path]:
    """Write every case into `folder` (created if missing); returns case name -> path.

    Symlink cases map to the link itself (relative links, so the folder can be moved):
    `symlink_loop` is a folder link back to `folder`, `symlink_self` a `.txt` link to itself,
    `dangling_symlink` a `.txt` link to a file that does not exist.
    """
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, Path] = {}
    for name in small_case_names():
        target = folder / f"{name}.txt"
        shutil.copyfile(SMALL_CASES_DIR / f"{name}.txt", target)
        cases[name] = target
    generated = {
        BIG_ARTICLE: big_article_text(),
        LONG_PARAGRAPH: long_paragraph_text(),
        MANY_PARAGRAPHS: many_paragraphs_text(),
    }
    for name, text in generated.items():
        target = folder / f"{name}.txt"
        target.write_text(text, encoding="utf-8")
        cases[name] = target
    links = folder / LINKS_FOLDER
    links.mkdir(exist_ok=True)
    cases[SYMLINK_LOOP] = _symlink(links / "loop", folder)
    cases[SYMLINK_SELF] = _symlink(links / "self.txt", links / "self.txt")
    cases[DANGLING_SYMLINK] = _symlink(links / "dangling.txt", links / "missing.txt")
    return cases


def write_hostile_names(folder: Path) -> dict[str, Path]:
    """Write files whose *names* are hostile into `folder`; returns case name -> path.

    Kept apart from `write_corpus`: the names are shown by the reader where the content gives no
    title (error rows, an untitled article), which the reader's own corpus test does not cover.
    """
    folder.mkdir(parents=True, exist_ok=True)
    cases = {
        # An error row, listed by its file name: OSC (window title) and "clear screen".
        NAME_ESCAPES: folder / "navn\x1b]0;pwned\x07\x1b[2J.txt",
        # Content with no title ("–"), so the title falls back to the file name.
        NAME_ESCAPES_TITLE: folder / "tittel\x1b[31m\tfra\nnavnet.txt",
        # A Latin-1 file name: bytes that are not UTF-8 (Python keeps them as surrogates).
        NAME_NOT_UTF8: folder / os.fsdecode(b"caf\xe9.txt"),
    }
    cases[NAME_ESCAPES].write_bytes(b"")
    cases[NAME_ESCAPES_TITLE].write_text(" date 2020-06 – –\n", encoding="utf-8")
    cases[NAME_NOT_UTF8].write_bytes(b"")
    return cases


def big_article_text() -> str:
    """A dated article of just over 3 MB (UTF-8): ordinary paragraphs, a heading now and then.

    Its ~30,000 sentences are drawn from a pool of BIG_ARTICLE_SENTENCES, as news repeats
    itself: `tolk translate` then puts 3 MB through its own code (reading, splitting, batching,
    the cache, output) while the model translates each distinct sentence once. Thirty thousand
    distinct sentences took minutes of beam search on the test model, which measures the model,
    not tolk (model speed is `make bench`'s business); the 3,000-paragraph case puts 3,000
    distinct sentences through it."""
    rng = random.Random(3)
    pool = [_sentences(rng, 1) for _ in range(BIG_ARTICLE_SENTENCES)]
    parts = [" date 2016-05 – " + " ".join(rng.choices(pool, k=3))]
    size = len(parts[0].encode("utf-8"))
    number = 0
    while size < BIG_ARTICLE_BYTES:
        number += 1
        count = rng.randint(4, 12)
        block = f"Del {number}" if number % 25 == 0 else " ".join(rng.choices(pool, k=count))
        parts.append(block)
        size += len(block.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def long_paragraph_text() -> str:
    """A dated article whose second paragraph is exactly LONG_PARAGRAPH_CHARS characters."""
    rng = random.Random(200)
    body = ""
    while len(body) < LONG_PARAGRAPH_CHARS:
        body += _sentences(rng, 50) + " "
    body = body[: LONG_PARAGRAPH_CHARS - 1].rstrip() + "."
    body = body.ljust(LONG_PARAGRAPH_CHARS, ".")
    return f" date 2016-04 – Et helt vanlig første avsnitt.\n\n{body}\n"


def many_paragraphs_text() -> str:
    """A dated article of exactly MANY_PARAGRAPHS_COUNT short paragraphs."""
    rng = random.Random(3000)
    paragraphs = [f"Avsnitt {n}: {_sentences(rng, 1)}" for n in range(1, MANY_PARAGRAPHS_COUNT)]
    return " date 2016-03 – Tre tusen avsnitt.\n\n" + "\n\n".join(paragraphs) + "\n"


def _sentences(rng: random.Random, count: int) -> str:
    sentences = []
    for _ in range(count):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 18))]
        sentence = " ".join(words)
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    return " ".join(sentences)


def _symlink(link: Path, target: Path) -> Path:
    if link.is_symlink():
        link.unlink()
    os.symlink(os.path.relpath(target, link.parent), link)
    return link


def main(argv: list[str]) -> int:
    """`python -m tests.support.make_hostile_corpus FOLDER`: write every case there, list them."""
    if len(argv) != 1:
        print("usage: python -m tests.support.make_hostile_corpus FOLDER", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    cases = write_corpus(folder) | write_hostile_names(folder / "names")
    for name, path in cases.items():
        print(f"{name:20} {str(path)!a}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
