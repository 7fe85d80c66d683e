"""The copy-model Argos package installs like a real one and translates text into itself."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ctranslate2
import pytest

from translation.copy_model import TINY, TRANSFORMER_BASE, build_copy_package

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
SEED_TEXT = "\n".join(path.read_text(encoding="utf-8") for path in SEEDS)


def seed_sentences() -> list[str]:
    """Every sentence-ish piece of both seeds, split roughly after '. ', '? ' and '! '."""
    sentences = []
    for line in SEED_TEXT.splitlines():
        sentences += [part for part in re.split(r"(?<=[.?!]) ", line) if part.strip()]
    return sentences


@pytest.fixture(scope="module")
def argos_packages_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point argostranslate at a private packages dir for this module.

    argostranslate.settings reads ARGOS_PACKAGES_DIR and the XDG dirs once, at import (and
    creates those dirs then), so the env vars only help if this is the first import in the
    process.  They are set anyway so a first import never touches the real home; the module
    attributes that install_from_path and get_installed_packages read are patched as well, which
    works whenever argostranslate was imported.
    """
    root = tmp_path_factory.mktemp("argos")
    packages = root / "packages"
    packages.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ARGOS_PACKAGES_DIR", str(packages))
        for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            mp.setenv(var, str(root / var.lower()))
        from argostranslate import settings

        mp.setattr(settings, "package_data_dir", packages)
        mp.setattr(settings, "package_dirs", [packages])
        yield packages


@pytest.fixture(scope="module")
def tiny_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_copy_package(tmp_path_factory.mktemp("build"), SEED_TEXT, size=TINY)


@pytest.fixture(scope="module")
def installed(argos_packages_dir: Path, tiny_archive: Path) -> Any:
    """The TINY package installed where argostranslate looks, and found again by language codes."""
    from argostranslate import package

    # What argostranslate's install_from_path does, less its language-cache reset: that imports
    # argostranslate.translate and with it stanza, which tolk's environment leaves out.
    with zipfile.ZipFile(tiny_archive) as archive:
        archive.extractall(argos_packages_dir)
    found = [
        pkg
        for pkg in package.get_installed_packages()
        if pkg.from_code == "nb" and pkg.to_code == "en"
    ]
    assert len(found) == 1
    return found[0]


@pytest.fixture(scope="module")
def translator(installed: Any) -> ctranslate2.Translator:
    # One thread: on small shared machines OpenMP spinning over many tiny batches makes
    # intra_threads=0 (argos' default) ten times slower, and it changes nothing in the output.
    return ctranslate2.Translator(str(installed.package_path / "model"), intra_threads=1)


def argos_translate(
    pkg: Any, translator: ctranslate2.Translator, sentences: list[str], num_hypotheses: int = 1
) -> list[list[str]]:
    """Translate like argostranslate.translate.apply_packaged_translation, per sentence."""
    tokenized = [pkg.tokenizer.encode(sentence) for sentence in sentences]
    target_prefix = None
    if pkg.target_prefix != "":
        target_prefix = [[pkg.target_prefix]] * len(tokenized)
    results = translator.translate_batch(
        tokenized,
        target_prefix=target_prefix,
        replace_unknowns=True,
        max_batch_size=32,
        batch_type="tokens",
        beam_size=max(num_hypotheses, 4),
        num_hypotheses=num_hypotheses,
        length_penalty=0.2,
        return_scores=True,
    )
    return [[pkg.tokenizer.decode(h) for h in result.hypotheses] for result in results]


def test_archive_layout(tiny_archive: Path) -> None:
    with zipfile.ZipFile(tiny_archive) as zf:
        names = set(zf.namelist())
    assert {name.split("/")[0] for name in names} == {"translate-nb_en-1_9"}
    required = {"metadata.json", "sentencepiece.model", "model/model.bin", "model/config.json"}
    assert {f"translate-nb_en-1_9/{name}" for name in required} <= names


def test_installed_metadata(installed: Any, argos_packages_dir: Path) -> None:
    assert installed.package_path.parent == argos_packages_dir
    assert (installed.from_name, installed.to_name) == ("Norwegian", "English")
    assert installed.package_version == "1.9"
    assert installed.target_prefix == ""
    assert type(installed.tokenizer).__name__ == "SentencePieceTokenizer"


def test_copies_every_seed_sentence(installed: Any, translator: ctranslate2.Translator) -> None:
    sentences = seed_sentences()
    assert len(sentences) > 40
    outputs = argos_translate(installed, translator, sentences)
    mismatches = [(s, out[0]) for s, out in zip(sentences, outputs, strict=True) if out[0] != s]
    assert mismatches == []


def test_copies_unseen_characters_and_spacing(
    installed: Any, translator: ctranslate2.Translator
) -> None:
    # Byte fallback covers characters the tokenizer never saw; identity normalisation keeps
    # double spaces.
    sentences = ["Ærlig talt:  3 000 kr – «ja»?", "Zürich → Tromsø ☃ 中文 (§ 12-3) ½"]
    assert [out[0] for out in argos_translate(installed, translator, sentences)] == sentences


def test_copies_long_sentence(installed: Any, translator: ctranslate2.Translator) -> None:
    sentence = " ".join(seed_sentences()[:8])
    tokens = installed.tokenizer.encode(sentence)
    # Up to CTranslate2's default max_decoding_length (256) the whole sentence comes back.
    while len(tokens) > 250:
        sentence = sentence.rsplit(" ", 1)[0]
        tokens = installed.tokenizer.encode(sentence)
    assert len(tokens) >= 200
    assert argos_translate(installed, translator, [sentence])[0][0] == sentence


def test_three_hypotheses_copy_first(installed: Any, translator: ctranslate2.Translator) -> None:
    sentences = seed_sentences()[:3]
    for sentence, hypotheses in zip(
        sentences, argos_translate(installed, translator, sentences, 3), strict=True
    ):
        assert len(hypotheses) == 3
        assert hypotheses[0] == sentence
        assert len(set(hypotheses)) == 3


def test_build_is_deterministic(tmp_path: Path, tiny_archive: Path) -> None:
    again = build_copy_package(tmp_path, SEED_TEXT, size=TINY)
    assert again.read_bytes() == tiny_archive.read_bytes()


def test_transformer_base_copies(tmp_path: Path) -> None:
    archive = build_copy_package(tmp_path / "build", SEED_TEXT, size=TRANSFORMER_BASE)
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path / "pkg")
    from argostranslate.package import Package

    pkg = Package(tmp_path / "pkg" / "translate-nb_en-1_9")
    translator = ctranslate2.Translator(str(pkg.package_path / "model"), intra_threads=1)
    sentences = seed_sentences()[:2] + seed_sentences()[-1:]
    assert [out[0] for out in argos_translate(pkg, translator, sentences)] == sentences
