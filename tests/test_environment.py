"""tolk's environment stays lean, and a missing dependency is reported in words."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest

from tolk.cli import main
from tolk.dependencies import RUNTIME

REPO = Path(__file__).resolve().parent.parent
SEED = sorted((REPO / "seeds").glob("*.txt"))[0]


@pytest.mark.parametrize("module", ["torch", "stanza", "spacy", "minisbd", "onnxruntime"])
def test_heavy_stack_is_not_installed(module: str) -> None:
    # argostranslate declares stanza, spaCy and minisbd; pyproject.toml's exclude-dependencies
    # keeps them, and torch and onnxruntime that come with them, out of .venv. (The benchmark's
    # .venv-bench has them on purpose; run the tests in .venv.)
    assert importlib.util.find_spec(module) is None, f"{module} is installed in {sys.prefix}"


def test_argostranslate_package_imports_without_the_heavy_stack() -> None:
    import argostranslate.package

    assert argostranslate.package.Package is not None


def test_user_install_excludes_match_the_projects() -> None:
    """excludes.txt (for `uv tool install`) names what pyproject.toml excludes from .venv."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    excluded = pyproject["tool"]["uv"]["exclude-dependencies"]
    lines = (REPO / "excludes.txt").read_text(encoding="utf-8").splitlines()
    listed = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert sorted(listed) == sorted(excluded)


@pytest.mark.parametrize("module", ["ctranslate2", "sentencepiece", "argostranslate", "py3langid"])
def test_missing_dependency_is_a_message_not_a_traceback(
    module: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import fails; find_spec finds nothing

    assert main(["translate", str(SEED)]) == 1

    err = capsys.readouterr().err
    assert f"lacks {RUNTIME[module]}," in err
    assert "make setup" in err and "uv tool install" in err
    assert "Traceback" not in err


def test_reader_needs_textual(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual", None)

    assert main([str(SEED)]) == 1
    assert "lacks textual," in capsys.readouterr().err


def test_broken_dependency_is_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found but failing to import (a wheel for another platform, a missing shared library)."""

    def broken(argv: list[str]) -> int:
        raise ImportError("libctranslate2.so.4: cannot open shared object", name="ctranslate2")

    monkeypatch.setattr("tolk.cli._run", broken)

    assert main(["translate", str(SEED)]) == 1
    err = capsys.readouterr().err
    assert "ctranslate2 is installed but cannot be imported (libctranslate2.so.4" in err


def test_own_import_errors_stay_tracebacks(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(argv: list[str]) -> int:
        raise ImportError("cannot import name 'x'", name="tolk.library.articles")

    monkeypatch.setattr("tolk.cli._run", broken)

    with pytest.raises(ImportError):
        main(["translate", str(SEED)])
