"""argostranslate's own time for the article (bench.translation's comparison rows).

`argostranslate.translate` imports stanza (and torch): `make bench`'s virtual environment has
them, the project's does not. Without them the figures are not measured, and the rows say so.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.timing import RUNS

# argos's batch size for "large": far above any paragraph's (or the article's) token count.
LARGE_BATCH_TOKENS = 100_000


def _median_seconds(work: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def argos_seconds(paragraphs: list[Any], split: Any) -> dict[str, float]:
    """Median seconds for argostranslate to translate the article: at its default batch size,
    at a large one, and at a large one with the article as one paragraph (argos batches one
    paragraph at a time). Empty where argostranslate.translate cannot be imported."""
    import argostranslate.settings as argos_settings

    try:
        import argostranslate.translate as argos_translate
    except ImportError:  # stanza missing: not make bench's environment
        return {}

    class TolkSentencizer:
        """argostranslate's sentencizer interface over tolk's splitter."""

        def __init__(self, package: Any) -> None:
            pass

        def split_sentences(self, text: str) -> list[str]:
            return list(split(text))

    argos_translate.MiniSBDSentencizer = TolkSentencizer  # type: ignore[attr-defined,misc]
    argos_translate.StanzaSentencizer = TolkSentencizer  # type: ignore[attr-defined,misc]
    text = "\n".join(p.text for p in paragraphs)
    argos_translate.translate("Hei.", "nb", "en")  # loads the model, as our warm-up did
    translation = argos_translate.get_translation_from_codes("nb", "en")
    default_batch = argos_settings.batch_size

    def timed(article: str, batch_size: int) -> float:
        argos_settings.batch_size = batch_size

        def once() -> None:
            # argos keeps the last text's paragraphs; without this, runs 2..n would be lookups.
            translation.cache.clear()
            argos_translate.translate(article, "nb", "en")

        return _median_seconds(once)

    return {
        "argos": timed(text, default_batch),
        "argos_batch_size": default_batch,
        "argos_large": timed(text, LARGE_BATCH_TOKENS),
        "argos_one_batch": timed(text.replace("\n", " "), LARGE_BATCH_TOKENS),
    }
