"""Claims in two or three scalar symbols undefined on a line or a plane inside the declared box.

In one symbol, (3x − 1)/(6x − 2) = ½ on [0, 1] is refuted at x = 1/3, found exactly
(numeric/checks/poles.py). In several symbols that search did not run, so a pole on the line
x = y + 1/3 left the claim PROVED "wherever both sides are defined", and cot² x + y² ≥ 0 on
[1, 4] × [0, 1], undefined at x = π, CHECKED. Each symbol's poles are now solved for with the
others held at a point inside their domains. The controls are defined on the whole box, or
guard their pole, and stay true. Where both sides are undefined together, on the line x = y, the claim is
an ERROR that asks to narrow the domain, as in one symbol.
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Identity, Implication, Inequality, Interval, Positive, Real, Relation, claim

x, y, z = sp.symbols("x y z")
third = sp.Rational(1, 3)
BOX = {x: Interval(0, 1), y: Interval(0, 1)}


@claim(expect="refuted")
def difference_of_squares_on_a_shifted_line() -> Identity:
    """(x² − (y + 1/3)²)/(x − y − 1/3) = x + y + 1/3 on [0, 1]²: undefined where x = y + 1/3, at (5/6, 1/2)."""
    return Identity((x**2 - (y + third) ** 2) / (x - y - third), x + y + third, where=BOX)


@claim(expect="refuted")
def cotangent_in_two_symbols() -> Inequality:
    """cot² x + y² ≥ 0 on [1, 4] × [0, 1]: undefined at x = π, for every y."""
    return Inequality(sp.cot(x) ** 2 + y**2, ">=", 0, where={x: Interval(1, 4), y: Interval(0, 1)})


@claim(expect="refuted")
def pole_on_a_plane_in_three_symbols() -> Identity:
    """(x + y − z)·z/(2x + 2y − 2z) = z/2 on [0, 1]³: undefined where z = x + y, at (1/2, 1/2, 1)... and on the
    plane's whole intersection with the cube."""
    return Identity((x + y - z) * z / (2 * x + 2 * y - 2 * z), z / 2, where={**BOX, z: Interval(0, 1)})


@claim(expect="refuted")
def slope_with_a_pole_on_a_line() -> Derivative:
    """d/dx (x² − (y + 1/3)²)/(x − y − 1/3) = 1 on ℝ²: f is undefined where x = y + 1/3, the claimed derivative
    nowhere."""
    f = (x**2 - (y + third) ** 2) / (x - y - third)
    return Derivative(f, wrt=x, equals=sp.Integer(1), where={x: Real(), y: Real()})


@claim(expect="refuted")
def tangent_premise_in_two_symbols() -> Implication:
    """x > 1 ⇒ cot² x + y² ≥ 0 on ℝ²: the conclusion is undefined at x = π, where the premise holds."""
    conclusion = Relation(sp.cot(x) ** 2 + y**2, ">=", sp.Integer(0))
    return Implication(Relation(x, ">", sp.Integer(1)), conclusion, where={x: Real(), y: Real()})


@claim()
def pole_outside_the_box() -> Identity:
    """(x² − (y + 2)²)/(x − y − 2) = x + y + 2 on [0, 1]².
    x − y − 2 ≤ 1 − 0 − 2 < 0 on the box: the denominator never vanishes there, and the sides agree."""
    return Identity((x**2 - (y + 2) ** 2) / (x - y - 2), x + y + 2, where=BOX)


@claim()
def guarded_pole_in_two_symbols() -> Inequality:
    """(1/(x − y) if x > y, else 0) ≥ 0 on [0, 1]².
    Where x > y, 1/(x − y) > 0; elsewhere the second row, 0, is taken."""
    return Inequality(sp.Piecewise((1 / (x - y), x > y), (0, True)), ">=", 0, where=BOX)


@claim(expect="refuted")
def both_sides_undefined_together() -> Identity:
    """(x + y)/(x − y) + 1 = 2x/(x − y) on x, y > 0: both sides are undefined where x = y (an ERROR that asks to
    narrow the domain, as in one symbol), equal elsewhere."""
    return Identity((x + y) / (x - y) + 1, 2 * x / (x - y), where={x: Positive(), y: Positive()})


TRUTH = {
    "difference_of_squares_on_a_shifted_line": ("partial", 2, None),
    "cotangent_in_two_symbols": ("partial", 2, None),
    "pole_on_a_plane_in_three_symbols": ("partial", 2, None),
    "slope_with_a_pole_on_a_line": ("partial", 2, None),
    "tangent_premise_in_two_symbols": ("partial", 2, None),
    "pole_outside_the_box": ("true", 2, None),
    "guarded_pole_in_two_symbols": ("true", 2, None),
    "both_sides_undefined_together": ("partial", 2, None),
}
