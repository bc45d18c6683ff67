"""Red team: matrix claims false only for large or small matrices (the samplers' size range).

SPD and PSD samples had eigenvalues in [0.1, 10] only, and invertible samples singular values in [0.3, 3],
while Real samples a scale from 10⁻³ to 8 times its draws: x ≤ 11 for x > 0 was REFUTED, but A₁₁ ≤ 11 for SPD A,
det A ≤ 101 for 2×2 PSD A and det(A)² ≤ 100 for 2×2 invertible A were CHECKED. Each matrix sample is now
scaled by a power of two (2⁻¹¹ to 16), exact in floats. Beside them, true claims that hold at every scale.

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import SPD, Identity, Inequality, Invertible, PSDMatrix, claim
from verifier.language.mathlib import matrix


@claim(n=[2])
def spd_entry_at_most_eleven(n: int) -> Inequality:
    """A₁₁ ≤ 11 for SPD A (false at A = 12I)."""
    A = matrix("A", n)
    return Inequality(A[0, 0], "<=", sp.Integer(11), where={A: SPD()})


@claim(n=[2])
def psd_determinant_at_most_101(n: int) -> Inequality:
    """det A ≤ 101 for PSD A (false at A = 11I)."""
    A = matrix("A", n)
    return Inequality(A.det(), "<=", sp.Integer(101), where={A: PSDMatrix()})


@claim(n=[2])
def invertible_determinant_squared_at_most_100(n: int) -> Inequality:
    """det(A)² ≤ 100 for invertible A (false at A = 4I)."""
    A = matrix("A", n)
    return Inequality(A.det() ** 2, "<=", sp.Integer(100), where={A: Invertible()})


@claim(n=[2])
def spd_trace_at_least_a_tenth(n: int) -> Inequality:
    """tr A ≥ 1/10 for SPD A (false at A = I/100)."""
    A = matrix("A", n)
    return Inequality(A.trace(), ">=", sp.Rational(1, 10), where={A: SPD()})


@claim(n=[2])
def spd_determinant_positive(n: int) -> Inequality:
    """det A > 0 for SPD A.

    Proof: det A is the product of the eigenvalues, all > 0."""
    A = matrix("A", n)
    return Inequality(A.det(), ">", sp.Integer(0), where={A: SPD()})


@claim(n=[2])
def psd_trace_bounds_the_entry(n: int) -> Inequality:
    """A₁₁ ≤ tr A for PSD A.

    Proof: tr A − A₁₁ = A₂₂ ≥ 0, a diagonal entry of a PSD matrix."""
    A = matrix("A", n)
    return Inequality(A[0, 0], "<=", A.trace(), where={A: PSDMatrix()})


@claim(n=[2])
def invertible_determinant_of_the_inverse(n: int) -> Identity:
    """det(A⁻¹)·det(A)² = det(A) for invertible A.

    Proof: det(A⁻¹) = 1/det(A), and det A ≠ 0."""
    A = matrix("A", n)
    return Identity(A.inv().det() * A.det() ** 2, A.det(), where={A: Invertible()})


TRUTH = {
    "spd_entry_at_most_eleven": ("false", 3, {"A": [[12, 0], [0, 12]]}),
    "psd_determinant_at_most_101": ("false", 3, {"A": [[11, 0], [0, 11]]}),
    "invertible_determinant_squared_at_most_100": ("false", 3, {"A": [[4, 0], [0, 4]]}),
    "spd_trace_at_least_a_tenth": ("false", 3, {"A": [[sp.Rational(1, 100), 0], [0, sp.Rational(1, 100)]]}),
    "spd_determinant_positive": ("true", 3, None),
    "psd_trace_bounds_the_entry": ("true", 3, None),
    "invertible_determinant_of_the_inverse": ("true", 3, None),
}
