"""Piecewise claims undefined at one isolated point of the domain, through a row's condition or its value there:
[1/x > 1] ≥ 0 on x ≥ 0 has no value at x = 0 (1/0 > 1 is no statement), and no random sample meets that point.

The exact search for such points (numeric/checks/poles.py) did not look into a Piecewise, so these were PROVED
"wherever both sides are defined" (helper-83's report), with the point unnamed. It now solves for the points of
every row and decides at each which row is taken, in Kleene's logic (numeric/checks/taken.py). The controls take a
row that is defined there, so stay true.
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Identity, Inequality, Interval, Nonnegative, Real, claim

x, y = sp.symbols("x y")
P = sp.Piecewise


def indicator(condition: sp.Basic) -> sp.Expr:
    return P((1, condition), (0, True))


@claim(expect="refuted")
def condition_with_a_pole() -> Inequality:
    """[1/x > 1] ≥ 0 on x ≥ 0: undefined at x = 0."""
    return Inequality(indicator(1 / x > 1), ">=", 0, where={x: Nonnegative()})


@claim(expect="refuted")
def condition_at_a_pole_of_the_tangent() -> Inequality:
    """[tan x > 0] ≥ 0 on [0, 2]: undefined at x = π/2."""
    return Inequality(indicator(sp.tan(x) > 0), ">=", 0, where={x: Interval(0, 2)})


@claim(expect="refuted")
def equation_with_a_pole() -> Inequality:
    """[1/x = 1] ≥ 0 on x ≥ 0: undefined at x = 0 (floats took 1/0 = 1 for false)."""
    return Inequality(indicator(sp.Eq(1 / x, 1)), ">=", 0, where={x: Nonnegative()})


@claim(expect="refuted")
def condition_on_a_logarithm() -> Inequality:
    """[log x < 0] ≥ 0 on x ≥ 0: undefined at x = 0."""
    return Inequality(indicator(sp.log(x) < 0), ">=", 0, where={x: Nonnegative()})


@claim(expect="refuted")
def disjunction_with_a_pole() -> Inequality:
    """[x > 0 ∨ 1/x > 1] ≥ 0 on x ≥ 0: undefined at 0, where one operand is false and the other has no value, so
    the disjunction has none."""
    return Inequality(indicator(sp.Or(x > 0, 1 / x > 1)), ">=", 0, where={x: Nonnegative()})


@claim(expect="refuted")
def row_taken_at_its_pole() -> Inequality:
    """(1/x if x ≥ 0, else 0) ≥ 0 on x ≥ 0: undefined at 0, where the first row is taken and 1/x has no value."""
    return Inequality(P((1 / x, x >= 0), (0, True)), ">=", 0, where={x: Nonnegative()})


@claim(expect="refuted")
def nested_row_taken_at_its_pole() -> Inequality:
    """((1/x if x ≥ 0, else 0) if x > −1, else 0) ≥ 0 on x ≥ 0: undefined at 0."""
    return Inequality(P((P((1 / x, x >= 0), (0, True)), x > -1), (0, True)), ">=", 0, where={x: Nonnegative()})


@claim(expect="refuted")
def indicator_equal_to_a_step_but_at_its_pole() -> Identity:
    """[1/(x − 1) > 0] = [x > 1] on [0, 2]: equal except at x = 1, where the left side is undefined."""
    return Identity(indicator(1 / (x - 1) > 0), indicator(x > 1), where={x: Interval(0, 2)})


@claim(expect="refuted")
def slope_of_an_indicator_with_a_pole() -> Derivative:
    """d/dx [1/x > 1] = 0 on x ≥ 0: f is undefined at 0."""
    return Derivative(indicator(1 / x > 1), x, 0, where={x: Nonnegative()})


@claim(expect="refuted")
def condition_with_a_pole_in_two_symbols() -> Inequality:
    """(y² if 1/x > 1, else 0) ≥ 0 for x ≥ 0, y real: undefined where x = 0 (on a line, which the exact search in
    one symbol does not solve for; the domain's end x = 0 is sampled, and there floats had 1/0 = ∞ > 1, true)."""
    return Inequality(P((y**2, 1 / x > 1), (0, True)), ">=", 0, where={x: Nonnegative(), y: Real()})


@claim(expect="refuted")
def slope_of_an_indicator_with_a_pole_in_two_symbols() -> Derivative:
    """∂/∂x ([1/x > 1] + y) = 0 for x ≥ 0, y real: f has undefined where x = 0 (mpmath's 1/0 in the condition was an
    internal error)."""
    return Derivative(indicator(1 / x > 1) + y, x, 0, where={x: Nonnegative(), y: Real()})


@claim()
def conjunction_guarding_the_pole() -> Inequality:
    """[x > 0 ∧ 1/x > 1] ≥ 0 on x ≥ 0. At 0 the conjunction is false (x > 0 fails), whatever 1/x > 1 is; elsewhere
    an indicator is 0 or 1."""
    return Inequality(indicator(sp.And(x > 0, 1 / x > 1)), ">=", 0, where={x: Nonnegative()})


@claim()
def earlier_row_taken_at_the_pole() -> Inequality:
    """(1 if x ≤ 0; 2 if 1/x > 1; else 0) ≥ 0 on x ≥ 0. At 0 the first row is taken, and the second condition is
    never evaluated; every row is ≥ 0."""
    return Inequality(P((1, x <= 0), (2, 1 / x > 1), (0, True)), ">=", 0, where={x: Nonnegative()})


@claim()
def pole_in_a_row_not_taken() -> Inequality:
    """(1/x if x > 0, else 0) ≥ 0 on x ≥ 0.
    At 0 the second row is taken; for x > 0, 1/x > 0."""
    return Inequality(P((1 / x, x > 0), (0, True)), ">=", 0, where={x: Nonnegative()})


@claim()
def test_of_an_if_then_else_guarding_a_root() -> Inequality:
    """[ITE(x > 0, √x > 1, x < −1)] ≥ 0 on ℝ.
    √x is only needed where x > 0; an indicator is 0 or 1."""
    return Inequality(indicator(sp.ITE(x > 0, sp.sqrt(x) > 1, x < -1)), ">=", 0, where={x: Real()})


TRUTH = {
    "condition_with_a_pole": ("partial", 2, None),
    "condition_at_a_pole_of_the_tangent": ("partial", 2, None),
    "equation_with_a_pole": ("partial", 2, None),
    "condition_on_a_logarithm": ("partial", 2, None),
    "disjunction_with_a_pole": ("partial", 2, None),
    "row_taken_at_its_pole": ("partial", 2, None),
    "nested_row_taken_at_its_pole": ("partial", 2, None),
    "indicator_equal_to_a_step_but_at_its_pole": ("partial", 2, None),
    "slope_of_an_indicator_with_a_pole": ("partial", 2, None),
    "condition_with_a_pole_in_two_symbols": ("partial", 2, None),
    "slope_of_an_indicator_with_a_pole_in_two_symbols": ("partial", 2, None),
    "conjunction_guarding_the_pole": ("true", 2, None),
    "earlier_row_taken_at_the_pole": ("true", 2, None),
    "pole_in_a_row_not_taken": ("true", 2, None),
    "test_of_an_if_then_else_guarding_a_root": ("true", 2, None),
}
