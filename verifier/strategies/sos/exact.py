"""Exact rounding of a numerical Gram matrix to a rational sum of squares (Peyrl & Parrilo 2008).

A target polynomial p(t) is written as Σ_b m_b(t)·z_b(t)ᵀ Q_b z_b(t): a block b per multiplier
monomial m_b (1, or a variable known to be ≥ 0), each with its basis polynomials z_b and a
symmetric Gram matrix Q_b. Matching coefficients puts Q = (Q_b) on an affine subspace A(Q) = p.
A numerical solver returns Q ⪰ 0 only approximately; here it is rounded to rationals, projected
*exactly* onto the affine subspace (the orthogonal projection in the Frobenius norm), and
factored exactly as Q_b = Σ dₖ·ℓₖℓₖᵀ. If every pivot dₖ is ≥ 0, p = Σ_b m_b·Σₖ dₖ·(ℓₖᵀz_b)²
holds exactly. For a monomial basis each Gram entry feeds exactly one monomial, and the
projection adds to each entry the residual of its monomial divided by the number of entries
(ordered pairs) that feed it; for a general basis it solves the normal equations exactly.

Everything here is search, outside the trusted base: the kernel re-checks the identity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import flint

Monomial = tuple[int, ...]
Poly = dict[Monomial, Fraction]


def add_monomials(a: Monomial, b: Monomial) -> Monomial:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def multiply(a: Poly, b: Poly) -> Poly:
    out: dict[Monomial, Fraction] = defaultdict(Fraction)
    for ma, ca in a.items():
        for mb, cb in b.items():
            out[add_monomials(ma, mb)] += ca * cb
    return {m: c for m, c in out.items() if c != 0}


@dataclass(frozen=True)
class Block:
    """m(t)·zᵀQz: the multiplier monomial m and the basis polynomials z."""

    multiplier: Monomial
    basis: tuple[Poly, ...]


@dataclass(frozen=True)
class GramProblem:
    """target = Σ_b m_b·z_bᵀ Q_b z_b, with one unknown per Gram entry (b, i ≤ j)."""

    target: Poly
    blocks: tuple[Block, ...]

    def entries(self) -> list[tuple[int, int, int]]:
        """(block, i, j) with i ≤ j, in the order of the unknowns."""
        return [(b, i, j) for b, blk in enumerate(self.blocks) for j in range(len(blk.basis)) for i in range(j + 1)]

    def contributions(self) -> list[Poly]:
        """For each unknown Q_b[i, j], the polynomial it multiplies: m_b·z_i·z_j, twice if i ≠ j."""
        out = []
        for b, i, j in self.entries():
            blk = self.blocks[b]
            times = Fraction(1 if i == j else 2)
            prod = multiply(multiply({blk.multiplier: Fraction(1)}, blk.basis[i]), blk.basis[j])
            out.append({m: c * times for m, c in prod.items()})
        return out

    def monomials(self, contributions: Sequence[Poly]) -> list[Monomial]:
        """Every monomial a constraint is written for: the target's and the products'."""
        seen = dict.fromkeys(self.target)
        for poly in contributions:
            seen.update(dict.fromkeys(poly))
        return list(seen)


Gram = list[list[list[Fraction]]]  # one symmetric matrix per block


def to_blocks(problem: GramProblem, x: Sequence[Fraction]) -> Gram:
    gram = [[[Fraction(0)] * len(blk.basis) for _ in blk.basis] for blk in problem.blocks]
    for (b, i, j), value in zip(problem.entries(), x, strict=True):
        gram[b][i][j] = gram[b][j][i] = value
    return gram


def round_vector(values: Sequence[float], denominator: int) -> list[Fraction]:
    """Each value rounded to the nearest multiple of 1/denominator."""
    return [Fraction(round(v * denominator), denominator) for v in values]


def project(problem: GramProblem, x: Sequence[Fraction], contributions: Sequence[Poly]) -> list[Fraction] | None:
    """The Frobenius-nearest point to x (Gram entries, i ≤ j) with Σ x_k·contribution_k = target
    exactly; None if the constraints cannot be met. The Frobenius norm counts an off-diagonal
    unknown twice, so the weighted normal equations are (A W⁻¹ Aᵀ) y = r, Δ = W⁻¹ Aᵀ y."""
    monomials = problem.monomials(contributions)
    row = {m: r for r, m in enumerate(monomials)}
    weight = [Fraction(1 if i == j else 2) for _, i, j in problem.entries()]
    columns: list[list[tuple[int, Fraction]]] = [[(row[m], c) for m, c in poly.items()] for poly in contributions]
    residual = [problem.target.get(m, Fraction(0)) for m in monomials]
    for k, col in enumerate(columns):
        for r, c in col:
            residual[r] -= c * x[k]
    y = _solve_normal_equations(columns, weight, residual, len(monomials))
    if y is None:
        return None
    return [x[k] + sum((c * y[r] for r, c in col), Fraction(0)) / weight[k] for k, col in enumerate(columns)]


def _solve_normal_equations(
    columns: Sequence[Sequence[tuple[int, Fraction]]], weight: Sequence[Fraction], residual: Sequence[Fraction], m: int
) -> list[Fraction] | None:
    """y with (A W⁻¹ Aᵀ) y = residual: by division when each unknown feeds one monomial (a
    monomial basis: the normal matrix is diagonal), else exactly by flint on the independent rows."""
    if all(len(col) <= 1 for col in columns):
        diagonal = [Fraction(0)] * m
        for col, w in zip(columns, weight, strict=True):
            for r, c in col:
                diagonal[r] += c * c / w
        if any(d == 0 and res != 0 for d, res in zip(diagonal, residual, strict=True)):
            return None
        return [res / d if d else Fraction(0) for d, res in zip(diagonal, residual, strict=True)]
    return _solve_dense(columns, weight, residual, m)


def _solve_dense(
    columns: Sequence[Sequence[tuple[int, Fraction]]], weight: Sequence[Fraction], residual: Sequence[Fraction], m: int
) -> list[Fraction] | None:
    normal = [[Fraction(0)] * m for _ in range(m)]
    for col, w in zip(columns, weight, strict=True):
        for r, c in col:
            for s, d in col:
                normal[r][s] += c * d / w
    augmented = flint.fmpq_mat(m, m + 1, [_fmpq(v) for r in range(m) for v in (*normal[r], residual[r])])
    reduced, rank = augmented.rref()
    y = [Fraction(0)] * m
    for r in range(rank):
        pivot = next(c for c in range(m + 1) if reduced[r, c] != 0)
        if pivot == m:
            return None  # inconsistent: the residual is outside the range of A
        y[pivot] = _fraction(reduced[r, m])
    return y


def _fmpq(v: Fraction) -> flint.fmpq:
    return flint.fmpq(v.numerator, v.denominator)


def _fraction(v: flint.fmpq) -> Fraction:
    return Fraction(int(v.p), int(v.q))


def ldl(q: Sequence[Sequence[Fraction]]) -> tuple[list[Fraction], list[list[Fraction]]] | None:
    """Q = Σ dₖ·ℓₖℓₖᵀ with every dₖ > 0 (pivoting on the largest diagonal entry left), exactly;
    None if Q is not positive semidefinite (a negative pivot, or a zero pivot with a nonzero row)."""
    n = len(q)
    a = [list(r) for r in q]
    left = list(range(n))
    pivots: list[Fraction] = []
    rows: list[list[Fraction]] = []
    while left:
        k = max(left, key=lambda i: a[i][i])
        d = a[k][k]
        if d < 0:
            return None
        if d == 0:
            return (pivots, rows) if all(a[i][j] == 0 for i in left for j in left) else None
        row = [a[k][j] / d if j in left else Fraction(0) for j in range(n)]
        left.remove(k)
        for i in left:
            if a[i][k] != 0:
                for j in left:
                    a[i][j] -= a[i][k] * row[j]
        pivots.append(d)
        rows.append(row)
    return pivots, rows


Square = tuple[Monomial, Fraction, Poly]  # multiplier m, weight d, polynomial f: the term m·d·f²


def squares(problem: GramProblem, gram: Gram) -> list[Square] | None:
    """target = Σ m·d·f² from an exact Gram point, or None if a block is not PSD."""
    out: list[Square] = []
    for blk, q in zip(problem.blocks, gram, strict=True):
        found = ldl(q)
        if found is None:
            return None
        for d, row in zip(*found, strict=True):
            f: dict[Monomial, Fraction] = defaultdict(Fraction)
            for coeff, z in zip(row, blk.basis, strict=True):
                for m, c in z.items():
                    f[m] += coeff * c
            out.append((blk.multiplier, d, {m: c for m, c in f.items() if c != 0}))
    return out


def round_to_squares(problem: GramProblem, values: Sequence[float], denominators: Sequence[int]) -> list[Square] | None:
    """The first denominator whose rounding, projected exactly, factors with pivots ≥ 0."""
    contributions = problem.contributions()
    for den in denominators:
        x = project(problem, round_vector(values, den), contributions)
        if x is None:
            return None
        found = squares(problem, to_blocks(problem, x))
        if found is not None:
            return found
    return None
