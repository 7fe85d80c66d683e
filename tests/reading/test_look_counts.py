"""The stored "N⚑" counts (tolk/reading/look_counts.py) are given only while what judged them
is what judges now: the checks, config.toml's `[qa]` and `[keyword_translations]`, and the
glossary. Changed, the counts are not given (the articles are judged anew when opened);
changed back, they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.pilot import write_config
from tests.conftest import SEEDS
from tests.glossary.files import OMEGAT, write
from tolk.glossary.database import Glossary
from tolk.paths import cache_database
from tolk.reading.look_counts import LookCounts, judging
from tolk.userdata.bookmarks import absolute_path

ARTICLE = absolute_path(SEEDS / "003_af9304a0a01167de.txt")


def stored() -> dict[Path, int]:
    """The counts a reader starting now is given."""
    counts = LookCounts(cache_database())
    try:
        return dict(counts.current({str(ARTICLE)}))
    finally:
        counts.close()


def record(flagged: int) -> None:
    counts = LookCounts(cache_database())
    try:
        counts.record(ARTICLE, flagged)
    finally:
        counts.close()


@pytest.mark.parametrize(
    "changed",
    [
        "[qa]\nlow_confidence = 0.6\n",
        '[qa]\nignore = ["names"]\n',
        '[qa]\naccept = ["Storting"]\n',
        '[keyword_translations]\nallianse = ["alliance"]\n',
    ],
    ids=["low_confidence", "ignore", "accept", "keyword_translations"],
)
def test_a_count_judged_under_other_settings_is_not_given(changed: str) -> None:
    write_config("")
    record(7)
    assert stored() == {ARTICLE: 7}
    write_config(changed)
    assert stored() == {}
    record(3)  # judged anew under the new settings
    assert stored() == {ARTICLE: 3}
    write_config("")  # and back: the article's count is the one judged last, under others
    assert stored() == {}


def test_a_count_judged_before_a_glossary_import_or_removal_is_not_given(tmp_path: Path) -> None:
    record(7)
    before = judging()
    with Glossary() as glossary:
        glossary.import_file(write(tmp_path / "nato.txt", OMEGAT))
    assert judging() != before and stored() == {}
    record(5)
    assert stored() == {ARTICLE: 5}
    with Glossary() as glossary:
        glossary.remove("nato.txt")
    assert stored() == {}


def test_the_same_settings_judge_the_same() -> None:
    write_config('[qa]\nignore = ["names", "numbers"]\n')
    first = judging()
    write_config('[qa]\nignore = ["numbers", "names"]\n')  # the same checks, listed otherwise
    assert judging() == first
    record(2)
    assert stored() == {ARTICLE: 2}
