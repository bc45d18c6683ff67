"""Red team 97: identities whose Piecewise takes another row only at a point its condition names.

Piecewise((1, Eq(x, 1/3)), (0, True)) = 0 was CHECKED: no float sample is 1/3, and the floats beside it take the
other row. The points a condition x = c (or x ≠ c) names are now solved for exactly and the sides compared there
exactly. Beside them, true claims whose rows agree at the named point.

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Interval, Real, claim

x = sp.Symbol("x")
THIRD = sp.Rational(1, 3)


@claim()
def spike_at_a_third() -> Identity:
    """[x = 1/3] = 0 on ℝ (false at x = 1/3)."""
    return Identity(sp.Piecewise((1, sp.Eq(x, THIRD)), (0, True)), 0, where={x: Real()})


@claim()
def spike_at_root_two() -> Identity:
    """[x² = 2] = 0 on [0, 2] (false at x = √2)."""
    return Identity(sp.Piecewise((1, sp.Eq(x**2, 2)), (0, True)), 0, where={x: Interval(0, 2)})


@claim()
def other_row_where_not_equal() -> Identity:
    """(x if x ≠ 1/3, else x + 1) = x on ℝ (false at x = 1/3)."""
    return Identity(sp.Piecewise((x, sp.Ne(x, THIRD)), (x + 1, True)), x, where={x: Real()})


@claim()
def rows_agree_at_the_point() -> Identity:
    """(3x if x = 1/3, else 3x) = 3x on ℝ.
    Proof: both rows are 3x."""
    return Identity(sp.Piecewise((1, sp.Eq(x, THIRD)), (3 * x, True)), 3 * x, where={x: Real()})


@claim()
def point_outside_the_domain() -> Identity:
    """[x = 5] = 0 on [0, 1].
    Proof: x = 5 is not in [0, 1], so the first row is never taken."""
    return Identity(sp.Piecewise((1, sp.Eq(x, 5)), (0, True)), 0, where={x: Interval(0, 1)})


TRUTH = {
    "spike_at_a_third": ("false", 1, {"x": THIRD}),
    "spike_at_root_two": ("false", 1, {"x": sp.sqrt(2)}),
    "other_row_where_not_equal": ("false", 1, {"x": THIRD}),
    "rows_agree_at_the_point": ("true", 1, None),
    "point_outside_the_domain": ("true", 1, None),
}
