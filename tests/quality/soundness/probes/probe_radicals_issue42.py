"""Class 1: a root whose radicand is nonnegative but can vanish (issue 42's ring of radicals).

The atoms rung writes each b^(1/q) as a fresh s with s^q = b. s was declared positive wherever b was nonnegative,
so where b can be 0, sign(s), H(s) and s > 0 read as 1, 1 and true, and claims false at a root of b were PROVED
(a red team's finding: sign(√((3x − 1)² + (7y − 1)²)) = 1, false at x = 1/3, y = 1/7). In one variable the
critical points found the root and the run said ENGINE INCONSISTENCY; now each false probe here is REFUTED at its
root, and the true ones beside them (a radicand that is positive everywhere, ≥ instead of >) are still proved.
tests/trusted/test_flint_decide.py holds the two-variable claims, which no sample can hit.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Inequality, Nonnegative, Real, claim

x = sp.Symbol("x")


@claim()
def sign_of_a_root_that_vanishes_at_zero() -> Identity:
    """sign(√x) = 1 on x ≥ 0 (false: sign(√0) = 0)."""
    return Identity(sp.sign(sp.sqrt(x)), sp.Integer(1), where={x: Nonnegative()})


@claim()
def step_of_a_root_that_vanishes_at_zero() -> Identity:
    """H(√(x⁴ + x²)) = 1 (false at x = 0: H(0) = 1/2)."""
    return Identity(sp.Heaviside(sp.sqrt(x**4 + x**2)), sp.Integer(1), where={x: Real()})


@claim()
def cube_root_of_a_square_is_positive() -> Inequality:
    """((x² − 2)²)^(1/3) > 0 (false at x = √2)."""
    return Inequality(((x**2 - 2) ** 2) ** sp.Rational(1, 3), ">", sp.Integer(0), where={x: Real()})


@claim()
def sign_of_a_root_that_never_vanishes() -> Identity:
    """sign(√(x² + 1)) = 1.

    Proof: x² + 1 ≥ 1, so √(x² + 1) ≥ 1 > 0.
    """
    return Identity(sp.sign(sp.sqrt(x**2 + 1)), sp.Integer(1), where={x: Real()})


@claim()
def cube_root_of_a_square_is_nonnegative() -> Inequality:
    """((x² − 2)²)^(1/3) ≥ 0.

    Proof: the real cube root of a nonnegative number is nonnegative.
    """
    return Inequality(((x**2 - 2) ** 2) ** sp.Rational(1, 3), ">=", sp.Integer(0), where={x: Real()})


TRUTH = {
    "sign_of_a_root_that_vanishes_at_zero": ("false", 1, {"x": 0}),
    "step_of_a_root_that_vanishes_at_zero": ("false", 1, {"x": 0}),
    "cube_root_of_a_square_is_positive": ("false", 1, {"x": sp.sqrt(2)}),
    "sign_of_a_root_that_never_vanishes": ("true", 1, None),
    "cube_root_of_a_square_is_nonnegative": ("true", 1, None),
}
