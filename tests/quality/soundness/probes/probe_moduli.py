"""The modulus and the sign of a product, split into the factors' before a proof by cases.

|ab| = |a|·|b| and sign(ab) = sign(a)·sign(b) for all real a and b (e.g. Abbott, Understanding
Analysis, §1.2, Example 1.2.5). The kernel's cases (:mod:`verifier.trusted.cases`) split each modulus
and sign of a product of real factors this way, so |x·|y|·z| = |x|·|y|·|z| is proved at once where it
took 16 cases and ran out of its budget. The false probes are near misses a wrong split would prove:
a sign dropped from a factor, a sum split as if it were a product, a modulus dropped from an odd
power. Each has a witness where the sides differ by at least 1.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Nonzero, Real, claim

x, y, z, w = sp.symbols("x y z w")
REALS = {x: Real(), y: Real(), z: Real()}


@claim()
def modulus_of_a_product_with_a_modulus_inside() -> Identity:
    """|x·|y|·z| = |x|·|y|·|z| on ℝ³.

    Proof: |ab| = |a|·|b|, twice, and ||y|| = |y|.
    """
    return Identity(sp.Abs(x * sp.Abs(y) * z), sp.Abs(x) * sp.Abs(y) * sp.Abs(z), where=REALS)


@claim()
def modulus_of_a_quotient() -> Identity:
    """|x/y| = |x|/|y| for y ≠ 0.

    Proof: |a·b| = |a|·|b| with b = 1/y, and |1/y| = 1/|y|.
    """
    return Identity(sp.Abs(x / y), sp.Abs(x) / sp.Abs(y), where={x: Real(), y: Nonzero()})


@claim()
def modulus_of_a_cube_times_a_factor() -> Identity:
    """|x³·y| = |x|³·|y| on ℝ².

    Proof: |ab| = |a|·|b| and |x³| = |x|³.
    """
    return Identity(sp.Abs(x**3 * y), sp.Abs(x) ** 3 * sp.Abs(y), where={x: Real(), y: Real()})


@claim(expect="refuted")
def modulus_of_a_product_keeps_a_sign() -> Identity:
    """|x·y| = |x|·y (false at x = 1, y = −1: 1 against −1)."""
    return Identity(sp.Abs(x * y), sp.Abs(x) * y, where={x: Real(), y: Real()})


@claim(expect="refuted")
def modulus_of_a_sum_split_as_a_product() -> Identity:
    """|x·y + z| = |x|·|y| + |z| (false at x = y = 1, z = −1: 0 against 2)."""
    return Identity(sp.Abs(x * y + z), sp.Abs(x) * sp.Abs(y) + sp.Abs(z), where=REALS)


@claim(expect="refuted")
def modulus_dropped_from_an_odd_power() -> Identity:
    """|x·y|·x = x²·|y| (false at x = −1, y = 1: −1 against 1)."""
    return Identity(sp.Abs(x * y) * x, x**2 * sp.Abs(y), where={x: Real(), y: Real()})


@claim(expect="refuted")
def modulus_of_four_factors_keeps_the_last_sign() -> Identity:
    """|x·y·z·w| = |x|·|y|·|z|·w (false at x = y = z = 1, w = −1: 1 against −1)."""
    return Identity(sp.Abs(x * y * z * w), sp.Abs(x) * sp.Abs(y) * sp.Abs(z) * w, where={**REALS, w: Real()})


@claim()
def sign_times_modulus_of_a_product() -> Identity:
    """sign(xy)·|xy| = xy on ℝ².

    Proof: sign(t)·|t| = t for every real t (t = xy).
    """
    return Identity(sp.sign(x * y) * sp.Abs(x * y), x * y, where={x: Real(), y: Real()})


@claim(expect="refuted")
def sign_of_a_product_keeps_a_factor() -> Identity:
    """sign(xy)·|x| = x·|y| (false at x = 1, y = 2: 1 against 2)."""
    return Identity(sp.sign(x * y) * sp.Abs(x), x * sp.Abs(y), where={x: Real(), y: Real()})


TRUTH = {
    "sign_times_modulus_of_a_product": ("true", 2, None),
    "sign_of_a_product_keeps_a_factor": ("false", 2, {"x": 1, "y": 2}),
    "modulus_of_a_product_with_a_modulus_inside": ("true", 2, None),
    "modulus_of_a_quotient": ("true", 2, None),
    "modulus_of_a_cube_times_a_factor": ("true", 2, None),
    "modulus_of_a_product_keeps_a_sign": ("false", 2, {"x": 1, "y": -1}),
    "modulus_of_a_sum_split_as_a_product": ("false", 2, {"x": 1, "y": 1, "z": -1}),
    "modulus_dropped_from_an_odd_power": ("false", 2, {"x": -1, "y": 1}),
    "modulus_of_four_factors_keeps_the_last_sign": ("false", 2, {"x": 1, "y": 1, "z": 1, "w": -1}),
}
