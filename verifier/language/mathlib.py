"""Building blocks that derivations share: symbol vectors and matrices, softmax, sigmoid.

These build ordinary sympy objects; they carry no domains and no verification logic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeAlias

import sympy as sp

from verifier.language import (
    exponentials,  # noqa: F401  (exp of a sum of monomials without a question per term)
    extrema,  # noqa: F401  (Max and Min of two forms that cross, without comparing them)
    fact_order,  # noqa: F401  (sympy's assumptions try the facts in one order, not a shuffled one)
    guards,  # noqa: F401  (sympy keeps M⁻¹M as its author wrote it)
    inverses,  # noqa: F401  (an inverse written out as adj(M)/det(M), as the lowering writes it)
    products,  # noqa: F401  (explicit products without an infinity query per entry)
)

Matrix: TypeAlias = sp.ImmutableMatrix


def vector(name: str, n: int, **assumptions: bool) -> Matrix:
    """The column vector (name1, ..., name_n)ᵀ of plain symbols, or of symbols with the given sympy
    assumptions (real=True), which the claim's domain must imply."""
    return Matrix([sp.Symbol(f"{name}{i + 1}", **assumptions) for i in range(n)])


def matrix(name: str, rows: int, cols: int | None = None, **assumptions: bool) -> Matrix:
    """The rows × cols matrix of plain symbols name_ij (1-based, as on paper), or of symbols with the
    given sympy assumptions, which the claim's domain must imply."""
    cols = rows if cols is None else cols
    sep = "_" if max(rows, cols) >= 10 else ""
    return Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}{i + 1}{sep}{j + 1}", **assumptions))


def scalar(name: str) -> sp.Symbol:
    return sp.Symbol(name)


def scalars(names: str) -> tuple[sp.Symbol, ...]:
    out = sp.symbols(names, seq=True)
    return tuple(out)


def ones(n: int) -> Matrix:
    return Matrix([1] * n)


def identity(n: int) -> Matrix:
    return Matrix(sp.eye(n))


def diag(v: Matrix | Sequence[sp.Expr]) -> Matrix:
    """The diagonal matrix with the entries of v on its diagonal."""
    return Matrix(sp.diag(*list(v)))


def sigmoid(t: sp.Expr) -> sp.Expr:
    """σ(t) = 1/(1 + e^{−t})."""
    return 1 / (1 + sp.exp(-t))


def normal_cdf(t: sp.Expr) -> sp.Expr:
    """Φ(t) = (1 + erf(t/√2))/2, the standard normal CDF."""
    return (1 + sp.erf(t / sp.sqrt(2))) / 2


def normal_pdf(t: sp.Expr) -> sp.Expr:
    """φ(t) = e^{−t²/2}/√(2π), the standard normal density."""
    return sp.exp(-(t**2) / 2) / sp.sqrt(2 * sp.pi)


def gelu(t: sp.Expr) -> sp.Expr:
    """GELU(t) = t·Φ(t) (Hendrycks & Gimpel, 2016)."""
    return t * normal_cdf(t)


def softmax(z: Matrix) -> Matrix:
    """softmax(z)_i = e^{z_i} / Σ_j e^{z_j}."""
    e = [sp.exp(zi) for zi in z]
    total = sp.Add(*e)
    return Matrix([ei / total for ei in e])


def log_sum_exp(x: Matrix) -> sp.Expr:
    """log Σᵢ e^{xᵢ}, whose gradient is softmax(x)."""
    return sp.log(sp.Add(*[sp.exp(xi) for xi in x]))


def covariance(p: Matrix) -> Matrix:
    """diag(p) − ppᵀ: the covariance of a one-hot draw with probabilities p, the Hessian of log-sum-exp."""
    return diag(p) - p * p.T


def apply(fn: Callable[[sp.Expr], sp.Expr], v: Matrix) -> Matrix:
    """Apply a scalar function entrywise."""
    return v.applyfunc(fn)


def hadamard(a: Matrix, b: Matrix) -> Matrix:
    """The entrywise product a ⊙ b."""
    return Matrix(a.shape[0], a.shape[1], lambda i, j: a[i, j] * b[i, j])


def dot(a: Matrix, b: Matrix) -> sp.Expr:
    """aᵀb for column vectors."""
    return sp.Add(*[x * y for x, y in zip(a, b, strict=True)])


def sum_entries(a: Matrix) -> sp.Expr:
    return sp.Add(*list(a))


def trace(a: Matrix) -> sp.Expr:
    return sp.Add(*[a[i, i] for i in range(a.rows)])


def frobenius_sq(a: Matrix) -> sp.Expr:
    """‖A‖_F² = Σ_ij A_ij²."""
    return sp.Add(*[x**2 for x in a])


def squared_norm(v: Matrix) -> sp.Expr:
    return sp.Add(*[x**2 for x in v])


def smooth_function(name: str, *args: sp.Expr) -> sp.Expr:
    """An arbitrary smooth function name(args), for claims about any f."""
    return sp.Function(name)(*args)


def numeric_function(name: str, fn: Callable[..., object], shape: tuple[int, int]) -> Callable[[Matrix], sp.Expr]:
    """A function of a matrix that has a numeric implementation only (rank, ‖A‖₂, ...).

    fn receives a batch of shape (K, rows, cols) and returns K values. The symbolic
    side sees an opaque function, so claims using it can at best be CHECKED, and a
    violation cannot be confirmed in high precision, so it is UNKNOWN, never REFUTED.
    """
    import numpy as np

    rows, cols = shape

    def batched(*entries: object) -> object:
        stacked = np.stack(np.broadcast_arrays(*[np.asarray(e, dtype=float) for e in entries]), -1)
        batch = stacked.reshape(-1, rows, cols)
        out = np.asarray(fn(batch), dtype=float)
        return out.reshape(stacked.shape[:-1]) if stacked.ndim > 1 else out.reshape(())

    opaque = sp.Function(name)
    opaque._imp_ = staticmethod(batched)
    opaque.numeric_only = True

    def applied(a: Matrix) -> sp.Expr:
        if a.shape != shape:
            raise ValueError(f"{name} expects a {rows}×{cols} matrix, got {a.shape}")
        return opaque(*list(a))

    return applied
