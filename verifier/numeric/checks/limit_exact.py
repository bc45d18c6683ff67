"""A limit's exact value at one point of its parameters: what confirms, or withdraws, a sequence's finding.

Values at finite points never settle a limit: 1/(1 + (a − 1/3)t) at a = 1/3 + 4·10⁻¹⁷ is 0.99999… for every
t the sequence reaches (t ≈ 10⁸), yet its limit is 0. So a sequence that stalls away from the claim is a
counterexample only where sympy's limit of the expression with the parameters substituted exactly (no
parameter left: no generic answer) differs from the claimed value there, decided in high precision.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy as sp

from verifier.language.claims import Limit
from verifier.numeric.checks.constant import decide_gap
from verifier.trusted import limit_steps
from verifier.trusted.instantiate import Instance

SIDES = {"from the right": "+", "from the left": "-"}


def exact_limit(body: Limit, point: Mapping[sp.Symbol, sp.Expr], side: str = "") -> sp.Expr | None:
    """sympy's limit of the claim's expression at the exact parameter point, from the named side (the
    claim's own direction if none); None where it has a parameter left, or sympy cannot evaluate it."""
    expr = sp.sympify(body.expr).xreplace(dict(point))
    to = sp.sympify(body.to).xreplace(dict(point))
    if (expr.free_symbols - {body.var}) or to.free_symbols:
        return None
    direction = SIDES.get(side, body.dir)
    try:
        value = limit_steps.limit(expr, body.var, to, direction)  # a step undecided near the point: no value
    except Exception:  # sides that differ, or sympy's limit failing: undecided here
        return None
    if isinstance(value, sp.Limit) or value.has(sp.AccumBounds, sp.nan, sp.zoo) or value.free_symbols:
        return None
    return value


def differs(body: Limit, point: Mapping[sp.Symbol, sp.Expr], side: str = "") -> tuple[bool | None, str]:
    """Whether the exact limit at the point differs from the claimed value there (None: undecided), and the
    exact limit as text ("" where it could not be computed)."""
    value = exact_limit(body, point, side)
    claimed = sp.sympify(body.equals).xreplace(dict(point))
    if value is None or claimed.free_symbols:
        return None, ""
    if value.is_infinite or claimed.is_infinite:
        return value != claimed, sp.sstr(value)
    gap = decide_gap(value - claimed)
    return (None if gap is None else gap.sign != 0), sp.sstr(value)


def simpler_point(inst: Instance, point: Mapping[sp.Symbol, sp.Rational]) -> dict[sp.Symbol, sp.Rational] | None:
    """The point with each scalar parameter rounded to a fraction of small denominator, shown exactly to lie
    in its domain, and where the exact limit differs from the claim (sympy cannot decide a limit at
    β = 0.502235 = 2261865358852421/2⁵², but does at β = 1/2); None if no such rounding does."""
    if any(not isinstance(g.target, sp.Symbol) for g in inst.given):
        return None
    for denominator in (1, 2, 10, 100):
        near = {s: sp.Rational(Fraction(int(v.p), int(v.q)).limit_denominator(denominator)) for s, v in point.items()}
        if all(g.domain.contains_exactly([near[g.target]]) is True for g in inst.given):
            body = inst.claim.body
            if isinstance(body, Limit) and differs(body, near)[0]:
                return near
    return None
