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
    exactly; None if the constraints cannot be met."""
    return Projection(problem, contributions)(x)


class Projection:
    """The exact projection onto Σ x_k·contribution_k = target, set up once for the several points one
    rounding tries (one per denominator). The Frobenius norm counts an off-diagonal unknown twice, so the
    weighted normal equations are (A W⁻¹ Aᵀ) y = r, Δ = W⁻¹ Aᵀ y. In FLINT's rationals (C numbers, not
    Python objects: several times faster than Fraction, and no heartbeats); the same values."""

    def __init__(self, problem: GramProblem, contributions: Sequence[Poly]) -> None:
        monomials = problem.monomials(contributions)
        row = {m: r for r, m in enumerate(monomials)}
        self.weight = [flint.fmpq(1 if i == j else 2) for _, i, j in problem.entries()]
        self.columns = [[(row[m], _fmpq(c)) for m, c in poly.items()] for poly in contributions]
        self.target = [_fmpq(problem.target.get(m, Fraction(0))) for m in monomials]
        self.normal = _NormalEquations(self.columns, self.weight, len(monomials))

    def __call__(self, point: Sequence[Fraction]) -> list[Fraction] | None:
        x = [_fmpq(v) for v in point]
        residual = list(self.target)
        for k, col in enumerate(self.columns):
            for r, c in col:
                residual[r] -= c * x[k]
        y = self.normal.solve(residual)
        if y is None:
            return None
        zero = flint.fmpq(0)
        moves = [sum((c * y[r] for r, c in col), zero) for col in self.columns]
        return [_fraction(x[k] + move / self.weight[k]) for k, move in enumerate(moves)]


Column = Sequence[tuple[int, flint.fmpq]]  # (row, coefficient) of an unknown's contribution


class _NormalEquations:
    """y with (A W⁻¹ Aᵀ) y = residual, free unknowns 0. By division when each unknown feeds one monomial (a
    monomial basis: the normal matrix is diagonal); else on the pivot rows P of the normal matrix N, found
    once: N is positive semidefinite, so N[P, P] is invertible, and y_P solves N[P, P]·y_P = r_P, the
    solution an exact row reduction of (N | r) gives, if N[:, P]·y_P = r (else r is outside the range of A)."""

    def __init__(self, columns: Sequence[Column], weight: Sequence[flint.fmpq], m: int) -> None:
        self.size = m
        self.diagonal: list[flint.fmpq] | None = None
        if all(len(col) <= 1 for col in columns):
            self.diagonal = [flint.fmpq(0)] * m
            for col, w in zip(columns, weight, strict=True):
                for r, c in col:
                    self.diagonal[r] += c * c / w
            return
        full = flint.fmpq_mat(m, m)
        for col, w in zip(columns, weight, strict=True):
            for r, c in col:
                for s, d in col:
                    full[r, s] += c * d / w
        reduced, rank = full.rref()
        self.pivots = [next(c for c in range(m) if reduced[r, c] != 0) for r in range(rank)]
        self.square = flint.fmpq_mat(rank, rank, [full[r, c] for r in self.pivots for c in self.pivots])
        self.columns = flint.fmpq_mat(m, rank, [full[r, c] for r in range(m) for c in self.pivots])
        self.inverse: flint.fmpq_mat | None = None
        self.solved = 0

    def _solve_square(self, rhs: flint.fmpq_mat) -> flint.fmpq_mat:
        """N[P, P]⁻¹·rhs: a solve the first time; from the second on, through the inverse (at n = 3 of
        am_gm_trace_determinant: an inverse costs two solves, a product with it 1/40 of one)."""
        self.solved += 1
        if self.solved == 1:
            return self.square.solve(rhs)
        if self.inverse is None:
            self.inverse = self.square.inv()
        return self.inverse * rhs

    def solve(self, residual: Sequence[flint.fmpq]) -> list[flint.fmpq] | None:
        zero = flint.fmpq(0)
        if self.diagonal is not None:
            if any(d == 0 and res != 0 for d, res in zip(self.diagonal, residual, strict=True)):
                return None
            return [res / d if d != 0 else zero for d, res in zip(self.diagonal, residual, strict=True)]
        rank = len(self.pivots)
        if rank == 0:
            return [zero] * self.size if all(v == 0 for v in residual) else None
        at_pivots = self._solve_square(flint.fmpq_mat(rank, 1, [residual[r] for r in self.pivots]))
        if self.columns * at_pivots != flint.fmpq_mat(self.size, 1, list(residual)):
            return None  # inconsistent: the residual is outside the range of A
        y = [zero] * self.size
        for i, r in enumerate(self.pivots):
            y[r] = at_pivots[i, 0]
        return y


def _fmpq(v: Fraction) -> flint.fmpq:
    return flint.fmpq(v.numerator, v.denominator)


def _fraction(v: flint.fmpq) -> Fraction:
    return Fraction(int(v.p), int(v.q))


def ldl(q: Sequence[Sequence[Fraction]]) -> tuple[list[Fraction], list[list[Fraction]]] | None:
    """Q = Σ dₖ·ℓₖℓₖᵀ with every dₖ > 0 (pivoting on the largest diagonal entry left), exactly;
    None if Q is not positive semidefinite (a negative pivot, or a zero pivot with a nonzero row).
    In FLINT's rationals (C numbers, not Python objects: ten times faster than Fraction, no heartbeats)."""
    n = len(q)
    a = [[_fmpq(v) for v in r] for r in q]
    left = list(range(n))
    pivots: list[flint.fmpq] = []
    rows: list[list[flint.fmpq]] = []
    zero = flint.fmpq(0)
    while left:
        k = max(left, key=lambda i: a[i][i])
        d = a[k][k]
        if d < 0:
            return None
        if d == 0:
            if any(a[i][j] != 0 for i in left for j in left):
                return None
            break
        row = [a[k][j] / d if j in left else zero for j in range(n)]
        left.remove(k)
        for i in left:
            if a[i][k] != 0:
                for j in left:
                    a[i][j] -= a[i][k] * row[j]
        pivots.append(d)
        rows.append(row)
    return [_fraction(d) for d in pivots], [[_fraction(v) for v in r] for r in rows]


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
    projection = Projection(problem, problem.contributions())
    for den in denominators:
        x = projection(round_vector(values, den))
        if x is None:
            return None
        found = squares(problem, to_blocks(problem, x))
        if found is not None:
            return found
    return None
