"""Sides and limits that are not real: complex numbers have no order, and a limit in ℝ needs real values.

x² + i ≥ i has the gap x² ≥ 0, and the kernel proved it (the numeric side then found the two complex sides
different and called the run an ENGINE INCONSISTENCY); x² + i ≥ 0 was UNKNOWN, "could not be decided in high
precision"; x > 0 ⇒ x + i > i likewise has a real gap. Each side of an order relation must now be real, i in
it or not: the kernel asks it (`obligations.ordered`), and the numeric check reports a side with an imaginary
part as a finding. Beside them, true claims whose sides have i in them and are real: |x + i| ≥ 1 and
(x + i)(x − i) ≥ 1.

lim_{x→0⁻} ⌊√x + ½⌋ = 0 and lim_{x→0⁻} |√x|² = 0 were CHECKED: their values left of 0 are real, yet √x has
no value in ℝ there (mpmath's floor of a complex number is real). A point of the sequence where a part of the
expression is complex now counts as complex (mpeval's Peak.complex), as the definedness probe counts it.

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Inequality, Limit, Real, claim
from verifier.language.stepwise import Implication, Relation

x = sp.Symbol("x")
X = sp.Symbol("x", real=True)  # a limit's variable
IM = sp.I  # the imaginary unit


@claim()
def gap_real_sides_complex() -> Inequality:
    """x² + i ≥ i on ℝ (undefined: complex numbers have no order; the sides are complex at every x)."""
    return Inequality(x**2 + IM, ">=", IM, where={x: Real()})


@claim()
def one_side_complex() -> Inequality:
    """x² + i ≥ 0 on ℝ (undefined: the left side is complex at every x)."""
    return Inequality(x**2 + IM, ">=", 0, where={x: Real()})


@claim()
def implied_order_of_complex_sides() -> Implication:
    """x > 0 ⇒ x + i > i on ℝ (undefined: the conclusion's sides are complex at every x)."""
    return Implication(Relation(x, ">", 0), Relation(x + IM, ">", IM), where={x: Real()})


@claim()
def modulus_with_i() -> Inequality:
    """|x + i| ≥ 1 on ℝ.

    Proof: |x + i| = √(x² + 1) ≥ 1.
    """
    return Inequality(sp.Abs(x + IM), ">=", 1, where={x: Real()})


@claim()
def product_with_i_is_real() -> Inequality:
    """(x + i)(x − i) ≥ 1 on ℝ.

    Proof: (x + i)(x − i) = x² + 1 ≥ 1.
    """
    return Inequality((x + IM) * (x - IM), ">=", 1, where={x: Real()})


@claim()
def floor_of_a_root_from_the_left() -> Limit:
    """lim_{x→0⁻} ⌊√x + ½⌋ = 0 (partial: undefined in ℝ left of 0, where √x has no real value)."""
    return Limit(sp.floor(sp.sqrt(X) + sp.Rational(1, 2)), X, 0, 0, dir="-")


@claim()
def squared_modulus_of_a_root_from_the_left() -> Limit:
    """lim_{x→0⁻} |√x|² = 0 (partial: undefined in ℝ left of 0, where √x has no real value)."""
    return Limit(sp.Abs(sp.sqrt(X)) ** 2, X, 0, 0, dir="-")


@claim()
def squared_modulus_of_a_root_from_the_right() -> Limit:
    """lim_{x→0⁺} |√x|² = 0.

    Proof: |√x|² = x for x > 0.
    """
    return Limit(sp.Abs(sp.sqrt(X)) ** 2, X, 0, 0, dir="+")


@claim()
def shifted_by_a_complex_number_without_i() -> Inequality:
    """x² + asin 2 ≥ asin 2 on ℝ (undefined: asin 2 is complex, though no i is written; red team 105)."""
    return Inequality(x**2 + sp.asin(2), ">=", sp.asin(2), where={x: Real()})


@claim()
def shifted_by_a_cube_root_of_minus_one() -> Implication:
    """x ≥ 1 ⇒ x + (−1)^{1/3} ≥ 1 + (−1)^{1/3} on ℝ (undefined: sympy's (−1)^{1/3} is complex)."""
    r = (-1) ** sp.Rational(1, 3)
    return Implication(Relation(x, ">=", 1), Relation(x + r, ">=", 1 + r), where={x: Real()})


TRUTH = {
    "floor_of_a_root_from_the_left": ("partial", 1, None),
    "squared_modulus_of_a_root_from_the_left": ("partial", 1, None),
    "squared_modulus_of_a_root_from_the_right": ("true", 1, None),
    "gap_real_sides_complex": ("malformed", 1, None),
    "one_side_complex": ("malformed", 1, None),
    "implied_order_of_complex_sides": ("malformed", 1, None),
    "shifted_by_a_complex_number_without_i": ("malformed", 1, None),
    "shifted_by_a_cube_root_of_minus_one": ("malformed", 1, None),
    "modulus_with_i": ("true", 1, None),
    "product_with_i_is_real": ("true", 1, None),
}
