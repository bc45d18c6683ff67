"""A jump (sign, ceiling, Heaviside, a Piecewise condition) of a quantity that 50 and 100 digits both put on the
wrong side of the switch (helper-76): the same wrong value twice reads as a stable gap, a confirmed refutation.

For x ∈ [1, 2], e^{x·10⁻¹²⁰} − 1 ≥ 10⁻¹²⁰ > 0, so its sign is 1 and e^{x·10⁻¹²⁰} ∈ (1, 2) has ceiling 2; mpmath
computes e^{x·10⁻¹²⁰} as exactly 1 at 50 and at 100 digits. sin(πk/2) is exactly 0 for even k, which mpmath
computes as about 10⁻⁵¹ and 10⁻¹⁰¹, whose sign is ±1. Each claim is true, and was REFUTED: a gap that rests on a
jump taken within 10⁻⁴⁰ of its switch is now computed again at 400 and 800 digits (confirm._beyond_switches).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Integer, Interval, Orthogonal, claim
from verifier.language.mathlib import matrix

x = sp.Symbol("x")
k = sp.Symbol("k")
TINY = sp.Rational(1, 10**120)


@claim()
def sign_of_a_tiny_positive_gap() -> Identity:
    """sign(e^{x·10⁻¹²⁰} − 1) = 1 on [1, 2].
    Proof: e^t > 1 for t > 0, and t = x·10⁻¹²⁰ > 0."""
    return Identity(sp.sign(sp.exp(x * TINY) - 1), 1, where={x: Interval(1, 2)})


@claim()
def ceiling_just_above_one() -> Identity:
    """ceiling(e^{x·10⁻¹²⁰}) = 2 on [1, 2].
    Proof: 1 < e^{x·10⁻¹²⁰} < e^{10⁻¹¹⁹} < 2."""
    return Identity(sp.ceiling(sp.exp(x * TINY)), 2, where={x: Interval(1, 2)})


@claim()
def sign_of_an_exact_zero() -> Identity:
    """sign(sin(πk/2))² = (1 − (−1)ᵏ)/2 on 0..6.
    Proof: sin(πk/2) is 0 for even k and ±1 for odd k."""
    return Identity(sp.sign(sp.sin(sp.pi * k / 2)) ** 2, (1 - (-1) ** k) / 2, where={k: Integer(0, 6)})


@claim(n=[2])
def sign_on_an_orthogonal_matrix(n: int) -> Identity:
    """sign((QᵀQ)₁₁ − 1) = 0 for Q orthogonal: QᵀQ = I. The exact orthogonal point near a sample was rounded to 250
    digits, where (QᵀQ)₁₁ − 1 is about 10⁻²⁵⁰, whose sign is ±1 at any precision (now 1,000 digits)."""
    q = matrix("Q", n)
    return Identity(sp.sign((q.T * q)[0, 0] - 1), 0, where={q: Orthogonal()})


TRUTH = {
    "sign_on_an_orthogonal_matrix": ("true", 1, None),
    "sign_of_a_tiny_positive_gap": ("true", 1, None),
    "ceiling_just_above_one": ("true", 1, None),
    "sign_of_an_exact_zero": ("true", 1, None),
}
