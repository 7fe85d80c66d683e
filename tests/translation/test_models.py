"""Model packages: real copy-model .argosmodel files installed, found, listed and removed; the
index and downloads served by a loopback HTTP server; `tolk models` end to end."""

from __future__ import annotations

import io
import json
import re
import shutil
import stat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import ctranslate2
import pytest

from tests.support.loopback import free_loopback_port, serve_index
from tolk.cli import main
from tolk.cli.models import DownloadProgress, progress_text
from translation.copy_model import TINY, build_copy_package
from translation.package_index import (
    DEFAULT_INDEX_URL,
    InstallCancelled,
    cached_index,
    fetch_index,
    index_cache_file,
    index_url,
    install_from_index,
)
from translation.packages import (
    PackageError,
    find_package,
    install_from_file,
    installed_packages,
    packages_dir,
    remove_package,
)

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
SEED_TEXT = "\n".join(path.read_text(encoding="utf-8") for path in SEEDS)
TOP = "translate-nb_en-1_9"

Members = list[tuple[str | zipfile.ZipInfo, bytes]]


def seed_sentence() -> str:
    """The first sentence of the first seed article's body."""
    body = [line for line in SEED_TEXT.splitlines() if line.strip() and ":" not in line[:12]]
    return re.split(r"(?<=[.?!]) ", body[0])[0]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real TINY nb→en copy-model package, built once for the module."""
    return build_copy_package(tmp_path_factory.mktemp("build"), SEED_TEXT, size=TINY)


def read_members(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


def write_zip(path: Path, members: Members) -> Path:
    with zipfile.ZipFile(path, "w") as zipped:
        for name, data in members:
            zipped.writestr(name, data)
    return path


def symlink_member(name: str, target: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def with_metadata(members: dict[str, bytes], **changes: object) -> Members:
    metadata = json.loads(members[f"{TOP}/metadata.json"])
    metadata.update(changes)
    metadata = {key: value for key, value in metadata.items() if value is not None}
    edited = dict(members, **{f"{TOP}/metadata.json": json.dumps(metadata).encode()})
    return list(edited.items())


def leftovers() -> list[Path]:
    """Everything in the packages dir, hidden staging folders included."""
    directory = packages_dir()
    return sorted(directory.iterdir()) if directory.exists() else []


# Installing from a file -----------------------------------------------------------------------


def test_install_from_file_translates(archive: Path) -> None:
    installed = install_from_file(archive)
    assert installed.package_path == packages_dir() / TOP
    found = find_package("nb", "en")
    assert found is not None
    assert found.package_path == installed.package_path
    assert (found.from_code, found.to_code, found.package_version) == ("nb", "en", "1.9")
    sentence = seed_sentence()
    translator = ctranslate2.Translator(str(found.package_path / "model"), intra_threads=1)
    result = translator.translate_batch([found.tokenizer.encode(sentence)], beam_size=1)
    assert found.tokenizer.decode(result[0].hypotheses[0]) == sentence
    assert leftovers() == [packages_dir() / TOP]


def test_packages_dir_is_resolved_at_call_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, archive: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(elsewhere))
    assert packages_dir() == elsewhere
    assert install_from_file(archive).package_path == elsewhere / TOP
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    data_home = tmp_path / "home" / "data"
    assert packages_dir() == data_home / "argos-translate" / "packages"
    assert find_package() is None


def test_newer_version_replaces_older(archive: Path, tmp_path: Path) -> None:
    install_from_file(archive)
    newer = build_copy_package(tmp_path, SEED_TEXT, size=TINY, package_version="1.10")
    installed = install_from_file(newer)
    assert installed.package_version == "1.10"
    assert leftovers() == [packages_dir() / "translate-nb_en-1_10"]
    found = find_package()
    assert found is not None
    assert found.package_version == "1.10"


def test_reinstalling_the_same_file_keeps_one_copy(archive: Path) -> None:
    install_from_file(archive)
    install_from_file(archive)
    assert leftovers() == [packages_dir() / TOP]


def _not_a_zip(tmp_path: Path, members: dict[str, bytes]) -> Path:
    path = tmp_path / "notes.argosmodel"
    path.write_text("not a zip at all\n")
    return path


def _variant(
    edit: Callable[[dict[str, bytes]], Members],
) -> Callable[[Path, dict[str, bytes]], Path]:
    return lambda tmp_path, members: write_zip(tmp_path / "bad.argosmodel", edit(members))


def _without(*prefixes: str) -> Callable[[dict[str, bytes]], Members]:
    return lambda members: [
        (name, data)
        for name, data in members.items()
        if not any(name.startswith(f"{TOP}/{prefix}") for prefix in prefixes)
    ]


REFUSALS: dict[str, tuple[Callable[[Path, dict[str, bytes]], Path], str]] = {
    "not a zip": (_not_a_zip, "not a zip archive"),
    "empty zip": (_variant(lambda members: []), "the archive is empty"),
    "two top folders": (
        _variant(lambda m: [*m.items(), ("other/README.md", b"hi")]),
        "must hold one folder, not 2",
    ),
    "file beside the folder": (
        _variant(lambda m: [*m.items(), ("README.md", b"hi")]),
        "must hold one folder, not 2",
    ),
    "dot-dot member": (_variant(lambda m: [*m.items(), ("../evil", b"x")]), "unsafe path"),
    "escaping member": (
        _variant(lambda m: [*m.items(), (f"{TOP}/../../evil", b"x")]),
        "unsafe path",
    ),
    "absolute member": (_variant(lambda m: [*m.items(), ("/tmp/evil", b"x")]), "unsafe path"),
    "symlink member": (
        _variant(lambda m: [*m.items(), (symlink_member(f"{TOP}/link", "/etc"), b"/etc")]),
        "symbolic link",
    ),
    "no metadata": (_variant(_without("metadata.json")), "no metadata.json"),
    "metadata not JSON": (
        _variant(lambda m: list(dict(m, **{f"{TOP}/metadata.json": b"{oops"}).items())),
        "metadata.json is not valid JSON",
    ),
    "metadata without to_code": (
        _variant(lambda m: with_metadata(m, to_code=None)),
        "metadata.json has no to_code",
    ),
    "no model folder": (_variant(_without("model/")), "no model/ folder"),
    "no model.bin": (_variant(_without("model/model.bin")), "no model/model.bin"),
    "no tokenizer": (_variant(_without("sentencepiece.model")), "no tokenizer"),
    "garbage model.bin": (
        _variant(lambda m: list(dict(m, **{f"{TOP}/model/model.bin": b"garbage" * 100}).items())),
        "the model does not load",
    ),
    "garbage tokenizer": (
        _variant(lambda m: list(dict(m, **{f"{TOP}/sentencepiece.model": b"garbage"}).items())),
        "the model or tokenizer does not work",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refused_archive_leaves_nothing_behind(case: str, archive: Path, tmp_path: Path) -> None:
    make, message = REFUSALS[case]
    bad = make(tmp_path, read_members(archive))
    with pytest.raises(PackageError, match=re.escape(message)) as raised:
        install_from_file(bad)
    assert str(raised.value).startswith(f"Cannot install {bad.name}: ")
    assert "\n" not in str(raised.value)
    assert leftovers() == []
    assert not (tmp_path / "evil").exists()


def test_failed_install_keeps_the_installed_version(archive: Path, tmp_path: Path) -> None:
    install_from_file(archive)
    members = read_members(archive)
    members[f"{TOP}/model/model.bin"] = b"garbage"
    with pytest.raises(PackageError, match="does not load"):
        install_from_file(write_zip(tmp_path / "bad.argosmodel", list(members.items())))
    assert leftovers() == [packages_dir() / TOP]
    assert find_package() is not None


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match=r"Cannot install nothing\.argosmodel: no such file"):
        install_from_file(tmp_path / "nothing.argosmodel")


# Damaged installs -----------------------------------------------------------------------------


def test_damaged_folders_are_reported_and_skipped(archive: Path) -> None:
    install_from_file(archive)
    root = packages_dir()
    (root / "no-metadata").mkdir()
    (root / "bad-json").mkdir()
    (root / "bad-json" / "metadata.json").write_text("{")
    half = root / "translate-nb_en-2_0"  # A newer half-unpacked folder must not win.
    shutil.copytree(root / TOP, half)
    (half / "model" / "model.bin").unlink()
    (half / "metadata.json").write_text(json.dumps({"from_code": "nb", "to_code": "en"}))
    (root / ".tolk-install-leftover").mkdir()  # Hidden staging folders are not packages.
    (root / "stray.argosmodel").write_bytes(b"")

    packages, broken = installed_packages()
    assert [p.package_path.name for p in packages] == [TOP]
    reasons = {b.path.name: b.reason for b in broken}
    assert reasons == {
        "bad-json": reasons["bad-json"],
        "no-metadata": "no metadata.json",
        "translate-nb_en-2_0": "no model/model.bin (the CTranslate2 model)",
    }
    assert reasons["bad-json"].startswith("metadata.json is not valid JSON")
    found = find_package()
    assert found is not None
    assert found.package_path.name == TOP


# Removing -------------------------------------------------------------------------------------


def test_remove_by_package_name(archive: Path) -> None:
    path = install_from_file(archive).package_path
    assert remove_package("translate-nb_en") == [path]
    assert leftovers() == []
    assert find_package() is None
    with pytest.raises(PackageError, match="No installed model package is called"):
        remove_package("translate-nb_en")


def test_remove_by_folder_name_and_damaged_folder(archive: Path) -> None:
    install_from_file(archive)
    (packages_dir() / "junk").mkdir()
    assert remove_package(TOP) == [packages_dir() / TOP]
    assert remove_package("junk") == [packages_dir() / "junk"]
    assert leftovers() == []


# The index and downloads ----------------------------------------------------------------------


@pytest.fixture
def index_server(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Path]]:
    """A loopback server with an Argos-style index.json linking to the served package; returns
    the base URL (set as ARGOS_PACKAGE_INDEX) and the served folder."""
    served = tmp_path / "served"
    for variable in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(variable, "127.0.0.1,localhost")
    with serve_index(archive, served) as base:
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
        yield base, served


def downloads_left() -> list[Path]:
    downloads = index_cache_file().parent / "downloads"
    return sorted(downloads.iterdir()) if downloads.exists() else []


def test_index_url_follows_argos_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    assert index_url() == DEFAULT_INDEX_URL
    settings = tmp_path / "home" / "config" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGE_INDEX": "https://mirror.example/argos/"}))
    assert index_url() == "https://mirror.example/argos/index.json"
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/custom.json")
    assert index_url() == "http://127.0.0.1:9/custom.json"


def test_fetch_index_is_cached(index_server: tuple[str, Path]) -> None:
    assert cached_index() is None
    available = fetch_index(timeout=10)
    assert [(a.code, a.from_code, a.to_code) for a in available] == [
        ("translate-nb_en", "nb", "en"),
        ("translate-en_de", "en", "de"),
    ]
    assert cached_index() == available
    assert [p.name for p in index_cache_file().parent.iterdir()] == ["index.json"]


def test_damaged_index_cache_is_ignored() -> None:
    index_cache_file().parent.mkdir(parents=True, exist_ok=True)
    index_cache_file().write_text("[{")
    assert cached_index() is None


def test_install_from_index_reports_progress(archive: Path, index_server: object) -> None:
    calls: list[tuple[int, int | None]] = []
    installed = install_from_index("nb", "en", progress=lambda *call: calls.append(call))
    size = archive.stat().st_size
    assert calls[0] == (0, size)
    assert calls[-1] == (size, size)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert installed.package_path == packages_dir() / TOP
    assert find_package() is not None
    assert downloads_left() == []


def test_install_from_index_can_be_cancelled(index_server: object) -> None:
    calls: list[tuple[int, int | None]] = []
    with pytest.raises(InstallCancelled):
        install_from_index(
            progress=lambda *call: calls.append(call), cancelled=lambda: len(calls) >= 2
        )
    assert len(calls) == 2
    assert leftovers() == []
    assert downloads_left() == []


def test_missing_pair_and_broken_link(index_server: object) -> None:
    with pytest.raises(PackageError, match="The model index has no nb→de package"):
        install_from_index("nb", "de")
    with pytest.raises(PackageError, match=r"answered HTTP 404 .*"):
        install_from_index("en", "de")
    assert leftovers() == []
    assert downloads_left() == []


def test_unreachable_index(monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_loopback_port()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{port}/")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    expected = (
        f"Could not reach the model index at 127.0.0.1:{port} (Connection refused): "
        "check your network connection"
    )
    with pytest.raises(PackageError) as raised:
        fetch_index(timeout=5)
    assert str(raised.value) == expected
    with pytest.raises(PackageError, match=re.escape(expected)):
        install_from_index()
    assert cached_index() is None


# Progress display -----------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_text() -> None:
    assert progress_text(0, 2_000_000, 0.0) == "Downloading:   0%  0 B of 2.0 MB"
    assert progress_text(1_000_000, 2_000_000, 2.0) == (
        "Downloading:  50%  1.0 MB of 2.0 MB  500.0 kB/s"
    )
    assert progress_text(1_500, None, 1.0) == "Downloading: 1.5 kB  1.5 kB/s"


def test_progress_redraws_on_a_terminal() -> None:
    terminal = FakeTerminal()
    clock = iter([0.0, 0.05, 0.2, 0.21, 1.0])
    progress = DownloadProgress(terminal, clock=lambda: next(clock))
    for done in (0, 100, 400, 500, 1000):
        progress(done, 1000)
    progress.finish()
    frames = terminal.getvalue().split("\r")[1:]
    # 0.05 and 0.21 come too soon after a redraw; the last one is always drawn.
    assert [frame.split("%")[0].split()[-1] for frame in frames] == ["0", "40", "100"]
    assert terminal.getvalue().endswith("\n")
    assert terminal.getvalue().count("\n") == 1


def test_progress_prints_lines_every_ten_percent_without_a_terminal() -> None:
    log = io.StringIO()
    progress = DownloadProgress(log, clock=lambda: 1.0)
    for done in range(0, 1001, 5):
        progress(done, 1000)
    progress.finish()
    lines = log.getvalue().splitlines()
    assert [line.split("%")[0].split()[-1] for line in lines] == [str(p) for p in range(0, 101, 10)]
    assert "\r" not in log.getvalue()


# `tolk models` --------------------------------------------------------------------------------


def test_cli_install_list_remove(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list"]) == 0
    assert "No models installed" in capsys.readouterr().out

    assert main(["models", "install", str(archive)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Installed translate-nb_en 1.9 (nb→en) in ")

    (packages_dir() / "junk").mkdir()
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "translate-nb_en" in line).split()
    assert row == ["translate-nb_en", "1.9", "nb→en", str(packages_dir() / TOP)]
    assert f"{packages_dir() / 'junk'}: no metadata.json" in out
    assert "Available" not in out

    assert main(["models", "remove", "translate-nb_en"]) == 0
    assert capsys.readouterr().out == f"Removed {packages_dir() / TOP}\n"
    assert find_package() is None


def test_cli_install_from_index_and_list_available(
    index_server: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["models", "install"]) == 0
    captured = capsys.readouterr()
    assert "Installed translate-nb_en 1.9" in captured.out
    assert "Downloading: 100%" in captured.err
    assert "\r" not in captured.err  # capsys is not a terminal

    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "Available from the model index" in out
    assert "translate-en_de  1.0  en→de  English → German" in out
    available = out.split("Available from the model index")[1]
    assert "translate-nb_en" not in available  # installed, so not listed as available


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["models", "remove", "nope"], "tolk: error: No installed model package is called 'nope'"),
        (["models", "install", "missing.argosmodel"], "tolk: error: Cannot install missing"),
    ],
)
def test_cli_errors_are_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 1
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("tolk:")]
    assert len(errors) == 1
    assert errors[0].startswith(message)
    assert captured.err.endswith(errors[0] + "\n")
    assert "Traceback" not in captured.err


def test_cli_unreachable_index(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{free_loopback_port()}/")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    assert main(["models", "install"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith("tolk: error: Could not reach the model index at 127.0.0.1:")
    assert err[-1].endswith("check your network connection")
    assert not any("Traceback" in line for line in err)
