"""Class 8: well-formed claims that crashed the engine (a crash is never the user's ERROR).

det(AB) = det A·det B and det(2Aᵀ) = 2ⁿ det A, with explicit matrices and in matrix notation,
and expectations without parameters (E[eˣ] = e^{1/2} for X ~ N(0, 1)). Each true probe must not
end in ERROR or REFUTED; the false variants must be REFUTED (or UNKNOWN), never ERROR.

TRUTH maps each claim to (truth, issue class, witness); a witness's "n" is the size it uses.
"""

from __future__ import annotations

import sympy as sp

from verifier import Bernoulli, Expectation, Identity, Inequality, Interval, Invertible, Normal, Real, Uniform, claim
from verifier.language.mathlib import matrix

X = sp.Symbol("X")
HALF = sp.Rational(1, 2)


def square(name: str, n: int) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(name, n, n)


@claim(n=range(1, 4))
def det_of_product(n: int) -> Identity:
    """det(AB) = det A·det B.

    Source: Horn & Johnson, Matrix Analysis, §0.3.5 (multiplicativity of det).
    """
    A, B = matrix("A", n), matrix("B", n)
    return Identity((A * B).det(), A.det() * B.det(), where={A: Real(), B: Real()})


@claim(n=range(1, 4))
def det_of_product_in_matrix_notation(n: int) -> Identity:
    """det(AB) = det A·det B, in matrix notation.

    Source: as det_of_product.
    """
    A, B = square("A", n), square("B", n)
    return Identity(sp.det(A * B), sp.det(A) * sp.det(B), where={A: Real(), B: Real()})


@claim(n=range(1, 4))
def det_of_scaled_transpose(n: int) -> Identity:
    """det(2Aᵀ) = 2ⁿ det A.

    Proof: det is n-linear in the rows and det Aᵀ = det A.
    """
    A = matrix("A", n)
    return Identity((2 * A.T).det(), 2**n * A.det(), where={A: Real()})


@claim(n=range(1, 4))
def det_of_scaled_transpose_in_matrix_notation(n: int) -> Identity:
    """det(2Aᵀ) = 2ⁿ det A, in matrix notation.

    Proof: as det_of_scaled_transpose.
    """
    A = square("A", n)
    return Identity(sp.det(2 * A.T), 2**n * sp.det(A), where={A: Real()})


@claim(n=range(1, 4))
def det_of_inverse_in_matrix_notation(n: int) -> Identity:
    """det(A⁻¹) = 1/det A for invertible A.

    Proof: det(A)det(A⁻¹) = det(I) = 1.
    """
    A = square("A", n)
    return Identity(sp.det(A.inv()), 1 / sp.det(A), where={A: Invertible()})


@claim(n=range(1, 4))
def gram_determinant_nonnegative(n: int) -> Inequality:
    """det(AAᵀ) ≥ 0.

    Proof: det(AAᵀ) = (det A)².
    """
    A = square("A", n)
    return Inequality(sp.det(A * A.T), ">=", sp.Integer(0), where={A: Real()})


@claim(n=range(2, 4), expect="refuted")
def det_is_homogeneous_of_degree_one(n: int) -> Identity:
    """det(2A) = 2 det A (false for n ≥ 2: A = I gives 4 against 2)."""
    A = square("A", n)
    return Identity(sp.det(2 * A), 2 * sp.det(A), where={A: Real()})


@claim(n=range(1, 3), expect="refuted")
def det_of_product_is_sum(n: int) -> Identity:
    """det(AB) = det A + det B (false at n = 1, A = B = [1])."""
    A, B = square("A", n), square("B", n)
    return Identity(sp.det(A * B), sp.det(A) + sp.det(B), where={A: Real(), B: Real()})


@claim()
def lognormal_mean() -> Expectation:
    """E[e^X] = e^{1/2} for X ~ N(0, 1).

    Source: the moment generating function of N(0, 1), e^{t²/2} at t = 1.
    """
    return Expectation(sp.exp(X), sp.exp(HALF), noise={X: Normal(0, 1)})


@claim(expect="refuted")
def lognormal_mean_is_e() -> Expectation:
    """E[e^X] = e for X ~ N(0, 1) (false: it is e^{1/2})."""
    return Expectation(sp.exp(X), sp.E, noise={X: Normal(0, 1)})


@claim()
def normal_fourth_moment() -> Expectation:
    """E[X⁴] = 3 for X ~ N(0, 1).

    Source: E[X^{2k}] = (2k − 1)!! for the standard normal.
    """
    return Expectation(X**4, sp.Integer(3), noise={X: Normal(0, 1)})


@claim()
def normal_characteristic_function_at_one() -> Expectation:
    """E[cos X] = e^{−1/2} for X ~ N(0, 1).

    Source: the characteristic function e^{−t²/2} at t = 1 (real part).
    """
    return Expectation(sp.cos(X), sp.exp(-HALF), noise={X: Normal(0, 1)})


@claim()
def fair_coin_mean() -> Expectation:
    """E[X] = ½ for X ~ Bernoulli(½).

    Proof: ½·1 + ½·0.
    """
    return Expectation(X, HALF, noise={X: Bernoulli(HALF)})


@claim()
def uniform_second_moment() -> Expectation:
    """E[X²] = ⅓ for X ~ U[0, 1].

    Proof: ∫₀¹ x² dx = ⅓.
    """
    return Expectation(X**2, sp.Rational(1, 3), noise={X: Uniform(0, 1)})


@claim(expect="refuted")
def uniform_second_moment_is_a_half() -> Expectation:
    """E[X²] = ½ for X ~ U[0, 1] (false: ⅓)."""
    return Expectation(X**2, HALF, noise={X: Uniform(0, 1)})


x = sp.Symbol("x")
HUGE = sp.exp(800)


@claim()
def floor_of_a_huge_slope_plus_a_jump() -> Inequality:
    """⌊e⁸⁰⁰x⌋ + sign(x² − 2)² ≤ e⁸⁰⁰x + 1 on [0, 3] (an internal error: sympy's PrecisionExhausted at x = √2).

    Proof: ⌊y⌋ ≤ y for every real y, and sign(·)² ≤ 1.
    """
    return Inequality(sp.floor(HUGE * x) + sp.sign(x**2 - 2) ** 2, "<=", HUGE * x + 1, where={x: Interval(0, 3)})


@claim(expect="refuted")
def floor_of_a_huge_slope_plus_a_jump_without_the_one() -> Inequality:
    """⌊e⁸⁰⁰x⌋ + sign(x² − 2)² ≤ e⁸⁰⁰x on [0, 3] (false at x = 0: 1 ≤ 0)."""
    return Inequality(sp.floor(HUGE * x) + sp.sign(x**2 - 2) ** 2, "<=", HUGE * x, where={x: Interval(0, 3)})


I2 = [[1, 0], [0, 1]]
TRUTH = {
    "det_of_product": ("true", 8, None),
    "det_of_product_in_matrix_notation": ("true", 8, None),
    "det_of_scaled_transpose": ("true", 8, None),
    "det_of_scaled_transpose_in_matrix_notation": ("true", 8, None),
    "det_of_inverse_in_matrix_notation": ("true", 8, None),
    "gram_determinant_nonnegative": ("true", 8, None),
    "det_is_homogeneous_of_degree_one": ("false", 8, {"n": 2, "A": I2}),
    "det_of_product_is_sum": ("false", 8, {"n": 1, "A": [[1]], "B": [[1]]}),
    "lognormal_mean": ("true", 8, None),
    "lognormal_mean_is_e": ("false", 8, {}),
    "normal_fourth_moment": ("true", 8, None),
    "normal_characteristic_function_at_one": ("true", 8, None),
    "fair_coin_mean": ("true", 8, None),
    "uniform_second_moment": ("true", 8, None),
    "uniform_second_moment_is_a_half": ("false", 8, {}),
    "floor_of_a_huge_slope_plus_a_jump": ("true", 8, None),
    "floor_of_a_huge_slope_plus_a_jump_without_the_one": ("false", 8, {"x": 0}),
}
