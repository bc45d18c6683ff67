"""True textbook claims of every kind, so that an over-strict fix is caught (class 0: controls).

Softmax and sigmoid derivatives, log-sum-exp's gradient and Hessian, matrix calculus, PSD
certificates, AM–GM and Cauchy–Schwarz, Gaussian and Bernoulli moments, Newton's quadratic
convergence on x² − 2, and convexity by the DCP rules. Each is true (a source or a one-line
proof under its statement): it must never be REFUTED or ERROR.

TRUTH maps each claim to (truth, issue class, witness); class 0 means "control, no issue class".
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
from verifier.language.mathlib import covariance, diag, dot, log_sum_exp, matrix, sigmoid, softmax, squared_norm, vector

x, y, a, mu, s, p = sp.symbols("x y a mu s p")
X = sp.Symbol("X")


@claim(n=range(1, 4))
def softmax_jacobian(n: int) -> Derivative:
    """∂p/∂z = diag(p) − ppᵀ for p = softmax(z).

    Source: Bishop, Pattern Recognition and Machine Learning, eq. (4.106).
    """
    z = vector("z", n)
    q = softmax(z)
    return Derivative(q, wrt=z, equals=diag(q) - q * q.T, where={z: Real()})


@claim(n=range(1, 4))
def log_sum_exp_gradient(n: int) -> Derivative:
    """∇ log Σ e^{zᵢ} = softmax(z).

    Proof: ∂/∂zᵢ log Σⱼ e^{zⱼ} = e^{zᵢ}/Σⱼ e^{zⱼ}.
    """
    z = vector("z", n)
    return Derivative(log_sum_exp(z), wrt=z, equals=softmax(z), where={z: Real()})


@claim(n=range(1, 4))
def log_sum_exp_hessian(n: int) -> Derivative:
    """∇² log Σ e^{zᵢ} = diag(p) − ppᵀ.

    Proof: the Jacobian of the gradient softmax(z) (Boyd & Vandenberghe, §3.1.5).
    """
    z = vector("z", n)
    return Derivative(log_sum_exp(z), wrt=z, equals=covariance(softmax(z)), where={z: Real()}, order=2)


@claim()
def sigmoid_derivative() -> Derivative:
    """σ′(x) = σ(x)(1 − σ(x)).

    Proof: d/dx (1 + e^{−x})⁻¹ = e^{−x}/(1 + e^{−x})² = σ(1 − σ).
    """
    return Derivative(sigmoid(x), wrt=x, equals=sigmoid(x) * (1 - sigmoid(x)), where={x: Real()})


@claim()
def softplus_derivative() -> Derivative:
    """d/dx log(1 + eˣ) = σ(x).

    Proof: eˣ/(1 + eˣ) = σ(x).
    """
    return Derivative(sp.log(1 + sp.exp(x)), wrt=x, equals=sigmoid(x), where={x: Real()})


@claim()
def tanh_derivative() -> Derivative:
    """tanh′ = 1 − tanh².

    Proof: (cosh² − sinh²)/cosh² = 1/cosh².
    """
    return Derivative(sp.tanh(x), wrt=x, equals=1 - sp.tanh(x) ** 2, where={x: Real()})


@claim()
def logistic_loss_second_derivative() -> Derivative:
    """d²/dx² log(1 + e^{−x}) = σ(x)(1 − σ(x)).

    Proof: the first derivative is σ(x) − 1.
    """
    return Derivative(sp.log(1 + sp.exp(-x)), wrt=x, equals=sigmoid(x) * (1 - sigmoid(x)), where={x: Real()}, order=2)


@claim(n=range(1, 4))
def quadratic_form_gradient(n: int) -> Derivative:
    """∇ xᵀAx = (A + Aᵀ)x.

    Source: Petersen & Pedersen, The Matrix Cookbook, eq. (81).
    """
    A, v = matrix("A", n), vector("x", n)
    return Derivative((v.T * A * v)[0, 0], wrt=v, equals=(A + A.T) * v, where={A: Real(), v: Real()})


@claim(n=range(1, 4))
def quadratic_form_hessian(n: int) -> Derivative:
    """∇² xᵀAx = A + Aᵀ.

    Proof: the Jacobian of (A + Aᵀ)x.
    """
    A, v = matrix("A", n), vector("x", n)
    return Derivative((v.T * A * v)[0, 0], wrt=v, equals=A + A.T, where={A: Real(), v: Real()}, order=2)


@claim(n=range(1, 4))
def elementwise_sigmoid_jacobian(n: int) -> Derivative:
    """∂σ(z)/∂z = diag(σ(z) ⊙ (1 − σ(z))).

    Proof: σ acts entrywise, so the Jacobian is diagonal with σ′(zᵢ).
    """
    z = vector("z", n)
    sz = z.applyfunc(sigmoid)
    return Derivative(sz, wrt=z, equals=diag([si * (1 - si) for si in sz]), where={z: Real()})


@claim(n=range(2, 4))
def softmax_covariance_psd(n: int) -> PSD:
    """diag(p) − ppᵀ ⪰ 0 on the simplex.

    Proof: vᵀ(diag p − ppᵀ)v = Σpᵢvᵢ² − (Σpᵢvᵢ)² is a variance (Jensen).
    """
    q = vector("p", n)
    return PSD(covariance(q), where={q: Simplex()})


@claim(n=range(1, 4))
def gram_matrix_psd_with_certificate(n: int) -> PSD:
    """XᵀX ⪰ 0, with vᵀXᵀXv = Σ (Xv)ᵢ².

    Proof: the certificate identity.
    """
    M, v = matrix("X", n), vector("v", n)
    forms = tuple((M * v)[i] for i in range(n))
    return PSD(M.T * M, where={M: Real()}, certificate=Certificate(v, (sp.Integer(1),) * n, forms))


@claim()
def am_gm_two() -> Inequality:
    """(x + y)/2 ≥ √(xy) for x, y ≥ 0.

    Proof: (√x − √y)² ≥ 0 (Hardy, Littlewood & Pólya, Inequalities, §2.5).
    """
    return Inequality((x + y) / 2, ">=", sp.sqrt(x * y), where={x: Nonnegative(), y: Nonnegative()})


@claim(n=range(1, 4))
def cauchy_schwarz(n: int) -> Inequality:
    """|uᵀw| ≤ ‖u‖‖w‖.

    Source: Hardy, Littlewood & Pólya, Inequalities, §2.4.
    """
    u, w = vector("u", n), vector("w", n)
    return Inequality(
        sp.Abs(dot(u, w)), "<=", sp.sqrt(squared_norm(u)) * sp.sqrt(squared_norm(w)), where={u: Real(), w: Real()}
    )


@claim()
def exp_above_tangent() -> Inequality:
    """eˣ ≥ 1 + x on ℝ.

    Proof: eˣ is convex and 1 + x is its tangent at 0.
    """
    return Inequality(sp.exp(x), ">=", 1 + x, where={x: Real()})


@claim()
def normal_second_moment() -> Expectation:
    """E[X²] = μ² + s² for X ~ N(μ, s²).

    Source: Var X = E[X²] − (E X)².
    """
    return Expectation(X**2, mu**2 + s**2, noise={X: Normal(mu, s**2)}, where={mu: Real(), s: Positive()})


@claim()
def affine_gaussian_mean() -> Expectation:
    """E[aX + 1] = aμ + 1 for X ~ N(μ, 1).

    Proof: linearity of expectation.
    """
    return Expectation(a * X + 1, a * mu + 1, noise={X: Normal(mu, 1)}, where={a: Real(), mu: Real()})


@claim()
def bernoulli_variance() -> Expectation:
    """E[(X − p)²] = p(1 − p) for X ~ Bernoulli(p).

    Proof: p(1 − p)² + (1 − p)p² = p(1 − p).
    """
    return Expectation((X - p) ** 2, p * (1 - p), noise={X: Bernoulli(p)}, where={p: Interval(0, 1)})


@claim()
def uniform_mean() -> Expectation:
    """E[X] = a + ½ for X ~ U[a, a + 1].

    Proof: the midpoint of the interval.
    """
    return Expectation(X, a + sp.Rational(1, 2), noise={X: Uniform(a, a + 1)}, where={a: Real()})


@claim()
def newton_square_root_of_two() -> Convergence:
    """Newton on x² − 2 converges to √2 quadratically with constant √2/4.

    Proof: e_{k+1} = e_k²/(2x_k) → e_k²/(2√2) = (√2/4)e_k² (Nocedal & Wright, Thm 3.5).
    """
    return Convergence(x - (x**2 - 2) / (2 * x), x, root=sp.sqrt(2), order=2, constant=sp.sqrt(2) / 4)


@claim()
def gradient_descent_on_a_parabola() -> Convergence:
    """x ↦ x − ¼·2x = x/2 converges linearly to 0 with rate ½.

    Proof: e_{k+1} = e_k/2 exactly.
    """
    return Convergence(x - sp.Rational(1, 4) * 2 * x, x, root=0, order=1, constant=sp.Rational(1, 2))


@claim()
def exp_is_convex() -> Convex:
    """eˣ is convex on ℝ.

    Proof: (eˣ)″ = eˣ > 0.
    """
    return Convex(sp.exp(x), x, where={x: Real()})


@claim()
def log_is_concave() -> Convex:
    """log x is concave on x > 0.

    Proof: (log x)″ = −1/x² < 0.
    """
    return Convex(sp.log(x), x, where={x: Positive()}, concave=True)


@claim(n=range(2, 4))
def log_sum_exp_is_convex(n: int) -> Convex:
    """log Σ e^{zᵢ} is convex.

    Source: Boyd & Vandenberghe, Convex Optimization, §3.1.5.
    """
    z = vector("z", n)
    return Convex(log_sum_exp(z), z, where={z: Real()})


@claim()
def softplus_is_convex() -> Convex:
    """log(1 + eˣ) is convex.

    Proof: its second derivative σ(1 − σ) is > 0.
    """
    return Convex(sp.log(1 + sp.exp(x)), x, where={x: Real()})


TRUTH = {
    name: ("true", 0, None)
    for name in (
        "softmax_jacobian",
        "log_sum_exp_gradient",
        "log_sum_exp_hessian",
        "sigmoid_derivative",
        "softplus_derivative",
        "tanh_derivative",
        "logistic_loss_second_derivative",
        "quadratic_form_gradient",
        "quadratic_form_hessian",
        "elementwise_sigmoid_jacobian",
        "softmax_covariance_psd",
        "gram_matrix_psd_with_certificate",
        "am_gm_two",
        "cauchy_schwarz",
        "exp_above_tangent",
        "normal_second_moment",
        "affine_gaussian_mean",
        "bernoulli_variance",
        "uniform_mean",
        "newton_square_root_of_two",
        "gradient_descent_on_a_parabola",
        "exp_is_convex",
        "log_is_concave",
        "log_sum_exp_is_convex",
        "softplus_is_convex",
    )
}
