"""Red team: a constant written below floats' normal range (10⁻⁴⁰⁰, a Rational or a Float), or above their range.

Such a constant is 0 as a float before any sample is taken: a² + b² ≥ 10⁻⁴⁰⁰ compared 0 with 0 at a = b = 0, and
a false claim was CHECKED "(worst 0, tol 0 (exact))". The same held for a Float 1e-400, for d(10⁻⁴⁰⁰x)/dx = 0, for
10⁻⁴⁰⁰x² concave, and for 1e-400·x = 0. The numeric compiler now counts a nonzero constant whose float lies below
the normal range as an underflow of every call, so the samples where the sides fell below that range are blind:
only high precision decides them (verifier.numeric.batch.blinded). A rounding next to 1 is no underflow:
(10⁴⁰⁰ + 1)/10⁴⁰⁰ + x² ≤ 1 + x² is 1 + x² against itself in floats, and was CHECKED; on a claim built from exact
numbers, the samples closest to failing are now decided in high precision too (exactly, for rational sides).

A constant above floats' range (10⁴⁰⁰, e¹⁰⁰⁰) is ∞ as a float, and the samples are decided in high precision, where
10⁴⁰⁰ + sin x against 10⁴⁰⁰ + 2 is 0 at 50 and at 100 digits: a pass, and the false claim was CHECKED. A pass among
values so large is now computed again with digits beyond their size, as a failure already was
(verifier.numeric.confirm.decide_sign). An expectation's exact moments are compared with the claimed value exactly
where both are rational at a sample: E[10⁻⁴⁰⁰X²] = 0 was CHECKED.

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Convex, Derivative, Expectation, Identity, Inequality, Real, claim
from verifier.language.distributions import Normal

a, b, x, mu, X = sp.symbols("a b x mu X")
TINY = sp.Rational(1, 10**400)
TINY_FLOAT = sp.Float("1e-400", 30)
HUGE = sp.Integer(10**400)


@claim(expect="refuted")
def sum_of_squares_above_a_tiny_rational() -> Inequality:
    """a² + b² ≥ 10⁻⁴⁰⁰ on ℝ² (false at a = b = 0)."""
    return Inequality(a**2 + b**2, ">=", TINY, where={a: Real(), b: Real()})


@claim(expect="refuted")
def square_above_a_tiny_float() -> Inequality:
    """x² ≥ 1e-400 (a Float) on ℝ (false at x = 0)."""
    return Inequality(x**2, ">=", TINY_FLOAT, where={x: Real()})


@claim(expect="refuted")
def tiny_slope_is_zero() -> Derivative:
    """d(10⁻⁴⁰⁰x)/dx = 0 on ℝ (false: the slope is 10⁻⁴⁰⁰ everywhere)."""
    return Derivative(TINY * x, x, sp.Integer(0), where={x: Real()})


@claim(expect="refuted")
def tiny_square_is_concave() -> Convex:
    """10⁻⁴⁰⁰x² is concave on ℝ (false: a = −1, b = 1, θ = ½)."""
    return Convex(TINY * x**2, x, where={x: Real()}, concave=True)


@claim(expect="refuted")
def tiny_float_multiple_is_zero() -> Identity:
    """1e-400·x = 0 (a Float) on ℝ (false at x = 1)."""
    return Identity(TINY_FLOAT * x, sp.Integer(0), where={x: Real()})


@claim(expect="refuted")
def a_ratio_next_to_one() -> Inequality:
    """(10⁴⁰⁰ + 1)/10⁴⁰⁰ + x² ≤ 1 + x² on ℝ (false everywhere: the left side exceeds the right by 10⁻⁴⁰⁰)."""
    return Inequality((HUGE + 1) / HUGE + x**2, "<=", 1 + x**2, where={x: Real()})


@claim(expect="refuted")
def sine_beside_a_huge_integer() -> Inequality:
    """10⁴⁰⁰ + sin x ≥ 10⁴⁰⁰ + 2 on ℝ (false everywhere: sin x < 2)."""
    return Inequality(HUGE + sp.sin(x), ">=", HUGE + 2, where={x: Real()})


@claim(expect="refuted")
def sine_beside_a_huge_exponential() -> Inequality:
    """e¹⁰⁰⁰ + sin x ≥ e¹⁰⁰⁰ + 2 on ℝ (false everywhere: sin x < 2)."""
    return Inequality(sp.exp(1000) + sp.sin(x), ">=", sp.exp(1000) + 2, where={x: Real()})


@claim()
def cosine_beside_a_huge_exponential() -> Inequality:
    """e¹⁰⁰⁰ + cos x ≥ e¹⁰⁰⁰ − 1 on ℝ.

    Proof: cos x ≥ −1."""
    return Inequality(sp.exp(1000) + sp.cos(x), ">=", sp.exp(1000) - 1, where={x: Real()})


@claim(expect="refuted")
def tiny_second_moment_is_zero() -> Expectation:
    """E[10⁻⁴⁰⁰X²] = 0 for X ~ N(0, 1) (false: it is 10⁻⁴⁰⁰)."""
    return Expectation(TINY * X**2, sp.Integer(0), noise={X: Normal(0, 1)})


@claim(expect="refuted")
def tiny_mean_is_zero() -> Expectation:
    """E[10⁻⁴⁰⁰X] = 0 for X ~ N(μ, 1) (false at μ = 1)."""
    return Expectation(TINY * X, sp.Integer(0), noise={X: Normal(mu, 1)}, where={mu: Real()})


@claim()
def tiny_second_moment() -> Expectation:
    """E[10⁻⁴⁰⁰X²] = 10⁻⁴⁰⁰(1 + μ²) for X ~ N(μ, 1).

    Proof: E[X²] = Var X + (E X)² = 1 + μ²."""
    return Expectation(TINY * X**2, TINY * (1 + mu**2), noise={X: Normal(mu, 1)}, where={mu: Real()})


@claim()
def square_plus_a_tiny_rational_is_positive() -> Inequality:
    """x² + 10⁻⁴⁰⁰ > 0 on ℝ.

    Proof: x² ≥ 0 and 10⁻⁴⁰⁰ > 0."""
    return Inequality(x**2 + TINY, ">", sp.Integer(0), where={x: Real()})


@claim()
def square_of_a_tiny_shift() -> Identity:
    """(x + 10⁻⁴⁰⁰)² = x² + 2·10⁻⁴⁰⁰x + 10⁻⁸⁰⁰ on ℝ.

    Proof: (x + c)² = x² + 2cx + c² with c = 10⁻⁴⁰⁰."""
    return Identity((x + TINY) ** 2, x**2 + 2 * TINY * x + TINY**2, where={x: Real()})


TRUTH = {
    "sum_of_squares_above_a_tiny_rational": ("false", 1, {"a": 0, "b": 0}),
    "square_above_a_tiny_float": ("false", 1, {"x": 0}),
    "tiny_slope_is_zero": ("false", 1, {"x": 0}),
    "tiny_square_is_concave": ("false", 1, {"a": {"x": -1}, "b": {"x": 1}, "theta": sp.Rational(1, 2)}),
    "tiny_float_multiple_is_zero": ("false", 1, {"x": 1}),
    "a_ratio_next_to_one": ("false", 1, {"x": 0}),
    "sine_beside_a_huge_integer": ("false", 1, {"x": 0}),
    "sine_beside_a_huge_exponential": ("false", 1, {"x": 0}),
    "cosine_beside_a_huge_exponential": ("true", 1, None),
    "tiny_second_moment_is_zero": ("false", 3, {}),
    "tiny_mean_is_zero": ("false", 3, {"mu": 1}),
    "tiny_second_moment": ("true", 3, None),
    "square_plus_a_tiny_rational_is_positive": ("true", 1, None),
    "square_of_a_tiny_shift": ("true", 1, None),
}
