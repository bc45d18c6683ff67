"""Signs that sympy's assumptions state wrongly (helper-76), which the kernel took as facts.

sympy 1.14 says atan(r), asin(r) and acos(r) of a rational r are irrational, so never 0 (atan(0) = asin(0) = 0,
acos(1) = 0), and that binomial(n, k) with k odd and n an integer of unknown sign is not nonnegative
(binomial(3, 3) = 1). The kernel proved a sign from each (verifier/trusted/sympy_mends.py now mends them).
Each false claim has its witness; at k = 777, floor(5·cos²(k − 777)) − 2 = 3.
"""

from __future__ import annotations

import sympy as sp

from verifier import Inequality, Integer, claim

k = sp.Symbol("k", integer=True)
LATTICE = {k: Integer(-(10**6), 10**6)}
SMALL = {k: Integer(-6, 6)}
top = sp.floor(5 * sp.cos(k - 777) ** 2)  # 5 at k = 777 only (cos² < 1 at every other integer)


@claim(expect="refuted")
def atan_of_an_integer_is_never_zero() -> Inequality:
    """atan(k)² > 0 on −6..6 (false at k = 0)."""
    return Inequality(sp.atan(k) ** 2, ">", 0, where=SMALL)


@claim(expect="refuted")
def atan_zero_at_one_lattice_point() -> Inequality:
    """atan(floor(5cos²(k − 777)) − 5)² > 0 on the integers up to 10⁶ (false at k = 777 only)."""
    return Inequality(sp.atan(top - 5) ** 2, ">", 0, where=LATTICE)


@claim(expect="refuted")
def asin_of_an_integer_is_never_zero() -> Inequality:
    """asin(k)² > 0 on −1..1 (false at k = 0)."""
    return Inequality(sp.asin(k) ** 2, ">", 0, where={k: Integer(-1, 1)})


@claim(expect="refuted")
def acos_of_an_integer_is_never_zero() -> Inequality:
    """acos(k)² > 0 on −1..1 (false at k = 1)."""
    return Inequality(sp.acos(k) ** 2, ">", 0, where={k: Integer(-1, 1)})


@claim(expect="refuted")
def binomial_of_an_odd_order_is_nonpositive() -> Inequality:
    """binomial(k, 3) ≤ 0 on −6..6 (false at k = 4: 4)."""
    return Inequality(sp.binomial(k, 3), "<=", 0, where=SMALL)


@claim(expect="refuted")
def binomial_positive_at_one_lattice_point() -> Inequality:
    """binomial(floor(5cos²(k − 777)) − 2, 3) ≤ 0 on the integers up to 10⁶ (false at k = 777: binomial(3, 3) = 1)."""
    return Inequality(sp.binomial(top - 2, 3), "<=", 0, where=LATTICE)


@claim()
def atan_squared_is_nonnegative() -> Inequality:
    """atan(k)² ≥ 0 on −6..6.
    Proof: a square of a real number."""
    return Inequality(sp.atan(k) ** 2, ">=", 0, where=SMALL)


@claim()
def binomial_of_an_even_order_is_nonnegative() -> Inequality:
    """binomial(k, 2) ≥ 0 on −6..6.
    Proof: binomial(k, 2) = k(k − 1)/2, and k and k − 1 have the same sign or one of them is 0."""
    return Inequality(sp.binomial(k, 2), ">=", 0, where=SMALL)


TRUTH = {
    "atan_of_an_integer_is_never_zero": ("false", 1, {"k": 0}),
    "atan_zero_at_one_lattice_point": ("false", 1, {"k": 777}),
    "asin_of_an_integer_is_never_zero": ("false", 1, {"k": 0}),
    "acos_of_an_integer_is_never_zero": ("false", 1, {"k": 1}),
    "binomial_of_an_odd_order_is_nonpositive": ("false", 1, {"k": 4}),
    "binomial_positive_at_one_lattice_point": ("false", 1, {"k": 777}),
    "atan_squared_is_nonnegative": ("true", 1, None),
    "binomial_of_an_even_order_is_nonnegative": ("true", 1, None),
}
# CHECKED: one integer of 2·10⁶ fails, which no sample meets (docs/explanation/known-limits.md, a set of measure
# zero); the float check of binomial also skips the samples where scipy gives NaN for a negative top (helper-76)
KNOWN_WRONG = ("atan_zero_at_one_lattice_point", "binomial_positive_at_one_lattice_point")
