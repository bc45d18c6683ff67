"""Norms, ranks and determinants: facts used throughout the analysis of linear models.

Null space of the Gram matrix. For A ∈ ℝ^{m×n} and v ∈ ℝⁿ, vᵀ(AᵀA)v = ‖Av‖². So AᵀAv = 0
forces ‖Av‖² = 0, i.e. Av = 0, and the converse is trivial: Null(AᵀA) = Null(A), hence
rank(AᵀA) = rank(A) by rank–nullity. This is why least squares has a unique solution
exactly when A has full column rank.

Spectral norm. ‖A‖₂ = max_{v ≠ 0} ‖Av‖/‖v‖ = σ_max(A), so ‖Av‖ ≤ ‖A‖₂‖v‖ for every v, and
the maximum is attained at the top eigenvector of AᵀA: ‖A‖₂² = λ_max(AᵀA). With the SVD
A = UΣVᵀ, AᵀA = VΣ²Vᵀ and AAᵀ = UΣ²Uᵀ, so ‖AᵀA‖₂ = ‖AAᵀ‖₂ = ‖A‖₂².

Frobenius norm. ‖A‖_F² = Σ σᵢ², a sum of rank(A) nonzero terms each at most σ_max², so
‖A‖₂ ≤ ‖A‖_F ≤ √rank(A)·‖A‖₂. For square A, Lagrange's identity
n‖A‖_F² − (tr A)² = Σ_{i<j} (aᵢᵢ − aⱼⱼ)² + n Σ_{i≠j} aᵢⱼ² gives ‖A‖_F/√n ≥ |tr A|/n.

Determinant and trace. For symmetric positive semidefinite A with eigenvalues λᵢ ≥ 0,
AM–GM on the eigenvalues gives tr(A)/n ≥ det(A)^{1/n}; it is stated here in the
equivalent polynomial form (tr A/n)ⁿ ≥ det A, which avoids real roots of a determinant
that rounds to a tiny negative number on singular samples.

A difference penalty. With S = [[1, −1], [−1, 1]], wᵀSw = (w₁ − w₂)², so S is positive
semidefinite, but not definite: S(1, 1)ᵀ = 0.

Kept on purpose as wrong versions: S ≻ 0 (strictly definite), and the AM–GM bound for a
general square A, whose eigenvalues may be negative or complex.

The rank, the spectral norm and λ_max are computed numerically (SVD and symmetric
eigensolver), so claims that use them can only be CHECKED; the algebra behind them
(the Gram quadratic form, Lagrange's identity, the penalty) is PROVED.

Source: G. Strang, *Introduction to Linear Algebra*, 5th ed. (2016), §4.3 (AᵀA has the
null space of A), §7.1–7.2 (SVD, ‖A‖ = σ_max), §6.5 (positive semidefinite matrices);
R. A. Horn and C. R. Johnson, *Matrix Analysis*, 2nd ed. (2013), §5.6 (‖A‖₂ ≤ ‖A‖_F ≤
√rank·‖A‖₂) and §7.8 (det A ≤ (tr A/n)ⁿ for positive semidefinite A).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

from verifier import (
    PSD,
    Certificate,
    General,
    Identity,
    Inequality,
    PSDMatrix,
    Real,
    claim,
)
from verifier.language.mathlib import (
    Matrix,
    frobenius_sq,
    matrix,
    numeric_function,
    squared_norm,
    trace,
    vector,
)

RANK_RTOL = 1e-9
S = Matrix([[1, -1], [-1, 1]])


def _singular_values(batch: np.ndarray) -> np.ndarray:
    return np.linalg.svd(batch, compute_uv=False)


def _rank(batch: np.ndarray) -> np.ndarray:
    s = _singular_values(batch)
    return np.sum(s > RANK_RTOL * s[:, :1], axis=1)


def _sigma_max(batch: np.ndarray) -> np.ndarray:
    return _singular_values(batch)[:, 0]


def _lambda_max(batch: np.ndarray) -> np.ndarray:
    return np.linalg.eigvalsh((batch + np.swapaxes(batch, 1, 2)) / 2)[:, -1]


def _numeric(name: str, fn: Callable[[np.ndarray], np.ndarray], a: Matrix) -> sp.Expr:
    """fn(a) as an opaque numeric-only function; the name carries the shape, since
    numeric_function is built for one shape and sympy identifies functions by name."""
    return numeric_function(f"{name}_{a.rows}x{a.cols}", fn, a.shape)(a)


def rank(a: Matrix) -> sp.Expr:
    """rank(A), numerically: singular values above 1e-9·σ_max."""
    return _numeric("rank", _rank, a)


def norm2(a: Matrix) -> sp.Expr:
    """‖A‖₂ = σ_max(A), by SVD."""
    return _numeric("norm2", _sigma_max, a)


def lambda_max(a: Matrix) -> sp.Expr:
    """λ_max of a symmetric matrix, by the symmetric eigensolver."""
    return _numeric("lambda_max", _lambda_max, a)


def frobenius(a: Matrix) -> sp.Expr:
    """‖A‖_F = √(Σ aᵢⱼ²)."""
    return sp.sqrt(frobenius_sq(a))


def tall(n: int) -> Matrix:
    """A ∈ ℝ^{(n+1)×n}: rectangular, so that AᵀA and AAᵀ differ in size."""
    return matrix("A", n + 1, n)


NUMERIC_ONLY = "CHECKED only: rank, ‖·‖₂ and λ_max are numeric-only (SVD / eigensolver)"


@claim(n=range(1, 9), numeric_n=(12,))
def gram_quadratic_form(n: int) -> Identity:
    """vᵀ(AᵀA)v = ‖Av‖², so AᵀAv = 0 ⇒ Av = 0: Null(AᵀA) = Null(A)."""
    a, v = tall(n), vector("v", n)
    return Identity((v.T * (a.T * a) * v)[0, 0], squared_norm(a * v), where={a: Real(), v: Real()})


@claim(n=range(1, 9), numeric_n=(16,), notes=NUMERIC_ONLY)
def gram_rank(n: int) -> Identity:
    """rank(AᵀA) = rank(A) (rank-deficient A included)."""
    a = tall(n)
    return Identity(rank(a.T * a), rank(a), where={a: General()})


@claim(n=range(1, 9), numeric_n=(16,), notes=NUMERIC_ONLY)
def operator_bound(n: int) -> Inequality:
    """‖Av‖ ≤ ‖A‖₂·‖v‖ for every v."""
    a, v = tall(n), vector("v", n)
    return Inequality(
        sp.sqrt(squared_norm(a * v)),
        "<=",
        norm2(a) * sp.sqrt(squared_norm(v)),
        where={a: General(), v: Real()},
    )


@claim(n=range(1, 9), numeric_n=(16,), notes=NUMERIC_ONLY)
def norm_is_top_eigenvalue(n: int) -> Identity:
    """‖A‖₂² = λ_max(AᵀA): the bound ‖Av‖ ≤ ‖A‖₂‖v‖ is attained at the top eigenvector."""
    a = tall(n)
    return Identity(norm2(a) ** 2, lambda_max(a.T * a), where={a: General()})


@claim(n=range(1, 9), numeric_n=(16,), notes=NUMERIC_ONLY)
def gram_norm(n: int) -> Identity:
    """‖AᵀA‖₂ = ‖A‖₂²."""
    a = tall(n)
    return Identity(norm2(a.T * a), norm2(a) ** 2, where={a: General()})


@claim(n=range(1, 9), numeric_n=(16,), notes=NUMERIC_ONLY)
def outer_gram_norm(n: int) -> Identity:
    """‖AAᵀ‖₂ = ‖A‖₂²."""
    a = tall(n)
    return Identity(norm2(a * a.T), norm2(a) ** 2, where={a: General()})


@claim(n=range(1, 9), numeric_n=(16,), notes=NUMERIC_ONLY)
def spectral_below_frobenius(n: int) -> Inequality:
    """‖A‖₂ ≤ ‖A‖_F."""
    a = tall(n)
    return Inequality(norm2(a), "<=", frobenius(a), where={a: General()})


@claim(n=range(1, 9), numeric_n=(16,), notes=NUMERIC_ONLY)
def frobenius_below_rank_spectral(n: int) -> Inequality:
    """‖A‖₂ ≥ ‖A‖_F/√rank(A) (equality when all nonzero σᵢ are equal)."""
    a = tall(n)
    return Inequality(norm2(a), ">=", frobenius(a) / sp.sqrt(rank(a)), where={a: General()})


@claim(n=range(1, 9), numeric_n=(16,))
def lagrange_identity(n: int) -> Identity:
    """n‖A‖_F² − (tr A)² = Σ_{i<j} (aᵢᵢ − aⱼⱼ)² + n Σ_{i≠j} aᵢⱼ²."""
    a = matrix("A", n)
    diagonal_spread = sp.Add(*[(a[i, i] - a[j, j]) ** 2 for i in range(n) for j in range(i + 1, n)])
    off_diagonal = sp.Add(*[a[i, j] ** 2 for i in range(n) for j in range(n) if i != j])
    return Identity(
        n * frobenius_sq(a) - trace(a) ** 2,
        diagonal_spread + n * off_diagonal,
        where={a: Real()},
    )


@claim(
    n=range(1, 9),
    numeric_n=(16,),
    notes="PROVED by squared sides: the left side is ≥ 0 and the squared gap is Lagrange's identity, a "
    "sum of squares; without clarabel (a dependency) only n ≤ 2 (beyond 8 variables the SDP finds the Gram matrix)",
)
def frobenius_bounds_trace(n: int) -> Inequality:
    """‖A‖_F/√n ≥ |tr A|/n."""
    a = matrix("A", n)
    return Inequality(frobenius(a) / sp.sqrt(n), ">=", sp.Abs(trace(a)) / n, where={a: Real()})


@claim(
    n=range(1, 7),
    notes="proved for n ≤ 3 only (n = 1 is a ≥ a; at n = 2 the gap is (a₁₁ − a₂₂)²/4 + a₁₂², "
    "a sum of squares the search finds; at n = 3 it is one once A is written as LLᵀ, a Gram "
    "search split by the sign symmetries of L): from n = 4 that basis has 715 monomials, "
    "beyond the search's 80, and the gap is nonnegative only on the PSD cone; n stops at 6 "
    "because det has n! terms and the numeric check alone takes ~10 s at n = 8",
)
def am_gm_trace_determinant(n: int) -> Inequality:
    """(tr A/n)ⁿ ≥ det A for A ⪰ 0, i.e. tr(A)/n ≥ det(A)^{1/n} (AM–GM on eigenvalues)."""
    a = matrix("A", n)
    return Inequality((trace(a) / n) ** n, ">=", a.det(method="laplace"), where={a: PSDMatrix()})


@claim()
def difference_penalty() -> Identity:
    """wᵀSw = (w₁ − w₂)² for S = [[1, −1], [−1, 1]]."""
    w = vector("w", 2)
    return Identity((w.T * S * w)[0, 0], (w[0] - w[1]) ** 2, where={w: Real()})


@claim()
def difference_penalty_psd() -> PSD:
    """S ⪰ 0, since vᵀSv = (v₁ − v₂)²."""
    v = vector("v", 2)
    return PSD(S, certificate=Certificate(v, weights=(sp.Integer(1),), forms=(v[0] - v[1],)))


@claim(expect="refuted")
def difference_penalty_definite() -> PSD:
    """Wrong: S ≻ 0 (it is singular: S(1, 1)ᵀ = 0)."""
    return PSD(S, strict=True)


@claim(n=range(2, 6), expect="refuted")
def am_gm_general_matrix(n: int) -> Inequality:
    """Wrong: (tr A/n)ⁿ ≥ det A for every square A (AM–GM needs eigenvalues ≥ 0)."""
    a = matrix("A", n)
    return Inequality((trace(a) / n) ** n, ">=", a.det(method="laplace"), where={a: Real()})
