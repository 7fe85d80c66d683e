"""The weights of the copy model that :mod:`translation.copy_model` packages: a CTranslate2
Transformer whose weights are set by hand so that decoding reproduces the source sentence
exactly and then emits ``</s>``.

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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["TINY", "TRANSFORMER_BASE", "ModelSize", "copy_spec"]

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


def copy_spec(
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
