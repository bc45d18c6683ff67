"""Exact membership tests over the rationals, and samples that are exactly in their domain.

A counterexample counts only at a point that lies in the claim's domain, and a float
sample that is merely near the domain (a singular PSD matrix rounded to binary64 can have
determinant −3·10⁻²²) is no such point. These helpers decide membership in exact rational
arithmetic (fractions.Fraction), so the test never depends on round-off.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import sympy as sp

Rows = list[list[Fraction]]
SIGN_FACT = {"Real": "is_real", "Positive": "is_positive", "Nonnegative": "is_nonnegative", "Nonzero": "is_nonzero"}


def fractions(values: Sequence[sp.Rational]) -> list[Fraction] | None:
    """The values as Fractions, or None if one is not a rational number."""
    out: list[Fraction] = []
    for v in values:
        r = sp.sympify(v)
        if not isinstance(r, sp.Rational):
            return None
        out.append(Fraction(int(r.p), int(r.q)))
    return out


def square(values: Sequence[sp.Rational]) -> Rows | None:
    """Row-major values as an n×n matrix of Fractions, or None if not square or not rational."""
    flat = fractions(values)
    n = math.isqrt(len(flat)) if flat is not None else 0
    if flat is None or n * n != len(flat):
        return None
    return [flat[i * n : (i + 1) * n] for i in range(n)]


def is_symmetric(m: Rows) -> bool:
    return all(m[i][j] == m[j][i] for i in range(len(m)) for j in range(i))


def is_semidefinite(m: Rows, strict: bool) -> bool:
    """A symmetric rational matrix is ⪰ 0 (≻ 0 if strict), by exact LDLᵀ elimination.

    Pivot on the diagonal in order: a negative pivot refutes; a zero pivot is allowed (not
    if strict) only if its whole row is zero, since a PSD matrix with Aₖₖ = 0 has Aₖⱼ = 0;
    otherwise eliminate. The Schur complement of a positive pivot is PSD iff the matrix is.
    """
    a = [row[:] for row in m]
    n = len(a)
    for k in range(n):
        pivot = a[k][k]
        if pivot < 0 or (pivot == 0 and (strict or any(a[k][j] != 0 for j in range(k + 1, n)))):
            return False
        if pivot == 0:
            continue
        for i in range(k + 1, n):
            factor = a[i][k] / pivot
            if factor:
                for j in range(k + 1, n):
                    a[i][j] -= factor * a[k][j]
    return True


def is_singular(m: Rows) -> bool:
    """det m == 0, by exact Gaussian elimination."""
    a = [row[:] for row in m]
    n = len(a)
    for k in range(n):
        p = next((i for i in range(k, n) if a[i][k] != 0), None)
        if p is None:
            return True
        a[k], a[p] = a[p], a[k]
        for i in range(k + 1, n):
            factor = a[i][k] / a[k][k]
            if factor:
                for j in range(k, n):
                    a[i][j] -= factor * a[k][j]
    return False


def is_orthogonal(m: Rows) -> bool:
    n = len(m)
    return all(sum(m[k][i] * m[k][j] for k in range(n)) == (1 if i == j else 0) for i in range(n) for j in range(n))


def solve(a: Rows, b: Rows) -> Rows:
    """a⁻¹·b for an invertible rational a, by exact Gauss–Jordan elimination."""
    n, cols = len(a), len(b[0])
    aug = [a[i][:] + b[i][:] for i in range(n)]
    for k in range(n):
        p = next(i for i in range(k, n) if aug[i][k] != 0)
        aug[k], aug[p] = aug[p], aug[k]
        pivot = aug[k][k]
        aug[k] = [v / pivot for v in aug[k]]
        for i in range(n):
            if i != k and aug[i][k]:
                f = aug[i][k]
                aug[i] = [x - f * y for x, y in zip(aug[i], aug[k], strict=True)]
    return [row[n : n + cols] for row in aug]


def exactly_orthogonal(q: np.ndarray) -> list[sp.Rational]:
    """A rational orthogonal matrix near the float one q, row-major: the Cayley transform.

    S = (I − Q′)(I + Q′)⁻¹ is skew-symmetric for orthogonal Q′ = Q·D (D flips the first column
    when det Q < 0); rounded to rationals and made exactly skew, (I − S)(I + S)⁻¹·D is exactly
    orthogonal, since I + S is invertible for every skew S.
    """
    n = q.shape[0]
    flip = np.ones(n)
    if np.linalg.det(q) < 0:
        flip[0] = -1.0
    qd = q * flip
    eye = np.eye(n)
    s = np.linalg.solve((eye + qd).T, (eye - qd).T).T
    s = (s - s.T) / 2
    sf = [[Fraction(float(s[i, j])) for j in range(n)] for i in range(n)]
    ident = [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    minus = [[ident[i][j] - sf[i][j] for j in range(n)] for i in range(n)]
    plus = [[ident[i][j] + sf[i][j] for j in range(n)] for i in range(n)]
    # (I − S)(I + S)⁻¹ = ((I + S)⁻ᵀ (I − S)ᵀ)ᵀ, and (I + S)ᵀ = I − S, (I − S)ᵀ = I + S
    q_exact_t = solve(minus, plus)
    t = q_exact_t
    return [sp.Rational(t[j][i].numerator, t[j][i].denominator) * int(flip[j]) for i in range(n) for j in range(n)]


def dyadic_gram(rng: np.random.Generator, n: int, rank: int, k: int) -> np.ndarray:
    """K PSD matrices L·Lᵀ of the given rank, L with entries m/2¹⁰ (|m| < 2¹²): every product
    and sum is exact in binary64, so each float sample is itself exactly PSD and singular."""
    ell = np.round(np.clip(rng.standard_normal((k, n, rank)), -3.99, 3.99) * 2**10) / 2**10
    return np.einsum("kir,kjr->kij", ell, ell)


def exact_end(value: object) -> sp.Expr:
    """An end of an Interval exactly as the domain reads it (Interval._holds: Fraction(float)): a float is
    its binary value. Never nsimplify: it reads 0.30000000000000004 as 3/10 and 1.4142135623730951 as √2,
    so a point between the two ends would count as inside."""
    if isinstance(value, float):
        return sp.Rational(value)
    return sp.sympify(value)


def holds_at(domain: object, point: sp.Expr, shape: tuple[int, ...]) -> bool:
    """The scalar point lies in the domain, decided exactly: a rational point by the domain itself, another (π, √2)
    by sympy's signs against the domain's bounds (False where they do not decide)."""
    try:
        inside = domain.contains_exactly_shaped([point], shape)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return False
    if inside is not None:
        return bool(inside)
    kind = type(domain).__name__
    if kind in SIGN_FACT:
        return getattr(point, SIGN_FACT[kind]) is True
    if kind != "Interval":
        return False
    lo, hi = exact_end(domain.lo), exact_end(domain.hi)  # type: ignore[attr-defined]
    above = (point - lo).is_positive if domain.open_lo else (point - lo).is_nonnegative  # type: ignore[attr-defined]
    below = (hi - point).is_positive if domain.open_hi else (hi - point).is_nonnegative  # type: ignore[attr-defined]
    return above is True and below is True
