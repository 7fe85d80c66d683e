"""`tolk bookmarks list [--json] | export [--format md|json] [-o FILE]`: the saved bookmarks.

Each bookmark is checked against the article file at its last-seen path (read only, nothing is
written back), so the output says whether it is still where it was saved.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tolk.cli.output import write_output
from tolk.cli.saved_lists import (
    SavedList,
    SavedListError,
    add_saved_list_parser,
    read_saved,
    write_export,
)
from tolk.library.articles import shorten
from tolk.paths import data_dir
from tolk.text import json_text, printable
from tolk.userdata.bookmarks import BookmarkStatus, ResolvedBookmark, check_against_file
from tolk.userdata.store import DATABASE_NAME, UserStore, open_store

EXCERPT_CHARS = 100
EXPORT_FORMAT_VERSION = 1
_STATUS_NOTES = {
    BookmarkStatus.REANCHORED: "the article changed; the paragraph was found again",
    BookmarkStatus.ORPHANED: "orphaned: the paragraph is no longer in the article",
    BookmarkStatus.MISSING: "orphaned: no readable article at this path",
}
BOOKMARKS = SavedList(
    command="bookmarks",
    thing="bookmark",
    store="bookmarks",
    store_file=lambda: data_dir() / DATABASE_NAME,
    formats=("md", "json"),
    help="list or export bookmarked paragraphs",
    description="Show or export the paragraphs bookmarked in the reader.",
    list_help="show every bookmark, newest first",
    export_help="write the bookmarks as Markdown or JSON, grouped by article",
    export_description="Export the bookmarks grouped by article, newest article first.",
)


@dataclass(frozen=True)
class ExportedBookmark:
    """A bookmark as exported; `translation` is the English paragraph when the caller has one."""

    found: ResolvedBookmark
    translation: str | None = None


def add_bookmarks_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `tolk bookmarks` and its commands."""
    add_saved_list_parser(subparsers, BOOKMARKS)


def run_bookmarks(args: argparse.Namespace) -> int:
    """Run a `tolk bookmarks` command; returns the exit status."""
    try:
        found = load_checked_bookmarks()
        if args.bookmarks_command == "list":
            write_output(format_json_list(found) if args.json else format_list(found))
            return 0
        entries = [ExportedBookmark(one) for one in found]
        text = export_json(entries) if args.format == "json" else export_markdown(entries)
        write_export(BOOKMARKS, text, args.output, len(entries))
    except SavedListError as error:
        print(f"tolk: error: {printable(str(error))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # stdout's reader stopped early: `main` ends quietly
    except OSError as error:
        where = printable(str(error.filename))
        print(f"tolk: error: {error.strerror or error} ({where})", file=sys.stderr)
        return 1
    return 0


def load_checked_bookmarks() -> list[ResolvedBookmark]:
    """Every stored bookmark, newest first, checked against its article file. Raises
    SavedListError when they cannot be read."""

    def read(store: UserStore) -> list[ResolvedBookmark]:
        return [check_against_file(bookmark) for bookmark in store.all_bookmarks()]

    return read_saved(BOOKMARKS, open_store, read)


def bookmark_record(found: ResolvedBookmark) -> dict[str, Any]:
    """One bookmark as a JSON object (`paragraph_index` is where it is now, when found)."""
    bookmark = found.bookmark
    return {
        "id": bookmark.id,
        "article_key": bookmark.article_key,
        "path": str(bookmark.path),
        "title": bookmark.title,
        "date": bookmark.date,
        "paragraph_index": bookmark.paragraph_index if found.index is None else found.index,
        "paragraph_text": bookmark.paragraph_text,
        "note": bookmark.note,
        "created": bookmark.created,
        "status": found.status.value,
    }


def format_json_list(found: list[ResolvedBookmark]) -> str:
    """`list --json`: a JSON array of bookmark objects."""
    return json_text([bookmark_record(one) for one in found]) + "\n"


def format_list(found: list[ResolvedBookmark]) -> str:
    """`list`: one block per bookmark, for people."""
    if not found:
        return "No bookmarks yet.\n"
    blocks = []
    for one in found:
        bookmark = one.bookmark
        index = bookmark.paragraph_index if one.index is None else one.index
        lines = [
            f"{bookmark.date or 'undated'}  {bookmark.title}  (paragraph {index + 1})",
            f"    “{shorten(bookmark.paragraph_text, EXCERPT_CHARS)}”",
        ]
        if bookmark.note:
            lines.append(f"    Note: {' '.join(bookmark.note.split())}")
        lines.append(f"    Bookmarked {bookmark.created} · {bookmark.path}")
        if one.status in _STATUS_NOTES:
            lines.append(f"    [{_STATUS_NOTES[one.status]}]")
        # Each line printable: the path is a file name, the rest came from files or was typed.
        blocks.append("\n".join(printable(line) for line in lines))
    return "\n\n".join(blocks) + "\n"


def group_by_article(entries: list[ExportedBookmark]) -> list[list[ExportedBookmark]]:
    """Bookmarks grouped by article file: newest article first (undated last), then paragraph
    order. By path, not key: an orphan keeps the old key while its neighbours re-anchor."""
    groups: dict[Path, list[ExportedBookmark]] = {}
    for entry in entries:
        groups.setdefault(entry.found.bookmark.path, []).append(entry)
    for group in groups.values():
        group.sort(key=lambda entry: (_current_index(entry.found), entry.found.bookmark.id))

    ordered = sorted(groups.values(), key=lambda group: group[0].found.bookmark.title)
    # A stable sort keeps the title order within a date; "" (undated) sorts last when reversed.
    ordered.sort(key=lambda group: group[0].found.bookmark.date or "", reverse=True)
    return ordered


def export_json(entries: list[ExportedBookmark]) -> str:
    """`export --format json`: {"version", "articles": [{article fields, "bookmarks": […]}]}."""
    articles = []
    for group in group_by_article(entries):
        first = group[0].found.bookmark
        bookmarks = []
        for entry in group:
            record = bookmark_record(entry.found)
            for article_field in ("article_key", "path", "title", "date"):
                del record[article_field]
            record["translation"] = entry.translation
            bookmarks.append(record)
        articles.append(
            {
                "article_key": first.article_key,
                "path": str(first.path),
                "title": first.title,
                "date": first.date,
                "bookmarks": bookmarks,
            }
        )
    document = {"version": EXPORT_FORMAT_VERSION, "articles": articles}
    return json_text(document) + "\n"


def export_markdown(entries: list[ExportedBookmark]) -> str:
    """`export --format md`: a readable document, one section per article."""
    out = ["# Bookmarks from tolk", ""]
    if not entries:
        out += ["No bookmarks yet.", ""]
    for group in group_by_article(entries):
        first = group[0].found.bookmark
        out += [f"## {first.title}", "", f"{first.date or 'Undated'} · `{first.path}`", ""]
        for entry in group:
            bookmark = entry.found.bookmark
            out += [f"### Paragraph {_current_index(entry.found) + 1}", ""]
            out += [f"> {bookmark.paragraph_text}", ""]
            if entry.translation:
                out += [f"*{entry.translation}*", ""]
            if bookmark.note:
                out += [f"**Note:** {bookmark.note}", ""]
            status = _STATUS_NOTES.get(entry.found.status)
            suffix = f" ({status})" if status else ""
            out += [f"Bookmarked {bookmark.created}{suffix}.", ""]
    # Each line printable (what it holds came from files or was typed): Markdown for reading.
    return "\n".join(printable(line) for line in out)


def _current_index(found: ResolvedBookmark) -> int:
    return found.bookmark.paragraph_index if found.index is None else found.index
