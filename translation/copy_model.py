"""Build real Argos Translate packages whose model copies its input, token for token.

Tests and benchmarks need an nb→en package without downloading one.  This module trains a
SentencePiece tokenizer on the given text and writes a CTranslate2 Transformer whose weights are
set by hand so that decoding reproduces the source sentence exactly and then emits ``</s>``.

The weights, and how they copy, are built in :mod:`translation.copy_weights`; this module trains
the tokenizer, derives the target vocabulary (the identity, or a cipher through ``piece_map``)
and writes the package.

Limits: a source sentence may hold at most ``max_positions - 1`` pieces (plus ``</s>``); longer
input makes CTranslate2 raise "No position encodings are defined for positions >= N" (pass
``max_input_length=max_positions - 1`` to truncate instead).  The Translator's default
``max_decoding_length`` of 256 caps the output as it does for real models.
Without a ``target_prefix`` Argos passes ``target_prefix=None``.
"""

from __future__ import annotations

import io
import json
import struct
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from translation.copy_weights import TINY, TRANSFORMER_BASE, ModelSize, copy_spec

__all__ = ["TINY", "TRANSFORMER_BASE", "ModelSize", "build_copy_package"]

# Argos package metadata names for the language codes we are likely to use.
_LANGUAGE_NAMES = {"nb": "Norwegian", "no": "Norwegian", "nn": "Norwegian Nynorsk", "en": "English"}
# A fixed zip timestamp makes the .argosmodel byte-for-byte reproducible.
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)


def build_copy_package(
    dest: Path,
    training_text: str,
    *,
    size: ModelSize = TINY,
    quantization: str = "int8",
    vocab_size: int = 800,
    package_name: str = "translate-nb_en",
    package_version: str = "1.9",
    from_code: str = "nb",
    to_code: str = "en",
    max_positions: int = 512,
    target_prefix: str = "",
    piece_map: Callable[[str], str] | None = None,
    description: str = "the translation equals the source",
) -> Path:
    """Write a copy-model ``.argosmodel`` into ``dest`` and return its path.

    ``vocab_size`` is an upper bound: a short ``training_text`` yields fewer pieces.
    ``target_prefix`` (empty: none) goes into the metadata and the decoder starts with it;
    ``piece_map`` (an injective map on pieces, None: identity) rewrites every ordinary target
    piece, turning the copy into a cipher.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    fixed = [target_prefix] if target_prefix else []
    sp_model = _train_sentencepiece(training_text, vocab_size, fixed)
    if piece_map is not None:
        sp_model = _close_under(sp_model, piece_map, fixed)
    vocabulary = _vocabulary(sp_model)
    targets = _target_vocabulary(sp_model, piece_map, fixed)
    spec = copy_spec(size, vocabulary, targets, max_positions, offset=1 if target_prefix else 0)

    folder = f"{package_name}-{package_version.replace('.', '_')}"
    metadata = {
        "code": package_name,
        "name": package_name,
        "type": "translate",
        "package_version": package_version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": _LANGUAGE_NAMES.get(from_code, from_code),
        "to_code": to_code,
        "to_name": _LANGUAGE_NAMES.get(to_code, to_code),
        "links": [],
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    readme = (
        f"# {package_name} {package_version} (test model)\n\n"
        f"Built by translation.copy_model for tests: {description}.\n"
    )
    archive = dest / f"{folder}.argosmodel"
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "model"
        spec.validate()
        spec.optimize(quantization=quantization)
        model_dir.mkdir()
        spec.save(str(model_dir))
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            _add(zf, f"{folder}/metadata.json", json.dumps(metadata, indent=4).encode())
            _add(zf, f"{folder}/README.md", readme.encode())
            _add(zf, f"{folder}/sentencepiece.model", sp_model)
            for path in sorted(model_dir.iterdir()):
                _add(zf, f"{folder}/model/{path.name}", path.read_bytes())
    return archive


def _add(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    """Store one file with a fixed timestamp so archives are reproducible."""
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def _train_sentencepiece(training_text: str, vocab_size: int, symbols: list[str]) -> bytes:
    """Train a unigram SentencePiece model that round-trips any text exactly; each of
    ``symbols`` is one user-defined piece."""
    import sentencepiece as spm

    lines = [line for line in training_text.splitlines() if line.strip()]
    if not lines:
        raise ValueError("training_text has no non-blank lines")
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type="unigram",
        # Unseen characters become byte pieces instead of <unk>, so nothing is lost.
        byte_fallback=True,
        character_coverage=1.0,
        # No NFKC and no whitespace folding: decode(encode(s)) == s, spaces included.
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        # Short texts cannot fill vocab_size; take what they give instead of failing.
        hard_vocab_limit=False,
        # One thread and no shuffling keep the result deterministic.
        num_threads=1,
        shuffle_input_sentence=False,
        max_sentence_length=1 << 16,
        minloglevel=2,
        user_defined_symbols=symbols,
    )
    return buffer.getvalue()


def _is_ordinary(processor: Any, piece_id: int, fixed: list[str]) -> bool:
    """A piece of text (not <unk>, <s>, </s>, a byte or a user-defined symbol)."""
    return not (
        processor.is_control(piece_id)
        or processor.is_unknown(piece_id)
        or processor.is_byte(piece_id)
        or processor.id_to_piece(piece_id) in fixed
    )


def _close_under(sp_model: bytes, piece_map: Callable[[str], str], fixed: list[str]) -> bytes:
    """Add ``piece_map``'s image of every ordinary piece that the model lacks, with the score of
    the piece it came from, until the vocabulary is closed under the map."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = {processor.id_to_piece(i) for i in range(processor.get_piece_size())}
    todo = [
        (processor.id_to_piece(i), processor.get_score(i))
        for i in range(processor.get_piece_size())
        if _is_ordinary(processor, i, fixed)
    ]
    added = bytearray()
    while todo:
        piece, score = todo.pop()
        image = piece_map(piece)
        if image not in pieces:
            pieces.add(image)
            todo.append((image, score))
            added += _proto_field(1, _proto_field(1, image.encode()) + _proto_float(2, score))
    # ModelProto field 1 is the repeated SentencePiece; appended fields extend the list.
    return sp_model + bytes(added)


def _proto_varint(value: int) -> bytes:
    out = bytearray()
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _proto_field(number: int, payload: bytes) -> bytes:
    """A length-delimited protobuf field."""
    return _proto_varint(number << 3 | 2) + _proto_varint(len(payload)) + payload


def _proto_float(number: int, value: float) -> bytes:
    """A 32-bit protobuf field."""
    return _proto_varint(number << 3 | 5) + struct.pack("<f", value)


def _vocabulary(sp_model: bytes) -> list[str]:
    """CTranslate2 vocabulary: the SentencePiece pieces in id order (<unk>, <s>, </s>, …)."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    if pieces[:3] != ["<unk>", "<s>", "</s>"]:
        raise RuntimeError(f"unexpected special pieces {pieces[:3]}")
    return pieces


def _target_vocabulary(
    sp_model: bytes, piece_map: Callable[[str], str] | None, fixed: list[str]
) -> list[str]:
    """The target piece for each source id: ``piece_map``'s image of ordinary pieces."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    if piece_map is None:
        return pieces
    targets = [
        piece_map(piece) if _is_ordinary(processor, i, fixed) else piece
        for i, piece in enumerate(pieces)
    ]
    if sorted(targets) != sorted(pieces):
        raise ValueError("piece_map is not one-to-one on the vocabulary")
    return targets
