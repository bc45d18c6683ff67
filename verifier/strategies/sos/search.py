"""Sum-of-squares search for polynomial inequalities: a numerical SDP, then exact rational rounding.

For an inequality whose gap p (greater side − smaller side, in the symbolic view) is a polynomial
with rational coefficients, this proposes p = Σ wₖ·fₖ², which the kernel's
:func:`verifier.trusted.kernel.prove_inequality` then checks exactly. The steps:

1. the polynomial view: a variable x ≥ 0 that occurs as x^{p/q} is written x = t^L (L the lcm of
   the q's), so that p becomes a polynomial in t;
2. blocks: p = Σ_b m_b(t)·σ_b(t) with σ_b a sum of squares and m_b = 1, or a variable t ≥ 0
   (a Positivstellensatz certificate of the simplest kind); each block's monomial basis is cut to
   half the Newton polytope of p (an LP per candidate) and pruned of monomials whose square no
   other product can produce;
   each block is then split by the parity of its monomials in the variables whose sign flip fixes the
   problem (:mod:`verifier.strategies.sos.symmetry`);
3. a Gram SDP solved by Clarabel (:mod:`verifier.strategies.sos.sdp`), rounded to rationals and projected
   exactly onto the coefficient constraints, then factored Q = Σ dₖℓₖℓₖᵀ exactly
   (:mod:`verifier.strategies.sos.exact`); a singular Gram matrix (the gap has real zeros) goes through
   facial reduction and is solved again;
4. back to the claim's variables: t = x^{1/L}, so the weights m_b·dₖ are nonnegative powers of
   variables ≥ 0, which the kernel checks in the assumed view.

A polynomial that is nonnegative but not a sum of squares (Motzkin's) leaves the SDP infeasible:
no proposal, the claim stays CHECKED. The search is outside the trusted base: a wrong
proposal costs a proof, never forges one.

Sources: P. A. Parrilo, *Semidefinite programming relaxations for semialgebraic problems*, Math.
Program. 96 (2003); H. Peyrl & P. A. Parrilo, *Computing sum of squares decompositions with rational
coefficients*, Theor. Comput. Sci. 409 (2008); B. Reznick, *Extremal PSD forms with few terms* (1978)
for the Newton polytope.
"""

from __future__ import annotations

import itertools
import math
import operator
import time
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp

from verifier.language import walk
from verifier.language.text import plural
from verifier.strategies.budget import WorkClock, float_dependent
from verifier.strategies.certify import user_view
from verifier.strategies.sos import exact as sos_exact
from verifier.strategies.sos import sdp as sos_sdp
from verifier.strategies.sos import symmetry as sos_symmetry
from verifier.strategies.sos.exact import Block, GramProblem, Monomial, Poly
from verifier.trusted.decide.rational_zero import RationalZeroTester
from verifier.trusted.instantiate import Instance
from verifier.trusted.obligations import Squares

MAX_VARIABLES = 64
MAX_CANDIDATES = 3000  # monomials enumerated for one block's basis
MAX_GRAM = 80  # basis polynomials in one block: an 80×80 PSD cone has 3,240 unknowns (Clarabel's scaling ~85 MB)
MAX_REDUCTIONS = 3
DENOMINATORS = (1, 2, 4, 12, 60, 840, 5040, 10**5, 10**8)


@dataclass(frozen=True)
class PolyView:
    """p(t) with x = t^L for each variable x of the gap; nonnegative says which t are ≥ 0."""

    variables: tuple[sp.Symbol, ...]  # the gap's symbols (symbolic view)
    powers: tuple[int, ...]  # L for each
    nonnegative: tuple[bool, ...]
    target: Poly

    def expr(self, poly: Poly) -> sp.Expr:
        """A polynomial in t as an expression in the gap's variables, t = x^{1/L}."""
        return sp.Add(*[_rational(c) * self.monomial(m) for m, c in poly.items()])

    def monomial(self, m: Monomial) -> sp.Expr:
        return sp.Mul(*[x ** sp.Rational(e, L) for x, e, L in zip(self.variables, m, self.powers, strict=True)])


def _rational(c: Fraction) -> sp.Rational:
    return sp.Rational(c.numerator, c.denominator)


def polynomial_view(gap: sp.Expr, squared: bool = False) -> PolyView | str:
    """The gap as a polynomial with rational coefficients, or why it is not one; squared: each x ≥ 0
    is written t^{2L}, so that a gap nonnegative on the orthant can be a plain sum of squares in t."""
    variables = tuple(sorted(gap.free_symbols, key=sp.default_sort_key))
    if not variables or len(variables) > MAX_VARIABLES:
        return f"the gap has {len(variables)} variables (the search takes 1 to {MAX_VARIABLES})"
    powers, ts = [], []
    pows = walk.instances([gap], sp.Pow)
    for x in variables:
        exponents = [p.exp for p in pows if p.base == x and isinstance(p.exp, sp.Rational)]
        denominator = math.lcm(1, *[int(e.q) for e in exponents])
        if denominator > 1 and x.is_nonnegative is not True:
            return f"{x} has a fractional power but is not known to be ≥ 0"
        powers.append(2 * denominator if squared and x.is_nonnegative else denominator)
        ts.append(sp.Dummy(f"t_{x}", nonnegative=True) if x.is_nonnegative else sp.Dummy(f"t_{x}", real=True))
    substituted = gap.xreplace({x: t**L for x, t, L in zip(variables, ts, powers, strict=True)})
    if squared:  # t = s²'s sign is no longer known: the multipliers go
        return _view(substituted, ts, variables, powers, [False] * len(ts))
    return _view(substituted, ts, variables, powers, [bool(x.is_nonnegative) for x in variables])


def _view(
    substituted: sp.Expr, ts: list[sp.Symbol], variables: tuple[sp.Symbol, ...], powers: list[int], signs: list[bool]
) -> PolyView | str:
    target = _read_in_flint(substituted, ts)
    if target is None:  # not read as a polynomial in the ts: sympy's expand sees more (x²/x = x), slowly
        try:
            poly = sp.Poly(sp.expand(substituted), *ts)
        except sp.PolynomialError:
            return "the gap is not a polynomial in its variables (or their roots)"
        if not poly.domain.is_QQ and not poly.domain.is_ZZ:
            return f"the gap's coefficients are not rational (domain {poly.domain})"
        target = {m: Fraction(int(sp.Rational(c).p), int(sp.Rational(c).q)) for m, c in poly.terms()}
    return PolyView(variables, tuple(powers), tuple(signs), target)


def _read_in_flint(expr: sp.Expr, ts: list[sp.Symbol]) -> Poly | None:
    """expr's coefficients by monomial in the ts, in sympy's order (Poly.terms: lex, highest first), read
    in FLINT's ring without expanding sympy's tree; None if expr is not read as a polynomial in the ts there."""
    ring = RationalZeroTester([expr])
    poly = ring.polynomial(expr) if all(a in ts for a in ring.atoms) else None
    if poly is None:
        return None
    at = [ring.atoms.index(t) if t in ring.atoms else None for t in ts]
    terms = {tuple(0 if i is None else m[i] for i in at): c for m, c in poly.to_dict().items()}
    return {m: Fraction(int(terms[m].p), int(terms[m].q)) for m in sorted(terms, reverse=True)}


def gram_problem(view: PolyView) -> GramProblem | str:
    """Blocks for multipliers 1 and each t ≥ 0, each with a pruned monomial basis."""
    k = len(view.variables)
    multipliers = [tuple([0] * k)] + [tuple(int(i == j) for j in range(k)) for i in range(k) if view.nonnegative[i]]
    bases = {}
    for m in multipliers:
        basis = half_newton(view.target, m)
        if isinstance(basis, str):
            return basis
        bases[m] = basis
    bases = prune(view.target, bases)
    if any(len(b) > MAX_GRAM for b in bases.values()):
        return f"a Gram block of {max(len(b) for b in bases.values())} monomials (the search takes ≤ {MAX_GRAM})"
    blocks = tuple(Block(m, tuple({a: Fraction(1)} for a in b)) for m, b in bases.items() if b)
    return GramProblem(view.target, blocks) if blocks else "no monomial basis fits the Newton polytope"


def half_newton(target: Poly, multiplier: Monomial) -> list[Monomial] | str:
    """Monomials a with 2a + multiplier in the Newton polytope of the target (bounding box, then an LP)."""
    support = np.array(list(target), dtype=float)
    top = support.max(axis=0)
    degrees = support.sum(axis=1)
    shift = np.array(multiplier)
    bounds = [int((top[i] - shift[i]) // 2) if top[i] >= shift[i] else -1 for i in range(len(shift))]
    lo, hi = (degrees.min() - shift.sum()) / 2, (degrees.max() - shift.sum()) / 2
    candidates = [a for a in itertools.islice(_exponents(bounds, int(hi)), MAX_CANDIDATES + 1) if sum(a) >= lo]
    if len(candidates) > MAX_CANDIDATES:
        return f"more than {MAX_CANDIDATES} candidate monomials"
    return [a for a in candidates if _in_hull(support, 2 * np.array(a) + shift)]


def _exponents(bounds: list[int], degree: int) -> Iterator[Monomial]:
    """Exponent vectors a with 0 ≤ aᵢ ≤ boundsᵢ and Σa ≤ degree (none if a bound is negative)."""
    if not bounds:
        yield ()
        return
    for e in range(min(bounds[0], degree) + 1):
        for rest in _exponents(bounds[1:], degree - e):
            yield (e, *rest)


def _in_hull(points: np.ndarray, q: np.ndarray) -> bool:
    """q is a convex combination of the points (an LP feasibility problem)."""
    if any((points == q).all(axis=1)):
        return True
    return sos_sdp.nonnegative_solution(np.vstack([points.T, np.ones(len(points))]), np.append(q, 1.0))


def prune(target: Poly, bases: dict[Monomial, list[Monomial]]) -> dict[Monomial, list[Monomial]]:
    """Drop a from a block while m + 2a is not in the target and no other product m′ + b + c (b ≠ c) of
    the bases makes it: its diagonal Gram entry must then be 0, and so must its whole row."""
    bases = {m: list(b) for m, b in bases.items()}
    changed = True
    while changed:
        products = CrossProducts(bases)
        changed = False
        for m, basis in bases.items():
            keep = [a for a in basis if _needed(target, products, sos_exact.add_monomials(m, _twice(a)))]
            changed |= len(keep) < len(basis)
            bases[m] = keep
    return bases


class CrossProducts:
    """The monomials m + b + c, b ≠ c two monomials of m's basis, found with numpy (a 715-monomial basis has
    255,255 pairs): each read as one number in base (largest exponent + 1) where that fits in 62 bits, a set
    of plain integers (no Python container per monomial, so no heartbeats); else a set of tuples."""

    def __init__(self, bases: dict[Monomial, list[Monomial]]) -> None:
        sums = [self._sums(m, basis) for m, basis in bases.items() if len(basis) >= 2]
        width = len(next(iter(bases), ()))
        self.radix = 1 + max((int(s.max(initial=0)) for s in sums), default=0)
        self.weights: list[int] | None = None
        if width * math.log2(self.radix) < 62:
            self.weights = [self.radix**i for i in range(width)]
            weights = np.array(self.weights, dtype=np.int64)
            self.keys: set[object] = {k for s in sums for k in (s @ weights).tolist()}
        else:
            self.keys = {tuple(row) for s in sums for row in s.tolist()}

    @staticmethod
    def _sums(m: Monomial, basis: list[Monomial]) -> np.ndarray:
        exponents = np.array(basis, dtype=np.int64)
        first, second = np.triu_indices(len(basis), 1)
        return exponents[first] + exponents[second] + np.array(m, dtype=np.int64)

    def __contains__(self, monomial: Monomial) -> bool:
        if self.weights is None:
            return monomial in self.keys
        return all(e < self.radix for e in monomial) and sum(map(operator.mul, monomial, self.weights)) in self.keys


def _twice(a: Monomial) -> Monomial:
    return tuple(2 * e for e in a)


def _needed(target: Poly, products: CrossProducts, square: Monomial) -> bool:
    return square in target or square in products


@dataclass
class Timing:
    """Where a search spent its time, for the benchmark."""

    setup: float = 0.0  # polynomial view, Newton polytope
    sdp: float = 0.0  # Clarabel
    rounding: float = 0.0  # rounding, exact projection, LDLᵀ, facial reduction
    solves: int = 0


@dataclass(frozen=True)
class Found:
    view: PolyView
    squares: list[sos_exact.Square]


def search(gap: sp.Expr, clock: WorkClock | None = None, timing: Timing | None = None) -> Found | str:
    """An exact rational sum of squares for the gap, or why none was found."""
    timing = timing if timing is not None else Timing()
    if not sos_sdp.available():
        return sos_sdp.INSTALL_HINT
    found = _search(gap, clock, timing, squared=False)
    if isinstance(found, str) and "no solution" in found and any(x.is_nonnegative for x in gap.free_symbols):
        again = _search(gap, clock, timing, squared=True)
        return again if isinstance(again, Found) else f"{found}; with x = t² for x ≥ 0: {again}"
    return found


def _search(gap: sp.Expr, clock: WorkClock | None, timing: Timing, squared: bool) -> Found | str:
    start = time.perf_counter()
    view = polynomial_view(gap, squared)
    problem = gram_problem(view) if isinstance(view, PolyView) else view
    problem = sos_symmetry.split_by_signs(problem) if isinstance(problem, GramProblem) else problem
    timing.setup += time.perf_counter() - start
    if isinstance(problem, str):
        return problem
    assert isinstance(view, PolyView)
    for _ in range(MAX_REDUCTIONS + 1):
        if clock is not None and clock.left() <= 0:
            return "out of work budget"
        found = _solve_and_round(problem, timing)
        if not isinstance(found, GramProblem):
            return Found(view, found) if isinstance(found, list) else found
        problem = found
    return f"no exact certificate after {MAX_REDUCTIONS} facial reductions"


def _solve_and_round(problem: GramProblem, timing: Timing) -> list[sos_exact.Square] | GramProblem | str:
    """Squares, or a facially reduced problem to try next, or why neither."""
    start = time.perf_counter()
    contributions = problem.contributions()
    if _determined(contributions):  # one Gram matrix only, e.g. a quadratic form: no SDP needed
        timing.rounding += time.perf_counter() - start
        found = sos_exact.round_to_squares(problem, [0.0] * len(contributions), DENOMINATORS[:1])
        return found if found is not None else "the only Gram matrix is not positive semidefinite"
    solution = sos_sdp.solve(problem, contributions)
    timing.sdp += time.perf_counter() - start
    timing.solves += 1
    if not solution.feasible:
        return f"the Gram SDP has no solution (Clarabel: {solution.status}): not a sum of squares in this basis"
    start = time.perf_counter()
    try:
        with float_dependent():  # how far a failed rounding gets depends on the solver's last bits
            squares = sos_exact.round_to_squares(problem, solution.values, DENOMINATORS)
            reduced = None if squares is not None else sos_sdp.reduce_faces(problem, solution.values)
    finally:
        timing.rounding += time.perf_counter() - start
    if squares is not None:
        return squares
    if reduced is None:
        return "rounding the Gram matrix to rationals left the PSD cone, and facial reduction found no kernel"
    return reduced


def _determined(contributions: list[Poly]) -> bool:
    """Each unknown feeds a monomial no other unknown feeds: the constraints fix the Gram matrix."""
    fed: dict[Monomial, int] = {}
    for poly in contributions:
        for m in poly:
            fed[m] = fed.get(m, 0) + 1
    return all(len(poly) == 1 for poly in contributions) and all(v == 1 for v in fed.values())


def to_squares(found: Found) -> tuple[list[sp.Expr], list[list[sp.Expr]]]:
    """Weights m·d and forms f in the gap's variables (symbolic view)."""
    weights, forms = [], []
    for multiplier, d, f in found.squares:
        weights.append(_rational(d) * found.view.monomial(multiplier))
        forms.append([found.view.expr(f)])
    return weights, forms


def certificate(inst: Instance, found: Found) -> Squares:
    """The squares in the claim's own symbols, as the kernel takes them."""
    weights, forms = to_squares(found)
    return [user_view(inst, w) for w in weights], [[user_view(inst, f[0])] for f in forms]


def proposals(inst: Instance, gap: sp.Expr, clock: WorkClock) -> Iterator[tuple[str, Squares | str]]:
    """One proposal (name, squares in the claim's own symbols), or (name, why none), for the ladder."""
    found = search(gap, clock)
    if isinstance(found, str):
        yield "sum of squares (SDP)", found
        return
    blocks = len({m for m, _, _ in found.squares})
    shown = f"{plural(len(found.squares), 'square')} in {plural(blocks, 'block')}"
    yield f"sum of squares (SDP, {shown})", certificate(inst, found)
