"""Where a premise holds: solving an equation for a declared symbol, and proposing multipliers.

Strategies only: nothing here is trusted. The numeric check of A ⇒ B samples the points
where A holds; for an equation A that is linear in a declared vector (or scalar) u over ℝ,
with a coefficient matrix that is not identically singular, those points are u = s(v) for
the other symbols v, and the check becomes "B at u = s(v)" over v. The solution is verified
(A at u = s(v) cancels to 0) before it is used. For the symbolic side, :func:`multipliers`
proposes the M with g_B = M·g_A that the kernel then checks (:mod:`verifier.trusted.entailment`).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import sympy as sp

from verifier.language.claims import Given
from verifier.language.domains import General, Real
from verifier.language.stepwise import Relation
from verifier.trusted.instantiate import Instance, as_matrix

MAX_UNKNOWNS = 4  # a symbolic solve of a larger linear system is too costly for a spot check
MAX_MULTIPLIER = 2  # J_B·J_A⁻¹ for at most 2×2 systems: larger inverses swamp the kernel's zero test


@dataclass(frozen=True)
class Solved:
    """The premise holds exactly where `given`'s entries equal `solution` (a column, same order)."""

    given: Given
    symbols: tuple[sp.Symbol, ...]
    solution: tuple[sp.Expr, ...]
    # the coefficient matrix's determinant, as solved: where it is 0 the solution is not the premise's only point
    # (2λw = 0 is w = 0, and at λ = 0 every w), however the solution's own denominators cancel
    singular: sp.Expr = sp.S.One

    def substitution(self) -> dict[sp.Symbol, sp.Expr]:
        return dict(zip(self.symbols, self.solution, strict=True))


def residual(rel: Relation) -> list[sp.Expr]:
    """The entries of lhs − rhs."""
    return list(as_matrix(rel.lhs) - as_matrix(rel.rhs))


def _affine(entries: Sequence[sp.Expr], unknowns: Sequence[sp.Symbol]) -> sp.Matrix | None:
    """The coefficient matrix of entries in unknowns, if they are affine in them."""
    try:
        jac = sp.Matrix(entries).jacobian(list(unknowns))
    except (TypeError, ValueError):
        return None
    if any(entry.has(*unknowns) for entry in jac):
        return None
    return jac


def solve(inst: Instance, rel: Relation) -> Solved | None:
    """The premise solved for a declared symbol over ℝ it is linear in, or None."""
    if rel.op != "=":
        return None
    entries = residual(rel)
    for g in inst.given:
        if type(g.domain) not in (Real, General) or len(g.symbols()) != len(entries):
            continue
        unknowns = tuple(g.symbols())
        if len(unknowns) > MAX_UNKNOWNS or not any(e.has(*unknowns) for e in entries):
            continue
        found = _solve_linear(entries, unknowns)
        if found is not None:
            return Solved(g, unknowns, *found)
    return None


def _solve_linear(
    entries: list[sp.Expr], unknowns: tuple[sp.Symbol, ...]
) -> tuple[tuple[sp.Expr, ...], sp.Expr] | None:
    """The solution, and the determinant of the coefficient matrix it divides by."""
    jac = _affine(entries, unknowns)
    if jac is None or _vanishes(jac.det(), jac.free_symbols):
        return None
    constant = sp.Matrix(entries).xreplace(dict.fromkeys(unknowns, sp.Integer(0)))
    try:
        solution = list(jac.LUsolve(-constant))
    except (ValueError, ZeroDivisionError, sp.PolynomialError):
        return None
    back = sp.Matrix(entries).xreplace(dict(zip(unknowns, solution, strict=True)))
    symbols = set().union(*(e.free_symbols for e in entries))
    return (tuple(solution), sp.factor(jac.det())) if all(_vanishes(e, symbols) for e in back) else None


def _vanishes(expr: sp.Expr, symbols: set[sp.Basic], tries: int = 3) -> bool:
    """expr is 0 at a few random rational points, computed exactly (a rational function that is not
    identically 0 is 0 at such a point with probability 0); a point where expr is undefined is skipped."""
    rng = random.Random(len(symbols))
    seen = 0
    for _ in range(2 * tries):
        point = {s: sp.Rational(rng.randint(-97, 97), rng.randint(1, 89)) for s in symbols}
        value = sp.sympify(expr).xreplace(point)
        if value.has(sp.zoo, sp.nan) or not value.is_Number:
            continue
        if value != 0:
            return False
        seen += 1
        if seen == tries:
            return True
    return False


def multipliers(
    premise: Sequence[sp.Expr], conclusion: Sequence[sp.Expr], unknowns: Sequence[Sequence[sp.Symbol]]
) -> Iterator[sp.Matrix]:
    """Candidates M with conclusion ≡ M·premise: a common ratio c (M = c·I, or c for scalars), then,
    for each group of unknowns both are affine in, M = J_B·J_A⁻¹."""
    p, q = len(conclusion), len(premise)
    ratio = _ratio(premise, conclusion)
    if ratio is not None and (p == q or q == 1):
        yield ratio * sp.eye(p) if p == q else sp.Matrix([[ratio]] * p)
    for group in unknowns:
        if len(group) != q or q > MAX_MULTIPLIER:
            continue
        ja, jb = _affine(premise, group), _affine(conclusion, group)
        if ja is None or jb is None or _vanishes(ja.det(), ja.free_symbols):
            continue
        yield (jb * ja.adjugate()).applyfunc(sp.expand) / sp.expand(ja.det())


def _ratio(premise: Sequence[sp.Expr], conclusion: Sequence[sp.Expr]) -> sp.Expr | None:
    """c with conclusionᵢ = c·premiseᵢ for every i (premise a single entry: c·premise for each)."""
    pivot = next((a for a in premise if a != 0), None)
    if pivot is None:
        return None
    partner = conclusion[list(premise).index(pivot)] if len(premise) == len(conclusion) else conclusion[0]
    return sp.cancel(partner / pivot)
