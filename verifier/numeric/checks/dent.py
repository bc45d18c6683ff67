"""Where a function of one variable curves the wrong way: pairs of points for the two-point convexity check.

The two-point check samples pairs (a, b) and a weight θ; a dent narrower than the pairs' spacing passes it
(x⁴ − 10⁻⁶x² is concave on |x| < 4·10⁻⁴, and 200 pairs never both land there). For f of one real variable
with f″ continuous, f is convex on an interval exactly where f″ ≥ 0 on it. So a point x₀ of the domain with
f″(x₀) < 0 (> 0 for a concavity claim), found exactly at the critical points of f″ (`critical.probe` on the
inequality f″ ≥ 0, as for any one-symbol inequality), makes f(x₀) > (f(x₀ − h) + f(x₀ + h))/2 for every h
small enough. The pairs x₀ ± 2⁻ᵏ, θ = ½ (k = 1 … 60) that lie in the domain are given to the two-point check
as its points, which confirms a failing pair in high precision like any sample: the probe proposes, the
check decides. x₀ is rounded to a float first; a dent narrower than a float's spacing is not found.

f″ ≥ 0 wherever it exists is not enough: a jump (x² − 10⁻¹² on x ≥ 0, 10⁻¹²·H(x), ⌊x⌋) or a concave kink
(x² − 10⁻¹²|x|, min(x², (x − 2·10⁻⁶)²)) breaks convexity within 10⁻⁷ of one point, with f″ ≥ 0 on both sides
(red team 121). So f's breaks are proposed too, found exactly as the critical module finds kinks: the zeros of
the arguments of |·|, sign and H, of max's and min's differences, of a Piecewise condition's sides, and the
points where the argument of ⌊·⌋, ⌈·⌉ or frac, linear in x, is an integer (the first few), and the domain's
ends, open ones included (x⁴ − 10⁻⁶x² on x > 0 has no least f″ to solve for: it dips towards 0). A jump is seen only by
a pair with one end on it, so around every point the three pairs x₀ ± h, (x₀, x₀ + 2h), (x₀ − 2h, x₀) are given.
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import sympy as sp
from sympy.core.relational import Relational

from verifier.language.claims import Convex, Given, Inequality
from verifier.language.domains import Nonnegative, Positive
from verifier.numeric.checks import critical
from verifier.numeric.checks.poles import MAX_OPS as MAX_SOLVE_OPS
from verifier.numeric.checks.poles import _inside, _window, exact_end, solve_bounded
from verifier.trusted.instantiate import Instance, instantiate

Env = dict[sp.Symbol, np.ndarray]
STEPS = range(1, 61)  # h = 2⁻ᵏ: the pair's half-width, from ½ down to a float's spacing at 1
MAX_OPS = 80  # f's size in sympy's count of operations: a larger f″ is not searched
MAX_BREAKS = 8  # break points proposed
LATTICE = range(-8, 9)  # the integers a ⌊·⌋'s argument is tried at on an unbounded domain


def pairs(inst: Instance, body: Convex, derived: Instance) -> Env | None:
    """Points of the two-point check (derived) around a point where f curves the wrong way; None if there is
    no such point found exactly, or f is not a function of wrt alone, a real number."""
    wrt, given = _one_variable(inst, body)
    if wrt is None or given is None:
        return None
    f = inst.symbolic(body.f)  # in the claim's own symbol: the view's carries the domain's sign (x ≥ 0 on [0, 3])
    f = (f[0, 0] if isinstance(f, sp.MatrixBase) else f).xreplace({inst.symbolic(wrt): wrt})
    if not isinstance(f, sp.Expr) or f.free_symbols != {wrt} or sp.count_ops(f) > MAX_OPS:
        return None
    curvature = sp.diff(f, wrt, 2)
    known = not curvature.has(sp.Derivative)  # f″ of ⌊x⌋ stays unevaluated: no point to solve for (and x := 0 fails)
    wrong = _wrong_way(inst, wrt, given, curvature, body.concave) if known else None
    centres = [*([wrong] if wrong is not None else []), *_breaks(f, wrt, given)]
    return _around(derived, given, centres) if centres else None


def _one_variable(inst: Instance, body: Convex) -> tuple[sp.Symbol | None, Given | None]:
    """wrt and its given, where wrt is the claim's only symbol, a scalar."""
    if len(inst.symbols) != 1 or len(inst.given) != 1:
        return None, None
    given = inst.given[0]
    symbol = inst.symbols[0]
    if not isinstance(given.target, sp.Symbol) or inst.symbolic(body.wrt) != inst.symbolic(symbol):
        return None, None  # the symbolic views compared: the view's x on [0, 3] is x ≥ 0, the claim's is not
    return symbol, given


def _wrong_way(inst: Instance, wrt: sp.Symbol, given: Given, curvature: sp.Expr, concave: bool) -> float | None:
    """A point of the domain where f″ < 0 (> 0 if concave), decided exactly, as a float in the domain."""
    op = "<=" if concave else ">="
    statement = Inequality(curvature, op, 0, where={given.target: given.domain})
    try:
        probed = instantiate(dataclasses.replace(inst.claim, body=statement))
    except (TypeError, ValueError):
        return None
    small, big = (curvature, sp.S.Zero) if concave else (sp.S.Zero, curvature)
    found = critical.probe(probed, small, big, False, op)
    if found.counterexample is None or not found.exact:
        return None
    (point,) = found.exact.values()
    return _float_inside(given, point)


def _float_inside(given: Given, point: sp.Expr) -> float | None:
    """point rounded to a float; if that leaves the domain (a point at a closed end), the next one inward."""
    try:
        x0 = float(point)
    except (TypeError, ValueError):
        return None
    near = (x0, float(np.nextafter(x0, np.inf)), float(np.nextafter(x0, -np.inf)))
    return next((v for v in near if np.isfinite(v) and _inside(given, sp.Rational(v))), None)


def _breaks(f: sp.Expr, x: sp.Symbol, given: Given) -> list[float]:
    """Points of the domain where f may jump or have a kink (see the module's docstring), as floats."""
    conditions = [*critical._kinks(f), *(node.args[0] for node in f.atoms(sp.sign, sp.Heaviside))]
    for node in f.atoms(sp.Piecewise):
        conditions += [r.lhs - r.rhs for _, cond in node.args for r in sp.sympify(cond).atoms(Relational)]
    points: list[sp.Expr] = []
    for condition in dict.fromkeys(conditions):
        found = solve_bounded(condition, x, _window(given)) if sp.count_ops(condition) <= MAX_SOLVE_OPS else None
        points += [p for p in found if p.is_real] if isinstance(found, sp.FiniteSet) else []
    points += [*_integer_points(f, x, given), *_ends(given)]
    inside = [_float_inside(given, p) for p in dict.fromkeys(points)]
    return [p for p in dict.fromkeys(inside) if p is not None][:MAX_BREAKS]


def _ends(given: Given) -> list[sp.Expr]:
    """The domain's finite ends, open or closed (x > 0: 0): a dent that reaches an open end has no least f″ to solve
    for (x⁴ − 10⁻⁶x² on x > 0), and the pairs from the end inward span it."""
    if isinstance(given.domain, Positive | Nonnegative):
        return [sp.S.Zero]
    ends = (getattr(given.domain, "lo", None), getattr(given.domain, "hi", None))
    return [exact_end(v) for v in ends if isinstance(v, int | float | sp.Rational)]


def _integer_points(f: sp.Expr, x: sp.Symbol, given: Given) -> list[sp.Expr]:
    """Where the argument u = s·x + t of a ⌊·⌋, ⌈·⌉ or frac is an integer: in a bounded domain the first
    MAX_BREAKS from its low end, else at u ∈ LATTICE."""
    window, points = _window(given), []
    for node in f.atoms(sp.floor, sp.ceiling, sp.frac):
        u = node.args[0]
        if u.free_symbols != {x} or not u.is_polynomial(x) or sp.Poly(u, x).degree() != 1:
            continue
        slope, shift = sp.Poly(u, x).all_coeffs()
        values: range | list[int] = LATTICE
        if isinstance(window, sp.Interval) and window.inf.is_finite and window.sup.is_finite:
            ends = sorted([u.xreplace({x: window.inf}), u.xreplace({x: window.sup})], key=float)
            values = range(int(sp.ceiling(ends[0])), int(sp.floor(ends[1])) + 1)[:MAX_BREAKS]
        points += [(m - shift) / slope for m in values]
    return points


def _around(derived: Instance, given: Given, centres: list[float]) -> Env | None:
    """The pairs x0 ± 2⁻ᵏ, (x0, x0 + 2·2⁻ᵏ) and (x0 − 2·2⁻ᵏ, x0), θ = ½, around each centre x0, as points of the
    two-point check: those with both ends in the domain (next to an end of it, only the pair on its side)."""
    kept: list[tuple[float, float]] = []
    for x0, k in itertools.product(centres, STEPS):
        h = 2.0**-k
        for a, b in ((x0 - h, x0 + h), (x0, x0 + 2 * h), (x0 - 2 * h, x0)):
            if a < b and all(_inside(given, sp.Rational(v)) for v in (a, b)):
                kept.append((a, b))
    if not kept:
        return None
    *_, first, second, mix = derived.given
    if not all(isinstance(g.target, sp.Symbol) for g in (first, second, mix)):
        return None
    lows, highs = np.array([p[0] for p in kept]), np.array([p[1] for p in kept])
    return {first.target: lows, second.target: highs, mix.target: np.full(len(kept), 0.5)}
