"""What can replace a sentence's English, for the alternatives dialog: the translation
memory's matches (exact, older imports, case-insensitive, near ones with their similarity), the
model's own translation when something else is shown, and the model's n-best.

The job runs in a worker: the fuzzy search reads every unit of a plausible length, and the
model's n-best takes it time. It opens the memory database only when the file exists: the reader
never creates it.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.messages import Notice
from tui.reader.review.messages import AlternativesFound

if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle
    from tolk.userdata.review import SentenceKey
    from translation.engine import ArticleTranslator

MEMORY = "Memory"
MODEL_ALTERNATIVES = 5
# The model's n-best is offered for sentences up to this long. Past it the options are walls
# of text that differ in a word or two, which no one compares by eye in the dialog, and they
# cost the model time in proportion (a 200,000-character run-on sentence took minutes with a
# transformer-base model). Twice the length at which a sentence is cut into pieces.
MODEL_ALTERNATIVES_MOST_CHARS = 2_000


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
        from tui.dialogs.alternatives import Alternative  # the dialog's, loaded when used

        found: list[Alternative] = []
        if database_path().exists():
            try:
                with TranslationMemory() as memory:
                    matches = memory.matches(key.source)
            except (MemoryStoreError, sqlite3.Error) as error:
                post(Notice(MEMORY, f"No memory matches: {error}"))
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
                Notice(
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
                best = translator.alternatives(key.source, MODEL_ALTERNATIVES, cancelled=cancelled)
            except Exception as error:  # the model failing must not take the reader down
                post(Notice("Model", f"No alternatives: {error}"))
            else:
                found += [Alternative(text, "model n-best") for text in best]
        if cancelled():  # another sentence's alternatives were asked for meanwhile
            return
        unique: dict[str, Alternative] = {}
        for alternative in found:  # the first (best-placed) source of a text names it
            unique.setdefault(alternative.text, alternative)
        post(AlternativesFound(opened, key, list(unique.values())))

    return job
