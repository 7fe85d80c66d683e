"""The translation memory in the reader: the open article's exact matches, whose English is
shown in place of the model's.

The lookup runs in a worker: a memory can hold hundreds of thousands of units. The job opens the
memory database itself (a connection is not shared between threads); the reader never creates
it. (What the memory offers for one sentence is the review's alternatives dialog.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.reader.jobs import Cancelled, Job, Post
from tui.reader.memory.messages import MemoryLoaded
from tui.reader.messages import Notice

# The memory and tolk.reading.open_article load when first used (the jobs' workers, an open
# article's drawing): the reader's first frame does not wait for them.
if TYPE_CHECKING:
    from tolk.reading.open_article import OpenArticle

TITLE = "Memory"


class MemoryFeature:
    """Jobs over the translation memory file (`tolk.memory.database`); no state of its own."""

    @staticmethod
    def lookup(opened: OpenArticle) -> Job:
        """Job: the exact matches for every sentence of `opened`."""

        def job(post: Post, cancelled: Cancelled) -> None:
            from tolk.memory.database import exact_matches, memory_renderings

            found, warning = exact_matches(opened.sources())
            if warning:
                post(Notice(TITLE, warning, "warning"))
            # Every English the memory has for the sentences (`inconsistent`); not when
            # the memory is off, which was said once already.
            renderings = {} if warning else memory_renderings(opened.rendering_keys())[0]
            # The matches' checks run here, not as the screen draws them.
            judged = opened.checks.judge_stored(memory=found)
            if not cancelled():
                post(MemoryLoaded(opened, found, renderings, judged))
            opened.checks.warm()

        return job
