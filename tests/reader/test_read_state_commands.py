"""The read-state commands with a fake host and a fake list, over a real user store: `t` marks
the highlighted article read or unread, `A` marks what the list shows read and says how many,
`Z` takes exactly that back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.reader.fake_host import FakeHost
from tolk.library.articles import ArticleSummary
from tolk.userdata.store import UserStore, open_store
from tui.reader.messages import ReaderMessage
from tui.reader.unread.commands import ReadStateCommands
from tui.reader.unread.messages import MarkedRead, MarkingUndone, ReadMarks
from tui.reader.unread.state import OFF, ReadStateFeature


@dataclass
class FakeList:
    """The list as the commands see it: what it shows, and its cursor."""

    shown: list[Path]
    read: set[Path] = field(default_factory=set)
    cursor: int = 0

    def highlighted(self) -> tuple[Path, bool | None] | None:
        if not self.shown:
            return None
        path = self.shown[self.cursor]
        return path, path in self.read

    def shown_paths(self) -> list[Path]:
        return list(self.shown)

    def add_article(self, summary: ArticleSummary) -> None:
        raise AssertionError("not expected")

    def set_activity(self, text: str | None) -> None:
        raise AssertionError("not expected")

    def readable_after(self, path: Path) -> Path | None:
        raise AssertionError("not expected")

    def count_hits(self) -> None:
        raise AssertionError("not expected")


@pytest.fixture
def store() -> Iterator[UserStore]:
    opened = open_store().store
    assert opened is not None
    yield opened
    opened.close()


def commands_over(
    store: UserStore | None, shown: list[Path]
) -> tuple[ReadStateCommands, FakeHost, FakeList]:
    listed = FakeList(shown)
    host = FakeHost(listed=listed)
    feature = ReadStateFeature()
    feature.store = store
    return ReadStateCommands(host, feature), host, listed


def run(commands: ReadStateCommands, host: FakeHost, listed: FakeList) -> list[ReaderMessage]:
    """Run the jobs, hand back what is the commands' to receive, keep the list's marks."""
    posted = [m for m in host.run_jobs() if isinstance(m, ReaderMessage)]
    for message in posted:
        if "unread" in message.receivers:
            commands.receive(message)
        if isinstance(message, ReadMarks):
            listed.read = set(message.read)
    return posted


def test_t_marks_the_highlighted_article_read_then_unread(store: UserStore, tmp_path: Path) -> None:
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    commands, host, listed = commands_over(store, paths)
    listed.cursor = 1
    commands.toggle_read()
    run(commands, host, listed)
    assert store.read_paths() == listed.read == {paths[1]}
    commands.toggle_read()
    run(commands, host, listed)
    assert store.read_paths() == listed.read == set()


def test_mark_all_read_marks_what_is_listed_and_z_takes_exactly_that_back(
    store: UserStore, tmp_path: Path
) -> None:
    read_before, *unread = [tmp_path / f"{n}.txt" for n in range(4)]
    elsewhere = tmp_path / "not-listed.txt"  # hidden by a filter, say
    store.mark_read([read_before])
    commands, host, listed = commands_over(store, [read_before, *unread])

    commands.mark_all_read()
    posted = run(commands, host, listed)

    assert store.read_paths() == {read_before, *unread}
    assert elsewhere not in listed.read
    [marked] = [m for m in posted if isinstance(m, MarkedRead)]
    assert marked.marking.paths == set(unread)
    assert host.notices[-1] == (
        "Marked 3 articles read (1 of those listed was read already). Press Z to undo."
    )

    commands.undo_mark_all_read()
    posted = run(commands, host, listed)
    assert any(isinstance(m, MarkingUndone) and m.count == 3 for m in posted)
    assert host.notices[-1] == "Undone: 3 articles unread again."
    assert store.read_paths() == listed.read == {read_before}

    commands.undo_mark_all_read()  # once only
    assert host.jobs == [] and host.notices[-1].startswith("Nothing to undo")


def test_mark_all_read_with_everything_read_leaves_nothing_to_undo(
    store: UserStore, tmp_path: Path
) -> None:
    paths = [tmp_path / "a.txt"]
    store.mark_read(paths)
    commands, host, listed = commands_over(store, paths)
    commands.mark_all_read()
    run(commands, host, listed)
    assert host.notices[-1] == "Every listed article was read already."
    commands.undo_mark_all_read()
    assert host.notices[-1].startswith("Nothing to undo")


def test_without_a_store_the_keys_say_so(tmp_path: Path) -> None:
    commands, host, _ = commands_over(None, [tmp_path / "a.txt"])
    commands.toggle_read()
    commands.mark_all_read()
    assert host.jobs == [] and host.notices == [OFF, OFF]


def test_an_empty_list_has_nothing_to_mark(store: UserStore) -> None:
    commands, host, _ = commands_over(store, [])
    commands.toggle_read()
    commands.mark_all_read()
    assert host.jobs == [] and host.notices == ["No article is listed."] * 2
