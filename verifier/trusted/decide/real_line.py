"""Whether a condition on one real variable holds at no point, decided exactly (trusted base).

A condition built with And, Or and Not from comparisons u ≷ 0, each u a polynomial with rational coefficients
in one real variable y, has one truth value on each cell of the real line: each real root of the polynomials
is a cell, and so is each open interval between consecutive roots (and the two unbounded ones), since no
polynomial changes sign where it has no root. So the condition holds nowhere exactly when it is false at one
point of every cell. The cells are found from P, the square-free part of the product of the polynomials:

- separating points: rational points, none a root of P, with at most one root of P between consecutive ones
  and none beyond the first and the last (Sturm's theorem, each polynomial's sequence made once, exact);
- each root of P is then alone between two separating points, and a polynomial u is zero there when
  gcd(u, P) has that root; else its sign is read at a rational point of an interval around the root that
  holds no root of u, found by halving.

Every cell between two roots holds a separating point, so the separating points and the roots meet every
cell. Nothing here is floating point. Anything else (another function of y, an irrational coefficient, a
condition that is not a combination of comparisons) is not decided here: :func:`holds_nowhere` says None.
It replaces sympy's `as_set`, which took seconds per condition (its solvers simplify every comparison) and was
wrong on some: it called y(y⁴ − y³ + y² − y − 2) ≥ 0 true at y = 0 only.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import sympy as sp
from sympy import Poly
from sympy.polys.domains import QQ, ZZ
from sympy.polys.polyerrors import BasePolynomialError

HOLDS: dict[type, Callable[[int], bool]] = {
    sp.StrictGreaterThan: lambda s: s > 0,
    sp.GreaterThan: lambda s: s >= 0,
    sp.StrictLessThan: lambda s: s < 0,
    sp.LessThan: lambda s: s <= 0,
    sp.Equality: lambda s: s == 0,
    sp.Unequality: lambda s: s != 0,
}
"""Whether a comparison a ≷ b holds, from the sign of a − b."""

MAX_HALVINGS = 4_000  # halvings in all, to separate the roots and read the signs: beyond, not decided
MAX_DEGREE, MAX_BITS = 24, 256  # the distinct polynomials' product: its degree, its coefficients' size (numerator
# and denominator bits); beyond, not decided (a Sturm sequence's coefficients grow fast: 10⁴⁰ took 21 s uncapped)


def truth_of(condition: sp.Basic, truth: dict[sp.Basic, bool]) -> bool | None:
    """condition's truth from its comparisons' (And, Or, Not of them); None for anything else."""
    if condition in truth:
        return truth[condition]
    if condition is sp.true or condition is sp.false:
        return bool(condition)
    if not isinstance(condition, sp.And | sp.Or | sp.Not):
        return None
    parts = [truth_of(c, truth) for c in condition.args]
    if None in parts:
        return None
    if isinstance(condition, sp.And):
        return all(parts)
    if isinstance(condition, sp.Or):
        return any(parts)
    return not parts[0]


def holds_nowhere(condition: sp.Basic, y: sp.Symbol) -> bool | None:
    """True if no real y satisfies condition, False if some real y does; None if condition is not a combination
    of comparisons of polynomials in y with rational coefficients (or too costly to separate)."""
    polys = _comparisons(condition, y)
    if polys is None:
        return None
    halvings = [0]
    cells = _cells(polys, y, halvings)
    if cells is None:
        return None
    for signs in cells:
        truth = {rel: HOLDS[type(rel)](signs[rel]) for rel in polys}
        holds = truth_of(condition, truth)
        if holds is None:
            return None
        if holds:
            return False
    return True


def _comparisons(condition: sp.Basic, y: sp.Symbol) -> dict[sp.Basic, Poly] | None:
    """Each comparison of condition as the polynomial lhs − rhs over QQ; None if one is not such a polynomial."""
    out: dict[sp.Basic, Poly] = {}
    for rel in condition.atoms(sp.core.relational.Relational):
        if type(rel) not in HOLDS or not rel.free_symbols <= {y}:
            return None
        if not (isinstance(rel.lhs, sp.Expr) and isinstance(rel.rhs, sp.Expr)):
            return None  # Eq(y > 0, y < 1): a comparison of truth values, not of numbers
        u = sp.expand(rel.lhs - rel.rhs)
        if not u.is_polynomial(y):
            return None
        try:
            poly = Poly(u, y)
        except BasePolynomialError:
            return None
        if poly.domain not in (ZZ, QQ):
            return None
        out[rel] = poly.set_domain(QQ)
    return out


Signs = dict[sp.Basic, int]


class _Roots:
    """How many distinct real roots a polynomial has between two points that are not roots, by Sturm's theorem:
    its square-free part's Sturm sequence, made once, has V(lo) − V(hi) more sign changes at lo than at hi."""

    def __init__(self, p: Poly) -> None:
        self.p = p
        self.sequence = sp.sturm(p.sqf_part()) if p.degree() > 0 else []

    def between(self, lo: sp.Rational, hi: sp.Rational) -> int:
        return self._changes(lo) - self._changes(hi)

    def touch(self, lo: sp.Rational, hi: sp.Rational) -> bool:
        """Whether p has a root in [lo, hi], the ends included (p not zero)."""
        return _sign_at(self.p, lo) == 0 or _sign_at(self.p, hi) == 0 or self.between(lo, hi) > 0

    def _changes(self, q: sp.Rational) -> int:
        signs = [sign for sign in (_sign_at(f, q) for f in self.sequence) if sign]
        return sum(a != b for a, b in itertools.pairwise(signs))


def _cells(polys: dict[sp.Basic, Poly], y: sp.Symbol, halvings: list[int]) -> list[Signs] | None:
    """Each comparison's sign of lhs − rhs at one point of every cell (None past MAX_HALVINGS)."""
    moving = list({p.monic(): p for p in polys.values() if p.degree() > 0}.values())  # y < 0, y ≠ 0: one root
    if not moving:
        return [{rel: _sign_at(p, sp.Integer(0)) for rel, p in polys.items()}]
    product = Poly(1, y, domain=QQ)
    for p in moving:
        product *= p
    if product.degree() > MAX_DEGREE or max(_bits(c) for c in product.all_coeffs()) > MAX_BITS:
        return None
    roots = _Roots(product.sqf_part())
    points = _separating_points(roots, halvings)
    if points is None:
        return None
    out = [{rel: _sign_at(p, q) for rel, p in polys.items()} for q in points]
    own = {rel: _Roots(p) for rel, p in polys.items() if not p.is_zero}
    for lo, hi in itertools.pairwise(points):
        if roots.between(lo, hi) == 1:
            at_root = _signs_at_root(own, roots, lo, hi, halvings)
            if at_root is None:
                return None
            out.append({**{rel: 0 for rel in polys}, **at_root})  # lhs − rhs = 0: zero at the root too
    return out


def _bits(c: sp.Rational) -> int:
    return int(sp.Rational(c).p).bit_length() + int(sp.Rational(c).q).bit_length()


def _sign_at(p: Poly, q: sp.Rational) -> int:
    value = sp.Rational(p.eval(q))  # exact: p over QQ at a rational point
    return 1 if value.p > 0 else -1 if value.p < 0 else 0


def _separating_points(roots: _Roots, halvings: list[int]) -> list[sp.Rational] | None:
    """Rational points, in order, none a root: no root before the first or after the last, at most one between
    consecutive points."""
    coeffs = roots.p.all_coeffs()
    bound = 1 + max(abs(sp.Rational(c) / sp.Rational(coeffs[0])) for c in coeffs)  # Cauchy's: roots in ±bound
    points = [-bound - 1]
    stack = [(-bound - 1, bound + 1)]
    while stack:
        lo, hi = stack.pop()
        if roots.between(lo, hi) <= 1:
            if points[-1] != lo:
                return None  # the halves are taken in order: cannot happen
            points.append(hi)
            continue
        mid = _non_root_between(roots.p, lo, hi, halvings)
        if mid is None:
            return None
        stack += [(mid, hi), (lo, mid)]  # the lower half first
    return points


def _non_root_between(p: Poly, lo: sp.Rational, hi: sp.Rational, halvings: list[int]) -> sp.Rational | None:
    """A rational point strictly between lo and hi that is not a root of p (near the middle)."""
    step = (hi - lo) / 2
    for _ in range(64):
        halvings[0] += 1
        if halvings[0] > MAX_HALVINGS:
            return None
        mid = hi - step
        if p.eval(mid) != 0:
            return mid
        step = step / 3  # lo < hi - step < hi for every step in (0, hi - lo)
    return None


def _signs_at_root(
    own: dict[sp.Basic, _Roots], roots: _Roots, lo: sp.Rational, hi: sp.Rational, halvings: list[int]
) -> Signs | None:
    """The sign of each comparison of own at the one root between lo and hi (neither a root) of the square-free
    product."""
    out: Signs = {}
    for rel, p in own.items():
        common = p.p.gcd(roots.p)
        if common.degree() > 0 and common.count_roots(lo, hi) == 1:
            out[rel] = 0  # the root is one of p's
            continue
        sign = _sign_near_root(p, roots, lo, hi, halvings)
        if sign is None:
            return None
        out[rel] = sign
    return out


def _sign_near_root(p: _Roots, roots: _Roots, lo: sp.Rational, hi: sp.Rational, halvings: list[int]) -> int | None:
    """p's sign at the root between lo and hi, where p does not vanish: halve around the root until p has no root
    left in the interval, its ends included; p's sign is then the same all over it."""
    while p.touch(lo, hi):
        halvings[0] += 1
        if halvings[0] > MAX_HALVINGS:
            return None
        mid = (lo + hi) / 2
        if roots.p.eval(mid) == 0:
            return _sign_at(p.p, mid)  # the root is rational: read exactly
        if roots.between(lo, mid) == 1:
            hi = mid
        else:
            lo = mid
    return _sign_at(p.p, lo)
