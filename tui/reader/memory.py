"""The translation memory in the reader: the open article's exact matches, and what the
alternatives dialog offers for a sentence (memory matches, the model's own English, its n-best).

Lookups run in workers: a memory can hold hundreds of thousands of units, and the fuzzy search
reads every unit of a plausible length. Each job opens the memory database itself (a connection
is not shared between threads) and only when the file exists: the reader never creates it.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from tui import messages
from tui.reader.jobs import Cancelled, Job, Post
from tui.widgets.paragraph_view import Mark

# The memory and the open article's model load when first used (the jobs' workers, an open
# article's drawing): the reader's first frame does not wait for them.
if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tolk.reading.shown_english import ShownSentence
    from tolk.userdata.review import SentenceKey
    from translation.engine import ArticleTranslator

TITLE = "Memory"
MEMORY_MARK = " ≡"  # drawn after a sentence whose English is the memory's
MEMORY_STYLE = "parallel-text--memory"
MODEL_ALTERNATIVES = 5
# The model's n-best is offered for sentences up to this long. Past it the options are walls
# of text that differ in a word or two, which no one compares by eye in the dialog, and they
# cost the model time in proportion (a 200,000-character run-on sentence took minutes with a
# transformer-base model). Twice the length at which a sentence is cut into pieces.
MODEL_ALTERNATIVES_MOST_CHARS = 2_000


def memory_mark(sentence: ShownSentence) -> Mark | None:
    """≡ after a sentence shown from the translation memory, if it is."""
    from tolk.reading.shown_english import Origin

    if sentence.origin is not Origin.MEMORY:
        return None
    glyph = MEMORY_MARK if sentence.target else MEMORY_MARK.lstrip()
    return Mark(sentence.span.target_end, glyph, MEMORY_STYLE)


class MemoryFeature:
    """Jobs over the translation memory file (`tolk.memory.database`); no state of its own."""

    @staticmethod
    def lookup(opened: OpenArticle) -> Job:
        """Job: the exact matches for every sentence of `opened`."""

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.memory.database import exact_matches

            found, warning = exact_matches(opened.sources())
            if warning:
                post(messages.Notice(TITLE, warning, "warning"))
            if not cancelled():
                post(messages.MemoryLoaded(opened, found))

        return job

    @staticmethod
    def alternatives(
        translator: ArticleTranslator | None, opened: OpenArticle, key: SentenceKey
    ) -> Job:
        """Job: what can replace the English of sentence `key`: the memory's matches (exact,
        older imports, case-insensitive, near ones with their similarity), the model's own
        translation when something else is shown, and the model's n-best."""
        shown = opened.shown(key.paragraph)
        current = next((s for s in shown.sentences if s.key == key), None) if shown else None

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.memory.database import MemoryStoreError, TranslationMemory, database_path
            from tolk.reading.shown_english import Origin
            from tui.screens.alternatives import Alternative  # the dialog's, loaded when used

            found: list[Alternative] = []
            if database_path().exists():
                try:
                    with TranslationMemory() as memory:
                        matches = memory.matches(key.source)
                except (MemoryStoreError, sqlite3.Error) as error:
                    post(messages.Notice(TITLE, f"No memory matches: {error}"))
                    matches = []
                found += [Alternative(match.target, match.label) for match in matches]
            if (
                current is not None
                and current.machine is not None
                and current.origin is not Origin.MACHINE
            ):
                found.append(Alternative(current.machine.target, "model"))
            too_long = len(key.source) > MODEL_ALTERNATIVES_MOST_CHARS
            if translator is not None and too_long:
                post(
                    messages.Notice(
                        "Model",
                        f"No model alternatives for a sentence of {len(key.source):,} characters "
                        f"(they are offered up to {MODEL_ALTERNATIVES_MOST_CHARS:,}); "
                        "press e to correct it.",
                        "information",
                    )
                )
                if not found:
                    return  # that is the whole answer: no dialog, no "no model" message
            elif translator is not None:
                try:
                    best = translator.alternatives(
                        key.source, MODEL_ALTERNATIVES, cancelled=cancelled
                    )
                except Exception as error:  # the model failing must not take the reader down
                    post(messages.Notice("Model", f"No alternatives: {error}"))
                else:
                    found += [Alternative(text, "model n-best") for text in best]
            if cancelled():  # another sentence's alternatives were asked for meanwhile
                return
            unique: dict[str, Alternative] = {}
            for alternative in found:  # the first (best-placed) source of a text names it
                unique.setdefault(alternative.text, alternative)
            post(messages.AlternativesFound(opened, key, list(unique.values())))

        return job
