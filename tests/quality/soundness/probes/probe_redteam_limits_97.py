"""Red team 97, limits: a step of a function that vanishes at the point, a value set by its own row, a bound variable.

Source: a red-team review of the Limit kind (redteam_97: lim3, lim4, lim5, lim6, lim_pw).

F1: sympy's limit of Heaviside(g) where g(a) = 0 is H(0) = 1/2 whichever way g crosses (lim_{x→1⁻} H(log x),
lim_{x→1⁻} H(x³ − x), lim_{x→π⁺} H(sin x) are 0; lim_{x→0} H(1 − cos x) is 1), and a Piecewise condition
log x ≥ 0 at 1⁻ is taken as true. F2: a Piecewise row whose condition is one point (Eq(x, 1), x ≥ 0 ∧ x ≤ 0, the
point left over by x < 0 ∨ x > 0) sets the value at the point, which a limit never depends on. F3: the limit
variable declared in where= is replaced by its assumed copy, a constant to sympy's limit (lim_{x→0⁺} x = x):
malformed, an ERROR that says to declare only the parameters. The true limits beside them must stay true.

TRUTH maps each claim to (truth, class, witness); "along" lists points of x far from the claim.
"""

from __future__ import annotations

import sympy as sp

from verifier import Interval, Limit, Positive, claim

x = sp.Symbol("x")
HALF, ZERO, ONE = sp.Rational(1, 2), sp.Integer(0), sp.Integer(1)
TINY = [sp.Rational(1, 10**20), sp.Rational(1, 10**40)]


@claim()
def heaviside_log_from_the_left_half() -> Limit:
    """lim_{x→1⁻} H(log x) = 1/2 (false: log x < 0 on (0, 1), the limit is 0)."""
    return Limit(sp.Heaviside(sp.log(x)), x, 1, HALF, dir="-")


@claim()
def heaviside_log_from_the_left_zero() -> Limit:
    """lim_{x→1⁻} H(log x) = 0.

    Proof: log x < 0 for 0 < x < 1, so H(log x) = 0 there.
    """
    return Limit(sp.Heaviside(sp.log(x)), x, 1, ZERO, dir="-")


@claim()
def heaviside_cubic_from_the_left_half() -> Limit:
    """lim_{x→1⁻} H(x³ − x) = 1/2 (false: x³ − x < 0 on (0, 1))."""
    return Limit(sp.Heaviside(x**3 - x), x, 1, HALF, dir="-")


@claim()
def heaviside_cubic_from_the_left_zero() -> Limit:
    """lim_{x→1⁻} H(x³ − x) = 0.

    Proof: x³ − x = x(x − 1)(x + 1) < 0 for 0 < x < 1.
    """
    return Limit(sp.Heaviside(x**3 - x), x, 1, ZERO, dir="-")


@claim()
def heaviside_sine_from_the_right_half() -> Limit:
    """lim_{x→π⁺} H(sin x) = 1/2 (false: sin x < 0 on (π, 2π))."""
    return Limit(sp.Heaviside(sp.sin(x)), x, sp.pi, HALF, dir="+")


@claim()
def heaviside_sine_from_the_right_zero() -> Limit:
    """lim_{x→π⁺} H(sin x) = 0.

    Proof: sin x < 0 for π < x < 2π.
    """
    return Limit(sp.Heaviside(sp.sin(x)), x, sp.pi, ZERO, dir="+")


@claim()
def heaviside_one_minus_cosine_half() -> Limit:
    """lim_{x→0} H(1 − cos x) = 1/2 (false: 1 − cos x > 0 for 0 < |x| < 2π, the limit is 1)."""
    return Limit(sp.Heaviside(1 - sp.cos(x)), x, 0, HALF)


@claim()
def heaviside_one_minus_cosine_one() -> Limit:
    """lim_{x→0} H(1 − cos x) = 1.

    Proof: 1 − cos x > 0 for 0 < |x| < 2π.
    """
    return Limit(sp.Heaviside(1 - sp.cos(x)), x, 0, ONE)


@claim()
def piecewise_log_condition_from_the_left() -> Limit:
    """lim_{x→1⁻} (1 if log x ≥ 0 else 0) = 1 (false: log x < 0 on (0, 1), the limit is 0)."""
    return Limit(sp.Piecewise((1, sp.log(x) >= 0), (0, True)), x, 1, ONE, dir="-")


@claim()
def point_row_value_claimed() -> Limit:
    """lim_{x→1} f = 5, f = 5 at x = 1 and x elsewhere (false: the limit is 1)."""
    return Limit(sp.Piecewise((5, sp.Eq(x, 1)), (x, True)), x, 1, 5)


@claim()
def point_row_true_limit() -> Limit:
    """lim_{x→1} f = 1, f = 5 at x = 1 and x elsewhere.

    Proof: f(x) = x for x ≠ 1, and a limit does not depend on the value at the point.
    """
    return Limit(sp.Piecewise((5, sp.Eq(x, 1)), (x, True)), x, 1, ONE)


@claim()
def sinc_row_true_limit() -> Limit:
    """lim_{x→0} f = 1, f = sin(x)/x for x ≠ 0, f(0) = 0.

    Proof: f(x) = sin(x)/x for x ≠ 0, whose limit at 0 is 1.
    """
    return Limit(sp.Piecewise((sp.sin(x) / x, sp.Ne(x, 0)), (0, True)), x, 0, ONE)


@claim()
def sinc_row_value_claimed() -> Limit:
    """lim_{x→0} f = 0, f as above (false: 1)."""
    return Limit(sp.Piecewise((sp.sin(x) / x, sp.Ne(x, 0)), (0, True)), x, 0, ZERO)


@claim()
def strict_rows_value_claimed() -> Limit:
    """lim_{x→0} f = 5, f = x² for x < 0 or x > 0, f(0) = 5 (false: 0)."""
    return Limit(sp.Piecewise((x**2, x < 0), (x**2, x > 0), (5, True)), x, 0, 5)


@claim()
def strict_rows_true_limit() -> Limit:
    """lim_{x→0} f = 0, f as above.

    Proof: f(x) = x² for x ≠ 0.
    """
    return Limit(sp.Piecewise((x**2, x < 0), (x**2, x > 0), (5, True)), x, 0, ZERO)


@claim()
def and_row_value_claimed() -> Limit:
    """lim_{x→0} f = 5, f = 5 on 0 ≤ x ≤ 0 and x elsewhere (false: 0)."""
    return Limit(sp.Piecewise((5, sp.And(x >= 0, x <= 0)), (x, True)), x, 0, 5)


@claim()
def point_row_from_the_right() -> Limit:
    """lim_{x→0⁺} f = 7, f = 7 at x = 0 and x² elsewhere (false: 0)."""
    return Limit(sp.Piecewise((7, sp.Eq(x, 0)), (x**2, True)), x, 0, 7, dir="+")


@claim()
def bound_variable_declared_own_expression() -> Limit:
    """lim_{x→0} sin(x)/x = sin(x)/x, x declared positive: false at every x > 0 (the limit is the number 1)."""
    return Limit(sp.sin(x) / x, x, 0, sp.sin(x) / x, where={x: Positive()})


@claim()
def bound_variable_declared_identity() -> Limit:
    """lim_{x→0⁺} x = x, x declared positive: false at every x > 0 (the limit is 0)."""
    return Limit(x, x, 0, x, dir="+", where={x: Positive()})


@claim()
def bound_variable_declared_true_value() -> Limit:
    """lim_{x→1} x² = 1, x declared in [0, 2]: a domain for the bound variable x is undefined in meaning."""
    return Limit(x**2, x, 1, ONE, where={x: Interval(0, 2)})


TRUTH = {
    "heaviside_log_from_the_left_half": ("false", 2, {"along": [1 - v for v in TINY]}),
    "heaviside_log_from_the_left_zero": ("true", 2, None),
    "heaviside_cubic_from_the_left_half": ("false", 2, {"along": [1 - v for v in TINY]}),
    "heaviside_cubic_from_the_left_zero": ("true", 2, None),
    "heaviside_sine_from_the_right_half": ("false", 2, {"along": [sp.pi + v for v in TINY]}),
    "heaviside_sine_from_the_right_zero": ("true", 2, None),
    "heaviside_one_minus_cosine_half": ("false", 2, {"along": [sp.Rational(1, 10**5), -sp.Rational(1, 10**5)]}),
    "heaviside_one_minus_cosine_one": ("true", 2, None),
    "piecewise_log_condition_from_the_left": ("false", 2, {"along": [1 - v for v in TINY]}),
    "point_row_value_claimed": ("false", 2, {"along": [1 + v for v in TINY]}),
    "point_row_true_limit": ("true", 2, None),
    "sinc_row_true_limit": ("true", 2, None),
    "sinc_row_value_claimed": ("false", 2, {"along": TINY}),
    "strict_rows_value_claimed": ("false", 2, {"along": TINY}),
    "strict_rows_true_limit": ("true", 2, None),
    "and_row_value_claimed": ("false", 2, {"along": TINY}),
    "point_row_from_the_right": ("false", 2, {"along": TINY}),
    "bound_variable_declared_own_expression": ("malformed", 1, None),
    "bound_variable_declared_identity": ("malformed", 1, None),
    "bound_variable_declared_true_value": ("malformed", 1, None),
}
