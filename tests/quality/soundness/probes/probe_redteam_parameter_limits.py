"""Red team 93, limits with parameters: sympy's limit answers for a generic parameter value.

lim_{t→∞} 1/(1 + (3a − 1)²t) is 0 for every a but 1/3, where the expression is 1: Gruntz takes the coefficient
(3a − 1)² as nonzero. These were PROVED "(gruntz)"; a = 1/3 is no float, so no sample hit it. The true limits
beside them (the special value outside the domain, or the limit right there too) must stay true.

TRUTH maps each claim to (truth, class, witness); "along" lists points of the limit variable far from the claim.
"""

from __future__ import annotations

import sympy as sp

from verifier import Interval, Limit, Positive, Real, claim

t, x, a = sp.symbols("t x a")
B = (3 * a - 1) ** 2
THIRD, ZERO, ONE = sp.Rational(1, 3), sp.Integer(0), sp.Integer(1)
FAR_OUT = [10**8, 10**9]
NEAR_ZERO = [sp.Rational(1, 10**8), sp.Rational(1, 10**9)]


@claim()
def decay_for_every_a() -> Limit:
    """lim_{t→∞} 1/(1 + (3a − 1)²t) = 0 for every real a (false at a = 1/3: the expression is 1)."""
    return Limit(1 / (1 + B * t), t, sp.oo, ZERO, where={a: Real()})


@claim()
def saturation_on_an_interval() -> Limit:
    """lim_{t→∞} (3a − 1)²t/((3a − 1)²t + 1) = 1 for a ∈ [0, 1] (false at a = 1/3: it is 0)."""
    return Limit(B * t / (B * t + 1), t, sp.oo, ONE, where={a: Interval(0, 1)})


@claim()
def ratio_at_zero_from_the_right() -> Limit:
    """lim_{x→0⁺} ((3a − 1)² + x)/((3a − 1)² + 2x) = 1 (false at a = 1/3: it is 1/2)."""
    return Limit((B + x) / (B + 2 * x), x, 0, ONE, where={a: Real()}, dir="+")


@claim()
def absolute_coefficient() -> Limit:
    """lim_{t→∞} t/(t + |3a − 1|t²) = 0 (false at a = 1/3: it is 1)."""
    return Limit(t / (t + sp.Abs(3 * a - 1) * t**2), t, sp.oo, ZERO, where={a: Real()})


@claim()
def decay_for_positive_a() -> Limit:
    """lim_{t→∞} 1/(1 + at) = 0 for a > 0.

    Proof: at → ∞ for every a > 0 (the special value a = 0 lies outside the domain).
    """
    return Limit(1 / (1 + a * t), t, sp.oo, ZERO, where={a: Positive()})


@claim()
def saturation_away_from_a_third() -> Limit:
    """lim_{t→∞} (3a − 1)²t/((3a − 1)²t + 1) = 1 for a ∈ [1, 2].

    Proof: (3a − 1)² ≥ 4 there, so the quotient is 1 − 1/((3a − 1)²t + 1) → 1.
    """
    return Limit(B * t / (B * t + 1), t, sp.oo, ONE, where={a: Interval(1, 2)})


@claim()
def compound_growth_for_every_a() -> Limit:
    """lim_{x→∞} (1 + a/x)^x = eᵃ for every real a.

    Proof: x log(1 + a/x) = a − a²/(2x) + O(x⁻²) → a; at a = 0 the expression is 1 = e⁰.
    """
    return Limit((1 + a / x) ** x, x, sp.oo, sp.exp(a), where={a: Real()})


@claim()
def powers_cross_at_two() -> Limit:
    """lim_{t→∞} tᵃ/t² = 0 for a ∈ [0, 2] (false at a = 2: it is 1; sympy answers oo**(a − 2))."""
    return Limit(t**a / t**2, t, sp.oo, ZERO, where={a: Interval(0, 2)})


TRUTH = {
    "decay_for_every_a": ("false", 2, {"a": THIRD, "along": FAR_OUT}),
    "saturation_on_an_interval": ("false", 2, {"a": THIRD, "along": FAR_OUT}),
    "ratio_at_zero_from_the_right": ("false", 2, {"a": THIRD, "along": NEAR_ZERO}),
    "absolute_coefficient": ("false", 2, {"a": THIRD, "along": FAR_OUT}),
    "powers_cross_at_two": ("false", 2, {"a": 2, "along": FAR_OUT}),
    "decay_for_positive_a": ("true", 2, None),
    "saturation_away_from_a_third": ("true", 2, None),
    "compound_growth_for_every_a": ("true", 2, None),
}
