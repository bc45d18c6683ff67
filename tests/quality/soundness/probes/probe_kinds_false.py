"""Wrong versions of textbook claims, one or more per claim kind (derivative, Jacobian, Hessian,
PSD with and without a certificate, inequality, convexity, expectation, convergence).

These are the slips the verifier exists to catch; each has a witness in its domain where it
fails at 60 digits (for convexity: two points a, b and a weight θ that break the chord inequality;
for convergence: iterates near the root where e_{k+1}/e_kᵖ is far from the claimed constant).

TRUTH maps each claim to (truth, issue class, witness); class 0 means "no issue class".
"""

from __future__ import annotations

import sympy as sp

from verifier import (
    PSD,
    Bernoulli,
    Certificate,
    Convergence,
    Convex,
    Derivative,
    Expectation,
    Inequality,
    Interval,
    Nonnegative,
    Normal,
    Positive,
    Real,
    Simplex,
    Uniform,
    claim,
)
from verifier.language.mathlib import diag, matrix, sigmoid, softmax, vector

x, y, mu, s, p, b = sp.symbols("x y mu s p b")
X = sp.Symbol("X")
HALF = sp.Rational(1, 2)


@claim(n=range(2, 4), expect="refuted")
def softmax_jacobian_without_outer_product(n: int) -> Derivative:
    """∂p/∂z = diag(p) (false: the −ppᵀ is missing; at z = 0)."""
    z = vector("z", n)
    return Derivative(softmax(z), wrt=z, equals=diag(softmax(z)), where={z: Real()})


@claim(expect="refuted")
def sigmoid_derivative_with_plus() -> Derivative:
    """σ′ = σ(1 + σ) (false at x = 0)."""
    return Derivative(sigmoid(x), wrt=x, equals=sigmoid(x) * (1 + sigmoid(x)), where={x: Real()})


@claim(n=range(2, 4), expect="refuted")
def quadratic_form_gradient_for_symmetric_only(n: int) -> Derivative:
    """∇ xᵀAx = 2Ax for every A (false for non-symmetric A, e.g. A = E₁₂ at x = e₂)."""
    A, v = matrix("A", n), vector("x", n)
    return Derivative((v.T * A * v)[0, 0], wrt=v, equals=2 * A * v, where={A: Real(), v: Real()})


@claim(expect="refuted")
def cube_hessian_is_first_derivative() -> Derivative:
    """d²x³/dx² = 3x² (false at x = 1: it is 6x)."""
    return Derivative(x**3, wrt=x, equals=3 * x**2, where={x: Real()}, order=2)


@claim(expect="refuted")
def jacobian_transposed() -> Derivative:
    """∂(x, xy)/∂(x, y) = [[1, y], [0, x]] (false: that is the transpose; at x = 1, y = 2)."""
    v = sp.ImmutableMatrix([x, y])
    f = sp.ImmutableMatrix([x, x * y])
    return Derivative(f, wrt=v, equals=sp.ImmutableMatrix([[1, y], [0, x]]), where={x: Real(), y: Real()})


@claim(expect="refuted")
def indefinite_matrix_is_psd() -> PSD:
    """[[1, 2], [2, 1]] ⪰ 0 (false: eigenvalue −1)."""
    return PSD(sp.ImmutableMatrix([[1, 2], [2, 1]]))


@claim(expect="refuted")
def wrong_certificate_for_indefinite_matrix() -> PSD:
    """[[1, 2], [2, 1]] ⪰ 0 by vᵀHv = (v₁ + v₂)² (false, and the certificate is wrong)."""
    v = vector("v", 2)
    cert = Certificate(v, (sp.Integer(1),), (v[0] + v[1],))
    return PSD(sp.ImmutableMatrix([[1, 2], [2, 1]]), certificate=cert)


@claim(n=[3], expect="refuted")
def softmax_covariance_is_positive_definite(n: int) -> PSD:
    """diag(p) − ppᵀ ≻ 0 on the simplex (false: 1 is in its kernel)."""
    q = vector("p", n)
    return PSD(diag(q) - q * q.T, where={q: Simplex()}, strict=True)


@claim(expect="refuted")
def am_gm_reversed() -> Inequality:
    """(x + y)/2 ≤ √(xy) for x, y ≥ 0 (false at x = 1, y = 0)."""
    return Inequality((x + y) / 2, "<=", sp.sqrt(x * y), where={x: Nonnegative(), y: Nonnegative()})


@claim(expect="refuted")
def exp_above_quadratic_tangent() -> Inequality:
    """eˣ ≥ 1 + x + x² on ℝ (false at x = 1)."""
    return Inequality(sp.exp(x), ">=", 1 + x + x**2, where={x: Real()})


@claim(expect="refuted")
def sine_is_convex() -> Convex:
    """sin x is convex on ℝ (false: a = 0, b = 3, θ = ½)."""
    return Convex(sp.sin(x), x, where={x: Real()})


@claim(expect="refuted")
def cube_is_convex() -> Convex:
    """x³ is convex on ℝ (false: a = −2, b = 0, θ = ½)."""
    return Convex(x**3, x, where={x: Real()})


@claim(expect="refuted")
def exp_is_concave() -> Convex:
    """eˣ is concave on ℝ (false: a = 0, b = 2, θ = ½)."""
    return Convex(sp.exp(x), x, where={x: Real()}, concave=True)


@claim(expect="refuted")
def entropy_term_is_convex_with_sign_slip() -> Convex:
    """−x log x is convex on x > 0 (false: it is concave; a = 1, b = 3, θ = ½)."""
    return Convex(-x * sp.log(x), x, where={x: Positive()})


@claim(expect="refuted")
def normal_second_moment_without_variance() -> Expectation:
    """E[X²] = μ² for X ~ N(μ, s²) (false at μ = 0, s = 1)."""
    return Expectation(X**2, mu**2, noise={X: Normal(mu, s**2)}, where={mu: Real(), s: Positive()})


@claim(expect="refuted")
def bernoulli_second_moment_is_p_squared() -> Expectation:
    """E[X²] = p² for X ~ Bernoulli(p) (false at p = ½)."""
    return Expectation(X**2, p**2, noise={X: Bernoulli(p)}, where={p: Interval(0, 1)})


@claim(expect="refuted")
def uniform_mean_slip() -> Expectation:
    """E[X] = (0 + b)/3 for X ~ U[0, b] (false at b = 1)."""
    return Expectation(X, b / 3, noise={X: Uniform(0, b)}, where={b: Positive()})


@claim(expect="refuted")
def newton_square_root_constant_slip() -> Convergence:
    """Newton on x² − 2 has constant √2/2 (false: √2/4)."""
    return Convergence(x - (x**2 - 2) / (2 * x), x, root=sp.sqrt(2), order=2, constant=sp.sqrt(2) / 2)


@claim(expect="refuted")
def halving_is_quadratic() -> Convergence:
    """x ↦ x/2 converges quadratically (false: linearly)."""
    return Convergence(x / 2, x, root=0, order=2, constant=HALF)


@claim(expect="refuted")
def newton_cube_root_constant_slip() -> Convergence:
    """Newton on x³ − 8 converges to 2 with order 3 (false: order 2, e_{k+1}/e_k² → f″/(2f′) = ½)."""
    return Convergence(x - (x**3 - 8) / (3 * x**2), x, root=2, order=3, constant=HALF)


TRUTH = {
    "softmax_jacobian_without_outer_product": ("false", 0, {"n": 2, "z": [0, 0]}),
    "sigmoid_derivative_with_plus": ("false", 0, {"x": 0}),
    "quadratic_form_gradient_for_symmetric_only": ("false", 0, {"n": 2, "A": [[0, 1], [0, 0]], "x": [0, 1]}),
    "cube_hessian_is_first_derivative": ("false", 0, {"x": 1}),
    "jacobian_transposed": ("false", 0, {"x": 1, "y": 2}),
    "indefinite_matrix_is_psd": ("false", 0, {}),
    "wrong_certificate_for_indefinite_matrix": ("false", 0, {}),
    "softmax_covariance_is_positive_definite": ("false", 0, {"p": [HALF, HALF, 0]}),
    "am_gm_reversed": ("false", 0, {"x": 1, "y": 0}),
    "exp_above_quadratic_tangent": ("false", 0, {"x": 1}),
    "sine_is_convex": ("false", 0, {"theta": HALF, "a": {"x": 0}, "b": {"x": 3}}),
    "cube_is_convex": ("false", 0, {"theta": HALF, "a": {"x": -2}, "b": {"x": 0}}),
    "exp_is_concave": ("false", 0, {"theta": HALF, "a": {"x": 0}, "b": {"x": 2}}),
    "entropy_term_is_convex_with_sign_slip": ("false", 0, {"theta": HALF, "a": {"x": 1}, "b": {"x": 3}}),
    "normal_second_moment_without_variance": ("false", 0, {"mu": 0, "s": 1}),
    "bernoulli_second_moment_is_p_squared": ("false", 0, {"p": HALF}),
    "uniform_mean_slip": ("false", 0, {"b": 1}),
    "newton_square_root_constant_slip": ("false", 0, {"along": [sp.sqrt(2) + sp.Rational(1, 10**15)]}),
    "halving_is_quadratic": ("false", 0, {"along": [sp.Rational(1, 10**10), sp.Rational(-1, 10**10)]}),
    "newton_cube_root_constant_slip": ("false", 0, {"along": [2 + sp.Rational(1, 10**10)]}),
}
