"""Convexity false only on a small interval, which no sampled pair of points spans (this stop's `dent` rule).

x⁴ − 10⁻⁶x² has f″ = 12x² − 2·10⁻⁶ < 0 for |x| < 4.1·10⁻⁴; (x − 3)⁴ − 10⁻⁸(x − 3)² likewise around 3; x³ on
[−10⁻³, 1] is concave on its first thousandth; −x⁴ + 10⁻⁶x² is convex near 0, so not concave. All four were
CHECKED at 2ab4f5a. The true claims beside them: a quartic whose f″ touches 0 without going below, x³ where it is
convex, |x| + x² (a kink, f″ = 2 away from it) and log x, concave on (0, 5].

TRUTH maps each claim to (truth, class, witness); a convexity witness is two points a, b and a weight θ.
"""

from __future__ import annotations

import sympy as sp

from verifier import Convex, Interval, Real, claim

x = sp.Symbol("x", real=True)
HALF = sp.Rational(1, 2)
SMALL = sp.Rational(1, 10**6)


@claim()
def quartic_with_a_dent_at_zero() -> Convex:
    """x⁴ − 10⁻⁶x² is convex on ℝ (false: a = −10⁻⁴, b = 10⁻⁴, θ = ½)."""
    return Convex(x**4 - SMALL * x**2, x, where={x: Real()})


@claim()
def quartic_with_a_dent_at_three() -> Convex:
    """(x − 3)⁴ − 10⁻⁸(x − 3)² is convex on [−10, 10] (false: a = 3 − 10⁻⁵, b = 3 + 10⁻⁵, θ = ½)."""
    return Convex((x - 3) ** 4 - SMALL / 100 * (x - 3) ** 2, x, where={x: Interval(-10, 10)})


@claim()
def cube_from_just_below_zero() -> Convex:
    """x³ is convex on [−1/1000, 1] (false: a = −1/1000, b = 0, θ = ½)."""
    return Convex(x**3, x, where={x: Interval(sp.Rational(-1, 1000), 1)})


@claim()
def concave_quartic_with_a_bump() -> Convex:
    """−x⁴ + 10⁻⁶x² is concave on ℝ (false: a = −10⁻⁴, b = 10⁻⁴, θ = ½)."""
    return Convex(-(x**4) + SMALL * x**2, x, where={x: Real()}, concave=True)


@claim()
def quartic_that_touches_zero_curvature() -> Convex:
    """(x − 1)⁴ − 1, written out, is convex on ℝ.
    Proof: f″ = 12(x − 1)² ≥ 0."""
    return Convex(x**4 - 4 * x**3 + 6 * x**2 - 4 * x, x, where={x: Real()})


@claim()
def cube_where_it_is_convex() -> Convex:
    """x³ is convex on [0, 1].
    Proof: f″ = 6x ≥ 0 there."""
    return Convex(x**3, x, where={x: Interval(0, 1)})


@claim()
def kink_and_parabola() -> Convex:
    """|x| + x² is convex on ℝ.
    Proof: a sum of convex functions."""
    return Convex(sp.Abs(x) + x**2, x, where={x: Real()})


@claim()
def log_is_concave() -> Convex:
    """log x is concave on (0, 5].
    Proof: f″ = −1/x² < 0."""
    return Convex(sp.log(x), x, where={x: Interval(0, 5, open_lo=True)}, concave=True)


TRUTH = {
    "quartic_with_a_dent_at_zero": ("false", 0, {"theta": HALF, "a": {"x": -SMALL * 100}, "b": {"x": SMALL * 100}}),
    "quartic_with_a_dent_at_three": (
        "false",
        0,
        {"theta": HALF, "a": {"x": 3 - SMALL * 10}, "b": {"x": 3 + SMALL * 10}},
    ),
    "cube_from_just_below_zero": ("false", 0, {"theta": HALF, "a": {"x": sp.Rational(-1, 1000)}, "b": {"x": 0}}),
    "concave_quartic_with_a_bump": ("false", 0, {"theta": HALF, "a": {"x": -SMALL * 100}, "b": {"x": SMALL * 100}}),
    "quartic_that_touches_zero_curvature": ("true", 0, None),
    "cube_where_it_is_convex": ("true", 0, None),
    "kink_and_parabola": ("true", 0, None),
    "log_is_concave": ("true", 0, None),
}
