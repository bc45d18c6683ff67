"""The values of a lattice a polynomial argument reaches on a bounded window: where a pole of Γ(u) or tan(u) lies.

Γ(x² − 1) = (x² − 2)·Γ(x² − 2) on [6/5, 2] has no right side at x = √2, where x² − 2 = 0, and tan(x²)·cos(x²) =
sin(x²) on [1, 2] no left side at x = √(π/2), where cos(x²) = 0; both were PROVED "wherever both sides are defined"
(red team 150): the exact pole search (poles.py) solved only linear lattice arguments, and sin and cos of a linear
argument. For a polynomial u of small degree, the lattice values start + k·step (k an integer; at most `top`, for
Γ's poles at 0, −1, −2, …) that u reaches on the window are found from u's range there, read in floats at the ends
and at the zeros of u′, widened by one step on either side: a level is only a candidate, each point where u reaches
it is solved for exactly and decided exactly by the pole search, so a level too many costs a solve and nothing else.
"""

from __future__ import annotations

import math

import sympy as sp

MAX_LEVELS = 8


def levels(u: sp.Expr, x: sp.Symbol, window: sp.Set, start: sp.Expr, step: sp.Expr, top: int | None = None) -> list:
    """The values start + k·step that u may reach on the bounded window (at most MAX_LEVELS, the highest first;
    none at most top when top is given), or none if u is not a polynomial in x of degree 2 to 4 or its range is not
    read."""
    span = _range(u, x, window)
    if span is None:
        return []
    low, high = span
    first = math.floor((low - float(start)) / float(step)) - 1
    last = math.ceil((high - float(start)) / float(step)) + 1
    if top is not None:
        last = min(last, math.floor((top - float(start)) / float(step)))
    return [start + k * step for k in range(last, max(first, last - MAX_LEVELS + 1) - 1, -1)]


def _range(u: sp.Expr, x: sp.Symbol, window: sp.Set) -> tuple[float, float] | None:
    """u's least and greatest values on the bounded window, in floats; None where not read."""
    if not (isinstance(window, sp.Interval) and window.inf.is_finite and window.sup.is_finite):
        return None
    if u.free_symbols != {x} or u.has(sp.Float) or not u.is_polynomial(x):
        return None
    poly = sp.Poly(u, x)
    if not 2 <= poly.degree() <= 4 or not all(c.is_extended_real for c in poly.all_coeffs()):
        return None
    try:
        lo, hi = float(window.inf), float(window.sup)
        turns = [float(sp.re(r)) for r in sp.Poly(poly.diff(x)).nroots() if abs(float(sp.im(r))) < 1e-9]
        values = [float(poly.eval(sp.Float(t))) for t in [lo, hi, *(t for t in turns if lo <= t <= hi)]]
    except (TypeError, ValueError, OverflowError, sp.polys.polyerrors.PolynomialError):
        return None
    if not all(math.isfinite(v) for v in values):
        return None
    return min(values), max(values)
