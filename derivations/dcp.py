"""Convexity by composition: the rules of disciplined convex programming on the losses of ML.

A function is convex when it is built from convex atoms by rules that keep convexity: a nonnegative
weighted sum of convex functions is convex; so is f(Ax + b) for convex f; so is a pointwise maximum
of convex functions; and h(g₁, …, g_k) is convex when h is convex and, in each argument, either h is
nondecreasing and gᵢ convex, or h is nonincreasing and gᵢ concave, or gᵢ is affine. The atoms: eˣ,
log-sum-exp log Σ e^{uᵢ} (softplus log(1 + eᵘ) is log-sum-exp of (0, u)), x² and |x|, the Euclidean
norm, −log x, x log x (negative entropy), 1/x on x > 0 and the quadratic over linear x²/y on y > 0.

So the logistic loss Σ log(1 + e^{−yᵢ wᵀxᵢ}) is convex in w (softplus of an affine function), as
are log-sum-exp of Aw + b, ridge regression ‖Xw − y‖² + λ‖w‖² for λ > 0, the hinge loss
Σ max(0, 1 − yᵢ wᵀxᵢ) + λ‖w‖², the lasso ‖Xw − y‖² + λΣ|wᵢ|, the Poisson regression
negative log-likelihood Σ (e^{xᵢᵀw} − yᵢ xᵢᵀw), the distance ‖Aw − b‖, exp(‖w‖²) (exp is
nondecreasing), the maximum of log-sum-exp and a norm, and the quadratic over linear. Concave:
the entropy −Σ pᵢ log pᵢ, √w + log w, and a minimum of affine functions.

The rules can say nothing; they never say a false thing, and these wrong variants must be
REFUTED by a sampled convexity inequality f(θa + (1 − θ)b) ≤ θf(a) + (1 − θ)f(b) that fails:
log(1 + w²) (a concave nondecreasing h of a convex g), exp(−w²) (nondecreasing h of a concave g,
a bump), 1/(1 + w²) (a nonincreasing convex h of a convex g), log-sum-exp minus the norm,
√w convex, and the negative entropy concave.

Source: S. Boyd and L. Vandenberghe, *Convex Optimization* (2004), §3.1.5 (the atoms), §3.2.1
(nonnegative weighted sums), §3.2.2 (affine maps), §3.2.3 (pointwise maximum), §3.2.4
(composition); M. Grant, S. Boyd and Y. Ye, "Disciplined convex programming", in *Global
Optimization* (2006); CVX / cvxpy's DCP rule set.
"""

from __future__ import annotations

import sympy as sp

from verifier import Convex, Nonnegative, Positive, Real, claim
from verifier.language.mathlib import Matrix, dot, log_sum_exp, matrix, scalar, squared_norm, vector

SAMPLES = 3  # data points in the losses


def data(n: int) -> tuple[Matrix, Matrix]:
    """Inputs xᵢ (the rows of X, m × n) and labels yᵢ."""
    return matrix("X", SAMPLES, n), vector("y", SAMPLES)


def scores(X: Matrix, w: Matrix) -> list[sp.Expr]:
    """xᵢᵀw for each row xᵢ of X."""
    return [dot(X[i, :].T, w) for i in range(X.rows)]


@claim(n=range(1, 5), numeric_n=(6,))
def logistic_loss(n: int) -> Convex:
    """Σ log(1 + e^{−yᵢ xᵢᵀw}) is convex in w: softplus of an affine function, summed."""
    (X, y), w = data(n), vector("w", n)
    loss = sp.Add(*[sp.log(1 + sp.exp(-yi * s)) for yi, s in zip(y, scores(X, w), strict=True)])
    return Convex(loss, w, where={w: Real(), X: Real(), y: Real()})


@claim(n=range(1, 5), numeric_n=(6,))
def log_sum_exp_of_affine(n: int) -> Convex:
    """log Σ e^{(Aw + b)ᵢ} is convex in w (§3.2.2: affine pre-composition)."""
    A, b, w = matrix("A", SAMPLES, n), vector("b", SAMPLES), vector("w", n)
    return Convex(log_sum_exp(A * w + b), w, where={w: Real(), A: Real(), b: Real()})


@claim(n=range(1, 5), numeric_n=(6,))
def ridge(n: int) -> Convex:
    """‖Xw − y‖² + λ‖w‖² is convex in w for λ > 0."""
    (X, y), w, lam = data(n), vector("w", n), scalar("lambda")
    where = {w: Real(), X: Real(), y: Real(), lam: Positive()}
    return Convex(squared_norm(X * w - y) + lam * squared_norm(w), w, where=where)


@claim(n=range(1, 5), numeric_n=(6,))
def softplus_of_affine(n: int) -> Convex:
    """log(1 + e^{aᵀw + b}) is convex in w."""
    a, b, w = vector("a", n), scalar("b"), vector("w", n)
    return Convex(sp.log(1 + sp.exp(dot(a, w) + b)), w, where={w: Real(), a: Real(), b: Real()})


@claim(n=range(1, 5), numeric_n=(6,))
def hinge_loss(n: int) -> Convex:
    """Σ max(0, 1 − yᵢ xᵢᵀw) + λ‖w‖² (the soft-margin SVM) is convex in w: a max of affine functions."""
    (X, y), w, lam = data(n), vector("w", n), scalar("lambda")
    hinge = sp.Add(*[sp.Max(0, 1 - yi * s) for yi, s in zip(y, scores(X, w), strict=True)])
    return Convex(hinge + lam * squared_norm(w), w, where={w: Real(), X: Real(), y: Real(), lam: Positive()})


@claim(n=range(1, 5), numeric_n=(6,))
def lasso(n: int) -> Convex:
    """‖Xw − y‖² + λΣ|wᵢ| is convex in w for λ > 0."""
    (X, y), w, lam = data(n), vector("w", n), scalar("lambda")
    l1 = sp.Add(*[sp.Abs(wi) for wi in w])
    return Convex(squared_norm(X * w - y) + lam * l1, w, where={w: Real(), X: Real(), y: Real(), lam: Positive()})


@claim(n=range(1, 5), numeric_n=(6,))
def poisson_regression_nll(n: int) -> Convex:
    """The Poisson GLM's negative log-likelihood Σ (e^{xᵢᵀw} − yᵢ xᵢᵀw) (up to constants) is convex in w."""
    (X, y), w = data(n), vector("w", n)
    nll = sp.Add(*[sp.exp(s) - yi * s for yi, s in zip(y, scores(X, w), strict=True)])
    return Convex(nll, w, where={w: Real(), X: Real(), y: Nonnegative()})


@claim(n=range(1, 5), numeric_n=(6,))
def distance_to_affine(n: int) -> Convex:
    """‖Aw − b‖₂ is convex in w: a norm of an affine function."""
    A, b, w = matrix("A", SAMPLES, n), vector("b", SAMPLES), vector("w", n)
    return Convex(sp.sqrt(squared_norm(A * w - b)), w, where={w: Real(), A: Real(), b: Real()})


@claim(n=range(1, 5), numeric_n=(6,))
def exp_of_squared_norm(n: int) -> Convex:
    """exp(‖w‖²) is convex: exp is convex and nondecreasing, ‖w‖² convex (§3.2.4)."""
    w = vector("w", n)
    return Convex(sp.exp(squared_norm(w)), w, where={w: Real()})


@claim(n=range(1, 5), numeric_n=(6,))
def max_of_log_sum_exp_and_norm(n: int) -> Convex:
    """max(log Σ e^{wᵢ}, ‖w‖₂) is convex: a pointwise maximum of convex functions (§3.2.3)."""
    w = vector("w", n)
    return Convex(sp.Max(log_sum_exp(w), sp.sqrt(squared_norm(w))), w, where={w: Real()})


@claim()
def quadratic_over_linear() -> Convex:
    """x²/y is jointly convex on y > 0 (here x > 0 as well)."""
    z = vector("z", 2)
    return Convex(z[0] ** 2 / z[1], z, where={z: Positive()})


@claim(n=range(1, 5), numeric_n=(6,))
def log_barrier(n: int) -> Convex:
    """−Σ log wᵢ is convex on w > 0."""
    w = vector("w", n)
    return Convex(-sp.Add(*[sp.log(wi) for wi in w]), w, where={w: Positive()})


@claim(n=range(1, 5), numeric_n=(6,))
def entropy(n: int) -> Convex:
    """−Σ pᵢ log pᵢ is concave on p > 0 (the negative entropy is convex)."""
    p = vector("p", n)
    return Convex(-sp.Add(*[pi * sp.log(pi) for pi in p]), p, where={p: Positive()}, concave=True)


@claim()
def root_plus_log() -> Convex:
    """√w + log w is concave on w > 0."""
    w = scalar("w")
    return Convex(sp.sqrt(w) + sp.log(w), w, where={w: Positive()}, concave=True)


@claim(n=range(1, 5), numeric_n=(6,))
def min_of_affine(n: int) -> Convex:
    """minᵢ (Aw + b)ᵢ is concave in w."""
    A, b, w = matrix("A", SAMPLES, n), vector("b", SAMPLES), vector("w", n)
    return Convex(sp.Min(*(A * w + b)), w, where={w: Real(), A: Real(), b: Real()}, concave=True)


# ----------------------------------------------------------------------------- wrong on purpose


@claim(expect="refuted")
def log_one_plus_square() -> Convex:
    """Wrong: log(1 + w²) convex (concave nondecreasing log of a convex g; concave for |w| > 1)."""
    w = scalar("w")
    return Convex(sp.log(1 + w**2), w, where={w: Real()})


@claim(expect="refuted")
def exp_of_concave() -> Convex:
    """Wrong: exp(−w²) convex (nondecreasing exp of a concave g: a bump)."""
    w = scalar("w")
    return Convex(sp.exp(-(w**2)), w, where={w: Real()})


@claim(expect="refuted")
def inverse_of_convex() -> Convex:
    """Wrong: 1/(1 + w²) convex (1/x is convex but nonincreasing, and 1 + w² is convex, not concave)."""
    w = scalar("w")
    return Convex(1 / (1 + w**2), w, where={w: Real()})


@claim(n=range(1, 4), numeric_n=(5,), expect="refuted")
def log_sum_exp_minus_norm(n: int) -> Convex:
    """Wrong: log Σ e^{wᵢ} − ‖w‖₂ convex (a difference of convex functions; along w = t·1 it has a concave kink)."""
    w = vector("w", n)
    return Convex(log_sum_exp(w) - sp.sqrt(squared_norm(w)), w, where={w: Real()})


@claim(expect="refuted")
def root_convex() -> Convex:
    """Wrong: √w convex on w > 0 (it is concave)."""
    w = scalar("w")
    return Convex(sp.sqrt(w), w, where={w: Positive()})


@claim(n=range(1, 4), numeric_n=(5,), expect="refuted")
def negative_entropy_concave(n: int) -> Convex:
    """Wrong: Σ pᵢ log pᵢ concave on p > 0 (it is convex)."""
    p = vector("p", n)
    return Convex(sp.Add(*[pi * sp.log(pi) for pi in p]), p, where={p: Positive()}, concave=True)
