"""Gradients line by line, as a student writes them, each beside a version with one slip.

Every derivation below is a chain: the gradient on the left, then one line per step of
the computation on paper, each with its reason. Every line is an n-vector (or a matrix)
whose k-th entry is the line's expression for ∂/∂x_k; a derivative written on a line is
taken by sympy when the line is built, so a step is "this line equals the previous one".

- Softmax cross-entropy: with log ŷᵢ = zᵢ − log Σ_d e^{z_d}, the loss L = −Σᵢyᵢ log ŷᵢ
  splits into −Σᵢyᵢzᵢ + Σᵢyᵢ log Σ_d e^{z_d}; the first part gives −y_j, the second
  ŷ_j Σᵢyᵢ, and Σᵢyᵢ = 1 leaves ∂L/∂z_j = ŷ_j − y_j.
- Log-sum-exp: ∂/∂z_k log Σᵢe^{zᵢ} = e^{z_k}/Σᵢe^{zᵢ}, the softmax.
- Mean squared error: ∇(1/n)‖Xw − y‖² = (2/n)Xᵀ(Xw − y).
- Ridge: ∇(‖Xw − y‖² + λ‖w‖²) = 2(XᵀX + λI)w − 2Xᵀy, so the minimiser solves the normal
  equations (XᵀX + λI)w = Xᵀy.
- Quadratic form: ∇xᵀAx = (A + Aᵀ)x, which is 2Ax only for symmetric A.
- Batch-norm centering: yᵢ = γ(xᵢ − μ) + β with μ the batch mean and L = Σᵢgᵢyᵢ give
  ∂L/∂x_k = γ(g_k − (1/n)Σᵢgᵢ), because μ depends on x_k too (∂μ/∂x_k = 1/n). At n = 1 the
  centred output x₁ − μ is identically 0, so the gradient is 0.
- One hidden layer: h = tanh(Wx), ŷ = vᵀh, L = ½(ŷ − t)²; the chain rule gives
  ∂L/∂W = δxᵀ with δ = (ŷ − t)·v ⊙ (1 − h²).

Each "_student" chain re-types the same derivation with one planted slip (a wrong term,
the log of a sum split, a dropped factor 2, a transposed factor, an index mix-up, a mean
treated as a constant); PLANTED records the line the verifier must name as the first
wrong one.

Sources: I. Goodfellow, Y. Bengio and A. Courville, *Deep Learning* (2016), §4.5 (linear
least squares), §6.2.2.3 (softmax output units), §6.5 (back-propagation) and
§7.1.1 (L² regularisation); C. M. Bishop, *Pattern Recognition and Machine Learning*
(2006), §3.1.4 (regularised least squares) and §4.3.4 (softmax); S. Ioffe and C. Szegedy,
"Batch Normalization", ICML 2015, §3; Stanford CS231n notes, "Backpropagation, Intuitions".
"""

from __future__ import annotations

import sympy as sp

from verifier import Chain, General, Positive, Real, Simplex, Step, claim
from verifier.language.domains import Domain
from verifier.language.mathlib import Matrix, dot, identity, matrix, ones, scalar, softmax, sum_entries, vector

# claim → the 1-based index of its planted wrong step
PLANTED = {
    "softmax_ce_gradient_student": 2,  # −∂/∂z_j Σᵢyᵢzᵢ written −ŷ_j (it is −y_j)
    "log_sum_exp_gradient_student": 1,  # the log of a sum taken as the sum of the logs
    "mse_gradient_student": 2,  # the chain rule's factor 2 dropped
    "ridge_gradient_student": 3,  # XᵀX written XXᵀ when factoring out w
    "quadratic_form_gradient_student": 2,  # Σᵢxᵢ A_ik read as (Ax)_k: an index mix-up
    "centering_gradient_student": 2,  # the batch mean treated as a constant
    "centering_gradient_single_student": 2,  # the same at n = 1
    "hidden_layer_gradient_student": 3,  # the outer product transposed: xδᵀ
}

SIZES = range(2, 5)
gamma, beta, lam = scalar("γ"), scalar("β"), scalar("λ")


def grad(f: sp.Expr, v: Matrix) -> Matrix:
    """The column of ∂f/∂vₖ, each taken by sympy."""
    return Matrix([f]).jacobian(v).T


def lse(z: Matrix) -> sp.Expr:
    """log Σ_d e^{z_d}."""
    return sp.log(sum_entries(z.applyfunc(sp.exp)))


def softmax_ce(n: int) -> tuple[Matrix, Matrix, Matrix, sp.Expr, sp.Expr, dict[object, Domain]]:
    """z, y, ŷ = softmax(z), Σᵢyᵢzᵢ, Σᵢyᵢ log Σ_d e^{z_d} and the domains."""
    z, y = vector("z", n), vector("y", n)
    return z, y, softmax(z), dot(y, z), sum_entries(y) * lse(z), {z: Real(), y: Simplex()}


@claim(n=SIZES)
def softmax_ce_gradient(n: int) -> Chain:
    """∂L/∂z_j = ŷ_j − y_j for L = −Σᵢ yᵢ log ŷᵢ, ŷ = softmax(z), Σy = 1."""
    z, y, p, linear, log_norm, where = softmax_ce(n)
    return Chain(
        grad(-dot(y, p.applyfunc(sp.log)), z),
        steps=(
            Step("=", -grad(linear, z) + grad(log_norm, z), "log ŷᵢ = zᵢ − log Σ_d e^{z_d}; linearity"),
            Step("=", -y + grad(log_norm, z), "∂/∂z_j Σᵢ yᵢzᵢ = y_j"),
            Step("=", -y + sum_entries(y) * p, "∂/∂z_j log Σ_d e^{z_d} = e^{z_j}/Σ_d e^{z_d} = ŷ_j"),
            Step("=", p - y, "Σᵢ yᵢ = 1"),
        ),
        where=where,
    )


@claim(n=SIZES, expect="refuted")
def softmax_ce_gradient_student(n: int) -> Chain:
    """A student's ∂L/∂z_j: −ŷ_j for −y_j, then Σᵢŷᵢŷ_j for ŷ_jΣᵢyᵢ, and still ŷ_j − y_j."""
    z, y, p, linear, log_norm, where = softmax_ce(n)
    return Chain(
        grad(-dot(y, p.applyfunc(sp.log)), z),
        steps=(
            Step("=", -grad(linear, z) + grad(log_norm, z), "log ŷᵢ = zᵢ − log Σ_d e^{z_d}; linearity"),
            Step("=", -p + grad(log_norm, z), "∂/∂z_j Σᵢ yᵢzᵢ = ŷ_j"),
            Step("=", -p + sum_entries(p) * p, "∂/∂z_j Σᵢ yᵢ log Σ_d e^{z_d} = Σᵢ ŷᵢŷ_j"),
            Step("=", p - y, "collect terms"),
        ),
        where=where,
    )


@claim(n=SIZES)
def log_sum_exp_gradient(n: int) -> Chain:
    """∇ log Σᵢ e^{zᵢ} = softmax(z)."""
    z = vector("z", n)
    total = sum_entries(z.applyfunc(sp.exp))
    return Chain(
        grad(lse(z), z),
        steps=(
            Step("=", grad(total, z) / total, "(log u)′ = u′/u"),
            Step("=", z.applyfunc(sp.exp) / total, "∂/∂z_k Σᵢ e^{zᵢ} = e^{z_k}"),
            Step("=", softmax(z), "the definition of softmax"),
        ),
        where={z: Real()},
    )


@claim(n=SIZES, expect="refuted")
def log_sum_exp_gradient_student(n: int) -> Chain:
    """A student's ∇ log Σᵢ e^{zᵢ}, taking the log of the sum as the sum of the logs."""
    z = vector("z", n)
    return Chain(
        grad(lse(z), z),
        steps=(
            Step("=", grad(sum_entries(z.applyfunc(lambda t: sp.log(sp.exp(t)))), z), "log Σᵢ e^{zᵢ} = Σᵢ log e^{zᵢ}"),
            Step("=", grad(sum_entries(z), z), "log e^{zᵢ} = zᵢ"),
            Step("=", ones(n), "∂/∂z_k Σᵢ zᵢ = 1"),
        ),
        where={z: Real()},
    )


def regression(n: int) -> tuple[Matrix, Matrix, Matrix, Matrix, dict[object, Domain]]:
    """X (n×n), y, w, the residual r = Xw − y, and the domains."""
    X, y, w = matrix("x", n), vector("y", n), vector("w", n)
    return X, y, w, X * w - y, {X: General(), y: Real(), w: Real()}


@claim(n=SIZES)
def mse_gradient(n: int) -> Chain:
    """∇_w (1/n)‖Xw − y‖² = (2/n)Xᵀ(Xw − y)."""
    X, _, w, r, where = regression(n)
    rows = [X[i, :].T for i in range(n)]
    return Chain(
        grad(dot(r, r) / n, w),
        steps=(
            Step("=", sp.Add(*[grad(ri**2, w) for ri in r], Matrix.zeros(n, 1)) / n, "linearity"),
            Step("=", sp.Add(*[2 * ri * xi for ri, xi in zip(r, rows, strict=True)]) / n, "chain rule: 2rᵢ·xᵢ"),
            Step("=", 2 * X.T * r / n, "Σᵢ rᵢxᵢ = Xᵀr"),
        ),
        where=where,
    )


@claim(n=SIZES, expect="refuted")
def mse_gradient_student(n: int) -> Chain:
    """A student's ∇_w (1/n)‖Xw − y‖², without the factor 2 of the square."""
    X, _, w, r, where = regression(n)
    rows = [X[i, :].T for i in range(n)]
    return Chain(
        grad(dot(r, r) / n, w),
        steps=(
            Step("=", sp.Add(*[grad(ri**2, w) for ri in r], Matrix.zeros(n, 1)) / n, "linearity"),
            Step("=", sp.Add(*[ri * xi for ri, xi in zip(r, rows, strict=True)]) / n, "chain rule: rᵢ·xᵢ"),
            Step("=", X.T * r / n, "Σᵢ rᵢxᵢ = Xᵀr"),
        ),
        where=where,
    )


@claim(n=range(2, 4))
def ridge_gradient(n: int) -> Chain:
    """∇(‖Xw − y‖² + λ‖w‖²) = 2(XᵀX + λI)w − 2Xᵀy: the normal equations."""
    X, y, w, r, where = regression(n)
    return Chain(
        grad(dot(r, r) + lam * dot(w, w), w),
        steps=(
            Step("=", 2 * X.T * r + 2 * lam * w, "∇‖Xw − y‖² = 2Xᵀ(Xw − y), ∇‖w‖² = 2w"),
            Step("=", 2 * (X.T * X * w + lam * w) - 2 * X.T * y, "expand"),
            Step("=", 2 * (X.T * X + lam * identity(n)) * w - 2 * X.T * y, "factor out w"),
        ),
        where={**where, lam: Positive()},
    )


@claim(n=range(2, 4), expect="refuted")
def ridge_gradient_student(n: int) -> Chain:
    """A student's ridge gradient, with XᵀX turned into XXᵀ when w is factored out."""
    X, y, w, r, where = regression(n)
    return Chain(
        grad(dot(r, r) + lam * dot(w, w), w),
        steps=(
            Step("=", 2 * X.T * r + 2 * lam * w, "∇‖Xw − y‖² = 2Xᵀ(Xw − y), ∇‖w‖² = 2w"),
            Step("=", 2 * (X.T * X * w + lam * w) - 2 * X.T * y, "expand"),
            Step("=", 2 * (X * X.T + lam * identity(n)) * w - 2 * X.T * y, "factor out w"),
        ),
        where={**where, lam: Positive()},
    )


@claim(n=SIZES)
def quadratic_form_gradient(n: int) -> Chain:
    """∇ xᵀAx = (A + Aᵀ)x for any square A."""
    A, x = matrix("A", n), vector("x", n)
    return Chain(
        grad((x.T * A * x)[0, 0], x),
        steps=(
            Step("=", A * x + Matrix([dot(x, A[:, k]) for k in range(n)]), "product rule: Σⱼ A_kj xⱼ + Σᵢ xᵢ A_ik"),
            Step("=", A * x + A.T * x, "Σᵢ A_ik xᵢ = (Aᵀx)_k"),
            Step("=", (A + A.T) * x, "factor out x"),
        ),
        where={A: General(), x: Real()},
    )


@claim(n=SIZES, expect="refuted")
def quadratic_form_gradient_student(n: int) -> Chain:
    """A student's ∇ xᵀAx = 2Ax, reading Σᵢ xᵢA_ik as (Ax)_k."""
    A, x = matrix("A", n), vector("x", n)
    return Chain(
        grad((x.T * A * x)[0, 0], x),
        steps=(
            Step("=", A * x + Matrix([dot(x, A[:, k]) for k in range(n)]), "product rule: Σⱼ A_kj xⱼ + Σᵢ xᵢ A_ik"),
            Step("=", A * x + A * x, "Σᵢ xᵢ A_ik = (Ax)_k"),
            Step("=", 2 * A * x, "collect"),
        ),
        where={A: General(), x: Real()},
    )


def centering(n: int) -> tuple[Matrix, Matrix, Matrix, dict[object, Domain]]:
    """x, the upstream gradient g, the output yᵢ = γ(xᵢ − μ) + β, and the domains."""
    x, g = vector("x", n), vector("g", n)
    out = gamma * (x - sum_entries(x) / n * ones(n)) + beta * ones(n)
    return x, g, out, {x: Real(), g: Real(), gamma: Real(), beta: Real()}


@claim(n=range(1, 5))
def centering_gradient(n: int) -> Chain:
    """Centering yᵢ = γ(xᵢ − μ) + β, L = Σᵢgᵢyᵢ: ∂L/∂x_k = γ(g_k − (1/n)Σᵢgᵢ)."""
    x, g, out, where = centering(n)
    return Chain(
        grad(dot(g, out), x),
        steps=(
            Step("=", Matrix([dot(g, out.diff(xk)) for xk in x]), "L is linear in y: Σᵢ gᵢ ∂yᵢ/∂x_k"),
            Step(
                "=",
                gamma * Matrix([sum(g[i] * (int(i == k) - sp.Rational(1, n)) for i in range(n)) for k in range(n)]),
                "∂(xᵢ − μ)/∂x_k = δᵢₖ − 1/n",
            ),
            Step("=", gamma * (g - sum_entries(g) / n * ones(n)), "Σᵢ gᵢδᵢₖ = g_k"),
        ),
        where=where,
    )


@claim(n=range(1, 5), expect="refuted")
def centering_gradient_student(n: int) -> Chain:
    """A student's centering gradient, treating the batch mean μ as a constant."""
    x, g, out, where = centering(n)
    return Chain(
        grad(dot(g, out), x),
        steps=(
            Step("=", Matrix([dot(g, out.diff(xk)) for xk in x]), "L is linear in y: Σᵢ gᵢ ∂yᵢ/∂x_k"),
            Step(
                "=",
                gamma * Matrix([sum(g[i] * int(i == k) for i in range(n)) for k in range(n)]),
                "∂(xᵢ − μ)/∂x_k = δᵢₖ, μ is a constant",
            ),
            Step("=", gamma * g, "Σᵢ gᵢδᵢₖ = g_k"),
        ),
        where=where,
    )


@claim()
def centering_gradient_single() -> Chain:
    """A batch of one: x₁ − μ = 0 whatever x₁ is, so ∂L/∂x₁ = 0."""
    x, g, out, where = centering(1)
    return Chain(
        sp.diff(g[0] * out[0], x[0]),
        steps=(
            Step("=", g[0] * gamma * sp.diff(x[0] - sum_entries(x), x[0]), "chain rule through y₁ = γ(x₁ − μ) + β"),
            Step("=", g[0] * gamma * (1 - 1), "∂μ/∂x₁ = 1/n = 1"),
            Step("=", sp.Integer(0), "the centred output is identically 0"),
        ),
        where=where,
    )


@claim(expect="refuted")
def centering_gradient_single_student() -> Chain:
    """A student's batch of one: μ treated as a constant, so ∂L/∂x₁ = γg₁."""
    x, g, out, where = centering(1)
    return Chain(
        sp.diff(g[0] * out[0], x[0]),
        steps=(
            Step("=", g[0] * gamma * sp.diff(x[0] - sum_entries(x), x[0]), "chain rule through y₁ = γ(x₁ − μ) + β"),
            Step("=", g[0] * gamma * (1 - 0), "∂μ/∂x₁ = 0, μ is a constant"),
            Step("=", gamma * g[0], "simplify"),
        ),
        where=where,
    )


def hidden_layer(n: int) -> tuple[Matrix, Matrix, Matrix, sp.Expr, Matrix, Matrix, dict[object, Domain]]:
    """W (n×n), x, v, h = tanh(Wx), ŷ − t, and ∂L/∂W (by sympy) for L = ½(vᵀh − t)², with the domains."""
    W, x, v, target = matrix("W", n), vector("x", n), vector("v", n), scalar("t")
    h = (W * x).applyfunc(sp.tanh)
    err = dot(v, h) - target
    dL = Matrix(n, n, lambda i, j: sp.diff(err**2 / 2, W[i, j]))
    return (
        x,
        v,
        h,
        err,
        Matrix(n, n, lambda i, j: sp.diff(err, W[i, j])),
        dL,
        {W: General(), x: Real(), v: Real(), target: Real()},
    )


@claim(n=range(2, 4))
def hidden_layer_gradient(n: int) -> Chain:
    """h = tanh(Wx), ŷ = vᵀh, L = ½(ŷ − t)²: ∂L/∂W = δxᵀ with δ = (ŷ − t)·v ⊙ (1 − h²)."""
    x, v, h, err, dyhat, dL, where = hidden_layer(n)
    delta = err * Matrix([vi * (1 - hi**2) for vi, hi in zip(v, h, strict=True)])
    return Chain(
        dL,
        steps=(
            Step("=", err * dyhat, "chain rule through ½(ŷ − t)²"),
            Step("=", err * Matrix(n, n, lambda i, j: v[i] * (1 - h[i] ** 2) * x[j]), "∂ŷ/∂W_ij = vᵢ tanh′(aᵢ)xⱼ"),
            Step("=", delta * x.T, "δ = (ŷ − t)·v ⊙ (1 − h²); an outer product"),
        ),
        where=where,
    )


@claim(n=range(2, 4), expect="refuted")
def hidden_layer_gradient_student(n: int) -> Chain:
    """A student's ∂L/∂W, with the outer product transposed (xδᵀ)."""
    x, v, h, err, dyhat, dL, where = hidden_layer(n)
    delta = err * Matrix([vi * (1 - hi**2) for vi, hi in zip(v, h, strict=True)])
    return Chain(
        dL,
        steps=(
            Step("=", err * dyhat, "chain rule through ½(ŷ − t)²"),
            Step("=", err * Matrix(n, n, lambda i, j: v[i] * (1 - h[i] ** 2) * x[j]), "∂ŷ/∂W_ij = vᵢ tanh′(aᵢ)xⱼ"),
            Step("=", x * delta.T, "δ = (ŷ − t)·v ⊙ (1 − h²); an outer product"),
        ),
        where=where,
    )
