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

import math

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


@claim()
def float_coefficients_keep_the_pole_outside() -> Inequality:
    """1/(1.1 − 0.1x + (y − 1/2)²) > 0 on [0, 11] × [0, 1] (helper-89: REFUTED "decided exactly" at x = 11).
    Read as binary numbers, as every high-precision check reads a float, 1.1 − 0.1·11 = 2.8·10⁻¹⁷ > 0: the
    denominator is positive on the whole box. Float arithmetic rounded it to 0 at the solved point."""
    return Inequality(1 / (1.1 - 0.1 * x + (y - sp.Rational(1, 2)) ** 2), ">", 0, where={x: Interval(0, 11), y: BOX[y]})


@claim()
def float_coefficients_keep_the_pole_outside_in_one_symbol() -> Inequality:
    """1/(1.1 − 0.1x) > 0 on [0, 11]: REFUTED at x = 11 before, by the same Float rounding.
    1.1 − 0.1x ≥ 1.1 − 0.1·11 = 2.8·10⁻¹⁷ > 0 on the interval, the floats read as the binary numbers they are."""
    return Inequality(1 / (1.1 - 0.1 * x), ">", 0, where={x: Interval(0, 11)})


@claim(expect="refuted")
def premise_with_a_pole_at_an_irrational_end() -> Implication:
    """y ≥ 0 ⇒ tan² x + y ≥ 0 on (float(π/2), 3] × [0, 1]: undefined at x = π/2, which lies inside the domain
    though its float does not (helper-89: an internal error reading the point back from its text, 'pi/2')."""
    conclusion = Relation(sp.tan(x) ** 2 + y, ">=", sp.Integer(0))
    where = {x: Interval(math.pi / 2, 3, open_lo=True), y: BOX[y]}
    return Implication(Relation(y, ">=", sp.Integer(0)), conclusion, where=where)


@claim(expect="refuted")
def premise_holding_with_equality_at_the_pole() -> Implication:
    """x ≥ y ⇒ 1/(x − y) ≥ 0 on [0, 1]²: undefined where x = y, where the premise holds with equality (helper-89:
    UNKNOWN, a premise holding with no margin was never confirmed in floats; it is decided exactly now)."""
    return Implication(Relation(x, ">=", y), Relation(1 / (x - y), ">=", sp.Integer(0)), where=BOX)


@claim(expect="refuted")
def second_symbols_pole_after_the_firsts() -> Identity:
    """tan² x + (5y − 1)/(10y − 2) = tan² x + 1/2 on [0, 30] × [0, 1]: the left side alone is undefined at y = 1/5
    (helper-89: tan x's poles took all eight candidate points, and y = 1/5 was never tried)."""
    lhs = sp.tan(x) ** 2 + (5 * y - 1) / (10 * y - 2)
    return Identity(lhs, sp.tan(x) ** 2 + sp.Rational(1, 2), where={x: Interval(0, 30), y: BOX[y]})


TRUTH = {
    "difference_of_squares_on_a_shifted_line": ("partial", 2, None),
    "cotangent_in_two_symbols": ("partial", 2, None),
    "pole_on_a_plane_in_three_symbols": ("partial", 2, None),
    "slope_with_a_pole_on_a_line": ("partial", 2, None),
    "tangent_premise_in_two_symbols": ("partial", 2, None),
    "pole_outside_the_box": ("true", 2, None),
    "guarded_pole_in_two_symbols": ("true", 2, None),
    "both_sides_undefined_together": ("partial", 2, None),
    "float_coefficients_keep_the_pole_outside": ("true", 2, None),
    "float_coefficients_keep_the_pole_outside_in_one_symbol": ("true", 2, None),
    "premise_with_a_pole_at_an_irrational_end": ("partial", 2, None),
    "premise_holding_with_equality_at_the_pole": ("partial", 2, None),
    "second_symbols_pole_after_the_firsts": ("partial", 2, None),
}
