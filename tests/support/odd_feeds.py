"""A corpus of odd feeds, made here: every encoding name in Python's alias table, names it lacks
and names nobody knows, multi-byte encodings, BOMs that disagree with the declaration, documents
cut short, and the billion laughs in several encodings.

Each case is one RSS feed with one item whose title holds Norwegian letters (and, where the
encoding has them, letters of its own script), so a test can tell that it was decoded right.
Characters an encoding cannot hold are written as character references, which XML reads back
as the same characters: every feed that tolk reads must give exactly `OddFeed.title`.
"""

from __future__ import annotations

import codecs
import encodings.aliases
import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from tests.support.feed_pages import BILLION_LAUGHS, EXTERNAL_ENTITY

FEED_TITLE = "Avisa på Åsane"


@dataclass(frozen=True)
class OddFeed:
    """One case: `title` is the item's title tolk must read, None when the feed must fail;
    `guessed`, whether tolk must say the encoding was guessed; `refused`, whether it must be
    refused for declaring entities."""

    name: str
    body: bytes
    title: str | None
    guessed: bool = False
    refused: bool = False
    content_type: str = "application/rss+xml"


def item_title(name: str, script: str = "") -> str:
    return f"Sak om år og øl {script}({name})".replace("  ", " ")


def rss_text(name: str, link: str, declared: str | None, script: str = "") -> str:
    """The feed as text, declaring `declared` (no declaration when None)."""
    declaration = f'<?xml version="1.0" encoding="{declared}"?>\n' if declared is not None else ""
    return (
        f'{declaration}<rss version="2.0"><channel><title>{FEED_TITLE}</title>'
        "<link>http://127.0.0.1/</link><description>odd</description>"
        f"<item><title>{escape(item_title(name, script))}</title><link>{escape(link)}</link>"
        f'<guid isPermaLink="false">odd-{escape(name)}</guid></item></channel></rss>'
    )


def encoded(text: str, codec: str) -> bytes:
    return text.encode(codec, errors="xmlcharrefreplace")


def _safe(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "blank"


def alias_table_feeds(link: Callable[[str], str]) -> list[OddFeed]:
    """A feed for every name in Python's alias table (and each codec it names), written in that
    encoding. A name Python cannot encode in (bytes-to-bytes codecs such as base64 or rot13,
    Windows' mbcs) declares itself over UTF-8: read as UTF-8, said to be guessed. (The table
    spells one key `csHPRoman8`, which no lookup matches, since lookups are lower case.)"""
    names = sorted(set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values()))
    feeds: list[OddFeed] = []
    for declared in names:
        case = f"alias-{_safe(declared)}-{len(feeds)}"
        text = rss_text(case, link(case), declared)
        try:
            body = encoded(text, "hp-roman8" if declared == "csHPRoman8" else declared)
            guessed = False
        except LookupError:
            body, guessed = text.encode("utf-8"), True
        feeds.append(OddFeed(case, body, item_title(case), guessed=guessed))
    return feeds


# Names Python lacks, the codec each means, and a text in its script.
NAMES_PYTHON_LACKS = {
    "ms-ansi": ("cp1252", "«Blåbær» – €"),
    "ms-ee": ("cp1250", "Příliš žluťoučký kůň"),
    "ms-cyrl": ("cp1251", "Новости дня"),
    "ms-greek": ("cp1253", "Ειδήσεις"),
    "ms-turk": ("cp1254", "Güncel haberler ığş"),
    "ms-hebr": ("cp1255", "חדשות היום"),
    "ms-arab": ("cp1256", "أخبار اليوم"),
    "winbaltrim": ("cp1257", "Ziņas šodien"),
    "mac": ("mac-roman", "Blåbær"),
    "csmacintosh": ("mac-roman", "Blåbær"),
    "x-mac-roman": ("mac-roman", "Blåbær"),
    "x-mac-cyrillic": ("mac-cyrillic", "Новости"),
    "ucs-2": ("utf-16", "Новости 新聞"),
    "iso-10646-ucs-2": ("utf-16", "Новости 新聞"),
    "csunicode": ("utf-16", "Новости 新聞"),
    "unicodefffe": ("utf-16-be", "Новости 新聞"),
    "ucs-4": ("utf-32", "Новости 新聞"),
    "windows-31j": ("cp932", "今日のニュース"),
    "x-sjis": ("shift_jis", "今日のニュース"),
    "x-euc-jp": ("euc_jp", "今日のニュース"),
    "x-gbk": ("gbk", "今天的新闻"),
    "x-x-big5": ("big5", "今天的新聞"),
    "cn-big5": ("big5", "今天的新聞"),
    "windows-949": ("cp949", "오늘의 뉴스"),
    "csksc56011987": ("euc_kr", "오늘의 뉴스"),
    "windows-874": ("cp874", "ข่าววันนี้"),
    "iso-8859-8-i": ("iso8859-8", "חדשות"),
    "latin-9": ("iso8859-15", "Blåbær €"),
    "koi8": ("koi8-r", "Новости"),
    "unicode-1-1-utf-8": ("utf-8", "Новости 新聞"),
}
# Names no one can decode by: the feed is UTF-8 or windows-1252, and tolk must say it guessed.
UNKNOWN_NAMES = (
    "tcvn",
    "tcvn5712-1",
    "viscii",
    "dbcs",
    "bogus",
    "x-user-defined",
    "utf-9",
    "iso-8859-99",
    "\x1b[31mred",
    "x" * 300,
)


def lacking_name_feeds(link: Callable[[str], str]) -> list[OddFeed]:
    """Names Python lacks, each in the encoding it means; names nobody knows, over UTF-8 and
    over windows-1252 (Norwegian letters, which tolk must guess right)."""
    feeds: list[OddFeed] = []
    for declared, (codec, script) in NAMES_PYTHON_LACKS.items():
        case = f"lacks-{_safe(declared)}"
        text = rss_text(case, link(case), declared, script + " ")
        feeds.append(OddFeed(case, encoded(text, codec), item_title(case, script + " ")))
    for number, declared in enumerate(UNKNOWN_NAMES):
        for codec in ("utf-8", "cp1252"):
            case = f"unknown-{number}-{codec}"
            text = rss_text(case, link(case), escape(declared, {'"': "&quot;"}))
            feeds.append(OddFeed(case, encoded(text, codec), item_title(case), guessed=True))
    return feeds


# Encodings of more than one byte a character, with a text in their script.
MULTI_BYTE = {
    "utf-16": "Новости 新聞",
    "utf-16-le": "Новости 新聞",
    "utf-16-be": "Новости 新聞",
    "utf-32": "Новости 新聞",
    "utf-32-le": "Новости 新聞",
    "utf-32-be": "Новости 新聞",
    "big5": "今天的新聞",
    "big5hkscs": "今天的新聞",
    "euc-kr": "오늘의 뉴스",
    "gb2312": "今天的新闻",
    "gbk": "今天的新闻",
    "gb18030": "今天的新闻 Новости",
    "shift_jis": "今日のニュース",
    "euc-jp": "今日のニュース",
    "iso-2022-jp": "今日のニュース",
    "cp949": "오늘의 뉴스",
    "hz": "今天的新闻",
}


def multi_byte_feeds(link: Callable[[str], str]) -> list[OddFeed]:
    """Each multi-byte encoding, declared; UTF-16 and UTF-32 also without a declaration (the
    BOM, or the NUL bytes of the markup, say which)."""
    feeds: list[OddFeed] = []
    for codec, script in MULTI_BYTE.items():
        for declared in (codec, None) if codec.startswith("utf") else (codec,):
            case = f"multi-{_safe(codec)}{'' if declared else '-undeclared'}"
            text = rss_text(case, link(case), declared, script + " ")
            feeds.append(OddFeed(case, encoded(text, codec), item_title(case, script + " ")))
    return feeds


def mismatch_feeds(link: Callable[[str], str]) -> list[OddFeed]:
    """A BOM that disagrees with the declaration (the BOM wins: it cannot be there by chance),
    and declarations the bytes are not in (tolk says it guessed)."""
    feeds: list[OddFeed] = []
    boms = {
        "utf-8": codecs.BOM_UTF8,
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }
    for codec, bom in boms.items():
        for declared in ("iso-8859-1", "utf-8", "utf-16", "big5", "bogus"):
            case = f"bom-{codec}-says-{_safe(declared)}"
            text = rss_text(case, link(case), declared, "Новости ")
            body = bom + encoded(text, codec)
            feeds.append(OddFeed(case, body, item_title(case, "Новости ")))
    lies = [  # (declared, written in, script)
        ("utf-8", "cp1252", ""),
        ("utf-8", "iso8859-15", ""),
        ("iso-8859-1", "utf-8", "Новости "),
        ("windows-1252", "utf-8", ""),
        ("utf-16", "utf-8", ""),
        ("utf-32", "utf-8", ""),
        ("big5", "utf-8", "Новости "),
        ("shift_jis", "utf-8", "Новости "),
        ("cp037", "utf-8", ""),
    ]
    for declared, codec, script in lies:
        case = f"says-{_safe(declared)}-is-{_safe(codec)}"
        text = rss_text(case, link(case), declared, script)
        feeds.append(OddFeed(case, encoded(text, codec), item_title(case, script), guessed=True))
    return feeds


def truncated_feeds(link: Callable[[str], str]) -> list[OddFeed]:
    """Feeds cut short in several encodings, at a few places: they may be read (feedparser is
    lenient) or fail, never more."""
    feeds: list[OddFeed] = []
    for codec in ("utf-8", "utf-16", "utf-32", "big5", "cp1252"):
        script = "新聞 " if codec != "cp1252" else ""
        for share in (0.0, 0.01, 1 / 3, 1 / 2, 0.9, 0.99):
            case = f"cut-{codec}-{round(share * 100)}"
            whole = encoded(rss_text(case, link(case), codec, script), codec)
            feeds.append(OddFeed(case, whole[: max(1, int(len(whole) * share))], None))
    return feeds


# Encodings the billion laughs (and an external entity) is refused in.
ENTITY_ENCODINGS = (
    "utf-8",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "utf-32-be",
    "big5",
    "shift_jis",
    "cp037",
    "iso-8859-1",
)


def entity_feeds() -> list[OddFeed]:
    """The billion laughs and an external entity, declared in each encoding and written in it;
    and malformed: UTF-32 cut mid-character, UTF-32 declared as UTF-8, UTF-16 with its BOM cut."""
    feeds: list[OddFeed] = []
    for name, document in (("laughs", BILLION_LAUGHS), ("external", EXTERNAL_ENTITY)):
        for codec in ENTITY_ENCODINGS:
            declared = document.replace(
                '<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{codec}"?>'
            )
            body = encoded(declared, codec)
            feeds.append(OddFeed(f"{name}-{_safe(codec)}", body, None, refused=True))
        laughs = document.replace(
            '<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-32"?>'
        )
        malformed = {
            "utf-32-cut": encoded(laughs, "utf-32")[:-3],
            "utf-32-odd-bytes": encoded(laughs, "utf-32")[:40]
            + b"\xff"
            + encoded(laughs, "utf-32")[40:],
            "utf-32-says-utf-8": encoded(document, "utf-32-le"),
            "utf-32-no-bom-bad-char": encoded(laughs, "utf-32-be") + b"\x7f\xff\xff\xff",
            "utf-16-half-bom": encoded(laughs, "utf-16-le")[1:],
        }
        malformed["utf-16-says-bogus"] = encoded(
            document.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="bogus"?>'),
            "utf-16-be",
        )
        malformed["utf-8-says-utf-16"] = encoded(
            document.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>'),
            "utf-8",
        )
        for label, body in malformed.items():
            feeds.append(OddFeed(f"{name}-{label}", body, None, refused=True))
    return feeds


def odd_feeds(link: Callable[[str], str]) -> list[OddFeed]:
    """The whole corpus; `link(case)` is the URL of the case's item page."""
    return [
        *alias_table_feeds(link),
        *lacking_name_feeds(link),
        *multi_byte_feeds(link),
        *mismatch_feeds(link),
        *truncated_feeds(link),
        *entity_feeds(),
    ]
