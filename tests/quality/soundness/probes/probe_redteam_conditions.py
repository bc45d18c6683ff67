"""helper-84's red team on this stop's rules for Piecewise conditions and for intervals floats cannot cover.

- An overflow in a condition (e^{x} > 1 on [720, 800], ∞ in floats) is a value, true; taking it for no value lost
  the samples, and a false claim was CHECKED.
- oo written in a condition (x < oo, sympy's own guard a > −oo ∧ a < oo) is a value too: true claims were REFUTED.
- A pole under an absolute value (1/|3x − 1| > 1 at x = 1/3) is solved for like any denominator.
- An ITE's test decides which branch needs a value: a true identity was REFUTED "complex at x = −1".
- An interval holding one float only ([1, 1 + 10⁻³⁰]) is sampled at that one point: a claim false on the rest of it
  was CHECKED; it is now UNKNOWN, "no evidence".
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from verifier import Derivative, Identity, Inequality, Interval, Real, claim

x, y, a = sp.symbols("x y a")
P = sp.Piecewise
E = Fraction(1, 10**30)


def indicator(condition: sp.Basic) -> sp.Expr:
    return P((1, condition), (0, True))


@claim(expect="refuted")
def overflowing_condition_with_a_thin_failure() -> Inequality:
    """(sin 50x if e^{x} > 1, else 0) ≤ 99/100 on [720, 800]: e^{x} > 1 everywhere, so this says sin 50x ≤ 0.99,
    false at x = 720.0845 (sin 50x = 0.999997)."""
    lhs = P((sp.sin(50 * x), sp.exp(x) > 1), (0, True))
    return Inequality(lhs, "<=", sp.Rational(99, 100), where={x: Interval(720, 800)})


@claim(expect="refuted")
def step_on_an_interval_holding_one_float_at_its_end() -> Inequality:
    """(x if x > 1, else 0) ≤ 1 on [1, 1 + 10⁻³⁰]: false at 1 + 10⁻³⁰; the one float inside, 1.0, is where it holds."""
    return Inequality(P((x, x > 1), (0, True)), "<=", 1, where={x: Interval(1, 1 + E)})


@claim(expect="refuted")
def step_on_an_interval_holding_one_float_inside() -> Inequality:
    """(x if x > 1, else 0) ≤ 1 on [1 − 10⁻³⁰, 1 + 10⁻³⁰]: false at 1 + 10⁻³⁰."""
    return Inequality(P((x, x > 1), (0, True)), "<=", 1, where={x: Interval(1 - E, 1 + E)})


@claim(expect="refuted")
def indicator_with_a_pole_under_an_absolute_value() -> Inequality:
    """[1/|3x − 1| > 1] ≥ 0 on [0, 1]: undefined at x = 1/3."""
    return Inequality(indicator(1 / sp.Abs(3 * x - 1) > 1), ">=", 0, where={x: Interval(0, 1)})


@claim()
def integral_with_sympys_guard_on_infinity() -> Identity:
    """∫₁² t^a dt = (2^{a+1} − 1)/(a + 1) for a ≠ −1, log 2 at a = −1, on [−2, 0]. sympy's integrate writes the
    condition a > −oo ∧ a < oo ∧ a ≠ −1, true for every real a ≠ −1."""
    t = sp.Symbol("t", positive=True)
    rhs = P(((2 ** (a + 1) - 1) / (a + 1), sp.Ne(a, -1)), (sp.log(2), True))
    return Identity(sp.integrate(t**a, (t, 1, 2)), rhs, where={a: Interval(-2, 0)})


@claim()
def indicator_below_infinity() -> Inequality:
    """[x < oo] ≥ 0 on ℝ.
    An indicator is 0 or 1."""
    return Inequality(indicator(x < sp.oo), ">=", 0, where={x: Real()})


@claim()
def indicator_equal_to_infinity() -> Identity:
    """[x = oo] = 0 on ℝ.
    No real number is oo."""
    return Identity(indicator(sp.Eq(x, sp.oo)), 0, where={x: Real()})


@claim()
def half_line_written_with_infinity() -> Identity:
    """[0 ≤ x < oo] = H(x) with H(0) = 1, on ℝ (sympy's Interval(0, oo) as a relation).
    Both are 1 where x ≥ 0 and 0 where x < 0: oo bounds no real x."""
    return Identity(indicator(sp.Interval(0, sp.oo).as_relational(x)), sp.Heaviside(x, 1), where={x: Real()})


@claim()
def pole_in_a_row_not_taken_then_infinity() -> Inequality:
    """(1/x if x > 0; 2 if x < oo; else 0) ≥ 0 on ℝ.
    At x ≤ 0 the second row is taken, 2."""
    return Inequality(P((1 / x, x > 0), (2, x < sp.oo), (0, True)), ">=", 0, where={x: Real()})


@claim()
def square_below_infinity_in_two_symbols() -> Inequality:
    """(y² if x < oo, else −1) ≥ 0 for x, y real.
    The first row is always taken."""
    return Inequality(P((y**2, x < sp.oo), (-1, True)), ">=", 0, where={x: Real(), y: Real()})


@claim()
def slope_of_a_square_above_minus_infinity() -> Derivative:
    """d/dx (x² if x > −oo, else 0) = 2x on ℝ.
    x > −oo holds for every real x, so f = x², whose derivative is 2x."""
    return Derivative(P((x**2, x > -sp.oo), (0, True)), x, 2 * x, where={x: Real()})


@claim()
def if_then_else_guarding_a_root_with_false() -> Identity:
    """[ITE(x > 0, √x > 1, false)] = [x > 1] on ℝ.
    Where x ≤ 0 the test fails and the branch taken is false."""
    return Identity(indicator(sp.ITE(x > 0, sp.sqrt(x) > 1, False)), indicator(x > 1), where={x: Real()})


@claim()
def if_then_else_guarding_a_logarithm() -> Identity:
    """[ITE(x > 0, log x < 0, x < −1)] = [0 < x < 1 ∨ x < −1] on ℝ.
    Where x > 0 the test holds, and log x < 0 iff x < 1; where x ≤ 0 the branch x < −1 is taken."""
    lhs = indicator(sp.ITE(x > 0, sp.log(x) < 0, x < -1))
    return Identity(lhs, indicator(sp.Or(sp.And(x > 0, x < 1), x < -1)), where={x: Real()})


ONE_PAST = sp.Rational(1) + sp.Rational(1, 10**30)
TRUTH = {
    "overflowing_condition_with_a_thin_failure": ("false", 2, {"x": sp.Rational(7200845, 10**4)}),
    "step_on_an_interval_holding_one_float_at_its_end": ("false", 3, {"x": ONE_PAST}),
    "step_on_an_interval_holding_one_float_inside": ("false", 3, {"x": ONE_PAST}),
    "indicator_with_a_pole_under_an_absolute_value": ("partial", 2, None),
    "integral_with_sympys_guard_on_infinity": ("true", 2, None),
    "indicator_below_infinity": ("true", 2, None),
    "indicator_equal_to_infinity": ("true", 2, None),
    "half_line_written_with_infinity": ("true", 2, None),
    "pole_in_a_row_not_taken_then_infinity": ("true", 2, None),
    "square_below_infinity_in_two_symbols": ("true", 2, None),
    "slope_of_a_square_above_minus_infinity": ("true", 2, None),
    "if_then_else_guarding_a_root_with_false": ("true", 2, None),
    "if_then_else_guarding_a_logarithm": ("true", 2, None),
}
