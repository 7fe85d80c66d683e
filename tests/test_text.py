"""Counts as the user reads them."""

from __future__ import annotations

import pytest

from tolk.text import count


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, "0 articles"), (1, "1 article"), (2, "2 articles"), (12_000, "12,000 articles")],
)
def test_a_count_agrees_with_its_noun(number: int, expected: str) -> None:
    assert count(number, "article") == expected


def test_a_noun_of_several_words_and_an_irregular_plural() -> None:
    assert count(1, "unreadable file") == "1 unreadable file"
    assert count(3, "unreadable file") == "3 unreadable files"
    assert count(1, "match", "matches") == "1 match"
    assert count(2, "match", "matches") == "2 matches"


def test_a_count_in_a_column_keeps_its_numbers_aligned() -> None:
    assert count(1, "unit", width=7) == "      1 unit"
    assert count(1_200, "unit", width=7) == "  1,200 units"
