"""The spelling check's word list is read in pieces, so the worker that reads it never holds
the GIL (and the reader's screen) for the whole 2.8 MB decode, and it is the list
pyspellchecker itself would read."""

from __future__ import annotations

import gzip
import json
import pkgutil
from typing import Any

import pytest

from tolk.qa import spelling


def _whole_text() -> str:
    data = pkgutil.get_data("spellchecker", "resources/en.json.gz")
    assert data is not None
    return gzip.decompress(data).decode("utf-8")


def test_the_word_list_read_in_pieces_is_the_whole_list() -> None:
    assert spelling.word_counts() == json.loads(_whole_text())


def test_no_piece_decoded_holds_more_than_its_share(monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[int] = []
    loads = json.loads

    def counting(text: str, **kwargs: Any) -> Any:
        decoded.append(len(text))
        return loads(text, **kwargs)

    monkeypatch.setattr(json, "loads", counting)
    spelling.word_counts()
    # 160,000 entries: about 40 pieces, none of them the whole 2.8 MB text.
    assert len(decoded) > 20
    assert max(decoded) < len(_whole_text()) / 10


def test_a_json_object_laid_out_otherwise_is_one_piece() -> None:
    one_line = '{"a": 1, "b": 2, "c": 3}'
    assert list(spelling.json_pieces(one_line, 2)) == [one_line]
    lines = '{\n"a": 1,\n"b": 2,\n"c": 3\n}'
    pieces = list(spelling.json_pieces(lines, 2))
    assert [json.loads(piece) for piece in pieces] == [{"a": 1, "b": 2}, {"c": 3}]
