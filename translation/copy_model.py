"""Build real Argos Translate packages whose model copies its input, token for token.

Tests and benchmarks need an nb→en package without downloading one.  This module trains a
SentencePiece tokenizer on the given text and writes a CTranslate2 Transformer whose weights are
set by hand so that decoding reproduces the source sentence exactly and then emits ``</s>``.

How the copy works (pre-norm Transformer, learned positions, tied embeddings):

* ``d_model`` is split into a *position slice* (the first ``P`` dims, ``P = min(head_dim,
  d_model // 2)``) and a *token slice* (the remaining ``T`` dims).  Position ``i`` is encoded as
  a balanced ±1 vector in the position slice, token ``v`` as a balanced ±1 vector in the token
  slice.  Balanced codes sum to zero, so every embedded vector has zero mean and unit variance
  and each layer norm (gamma=1, beta=0) is the identity on it.
* Every sublayer is a no-op: its input projections hold seeded random filler (so the model has
  a realistic weight volume and compute cost) but its output projection is zero, so the
  residual passes through unchanged.
* The one exception is the cross-attention of the last decoder layer.  Its query and key read
  only the position slice (every head sees the whole position code), scaled so that decoder
  step ``t`` attends source position ``t`` with a softmax margin of :data:`_ATTENTION_MARGIN`
  nats.  Its value reads the token slice (split across heads) and its output writes the copied
  code back into the token slice multiplied by :data:`_COPY_GAIN`, so it dominates the code of
  the previous token that the decoder input embedding left there.
* The projection is the embedding matrix, so the logits are dot products with the token codes.
  The final layer norm's gamma sets the margin of the copied token over any other token to at
  least :data:`_LOGIT_MARGIN` nats.
* The decoder starts from ``<s>`` at position 0 and must then produce source token 0, so step
  ``t`` needs source position ``t``: no offset.  ``add_source_eos`` appends ``</s>`` to the
  source, so copying it ends the hypothesis.

* With a ``target_prefix`` (a token the decoder is forced to start with, as multilingual Argos
  packages have), decoder step ``t`` must copy source position ``t - 1``: the encoder's position
  codes are those of the next position, so the same attention lands one place earlier.  The
  prefix is a user-defined SentencePiece symbol, so it decodes to itself.
* ``piece_map`` turns the copy into a cipher: the target vocabulary holds ``piece_map(piece)``
  where the source vocabulary holds ``piece``, so the model writes each source piece through the
  map.  The SentencePiece vocabulary is first closed under the map (missing images are added as
  pieces), so every target piece decodes.  For a map that works character by character, the
  decoded English is the map applied to the Norwegian (see :mod:`translation.cipher_model`).
* The attention CTranslate2 returns with ``return_attention=True`` is the copier's first head
  (``alignment_layer=-1``, ``alignment_heads=1``): the sharp one, so target piece ``t`` aligns
  with source piece ``t`` (``t - 1`` with a prefix).

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["TINY", "TRANSFORMER_BASE", "ModelSize", "build_copy_package"]

Matrix = npt.NDArray[np.float32]

# Softmax margin (nats) of the attended source position over any other position.
_ATTENTION_MARGIN = 40.0
# How much louder the copied token code is than the previous-token code already in the stream.
_COPY_GAIN = 16.0
# Guaranteed log-probability gap (nats) between the copied token and the best other token; big
# enough that beam search never prefers another token, small enough that the other hypotheses
# keep finite, readable scores.
_LOGIT_MARGIN = 25.0
# Scale of the random filler weights in the no-op sublayers (like a typical init).
_FILLER_STD = 0.02
# Fixed seed: the same arguments always give the same package.
_SEED = 20240229
# Argos package metadata names for the language codes we are likely to use.
_LANGUAGE_NAMES = {"nb": "Norwegian", "no": "Norwegian", "nn": "Norwegian Nynorsk", "en": "English"}
# A fixed zip timestamp makes the .argosmodel byte-for-byte reproducible.
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ModelSize:
    """Shape of the copy Transformer (``num_layers`` encoder and decoder layers each)."""

    d_model: int = 64
    num_layers: int = 1
    ffn: int = 128
    heads: int = 2


# d_model 128 with 2 heads gives 64 position dims and 64 token dims: sharp attention over 512
# positions and well separated codes for 800 tokens, while building in well under a second.
TINY = ModelSize(d_model=128, num_layers=1, ffn=256, heads=2)
TRANSFORMER_BASE = ModelSize(d_model=512, num_layers=6, ffn=2048, heads=8)


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
    spec = _copy_spec(size, vocabulary, targets, max_positions, offset=1 if target_prefix else 0)

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


def _balanced_codes(rng: np.random.Generator, count: int, dims: int) -> Matrix:
    """``count`` random ±1 vectors of length ``dims`` with exactly as many +1 as -1."""
    base = np.resize(np.array([1.0, -1.0], dtype=np.float32), dims)
    return rng.permuted(np.tile(base, (count, 1)), axis=1).astype(np.float32)


def _max_cross_similarity(codes: Matrix) -> float:
    """Largest dot product between two different codes, relative to a code's own norm²."""
    gram = codes @ codes.T
    np.fill_diagonal(gram, -np.inf)
    return float(gram.max() / codes.shape[1])


def _head_chunks(dims: int, heads: int) -> Iterator[tuple[int, npt.NDArray[np.intp]]]:
    """Split ``dims`` token dims over the heads as evenly as possible."""
    yield from enumerate(np.array_split(np.arange(dims), heads))


def _copy_spec(
    size: ModelSize, vocabulary: list[str], targets: list[str], max_positions: int, offset: int
) -> Any:
    """Describe the copy Transformer as a CTranslate2 ``TransformerSpec`` with its weights:
    decoder step ``t`` copies source position ``t - offset`` as ``targets[source id]``."""
    from ctranslate2.specs import transformer_spec

    d, heads = size.d_model, size.heads
    if d % heads or d % 2:
        raise ValueError(f"d_model {d} must be even and divisible by heads {heads}")
    head_dim = d // heads
    pos_dims = min(head_dim, d // 2) // 2 * 2  # even, so position codes can be balanced
    tok_dims = d - pos_dims
    if tok_dims % 2:
        raise ValueError(f"token slice of {tok_dims} dims must be even")
    rng = np.random.default_rng(_SEED)

    positions = _balanced_codes(rng, max_positions + offset, pos_dims)
    tokens = _balanced_codes(rng, len(vocabulary), tok_dims)
    c_pos = _max_cross_similarity(positions)
    c_tok = _max_cross_similarity(tokens)

    # The attended position beats any other by (1 - c_pos) * pos_dims * scale / sqrt(head_dim).
    if c_pos >= 1.0:
        raise ValueError(f"{pos_dims} position dims cannot tell {max_positions} positions apart")
    query_scale = _ATTENTION_MARGIN * np.sqrt(head_dim) / ((1.0 - c_pos) * pos_dims)
    # Before the final norm the token slice holds prev + gain * src.  The copied token scores at
    # least gain*T - c*T, any other at most c*gain*T + T, so the gap is at least this:
    logit_gap = (_COPY_GAIN * (1.0 - c_tok) - (1.0 + c_tok)) * tok_dims
    if logit_gap <= 0:
        raise ValueError(f"{tok_dims} token dims are too few for {len(vocabulary)} tokens")
    # The final norm divides by the standard deviation, at most this over all (prev, src):
    sigma = np.sqrt((pos_dims + (1.0 + _COPY_GAIN) ** 2 * tok_dims) / d)
    final_gamma = _LOGIT_MARGIN * sigma / logit_gap

    embeddings = np.zeros((len(vocabulary), d), dtype=np.float32)
    embeddings[:, pos_dims:] = tokens
    # Source position s wears the code of position s + offset, which decoder step s + offset
    # matches.
    source_encodings = np.zeros((max_positions, d), dtype=np.float32)
    source_encodings[:, :pos_dims] = positions[offset:]
    target_encodings = np.zeros((max_positions, d), dtype=np.float32)
    target_encodings[:, :pos_dims] = positions[:max_positions]

    # The copier is the last decoder layer, and all its heads attend the copied position:
    # return_attention reports its first head.
    spec = transformer_spec.TransformerSpec.from_config(
        (size.num_layers, size.num_layers),
        heads,
        pre_norm=True,
        alignment_layer=-1,
        alignment_heads=1,
    )
    for part, encodings in ((spec.encoder, source_encodings), (spec.decoder, target_encodings)):
        # The codes are already at the scale the design needs; no sqrt(d_model) factor.
        part.scale_embeddings = False
        part.position_encodings.encodings = encodings
        _set_norm(part.layer_norm, d)
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    # Tied output projection; the optimizer stores it once as an alias of the embeddings.
    spec.decoder.projection.weight = embeddings
    spec.decoder.projection.bias = np.zeros(len(vocabulary), dtype=np.float32)
    spec.decoder.layer_norm.gamma = np.full(d, final_gamma, dtype=np.float32)

    filler = _Filler(rng, size)
    for layer in spec.encoder.layer:
        filler.self_attention(layer.self_attention)
        filler.ffn(layer.ffn)
    for layer in spec.decoder.layer:
        filler.self_attention(layer.self_attention)
        filler.cross_attention(layer.attention)
        filler.ffn(layer.ffn)

    # The copying cross-attention, in the last layer (CTranslate2's default alignment layer,
    # which replace_unknowns reads).
    query = np.zeros((d, d), dtype=np.float32)
    key = np.zeros((d, d), dtype=np.float32)
    value = np.zeros((d, d), dtype=np.float32)
    out = np.zeros((d, d), dtype=np.float32)
    for head, chunk in _head_chunks(tok_dims, heads):
        first = head * head_dim
        # Each head compares the whole position code (weights are [out, in]).
        for j in range(pos_dims):
            query[first + j, j] = query_scale
            key[first + j, j] = 1.0
        # Each head carries its own share of the token code there and back.
        for j, tok_dim in enumerate(chunk):
            value[first + j, pos_dims + tok_dim] = 1.0
            out[pos_dims + tok_dim, first + j] = _COPY_GAIN
    copier = spec.decoder.layer[-1].attention
    copier.linear[0].weight = query
    copier.linear[0].bias = np.zeros(d, dtype=np.float32)
    copier.linear[1].weight = np.concatenate([key, value])
    copier.linear[1].bias = np.zeros(2 * d, dtype=np.float32)
    copier.linear[2].weight = out
    copier.linear[2].bias = np.zeros(d, dtype=np.float32)

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(targets)
    # Copying the appended </s> is what ends each hypothesis.
    spec.config.add_source_eos = True
    spec.config.layer_norm_epsilon = 1e-6
    return spec


def _set_norm(norm: Any, d: int) -> None:
    """Identity layer norm (gamma 1, beta 0): on our zero-mean ±1 vectors it changes nothing."""
    norm.gamma = np.ones(d, dtype=np.float32)
    norm.beta = np.zeros(d, dtype=np.float32)


class _Filler:
    """Fills no-op sublayers: random input weights (real cost), zero output (no effect)."""

    def __init__(self, rng: np.random.Generator, size: ModelSize) -> None:
        self._rng = rng
        self._d = size.d_model
        self._ffn = size.ffn

    def _random(self, rows: int, cols: int) -> Matrix:
        return (self._rng.standard_normal((rows, cols), dtype=np.float32) * _FILLER_STD).astype(
            np.float32
        )

    def _linear(self, linear: Any, weight: Matrix) -> None:
        linear.weight = weight
        linear.bias = np.zeros(weight.shape[0], dtype=np.float32)

    def self_attention(self, attention: Any) -> None:
        _set_norm(attention.layer_norm, self._d)
        self._linear(attention.linear[0], self._random(3 * self._d, self._d))
        self._linear(attention.linear[1], np.zeros((self._d, self._d), dtype=np.float32))

    def cross_attention(self, attention: Any) -> None:
        _set_norm(attention.layer_norm, self._d)
        self._linear(attention.linear[0], self._random(self._d, self._d))
        self._linear(attention.linear[1], self._random(2 * self._d, self._d))
        self._linear(attention.linear[2], np.zeros((self._d, self._d), dtype=np.float32))

    def ffn(self, ffn: Any) -> None:
        _set_norm(ffn.layer_norm, self._d)
        self._linear(ffn.linear_0, self._random(self._ffn, self._d))
        self._linear(ffn.linear_1, np.zeros((self._d, self._ffn), dtype=np.float32))
