"""The checks' benchmarks' own machinery (bench/desk.py, bench/checked_translation.py,
bench/check_command.py): the English they judge lines up with the seeds, and their rows say
what was measured."""

from __future__ import annotations

from bench import check_command, checked_translation
from bench.desk import english_for, other_english, seed_english


def test_the_seeds_english_has_a_line_for_each_sentence() -> None:
    english = seed_english()  # refuses a file out of step with the seeds
    assert len(english) == 45
    first = next(iter(english))
    assert english_for(f"Sak 12: {first}", english) == f"Case 12: {english[first]}"
    assert english_for("Ukjent setning.", english) == "Ukjent setning."
    assert other_english(english[first]) != english[first]


def test_the_checked_translation_rows_compare_medians() -> None:
    figures = {
        "sentences": 45,
        "desk": {"glossary_terms": 20000, "memory_units": 100000, "corrections": 1005},
        "times": {"before": [2.0, 2.2, 1.9], "all": [2.1, 2.3, 2.0]},
        "check_times": {"before": [0.05, 0.05, 0.05], "all": [0.1, 0.1, 0.1]},
        "flags": {"before": {}, "all": {"inconsistent": 9}},
        "word_list_load": 0.3,
        "load": [0.5, 1.5],
    }
    (ratio, checks, rest, desk, word_list) = checked_translation.rows(figures)
    assert ratio[1].startswith("1.050x (2.10 s / 2.00 s), load 0.5-1.5") and ratio[3]
    assert checks[1] == "100 ms / 50 ms; +2.5%"
    assert rest[1] == "2.00 s / 1.95 s"
    assert desk[1] == "inconsistent 9" and word_list[1] == "300 ms"
    figures["times"]["all"] = [2.4, 2.4, 2.4]
    assert not checked_translation.rows(figures)[0][3]  # 1.2x: over the goal


def test_the_check_command_rows_give_seconds_and_articles_per_second() -> None:
    figures = {
        "sentences": 135000,
        "times": [100.0, 125.0, 90.0],
        "load": [1.0, 2.0],
        "peak_mb": 512.0,
        "summary": "tolk: 1 of 2 sentences flagged in 3 articles",
    }
    (timing, peak) = check_command.rows(figures)
    assert timing[1] == "100.0 s, 100 articles/s (90.0-125.0 s), load 1.0-2.0"
    assert peak[1].startswith("512 MB; tolk: 1 of 2")
