"""Python claims with sympy's Sum and Product over integer bounds, written out term by term (language/finite_sums.py).

A Sum was an ERROR ("no value for the symbol k") until the terms were written out. helper-88 then found three wrong
verdicts in the first version, which replaced the index with each integer and let sympy evaluate: an index made
positive but run from 0 (sympy had already simplified δ(k, 0) to 0 and |k − 1| to k − 1), a term undefined at one
index that sympy's 1/(1 + zoo) = 0 hid, and a Subs that binds the index again. Each is now refused with a message,
or written out as the claim means it. An index whose assumptions its range breaks is malformed: an ERROR that says
to make it Symbol("k", integer=True).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Real, claim

x = sp.Symbol("x")
k = sp.Symbol("k", integer=True)
k_positive = sp.Symbol("k", integer=True, positive=True)
k_nonnegative = sp.Symbol("k", integer=True, nonnegative=True)
REAL = {x: Real()}


@claim(expect="refuted")
def delta_with_a_positive_index_from_zero() -> Identity:
    """Σ_{k=0}^{3} δ(k, 0)·x = 0, k made positive (false at x = 1: the sum is x; sympy took δ(k, 0) = 0)."""
    return Identity(sp.Sum(sp.KroneckerDelta(k_positive, 0) * x, (k_positive, 0, 3)), sp.Integer(0), where=REAL)


@claim(expect="refuted")
def absolute_value_with_a_positive_index_from_zero() -> Identity:
    """Σ_{k=0}^{3} |k − 1|·x = 2x (false at x = 1: the sum is 1 + 0 + 1 + 2 = 4, times x)."""
    return Identity(sp.Sum(sp.Abs(k_positive - 1) * x, (k_positive, 0, 3)), 2 * x, where=REAL)


@claim(expect="refuted")
def absolute_value_with_a_nonnegative_index_from_minus_two() -> Identity:
    """Σ_{k=−2}^{2} |k|·x = 0 (false at x = 1: the sum is 6x)."""
    return Identity(sp.Sum(sp.Abs(k_nonnegative) * x, (k_nonnegative, -2, 2)), sp.Integer(0), where=REAL)


@claim(expect="refuted")
def term_undefined_at_the_first_index() -> Identity:
    """Σ_{k=0}^{2} x/(1 + 1/k) = 7x/6: the term at k = 0 is undefined (1/0), so the sum is, for every x."""
    return Identity(sp.Sum(x / (1 + 1 / k), (k, 0, 2)), sp.Rational(7, 6) * x, where=REAL)


@claim()
def inner_sum_that_binds_the_index_again() -> Identity:
    """Σ_{k=0}^{1} Σ_{k=1}^{2} k·x = 6x.
    The inner Σ binds its own k: each of the two outer terms is x + 2x (sympy keeps both as one Sum)."""
    return Identity(sp.Sum(sp.Sum(k * x, (k, 1, 2)), (k, 0, 1)), 6 * x, where=REAL)


@claim()
def row_not_taken_at_its_pole() -> Identity:
    """Σ_{k=0}^{2} (x/k if k > 0, else 0) = 3x/2.
    At k = 0 the second row, 0, is taken; then x + x/2."""
    return Identity(sp.Sum(sp.Piecewise((x / k, k > 0), (0, True)), (k, 0, 2)), sp.Rational(3, 2) * x, where=REAL)


@claim()
def geometric_sum_at_one() -> Identity:
    """Σ_{k=0}^{3} x^k = 1 + x + x² + x³.
    The terms written out; sympy's closed form (x⁴ − 1)/(x − 1) would be undefined at x = 1."""
    return Identity(sp.Sum(x**k, (k, 0, 3)), 1 + x + x**2 + x**3, where=REAL)


@claim(expect="refuted")
def geometric_closed_form_at_one() -> Identity:
    """Σ_{k=0}^{3} x^k = (x⁴ − 1)/(x − 1) on ℝ: the right side is undefined at x = 1, the left is 4."""
    return Identity(sp.Sum(x**k, (k, 0, 3)), (x**4 - 1) / (x - 1), where=REAL)


TRUTH = {
    "delta_with_a_positive_index_from_zero": ("malformed", 1, None),
    "absolute_value_with_a_positive_index_from_zero": ("malformed", 1, None),
    "absolute_value_with_a_nonnegative_index_from_minus_two": ("malformed", 1, None),
    "term_undefined_at_the_first_index": ("partial", 1, None),
    "inner_sum_that_binds_the_index_again": ("true", 1, None),
    "row_not_taken_at_its_pole": ("true", 1, None),
    "geometric_sum_at_one": ("true", 1, None),
    "geometric_closed_form_at_one": ("partial", 2, None),
}
