"""OPML in and out (issue 25): nested outlines as folders, names from `title`/`text`, hostile
files refused before anything is expanded; and the feeds added to config.toml with its
comments and other settings kept."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.app.pilot import write_config
from tolk import paths
from tolk.config import FeedSource, load_config
from tolk.feeds.opml import (
    MAX_FOLDER_DEPTH,
    MAX_OPML_BYTES,
    OpmlError,
    opml_document,
    parse_opml,
    read_opml,
)
from tolk.feeds.subscriptions import add_feeds

SUBSCRIPTIONS = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Mine feeds</title></head>
  <body>
    <outline text="Nyheter" title="Nyheter">
      <outline text="Norge">
        <outline type="rss" text="NRK toppsaker" title="NRK" xmlUrl="https://www.nrk.no/toppsaker.rss"/>
        <outline type="rss" text="Aftenposten" xmlUrl="https://www.aftenposten.no/rss"/>
      </outline>
      <outline type="rss" title="E24 &amp; børs" xmlUrl="https://e24.no/rss2/"/>
    </outline>
    <outline type="rss" text="Dagbladet" xmlurl="https://www.dagbladet.no/rss"/>
    <outline type="rss" text="Passord" xmlUrl="file:///etc/passwd"/>
    <outline text="Bare en merknad"/>
    <outline type="rss" xmlUrl="https://www.vg.no/rss/feed"/>
  </body>
</opml>
"""

CREATED = "Mon, 01 Jan 2024 00:00:00 GMT"


def opml_file(tmp_path: Path, text: str | bytes, name: str = "feeds.opml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_outlines_are_feeds_in_folders_named_by_title_else_text(tmp_path: Path) -> None:
    path = opml_file(tmp_path, SUBSCRIPTIONS)
    found = read_opml(path)

    assert found.feeds == (
        FeedSource("https://www.nrk.no/toppsaker.rss", "NRK", "Nyheter/Norge"),
        FeedSource("https://www.aftenposten.no/rss", "Aftenposten", "Nyheter/Norge"),
        FeedSource("https://e24.no/rss2/", "E24 & børs", "Nyheter"),
        FeedSource("https://www.dagbladet.no/rss", "Dagbladet"),
        FeedSource("https://www.vg.no/rss/feed"),
    )
    assert found.skipped == (f"{path}: Passord: not an http(s) URL; skipped",)


def test_names_are_one_line_of_printable_text(tmp_path: Path) -> None:
    text = (
        '<opml version="1.0"><body><outline text="Ny&#10;sak&#9;&#x9b;31m  x" '
        'xmlUrl="https://a.no/rss"/></body></opml>'
    )
    (feed,) = parse_opml(text.encode(), "x.opml").feeds
    assert feed.name == "Ny sak 31m x"  # CSI (0x9b), XML's one terminal control, is gone


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE opml [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<opml version="2.0"><body><outline text="&lol3;" xmlUrl="https://a.no/rss"/></body></opml>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&secret;" xmlUrl="https://a.no/rss"/></body></opml>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "external"])
def test_entities_are_refused(tmp_path: Path, text: str) -> None:
    path = opml_file(tmp_path, text)
    with pytest.raises(OpmlError) as raised:
        read_opml(path)
    assert str(raised.value).startswith(f"{path}: refused: the file declares entities")
    assert "root:" not in str(raised.value)


def test_a_plain_doctype_is_accepted() -> None:
    text = (
        '<!DOCTYPE opml><opml version="2.0"><body><outline xmlUrl="https://a.no/r"/></body></opml>'
    )
    assert parse_opml(text.encode(), "x").feeds == (FeedSource("https://a.no/r"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<opml><body><outline", "x.opml:1:12: not well-formed XML (unclosed token)"),
        ("", "x.opml:1:0: not well-formed XML (no element found)"),
        ("<rss><channel/></rss>", "x.opml: not an OPML file (its root element is <rss>"),
        ("<opml version='2.0'><head/></opml>", "x.opml: an OPML file without a <body>"),
    ],
)
def test_what_is_not_opml_is_said_in_one_line(text: str, message: str) -> None:
    with pytest.raises(OpmlError) as raised:
        parse_opml(text.encode(), "x.opml")
    assert str(raised.value).startswith(message)
    assert str(raised.value).endswith("nothing was imported")


def nested(depth: int) -> str:
    folders = '<outline text="f">' * depth
    return (
        f'<opml version="2.0"><body>{folders}<outline xmlUrl="https://a.no/rss"/>'
        f"{'</outline>' * depth}</body></opml>"
    )


def test_folders_nest_as_deep_as_readers_make_them_and_no_deeper() -> None:
    (feed,) = parse_opml(nested(MAX_FOLDER_DEPTH).encode(), "x").feeds
    assert feed.category == "/".join(["f"] * MAX_FOLDER_DEPTH)
    for depth in (MAX_FOLDER_DEPTH + 1, 100_000):  # the deep one: no RecursionError either
        with pytest.raises(OpmlError, match=f"deeper than {MAX_FOLDER_DEPTH} levels"):
            parse_opml(nested(depth).encode(), "x")


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    body = SUBSCRIPTIONS.encode() + b" " * MAX_OPML_BYTES
    path = opml_file(tmp_path, body)
    with pytest.raises(OpmlError, match="larger than 10 MB"):
        read_opml(path)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "feeds.opml"
    os.mkfifo(pipe)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_opml(pipe)
        except OpmlError as error:
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(30)
    assert not reader.is_alive()
    assert [str(e) for e in outcome] == [
        f"{pipe}: cannot read it (a named pipe, not a regular file); nothing was imported"
    ]


def test_an_opml_in_another_encoding_is_read(tmp_path: Path) -> None:
    text = SUBSCRIPTIONS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    path = opml_file(tmp_path, text.encode("iso-8859-1"))
    assert read_opml(path).feeds[2].name == "E24 & børs"


FEEDS = (
    FeedSource("https://www.nrk.no/toppsaker.rss"),
    FeedSource("https://www.vg.no/rss/feed", "VG <&> \"sitat\" 'x'"),
    FeedSource("https://www.aftenposten.no/rss", "Aftenposten", "Nyheter/Norge"),
    FeedSource("https://e24.no/rss2/?a=1&b=2", "E24", "Nyheter"),
    FeedSource("https://www.dagbladet.no/rss", "Dagbladet", "Nyheter/Norge"),
)


def test_what_is_written_reads_back_the_same() -> None:
    document = opml_document(FEEDS, title="tolk feeds", created=CREATED)
    assert parse_opml(document.encode(), "out").feeds == (
        FEEDS[0],
        FEEDS[1],
        FEEDS[2],
        FEEDS[4],  # with the other feed of its folder
        FEEDS[3],
    )
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert f"<dateCreated>{CREATED}</dateCreated>" in document


names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=40,
).filter(lambda name: name == " ".join(name.split()) and name.strip() and "/" not in name)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 10**6), st.none() | names, st.none() | names, st.none() | names),
        max_size=8,
        unique_by=lambda feed: feed[0],
    )
)
def test_any_feed_list_round_trips(rows: list[tuple[int, str | None, ...]]) -> None:
    feeds = tuple(
        FeedSource(
            f"https://feed{number}.no/rss",
            name,
            "/".join(f for f in (folder, sub) if f) or None,
        )
        for number, name, folder, sub in rows
    )
    read_back = parse_opml(opml_document(feeds, title="t", created=CREATED).encode(), "x").feeds
    assert sorted(read_back, key=lambda f: f.url) == sorted(feeds, key=lambda f: f.url)


# config.toml -------------------------------------------------------------------------------

ARRAY_CONFIG = """# My tolk settings
theme = "nord"  # the dark one

feeds = [
    "https://www.nrk.no/toppsaker.rss",  # NRK's top stories
    {url = "https://www.vg.no/rss/feed", name = "VG"},
]

[translation]
beam_size = 2  # faster
"""

NEW = (
    FeedSource("https://WWW.NRK.no/toppsaker.rss", "NRK"),  # the same feed: host case aside
    FeedSource("https://www.aftenposten.no/rss", "Aftenposten", "Nyheter/Norge"),
    FeedSource("https://www.dagbladet.no/rss"),
    FeedSource("https://www.aftenposten.no/rss", "Aftenposten igjen"),  # listed twice
)


def config_text() -> str:
    return paths.config_file().read_text(encoding="utf-8")


def test_feeds_are_appended_to_an_array_keeping_every_comment_and_setting() -> None:
    write_config(ARRAY_CONFIG)
    result = add_feeds(NEW)

    assert result.added == (NEW[1], NEW[2])
    assert result.duplicates == (NEW[0], NEW[3])
    assert config_text() == ARRAY_CONFIG.replace(
        '    {url = "https://www.vg.no/rss/feed", name = "VG"},\n',
        '    {url = "https://www.vg.no/rss/feed", name = "VG"},\n'
        '    {url = "https://www.aftenposten.no/rss", name = "Aftenposten", '
        'category = "Nyheter/Norge"},\n'
        '    "https://www.dagbladet.no/rss",\n',
    )
    loaded = load_config()
    assert loaded.warnings == ()
    assert loaded.config.feeds[2:] == (NEW[1], NEW[2])
    assert loaded.config.theme == "nord" and loaded.config.translation.beam_size == 2


def test_feeds_are_appended_as_tables_where_the_file_has_tables() -> None:
    tables = (
        'theme = "nord"\n\n[[feeds]]\nurl = "https://www.vg.no/rss/feed"\nname = "VG"  # VG\n\n'
        "[translation]\nbeam_size = 2\n"
    )
    write_config(tables)
    add_feeds(NEW[1:3])

    assert config_text() == tables.replace(
        "[translation]",
        '[[feeds]]\nurl = "https://www.aftenposten.no/rss"\nname = "Aftenposten"\n'
        'category = "Nyheter/Norge"\n\n[[feeds]]\nurl = "https://www.dagbladet.no/rss"\n\n'
        "[translation]",
    )
    assert [f.url for f in load_config().config.feeds] == [
        "https://www.vg.no/rss/feed",
        "https://www.aftenposten.no/rss",
        "https://www.dagbladet.no/rss",
    ]


def test_a_config_without_feeds_gets_tables_at_its_end() -> None:
    write_config("# mine\n[translation]\nbeam_size = 2\n")
    add_feeds(NEW[1:3])
    assert load_config().config.feeds == NEW[1:3]
    assert config_text().startswith("# mine\n[translation]\nbeam_size = 2\n\n[[feeds]]\n")


def test_without_a_config_one_is_made() -> None:
    assert not paths.config_file().exists()
    add_feeds(NEW[1:3])
    assert load_config().config.feeds == NEW[1:3]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('feeds = "https://a.no/rss"\n', "`feeds` is not a list of feeds"),
        ("feeds = [\n", "config.toml: Unexpected character"),
    ],
)
def test_a_config_it_cannot_add_to_is_left_as_it_is(text: str, reason: str) -> None:
    write_config(text)
    with pytest.raises(ValueError, match=reason):
        add_feeds(NEW[1:3])
    assert config_text() == text
    assert [p.name for p in paths.config_file().parent.iterdir()] == ["config.toml"]


def test_a_config_that_is_a_link_stays_a_link(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles" / "tolk.toml"
    dotfiles.parent.mkdir()
    dotfiles.write_text(ARRAY_CONFIG)
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().symlink_to(dotfiles)

    add_feeds(NEW[1:3])

    assert paths.config_file().is_symlink()
    assert "aftenposten" in dotfiles.read_text()
