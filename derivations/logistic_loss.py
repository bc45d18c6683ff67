"""Logistic regression: the cross-entropy error, its gradient and Hessian, and convexity.

There are m samples with features xᵢ ∈ ℝᵈ, the rows of X ∈ ℝ^{m×d}, labels yᵢ ∈ [0, 1]
and weights w ∈ ℝᵈ. The model predicts σ(xᵢᵀw) with the logistic sigmoid
σ(t) = 1/(1 + e^{−t}), whose derivative is σ′ = σ(1 − σ); that slope lies in (0, 1/4],
since 1/4 − σ(1 − σ) = (σ − 1/2)².

The error is E(w) = −Σᵢ [yᵢ log σ(zᵢ) + (1 − yᵢ) log(1 − σ(zᵢ))] with zᵢ = xᵢᵀw. As
log σ(t) = t − log(1 + eᵗ) and log(1 − σ(t)) = −log(1 + eᵗ), each term is
log(1 + e^{zᵢ}) − yᵢzᵢ, so E = Σᵢ [log(1 + e^{zᵢ}) − yᵢzᵢ]. The claims below use this
form: it is exact, it evaluates in floating point without 1 − σ cancelling, and it is
cheaper to differentiate symbolically.

Since (log(1 + eᵗ))′ = σ(t), the chain rule gives ∇E = Xᵀ(σ(Xw) − y): the sigmoid's
slope cancels. Differentiating again, ∇²E = XᵀSX with S = diag(σᵢ(1 − σᵢ)),
which no longer depends on y. It is positive semidefinite, because
vᵀXᵀSXv = Σᵢ σᵢ(1 − σᵢ)(xᵢᵀv)² with every weight positive, so E is convex.
With a bias, zᵢ = xᵢᵀw + b, the same computation gives ∂E/∂b = Σᵢ(σ(zᵢ) − yᵢ).

The labels are declared in the interval [0, 1] rather than in {0, 1}: every identity
here is affine in y, so it holds for soft labels too, and sampling the whole interval
checks more than the two corners.

Kept on purpose as wrong versions: the gradient with its sign flipped, Xᵀ(y − σ); the
Hessian without its weights, XᵀX; and the gradient with an extra factor σ(1 − σ), the
one that squared error on σ(Xw) would give, where cross-entropy cancels it.

Source: C. M. Bishop, *Pattern Recognition and Machine Learning* (2006), §4.3.2
(eqs. 4.88–4.91: σ′, the error and its gradient) and §4.3.3 (eqs. 4.96–4.98: the
Hessian ΦᵀRΦ and convexity); I. Goodfellow, Y. Bengio and A. Courville, *Deep Learning*
(2016), §6.2.2.2 (sigmoid units trained with cross-entropy).
"""

from __future__ import annotations

import sympy as sp

from verifier import (
    PSD,
    Certificate,
    Convex,
    Corollary,
    Derivative,
    General,
    Identity,
    Inequality,
    Interval,
    Real,
    claim,
)
from verifier.language.domains import Domain
from verifier.language.mathlib import Matrix, diag, dot, matrix, ones, scalar, sigmoid, vector


def cross_entropy_error(X: Matrix, y: Matrix, w: Matrix, b: sp.Expr | int = 0) -> sp.Expr:
    """E = Σᵢ [log(1 + e^{zᵢ}) − yᵢzᵢ] with zᵢ = xᵢᵀw + b (see per_sample_error)."""
    z = X * w + b * ones(X.rows)
    return sp.Add(*[sp.log(1 + sp.exp(zi)) - yi * zi for yi, zi in zip(y, z, strict=True)])


def slope(t: sp.Expr) -> sp.Expr:
    """σ(t)(1 − σ(t))."""
    return sigmoid(t) * (1 - sigmoid(t))


def data(n: int) -> tuple[Matrix, Matrix, Matrix, dict[Matrix, Domain]]:
    """X (n×n, so m = d = n), y, w and their domains."""
    X, y, w = matrix("x", n), vector("y", n), vector("w", n)
    return X, y, w, {X: General(), y: Interval(0, 1), w: Real()}


@claim()
def sigmoid_derivative() -> Derivative:
    """σ′(t) = σ(t)(1 − σ(t))."""
    t = scalar("t")
    return Derivative(sigmoid(t), wrt=t, equals=slope(t), where={t: Real()})


@claim()
def slope_positive() -> Inequality:
    """σ(t)(1 − σ(t)) > 0."""
    t = scalar("t")
    return Inequality(slope(t), ">", sp.Integer(0), where={t: Real()})


@claim()
def slope_at_most_quarter() -> Inequality:
    """σ(t)(1 − σ(t)) ≤ 1/4."""
    t = scalar("t")
    return Inequality(slope(t), "<=", sp.Rational(1, 4), where={t: Real()})


@claim()
def per_sample_error() -> Identity:
    """−[y log σ(t) + (1 − y) log(1 − σ(t))] = log(1 + eᵗ) − y·t."""
    t, y = scalar("t"), scalar("y")
    bishop = -(y * sp.log(sigmoid(t)) + (1 - y) * sp.log(1 - sigmoid(t)))
    return Identity(bishop, sp.log(1 + sp.exp(t)) - y * t, where={t: Real(), y: Interval(0, 1)})


@claim(n=range(1, 9), numeric_n=(32,))
def gradient(n: int) -> Derivative:
    """∇E = Xᵀ(σ(Xw) − y)."""
    X, y, w, where = data(n)
    p = (X * w).applyfunc(sigmoid)
    return Derivative(cross_entropy_error(X, y, w), wrt=w, equals=X.T * (p - y), where=where)


@claim(n=range(1, 9), numeric_n=(16,))
def hessian(n: int) -> Derivative:
    """∇²E = Xᵀ diag(σ(Xw) ⊙ (1 − σ(Xw))) X."""
    X, y, w, where = data(n)
    S = diag((X * w).applyfunc(slope))
    return Derivative(cross_entropy_error(X, y, w), wrt=w, order=2, equals=X.T * S * X, where=where)


@claim(n=range(1, 9), numeric_n=(16,))
def hessian_psd(n: int) -> PSD:
    """XᵀSX ⪰ 0, since vᵀXᵀSXv = Σᵢ σᵢ(1 − σᵢ)(xᵢᵀv)²."""
    X, _, w, where = data(n)
    v, z = vector("v", n), X * w
    S = diag(z.applyfunc(slope))
    x_rows = [X[i, :].T for i in range(n)]
    return PSD(
        X.T * S * X,
        where={X: where[X], w: where[w]},
        certificate=Certificate(v, weights=tuple(slope(zi) for zi in z), forms=tuple(dot(xi, v) for xi in x_rows)),
    )


@claim(n=range(1, 9))
def convex(n: int) -> Corollary:
    """E is convex in w."""
    X, y, w, where = data(n)
    return Corollary(
        of=("hessian", "hessian_psd"),
        because="a twice-differentiable function whose Hessian is PSD everywhere is convex",
        states=Convex(cross_entropy_error(X, y, w), wrt=w, where=where),
    )


@claim(n=range(1, 9), numeric_n=(32,))
def bias_gradient(n: int) -> Derivative:
    """∂E/∂b = Σᵢ (σ(zᵢ) − yᵢ), with zᵢ = xᵢᵀw + b."""
    X, y, w, where = data(n)
    b = scalar("b")
    z = X * w + b * ones(n)
    residuals = z.applyfunc(sigmoid) - y
    return Derivative(
        cross_entropy_error(X, y, w, b),
        wrt=b,
        equals=sp.Add(*residuals),
        where={**where, b: Real()},
    )


@claim(n=range(1, 9), expect="refuted")
def gradient_sign_flipped(n: int) -> Derivative:
    """Wrong: ∇E = Xᵀ(y − σ(Xw))."""
    X, y, w, where = data(n)
    p = (X * w).applyfunc(sigmoid)
    return Derivative(cross_entropy_error(X, y, w), wrt=w, equals=X.T * (y - p), where=where)


@claim(n=range(1, 9), expect="refuted")
def hessian_unweighted(n: int) -> Derivative:
    """Wrong: ∇²E = XᵀX, dropping the weights σᵢ(1 − σᵢ)."""
    X, y, w, where = data(n)
    return Derivative(cross_entropy_error(X, y, w), wrt=w, order=2, equals=X.T * X, where=where)


@claim(n=range(1, 9), expect="refuted")
def gradient_with_sigmoid_slope(n: int) -> Derivative:
    """Wrong: ∇E = Xᵀ((σ(Xw) − y) ⊙ σ(Xw) ⊙ (1 − σ(Xw))), keeping the slope that cancels."""
    X, y, w, where = data(n)
    z = X * w
    r = Matrix([(sigmoid(zi) - yi) * slope(zi) for zi, yi in zip(z, y, strict=True)])
    return Derivative(cross_entropy_error(X, y, w), wrt=w, equals=X.T * r, where=where)
