"""Article dates that keep their precision: a year, a month, or a day."""

from __future__ import annotations

import datetime as dt
import re
from enum import IntEnum
from functools import cache
from typing import Any, NamedTuple

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Precision(IntEnum):
    """How much of a date the article gave."""

    YEAR = 1
    MONTH = 2
    DAY = 3


class ArticleDate(NamedTuple):
    """A date as precise as its source: `2019-12` stays a month, never a made-up day. Dates
    order by year, month, day, then precision. (A named tuple: as small as a slotted dataclass
    for the 100,000 rows of a big library, and five times cheaper to make at import, on the
    way to the first title.)"""

    year: int
    month: int = 1
    day: int = 1
    precision: Precision = Precision.DAY

    def __str__(self) -> str:
        if self.precision is Precision.YEAR:
            return f"{self.year}"
        if self.precision is Precision.MONTH:
            return f"{_MONTH_ABBR[self.month - 1]} {self.year}"
        return f"{self.day} {_MONTH_ABBR[self.month - 1]} {self.year}"

    def iso(self) -> str:
        """ISO 8601 at the date's own precision: `2019`, `2019-12` or `2019-12-04`."""
        if self.precision is Precision.YEAR:
            return f"{self.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@cache
def _parser_info() -> Any:
    """dateutil's parser taught Norwegian month names (and kept its English ones). Made on the
    first date that is not ISO: importing dateutil takes 50-80 ms, which the reader's first
    frame must not wait for (the dates the list shows first are nearly always ISO)."""
    from dateutil import parser as dateutil_parser

    class NorwegianParserInfo(dateutil_parser.parserinfo):
        # dateutil's parserinfo reads this class attribute. Its stub allows only 2- or
        # 3-name tuples, though the parser takes any number; hence the annotation.
        MONTHS: list[tuple[str, ...]] = [  # type: ignore[assignment]  # noqa: RUF012
            ("jan", "januar", "January"),
            ("feb", "februar", "February"),
            ("mar", "mars", "March"),
            ("apr", "april", "April"),
            ("mai", "May"),
            ("jun", "juni", "June"),
            ("jul", "juli", "July"),
            ("aug", "august", "August"),
            ("sep", "sept", "september", "September"),
            ("okt", "oktober", "oct", "October"),
            ("nov", "november", "November"),
            ("des", "desember", "dec", "December"),
        ]

        def __init__(self) -> None:
            super().__init__(dayfirst=True)

    return NorwegianParserInfo()


# Two far-apart defaults: a field that differs between the two parses was not in the text.
_DEFAULT_A = dt.datetime(1904, 1, 1)
_DEFAULT_B = dt.datetime(1908, 2, 2)
_YEAR_ONLY = re.compile(r"^\d{4}$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


def parse_article_date(text: str) -> ArticleDate | None:
    """Parse `2019-12`, `2020-01-08`, `8. januar 2020` and other common forms; None if not a date.

    dateutil fills missing fields from a default (today, unless told otherwise); parsing against
    two different defaults shows which fields the text really gave, so no day leaks in.
    """
    text = text.strip().rstrip(".,;:")
    if not text or len(text) > 40:
        return None
    if _YEAR_ONLY.match(text):
        return ArticleDate(int(text), precision=Precision.YEAR)
    if iso := _ISO.match(text):
        # dayfirst (right for "8.1.2020") would read 2020-01-08 as August; ISO is unambiguous.
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3] or 1)
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
        if iso[3] is None:
            return ArticleDate(year, month, precision=Precision.MONTH)
        return ArticleDate(year, month, day, Precision.DAY)
    from dateutil import parser as dateutil_parser

    info = _parser_info()
    try:
        first = dateutil_parser.parse(text, parserinfo=info, default=_DEFAULT_A)
        second = dateutil_parser.parse(text, parserinfo=info, default=_DEFAULT_B)
    except (ValueError, OverflowError):
        return None
    if first.year != second.year:
        return None  # no year given ("8. januar"): too vague to sort by
    if first.month != second.month:
        return ArticleDate(first.year, precision=Precision.YEAR)
    if first.day != second.day:
        return ArticleDate(first.year, first.month, precision=Precision.MONTH)
    return ArticleDate(first.year, first.month, first.day, Precision.DAY)
