"""Red team B and D: claims whose values hide an imaginary part, which the numeric checks compared by real part only
and the kernel's PSD rules did not look for. d/dx x² = 2x + i was CHECKED, [[1, i], [i, 1]] PROVED by its minors
1, 1, 2, E X² = 0 for X ~ N(i, 1) PROVED from the moments, E e^{iX} = e^{−1/2} + 1/1000 CHECKED by Monte Carlo.
Beside them, true claims written with i.

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import PSD, Derivative, Expectation, Normal, Real, Uniform, claim

x, X = sp.symbols("x X")
HALF = sp.Rational(1, 2)


@claim()
def derivative_with_an_imaginary_term() -> Derivative:
    """d/dx x² = 2x + i on ℝ (false at x = 0: the derivative is real, 0)."""
    return Derivative(x**2, x, 2 * x + sp.I, where={x: Real()})


@claim()
def cosine_derivative_written_with_i() -> Derivative:
    """d/dx cos x = −(e^{ix} − e^{−ix})/(2i) on ℝ.

    Proof: (e^{ix} − e^{−ix})/(2i) = sin x (Euler's formula), and (cos x)′ = −sin x.
    """
    return Derivative(sp.cos(x), x, -(sp.exp(sp.I * x) - sp.exp(-sp.I * x)) / (2 * sp.I), where={x: Real()})


@claim()
def psd_with_imaginary_entries() -> PSD:
    """[[1, i], [i, 1]] is positive semidefinite (false at v = (1, 1): vᵀHv = 2 + 2i is not a real number ≥ 0,
    and the eigenvalues are 1 ± i; its leading minors 1, 1, 2 say nothing of a complex matrix)."""
    return PSD(sp.Matrix([[1, sp.I], [sp.I, 1]]))


@claim()
def second_moment_of_a_normal_with_an_imaginary_mean() -> Expectation:
    """E X² = 0 for X ~ N(i, 1): a normal law with mean i is no distribution (undefined), whatever μ² + σ² says."""
    return Expectation(X**2, 0, noise={X: Normal(sp.I, 1)})


@claim()
def characteristic_function_off_by_a_thousandth() -> Expectation:
    """E e^{iX} = e^{−1/2} + 1/1000 for X ~ N(0, 1) (false: E e^{iX} = e^{−1/2})."""
    return Expectation(sp.exp(sp.I * X), sp.exp(-HALF) + sp.Rational(1, 1000), noise={X: Normal(0, 1)})


@claim()
def characteristic_function_off_by_an_imaginary_thousandth() -> Expectation:
    """E e^{iX} = e^{−1/2} + i/1000 for X ~ N(0, 1) (false: E sin X = 0 by symmetry)."""
    return Expectation(sp.exp(sp.I * X), sp.exp(-HALF) + sp.I / 1000, noise={X: Normal(0, 1)})


@claim()
def characteristic_function_of_a_standard_normal() -> Expectation:
    """E e^{iX} = e^{−1/2} for X ~ N(0, 1).

    Source: the characteristic function of N(0, 1) is e^{−t²/2}, here at t = 1.
    """
    return Expectation(sp.exp(sp.I * X), sp.exp(-HALF), noise={X: Normal(0, 1)})


@claim()
def characteristic_function_of_a_uniform() -> Expectation:
    """E e^{iX} = sin 1 + i(1 − cos 1) for X ~ U[0, 1].

    Proof: ∫₀¹ (cos s + i sin s) ds = sin 1 + i(1 − cos 1).
    """
    return Expectation(sp.exp(sp.I * X), sp.sin(1) + sp.I * (1 - sp.cos(1)), noise={X: Uniform(0, 1)})


TRUTH = {
    "derivative_with_an_imaginary_term": ("false", 1, {"x": 0}),
    "cosine_derivative_written_with_i": ("true", 1, None),
    "psd_with_imaginary_entries": ("malformed", 1, None),
    "second_moment_of_a_normal_with_an_imaginary_mean": ("malformed", 1, None),
    "characteristic_function_off_by_a_thousandth": ("false", 1, {}),
    "characteristic_function_off_by_an_imaginary_thousandth": ("false", 1, {}),
    "characteristic_function_of_a_standard_normal": ("true", 1, None),
    "characteristic_function_of_a_uniform": ("true", 1, None),
}
