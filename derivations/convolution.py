"""Convolution arithmetic for dilated convolutions: kernel span, output size, receptive field.

A 1-D convolution with K taps and dilation d reads the input at offsets 0, d, 2d, …,
(K − 1)d, so one output sees a window of K̂ = (K − 1)d + 1 = K + (K − 1)(d − 1) input
positions: the K taps plus d − 1 holes in each of the K − 1 gaps. A stride-1 "valid"
convolution (no padding) places this window at every offset where it fits inside an
input of length i, so it has o = i − K̂ + 1 = i − K − (K − 1)(d − 1) + 1 outputs.

Stacking stride-1 layers, the receptive field grows by K̂ₗ − 1 per layer: r₀ = 1 and
rₗ = rₗ₋₁ + (K̂ₗ − 1). With three layers of kernel K and dilations d₁, d₂, d₃ this gives
r₃ = 1 + (K − 1)(d₁ + d₂ + d₃); likewise each layer shortens a valid output by K̂ₗ − 1,
so after three layers o₃ = i − r₃ + 1. With d = 1, 2, 4, … the receptive field grows
exponentially with depth at a linear number of parameters (Yu & Koltun).

The closed forms are PROVED as algebra. They are also cross-checked against a direct
computation: numeric-only functions that place the taps at offsets j·d, count the window
positions that fit in the input, and push an impulse through the layers (all-ones
weights, so nothing cancels) to measure the span of the response. Those claims can only
be CHECKED.

Kept on purpose as wrong versions: the effective kernel is K·d (it is K·d − (d − 1)), and
the receptive field of a stack is the sum of the layers' spans Σ K̂ₗ (it counts the
shared endpoint of consecutive windows twice).

Source: V. Dumoulin and F. Visin, "A guide to convolution arithmetic for deep learning"
(2016), §2 (no padding, unit strides: o = i − k + 1) and §5.1 (dilated convolutions,
k̂ = k + (k − 1)(d − 1)); F. Yu and V. Koltun, "Multi-Scale Context Aggregation by Dilated
Convolutions", ICLR 2016, §2 (exponentially growing receptive field).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

from verifier import Identity, Integer, claim
from verifier.language.mathlib import Matrix, numeric_function, scalars

KERNEL = Integer(1, 6)
DILATION = Integer(1, 5)
INPUT = Integer(26, 64)  # i ≥ (6 − 1)·5 + 1 = 26, so the window always fits

CHECKED = "CHECKED only: compared with a numeric-only direct computation (numpy)"


def effective_kernel(k: sp.Expr, d: sp.Expr) -> sp.Expr:
    """K̂ = K + (K − 1)(d − 1), as in Dumoulin & Visin."""
    return k + (k - 1) * (d - 1)


# ----------------------------------------------------------------------------- direct computation


def _ints(row: np.ndarray) -> list[int]:
    return [int(v) for v in np.rint(row)]


def _dilated_kernel(k: int, d: int) -> np.ndarray:
    """K all-ones taps at offsets 0, d, …, (K − 1)d (trailing zeros are harmless)."""
    w = np.zeros(k * d)
    w[np.arange(k) * d] = 1.0
    return w


def _span(signal: np.ndarray) -> int:
    support = np.flatnonzero(signal)
    return int(support[-1] - support[0] + 1)


def _measure_kernel_span(batch: np.ndarray) -> np.ndarray:
    """Span of the response of one dilated layer to an impulse."""
    out = []
    for row in batch.reshape(len(batch), -1):
        k, d = _ints(row)
        out.append(_span(np.convolve([1.0], _dilated_kernel(k, d))))
    return np.array(out, dtype=float)


def _count_valid_outputs(batch: np.ndarray) -> np.ndarray:
    """Number of offsets o in an input of length i at which every tap o + j·d is inside."""
    out = []
    for row in batch.reshape(len(batch), -1):
        i, k, d = _ints(row)
        taps = np.arange(k) * d
        fits = (np.arange(i)[:, None] + taps[None, :] < i).all(axis=1)
        out.append(int(fits.sum()))
    return np.array(out, dtype=float)


def _measure_receptive_field(batch: np.ndarray) -> np.ndarray:
    """Span of the response of three stacked dilated layers to an impulse."""
    out = []
    for row in batch.reshape(len(batch), -1):
        k, *dilations = _ints(row)
        response = np.array([1.0])
        for d in dilations:
            response = np.convolve(response, _dilated_kernel(k, d))
        out.append(_span(response))
    return np.array(out, dtype=float)


def _measured(name: str, fn: Callable[[np.ndarray], np.ndarray], *args: sp.Expr) -> sp.Expr:
    """fn applied to integer arguments, as an opaque numeric-only function."""
    row = Matrix([list(args)])
    return numeric_function(name, fn, row.shape)(row)


# ----------------------------------------------------------------------------- claims


@claim()
def kernel_span() -> Identity:
    """K̂ = K + (K − 1)(d − 1) = (K − 1)d + 1: the last of K taps spaced d apart is at (K − 1)d."""
    k, d = scalars("K d")
    return Identity(effective_kernel(k, d), (k - 1) * d + 1, where={k: KERNEL, d: DILATION})


@claim(notes=CHECKED)
def kernel_span_measured() -> Identity:
    """span of one dilated layer's impulse response = K + (K − 1)(d − 1)."""
    k, d = scalars("K d")
    return Identity(
        _measured("impulse_span", _measure_kernel_span, k, d),
        effective_kernel(k, d),
        where={k: KERNEL, d: DILATION},
    )


@claim()
def output_size() -> Identity:
    """o = i − K̂ + 1 = i − K − (K − 1)(d − 1) + 1 window positions in an input of length i."""
    i, k, d = scalars("i K d")
    return Identity(
        i - ((k - 1) * d + 1) + 1,
        i - k - (k - 1) * (d - 1) + 1,
        where={i: INPUT, k: KERNEL, d: DILATION},
    )


@claim(notes=CHECKED)
def output_size_measured() -> Identity:
    """#{o : o + j·d < i for all j < K} = i − K − (K − 1)(d − 1) + 1."""
    i, k, d = scalars("i K d")
    return Identity(
        _measured("valid_outputs", _count_valid_outputs, i, k, d),
        i - k - (k - 1) * (d - 1) + 1,
        where={i: INPUT, k: KERNEL, d: DILATION},
    )


@claim()
def receptive_field() -> Identity:
    """r₃ = 1 + Σₗ (K̂ₗ − 1) = 1 + (K − 1)(d₁ + d₂ + d₃)."""
    k, d1, d2, d3 = scalars("K d1 d2 d3")
    grown = 1 + sp.Add(*[effective_kernel(k, d) - 1 for d in (d1, d2, d3)])
    return Identity(
        grown,
        1 + (k - 1) * (d1 + d2 + d3),
        where={k: KERNEL, d1: DILATION, d2: DILATION, d3: DILATION},
    )


@claim()
def stacked_output_size() -> Identity:
    """o₃ = i − r₃ + 1, with oₗ = oₗ₋₁ − K̂ₗ + 1 and o₀ = i."""
    i, k, d1, d2, d3 = scalars("i K d1 d2 d3")
    o = i
    for d in (d1, d2, d3):
        o = o - effective_kernel(k, d) + 1
    return Identity(
        o,
        i - (1 + (k - 1) * (d1 + d2 + d3)) + 1,
        where={i: INPUT, k: KERNEL, d1: DILATION, d2: DILATION, d3: DILATION},
    )


@claim(notes=CHECKED)
def receptive_field_measured() -> Identity:
    """span of three stacked layers' impulse response = 1 + (K − 1)(d₁ + d₂ + d₃)."""
    k, d1, d2, d3 = scalars("K d1 d2 d3")
    return Identity(
        _measured("stack_impulse_span", _measure_receptive_field, k, d1, d2, d3),
        1 + (k - 1) * (d1 + d2 + d3),
        where={k: KERNEL, d1: DILATION, d2: DILATION, d3: DILATION},
    )


@claim(expect="refuted")
def kernel_span_product() -> Identity:
    """Wrong: K̂ = K·d (it is K·d − (d − 1))."""
    k, d = scalars("K d")
    return Identity(effective_kernel(k, d), k * d, where={k: KERNEL, d: DILATION})


@claim(expect="refuted")
def receptive_field_sum_of_spans() -> Identity:
    """Wrong: r₃ = K̂₁ + K̂₂ + K̂₃ (consecutive windows share an endpoint)."""
    k, d1, d2, d3 = scalars("K d1 d2 d3")
    return Identity(
        1 + (k - 1) * (d1 + d2 + d3),
        sp.Add(*[effective_kernel(k, d) for d in (d1, d2, d3)]),
        where={k: KERNEL, d1: DILATION, d2: DILATION, d3: DILATION},
    )
