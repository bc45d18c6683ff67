"""Where a function of one variable curves the wrong way: pairs of points for the two-point convexity check.

The two-point check samples pairs (a, b) and a weight θ; a dent narrower than the pairs' spacing passes it
(x⁴ − 10⁻⁶x² is concave on |x| < 4·10⁻⁴, and 200 pairs never both land there). For f of one real variable
with f″ continuous, f is convex on an interval exactly where f″ ≥ 0 on it. So a point x₀ of the domain with
f″(x₀) < 0 (> 0 for a concavity claim), found exactly at the critical points of f″ (`critical.probe` on the
inequality f″ ≥ 0, as for any one-symbol inequality), makes f(x₀) > (f(x₀ − h) + f(x₀ + h))/2 for every h
small enough. The pairs x₀ ± 2⁻ᵏ, θ = ½ (k = 1 … 60) that lie in the domain are given to the two-point check
as its points, which confirms a failing pair in high precision like any sample: the probe proposes, the
check decides. x₀ is rounded to a float first; a dent narrower than a float's spacing is not found.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import sympy as sp

from verifier.language.claims import Convex, Given, Inequality
from verifier.numeric.checks import critical
from verifier.numeric.checks.poles import _inside
from verifier.trusted.instantiate import Instance, instantiate

Env = dict[sp.Symbol, np.ndarray]
STEPS = range(1, 61)  # h = 2⁻ᵏ: the pair's half-width, from ½ down to a float's spacing at 1
MAX_OPS = 80  # f's size in sympy's count of operations: a larger f″ is not searched


def pairs(inst: Instance, body: Convex, derived: Instance) -> Env | None:
    """Points of the two-point check (derived) around a point where f curves the wrong way; None if there is
    no such point found exactly, or f is not a function of wrt alone, a real number."""
    wrt, given = _one_variable(inst, body)
    if wrt is None or given is None:
        return None
    f = inst.symbolic(body.f)
    f = f[0, 0] if isinstance(f, sp.MatrixBase) else f
    if not isinstance(f, sp.Expr) or f.free_symbols != {wrt} or sp.count_ops(f) > MAX_OPS:
        return None
    curvature = sp.diff(f, wrt, 2)
    wrong = _wrong_way(inst, wrt, given, curvature, body.concave)
    if wrong is None:
        return None
    return _around(derived, given, wrong)


def _one_variable(inst: Instance, body: Convex) -> tuple[sp.Symbol | None, Given | None]:
    """wrt and its given, where wrt is the claim's only symbol, a scalar."""
    if len(inst.symbols) != 1 or len(inst.given) != 1:
        return None, None
    given = inst.given[0]
    symbol = inst.symbols[0]
    if not isinstance(given.target, sp.Symbol) or inst.symbolic(body.wrt) != symbol:
        return None, None
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
    x0 = float(point)  # rounded to a float; if that leaves the domain (x0 at a closed end), the next one inward
    near = (x0, float(np.nextafter(x0, np.inf)), float(np.nextafter(x0, -np.inf)))
    return next((v for v in near if np.isfinite(v) and _inside(given, sp.Rational(v))), None)


def _around(derived: Instance, given: Given, x0: float) -> Env | None:
    """The pairs x0 ± 2⁻ᵏ, θ = ½, as points of the two-point check; next to an end of the domain, the pair
    on the domain's side, from x0 to x0 ± 2·2⁻ᵏ (f″ is continuous up to a closed end). Both ends in the domain."""
    kept: list[tuple[float, float]] = []
    for k in STEPS:
        h = 2.0**-k
        for a, b in ((x0 - h, x0 + h), (x0, x0 + 2 * h), (x0 - 2 * h, x0)):
            if a < b and all(_inside(given, sp.Rational(v)) for v in (a, b)):
                kept.append((a, b))
                break
    if not kept:
        return None
    *_, first, second, mix = derived.given
    if not all(isinstance(g.target, sp.Symbol) for g in (first, second, mix)):
        return None
    lows, highs = np.array([p[0] for p in kept]), np.array([p[1] for p in kept])
    return {first.target: lows, second.target: highs, mix.target: np.full(len(kept), 0.5)}
