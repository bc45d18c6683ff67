"""Proof by cases where a case's equality does not fix a symbol (a red team's probes).

sign(u) = 0 exactly where u = 0. For u = x·y that is the union of x = 0 and y = 0: solving
x·y = 0 for x alone (x = 0) dropped the branch y = 0, so the kernel "proved" x(1 − sign(xy)²) = 0,
which is 1 at x = 1, y = 0. An equality fixes a symbol only when its coefficient there is a
nonzero number (x − 2y = 0 fixes x = 2y for every y). Source: the definition of sign, and
case analysis as in any real-analysis text (e.g. Abbott, Understanding Analysis, §1.2).

The two false probes are no longer PROVED. The failing set is a line (y = 0, or y = ±√2) of measure
zero. The special points of several symbols are paired diagonally (0 with 0, 1 with 1), and then taken
along each symbol's axis with the others at their first special point (x = 1, y = 0): that refutes the
first. The second fails only on y = ±√2, which no sample meets: it was CHECKED (KNOWN_WRONG) until red team 140,
whose case points (numeric/checks/case_points.py) solve the argument of sign for each symbol with the others held
at simple points: it is REFUTED at y = √2 now.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Real, claim

x, y = sp.symbols("x y")


@claim(expect="refuted")
def sign_of_a_product_drops_a_branch() -> Identity:
    """x(1 − sign(xy)²) = 0 on ℝ² (false at x = 1, y = 0: the left side is 1)."""
    return Identity(x * (1 - sp.sign(x * y) ** 2), sp.Integer(0), where={x: Real(), y: Real()})


@claim(expect="refuted")
def sign_of_a_product_drops_an_irrational_branch() -> Identity:
    """(x − 1)(1 − sign((x − 1)(y² − 2))²) = 0 on ℝ² (false at x = 2, y = √2: the left side is 1)."""
    return Identity((x - 1) * (1 - sp.sign((x - 1) * (y**2 - 2)) ** 2), sp.Integer(0), where={x: Real(), y: Real()})


@claim()
def kink_along_a_line() -> Identity:
    """(x − 2y)·sign(x − 2y) = |x − 2y| on ℝ²: the case x − 2y = 0 fixes x = 2y, where both sides are 0.

    Proof: t·sign(t) = |t| for every real t (t = x − 2y).
    """
    return Identity((x - 2 * y) * sp.sign(x - 2 * y), sp.Abs(x - 2 * y), where={x: Real(), y: Real()})


@claim()
def sign_of_a_product_squared() -> Identity:
    """x·sign(xy)² = x·sign(x)²·sign(y)² on ℝ²: sign(xy) = sign(x)·sign(y), both sides 0 on the axes.

    Proof: sign is multiplicative on the reals, so sign(xy)² = sign(x)²·sign(y)².
    """
    return Identity(x * sp.sign(x * y) ** 2, x * sp.sign(x) ** 2 * sp.sign(y) ** 2, where={x: Real(), y: Real()})


TRUTH = {
    "sign_of_a_product_drops_a_branch": ("false", 1, {"x": 1, "y": 0}),
    "sign_of_a_product_drops_an_irrational_branch": ("false", 1, {"x": 2, "y": sp.sqrt(2)}),
    "kink_along_a_line": ("true", 1, None),
    "sign_of_a_product_squared": ("true", 1, None),
}
KNOWN_WRONG: set[str] = set()
