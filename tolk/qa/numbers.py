"""Numbers for the QA `numbers` check: Norwegian formats in the source, English in the target.

Each number is reduced to comparable keys: `n:1400`, `n:3.5` (a value), `t:14:30` (a time of
day), `d:12-3` (3 December). A source number is present in the English when one of its keys
is among the target's keys, or when its exact text is there (an untranslated "1.400").

Norwegian source: thousands grouped by `.`, space, NBSP, narrow NBSP or thin space ("1.400",
"1 400"), decimal comma ("3,5"), times "kl. 14.30" / "klokken 14" / "14:30" / "14.30",
dates "3. desember" and "03.12.2019", and everything else as plain digits (years, "12 prosent"
and "12 %" are the number 12: the unit is not checked). English target: "1,400", "1400",
"1 400", "3.5", "14:30", "2:30 pm", "2.30 p.m.", "2 pm", "3 December", "December 3rd",
ordinals ("3rd"), and the number words zero to ninety-nine ("two", "twenty-two"); larger number
words ("a thousand") are out of scope. Signs are ignored ("-5" is 5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["SourceNumber", "source_numbers", "target_number_keys"]

_SPACES = " \u00a0\u202f\u2009"

_NORWEGIAN_MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
_ENGLISH_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORDS = {word: value for value, word in enumerate(_UNITS)} | {
    word: 20 + 10 * index for index, word in enumerate(_TENS)
}

_NUMBER_WORD = re.compile(
    rf"\b(?P<tens>{'|'.join(_TENS)})(?:[-\s](?P<unit>{'|'.join(_UNITS[1:10])}))?\b"
    rf"|\b(?P<small>{'|'.join(_UNITS)})\b",
    re.IGNORECASE,
)

_NO_DIGIT_BEFORE = r"(?<![\d.,])"
_NO_DIGIT_AFTER = r"(?![\d]|[.,]\d)"
_GROUPED = rf"\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d{{1,3}}(?:\.\d{{3}})+"

# The source, most specific first; a match consumes its text, so "14.30" is read once.
_SOURCE = re.compile(
    "|".join(
        [
            # kl. 14 / kl. 14.30 / klokken 14:30
            r"(?P<kl>\b[Kk]l(?:\.|okken)\s*)(?P<kh>\d{1,2})(?:[.:](?P<km>\d{2}))?"
            + _NO_DIGIT_AFTER,
            # 03.12.2019
            _NO_DIGIT_BEFORE + r"(?P<dd>\d{1,2})\.(?P<dm>\d{1,2})\.(?P<dy>\d{4})" + _NO_DIGIT_AFTER,
            # 3. desember
            _NO_DIGIT_BEFORE + r"(?P<day>\d{1,2})\.\s*(?P<month>[A-Za-zæøåÆØÅ]+)\b",
            # 14:30, and 14.30 (Norwegian decimals take a comma, so this is a time)
            _NO_DIGIT_BEFORE + r"(?P<th>\d{1,2})[.:](?P<tm>\d{2})" + _NO_DIGIT_AFTER,
            # 1.400 / 1 400 / 1 400,5
            _NO_DIGIT_BEFORE + rf"(?P<grouped>{_GROUPED})(?:,(?P<gfrac>\d+))?" + _NO_DIGIT_AFTER,
            # 3,5 / 3.5 / 12
            _NO_DIGIT_BEFORE + r"(?P<int>\d+)(?:[,.](?P<frac>\d+))?" + _NO_DIGIT_AFTER,
        ]
    )
)

_EN_MONTH = "(?i:" + "|".join(sorted(_ENGLISH_MONTHS, key=len, reverse=True)) + ")"
_MERIDIEM = r"\s*(?P<ap>[ap])\.?\s?m\b\.?"
_TARGET = re.compile(
    "|".join(
        [
            # 2 pm / 2:30 pm / 2.30 p.m.
            r"\b(?P<mh>\d{1,2})(?:[:.](?P<mm>\d{2}))?" + _MERIDIEM,
            # 3 December / 3rd of December
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_EN_MONTH})\b",
            # December 3 / December 3rd
            rf"\b(?P<month2>{_EN_MONTH})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b",
            # 14:30
            _NO_DIGIT_BEFORE + r"(?P<th>\d{1,2}):(?P<tm>\d{2})" + _NO_DIGIT_AFTER,
            # 1,400 / 1,400.5 / 1 400
            _NO_DIGIT_BEFORE
            + rf"(?P<grouped>\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:[{_SPACES}]\d{{3}})+)"
            + r"(?:\.(?P<gfrac>\d+))?"
            + _NO_DIGIT_AFTER,
            # 3.5 / 12 / 3rd / 1990s; ordinals are read as their number
            _NO_DIGIT_BEFORE + r"(?P<int>\d+)(?:\.(?P<frac>\d+))?" + _NO_DIGIT_AFTER,
        ]
    )
)


@dataclass(frozen=True)
class SourceNumber:
    """A number found in the source: its `text`, the `keys` any of which the target may hold,
    and how an English reader would expect to see it (`english`, e.g. "1,400")."""

    text: str
    keys: frozenset[str]
    english: str


def source_numbers(text: str) -> list[SourceNumber]:
    """The numbers in a Norwegian sentence, in order."""
    found = []
    for match in _SOURCE.finditer(text):
        number = _read_source(match)
        if number is not None:
            found.append(number)
    return found


def _read_source(match: re.Match[str]) -> SourceNumber | None:
    group = match.group
    text = match.group().strip()
    if group("kh") is not None:
        hour, minute = int(group("kh")), int(group("km") or 0)
        if hour > 24 or minute > 59:
            return None
        keys = {_time_key(hour, minute)}
        if hour < 12:  # "kl. 8" may be the evening
            keys.add(_time_key(hour + 12, minute))
        if group("km") is None:
            keys.add(f"n:{hour}")
        return SourceNumber(text, frozenset(keys), f"{hour:02}:{minute:02}")
    if group("dd") is not None:
        day, month, year = int(group("dd")), int(group("dm")), int(group("dy"))
        return SourceNumber(
            text,
            frozenset({f"dy:{year}-{month}-{day}"}),
            f"{year}-{month:02}-{day:02}",
        )
    if group("day") is not None:
        day = int(group("day"))
        named = _NORWEGIAN_MONTHS.get(group("month").lower())
        if named is None:  # an ordinal: "3. plass"
            return SourceNumber(group("day"), frozenset({f"n:{day}"}), str(day))
        return SourceNumber(text, frozenset({_date_key(named, day)}), f"{day} {_month(named)}")
    if group("th") is not None:
        hour, minute = int(group("th")), int(group("tm"))
        if hour > 24 or minute > 59:
            value = _value(group("th"), group("tm"))
            return SourceNumber(text, frozenset({f"n:{value}"}), str(value))
        return SourceNumber(text, frozenset({_time_key(hour, minute)}), f"{hour:02}:{minute:02}")
    if group("grouped") is not None:
        whole = re.sub(rf"[.{_SPACES}]", "", group("grouped"))
        value = _value(whole, group("gfrac"))
        return SourceNumber(text, frozenset({f"n:{value}"}), _with_commas(value))
    value = _value(group("int"), group("frac"))
    return SourceNumber(text, frozenset({f"n:{value}"}), value)


def target_number_keys(text: str) -> set[str]:
    """Every key the numbers in an English sentence give (see the module docstring)."""
    keys: set[str] = set()
    for match in _TARGET.finditer(text):
        keys |= _read_target(match)
    for match in _NUMBER_WORD.finditer(text):
        words = [word.lower() for word in match.groups() if word]
        keys.add(f"n:{sum(_NUMBER_WORDS[word] for word in words)}")
    # A bare "14.30" in the English may be a time as well as 14.3.
    for match in re.finditer(_NO_DIGIT_BEFORE + r"(\d{1,2})\.(\d{2})" + _NO_DIGIT_AFTER, text):
        keys.add(_time_key(int(match[1]), int(match[2])))
    # "2019-12-03", "3/12/2019", "12/3/2019"
    for match in re.finditer(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text):
        keys.add(f"dy:{int(match[1])}-{int(match[2])}-{int(match[3])}")
    for match in re.finditer(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        keys |= {f"dy:{year}-{second}-{first}", f"dy:{year}-{first}-{second}"}
    # "3 December 2019" / "December 3, 2019" for a full numeric date
    for match in re.finditer(
        r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)\.?|([A-Za-z]+)\.?\s+(\d{1,2})"
        r"(?:st|nd|rd|th)?),?\s+(\d{4})\b",
        text,
    ):
        month = _ENGLISH_MONTHS.get((match[2] or match[3]).lower())
        if month is not None:
            keys.add(f"dy:{int(match[5])}-{month}-{int(match[1] or match[4])}")
    return keys


def _read_target(match: re.Match[str]) -> set[str]:
    group = match.group
    if group("mh") is not None:
        hour, minute = int(group("mh")), int(group("mm") or 0)
        if hour > 12 or minute > 59:
            return set()
        hour = hour % 12 + (12 if group("ap").lower() == "p" else 0)
        return {_time_key(hour, minute)}
    for day_group, month_group in (("day", "month"), ("day2", "month2")):
        if group(day_group) is not None:
            day = int(group(day_group))
            return {f"n:{day}", _date_key(_ENGLISH_MONTHS[group(month_group).lower()], day)}
    if group("th") is not None:
        return {_time_key(int(group("th")), int(group("tm")))}
    if group("grouped") is not None:
        whole = re.sub(rf"[,{_SPACES}]", "", group("grouped"))
        return {f"n:{_value(whole, group('gfrac'))}"}
    if group("int") is not None:
        return {f"n:{_value(group('int'), group('frac'))}"}
    return set()


def _value(whole: str, fraction: str | None) -> str:
    """A canonical decimal string: "1400", "3.5" (trailing zeros dropped)."""
    try:
        number = Decimal(f"{whole}.{fraction}" if fraction else whole)
    except InvalidOperation:
        return whole
    return format(number.normalize(), "f")


def _with_commas(value: str) -> str:
    """A canonical value with English thousands separators ("1,400")."""
    whole, _, fraction = value.partition(".")
    grouped = f"{int(whole):,}"
    return f"{grouped}.{fraction}" if fraction else grouped


def _time_key(hour: int, minute: int) -> str:
    return f"t:{hour % 24}:{minute:02}"


def _date_key(month: int, day: int) -> str:
    return f"d:{month}-{day}"


def _month(month: int) -> str:
    names = [name for name, number in _ENGLISH_MONTHS.items() if number == month]
    return names[0].capitalize()
