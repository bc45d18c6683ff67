"""Batch normalisation: the backward pass.

A batch x = (x₁, …, xₙ) of one feature has mean μ = (1/n)Σⱼxⱼ and biased variance
σ² = (1/n)Σⱼ(xⱼ − μ)². Batch norm outputs yᵢ = γx̂ᵢ + β with x̂ᵢ = (xᵢ − μ)/√(σ² + ε),
ε > 0. The gradient gᵢ = ∂L/∂yᵢ coming from above is arbitrary, so we take the loss
L = Σᵢgᵢyᵢ, which is linear in y with exactly that gradient.

Centering alone (yᵢ = γ(xᵢ − μ) + β) passes the gradient through minus its mean:
∂L/∂xᵢ = γ(gᵢ − (1/n)Σⱼgⱼ), which vanishes at n = 1. Full batch norm also divides by
√(σ² + ε), and because μ and σ² depend on every xⱼ the gradient picks up two projections:
∂L/∂xᵢ = γ/(n√(σ² + ε))·(n·gᵢ − Σⱼgⱼ − x̂ᵢ·Σⱼgⱼx̂ⱼ), while ∂L/∂γ = Σgᵢx̂ᵢ and
∂L/∂β = Σgᵢ. The input gradient sums to zero. Its component along x̂ is
γε·(Σⱼgⱼx̂ⱼ)/(σ² + ε)^{3/2}: it is not orthogonal to x̂ for ε > 0, because
Σx̂ᵢ² = nσ²/(σ² + ε) < n; with ε = 0 (and σ² > 0) it is orthogonal exactly.

For a large batch, the centered gradient γ(g₁ − (1/n)(g₁ + Σ_{j>1}gⱼ)) tends to
γ(g₁ − ḡ) when the other components have a fixed mean ḡ, and to γ·g₁ only when their
sum S stays bounded (their mean tends to 0).

Source: S. Ioffe and C. Szegedy, "Batch Normalization: Accelerating Deep Network Training
by Reducing Internal Covariate Shift", ICML 2015, §3 (Algorithm 1 and the backward-pass
equations for ∂ℓ/∂x̂ᵢ, ∂ℓ/∂σ², ∂ℓ/∂μ, ∂ℓ/∂xᵢ, ∂ℓ/∂γ, ∂ℓ/∂β).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Identity, Interval, Limit, Positive, Real, claim
from verifier.language.domains import Domain
from verifier.language.mathlib import Matrix, dot, ones, scalar, sum_entries, vector

gamma, beta, eps = sp.symbols("γ β ε")


def batch_mean(x: Matrix) -> sp.Expr:
    """μ = (1/n)Σⱼxⱼ."""
    return sum_entries(x) / x.rows


def batch_variance(x: Matrix, unbiased: bool = False) -> sp.Expr:
    """σ² = (1/n)Σⱼ(xⱼ − μ)², or with 1/(n − 1) if unbiased."""
    mu = batch_mean(x)
    return sp.Add(*[(xj - mu) ** 2 for xj in x]) / (x.rows - 1 if unbiased else x.rows)


def normalize(x: Matrix, var: sp.Expr, offset: sp.Expr = eps) -> Matrix:
    """x̂ = (x − μ)/√(σ² + ε)."""
    return (x - batch_mean(x) * ones(x.rows)) / sp.sqrt(var + offset)


def centering_loss(x: Matrix, g: Matrix) -> sp.Expr:
    """L = Σgᵢyᵢ with yᵢ = γ(xᵢ − μ) + β."""
    y = gamma * (x - batch_mean(x) * ones(x.rows)) + beta * ones(x.rows)
    return dot(g, y)


def batch_norm_loss(x: Matrix, g: Matrix) -> sp.Expr:
    """L = Σgᵢyᵢ with yᵢ = γx̂ᵢ + β."""
    y = gamma * normalize(x, batch_variance(x)) + beta * ones(x.rows)
    return dot(g, y)


def input_gradient(g: Matrix, xhat: Matrix, var: sp.Expr, offset: sp.Expr = eps) -> Matrix:
    """γ/(n√(σ² + ε))·(n·g − Σⱼgⱼ·1 − x̂·Σⱼgⱼx̂ⱼ): the textbook backward formula."""
    n = g.rows
    inner = n * g - sum_entries(g) * ones(n) - dot(g, xhat) * xhat
    return gamma / (n * sp.sqrt(var + offset)) * inner


def component_along_xhat(g: Matrix, xhat: Matrix, var: sp.Expr) -> sp.Expr:
    """γε·(Σⱼgⱼx̂ⱼ)/(σ² + ε)^{3/2}, the closed form of x̂ᵀ∂L/∂x."""
    return gamma * eps * dot(g, xhat) / (var + eps) ** sp.Rational(3, 2)


def batch(n: int) -> tuple[Matrix, Matrix, dict[object, Domain]]:
    """The batch x, the upstream gradient g and the domains of every symbol."""
    x, g = vector("x", n), vector("g", n)
    return x, g, {x: Real(), g: Real(), gamma: Real(), beta: Real(), eps: Positive()}


# ----------------------------------------------------------------------------- centering only


@claim(n=range(1, 9), numeric_n=(64,))
def centering_input_gradient(n: int) -> Derivative:
    """Centering only: ∂L/∂xᵢ = γ(gᵢ − (1/n)Σⱼgⱼ)."""
    x, g, where = batch(n)
    where.pop(eps)
    grad = gamma * (g - sum_entries(g) / n * ones(n))
    return Derivative(centering_loss(x, g), wrt=x, equals=grad, where=where)


@claim()
def centering_input_gradient_vanishes_at_n1() -> Derivative:
    """Centering only, n = 1: ∂L/∂x₁ = 0 (y₁ = β whatever x₁ is)."""
    x, g, where = batch(1)
    where.pop(eps)
    return Derivative(centering_loss(x, g), wrt=x, equals=Matrix([0]), where=where)


@claim(expect="refuted")
def centering_input_gradient_at_n1_wrong() -> Derivative:
    """Wrong: centering only, n = 1: ∂L/∂x₁ = −γ·g₁."""
    x, g, where = batch(1)
    where.pop(eps)
    return Derivative(centering_loss(x, g), wrt=x, equals=-gamma * g, where=where)


# ----------------------------------------------------------------------------- full batch norm

# Full batch norm is spot-checked numerically at n = 16 only: the numeric check of these
# expressions took about 40 s at n = 16 and over 6 minutes at n = 32 (2 busy cores).
FULL_BN_NUMERIC_N = (16,)


@claim(n=range(1, 9), numeric_n=FULL_BN_NUMERIC_N)
def input_gradient_formula(n: int) -> Derivative:
    """∂L/∂xᵢ = γ/(n√(σ² + ε))·(n·gᵢ − Σⱼgⱼ − x̂ᵢ·Σⱼgⱼx̂ⱼ)."""
    x, g, where = batch(n)
    var = batch_variance(x)
    grad = input_gradient(g, normalize(x, var), var)
    return Derivative(batch_norm_loss(x, g), wrt=x, equals=grad, where=where)


@claim(n=range(1, 9), numeric_n=FULL_BN_NUMERIC_N)
def scale_gradient(n: int) -> Derivative:
    """∂L/∂γ = Σᵢgᵢx̂ᵢ."""
    x, g, where = batch(n)
    xhat = normalize(x, batch_variance(x))
    return Derivative(batch_norm_loss(x, g), wrt=gamma, equals=dot(g, xhat), where=where)


@claim(n=range(1, 9), numeric_n=FULL_BN_NUMERIC_N)
def shift_gradient(n: int) -> Derivative:
    """∂L/∂β = Σᵢgᵢ."""
    x, g, where = batch(n)
    return Derivative(batch_norm_loss(x, g), wrt=beta, equals=sum_entries(g), where=where)


@claim(n=range(1, 9), numeric_n=FULL_BN_NUMERIC_N)
def input_gradient_sums_to_zero(n: int) -> Identity:
    """Σᵢ ∂L/∂xᵢ = 0."""
    x, g, where = batch(n)
    var = batch_variance(x)
    grad = input_gradient(g, normalize(x, var), var)
    return Identity(sum_entries(grad), sp.Integer(0), where=where)


@claim(
    n=range(1, 7),
    numeric_n=FULL_BN_NUMERIC_N,
    notes="Symbolic n ≤ 6: the proof takes about 4 s at n = 6 and 8 s at n = 7.",
)
def input_gradient_along_xhat(n: int) -> Identity:
    """x̂ᵀ∂L/∂x = γε·(Σⱼgⱼx̂ⱼ)/(σ² + ε)^{3/2}."""
    x, g, where = batch(n)
    var = batch_variance(x)
    xhat = normalize(x, var)
    along = component_along_xhat(g, xhat, var)
    return Identity(dot(xhat, input_gradient(g, xhat, var)), along, where=where)


@claim(n=range(2, 9), numeric_n=FULL_BN_NUMERIC_N, expect="refuted")
def input_gradient_orthogonal_to_xhat(n: int) -> Identity:
    """Wrong for ε > 0: x̂ᵀ∂L/∂x = 0 (true only as ε → 0, since Σx̂ᵢ² = nσ²/(σ² + ε))."""
    x, g, where = batch(n)
    var = batch_variance(x)
    xhat = normalize(x, var)
    return Identity(dot(xhat, input_gradient(g, xhat, var)), sp.Integer(0), where=where)


@claim(
    n=range(2, 8),
    numeric_n=FULL_BN_NUMERIC_N,
    notes="Symbolic n ≤ 7: the proof takes about 4 s at n = 7 and 7 s at n = 8.",
)
def input_gradient_orthogonal_without_eps(n: int) -> Identity:
    """With ε = 0 (x not constant): x̂ᵀ∂L/∂x = 0, since then Σx̂ᵢ² = n.

    At a constant x the variance is 0 and x̂ is undefined, so x is declared not constant: its
    first entry below 0 and its last above 1 (every x with two distinct entries is such a batch,
    up to a shift and scale, which leave x̂ unchanged)."""
    x, g, where = batch(n)
    where.pop(eps)
    where.pop(x)
    where.update({x[0]: Interval(-2, 0, open_hi=True), x[n - 1]: Interval(1, 3, open_lo=True)})
    where.update({x[i]: Real() for i in range(1, n - 1)})
    var = batch_variance(x)
    xhat = normalize(x, var, offset=sp.Integer(0))
    grad = input_gradient(g, xhat, var, offset=sp.Integer(0))
    return Identity(dot(xhat, grad), sp.Integer(0), where=where)


@claim(n=range(2, 9), numeric_n=FULL_BN_NUMERIC_N, expect="refuted")
def input_gradient_without_mean_term(n: int) -> Derivative:
    """Wrong: ∂L/∂xᵢ = γ/(n√(σ² + ε))·(n·gᵢ − x̂ᵢ·Σⱼgⱼx̂ⱼ), dropping −Σⱼgⱼ."""
    x, g, where = batch(n)
    var = batch_variance(x)
    xhat = normalize(x, var)
    grad = gamma / (n * sp.sqrt(var + eps)) * (n * g - dot(g, xhat) * xhat)
    return Derivative(batch_norm_loss(x, g), wrt=x, equals=grad, where=where)


@claim(n=range(2, 9), numeric_n=FULL_BN_NUMERIC_N, expect="refuted")
def input_gradient_with_unbiased_variance(n: int) -> Derivative:
    """Wrong: the same formula with σ² = (1/(n − 1))Σⱼ(xⱼ − μ)²."""
    x, g, where = batch(n)
    var = batch_variance(x, unbiased=True)
    grad = input_gradient(g, normalize(x, var), var)
    return Derivative(batch_norm_loss(x, g), wrt=x, equals=grad, where=where)


# ----------------------------------------------------------------------------- large batches

n_batch, g1, g_bar, S = scalar("n"), scalar("g1"), scalar("ḡ"), scalar("S")


@claim()
def centering_gradient_large_batch() -> Limit:
    """Others' mean fixed at ḡ: γ(g₁ − (1/n)(g₁ + (n − 1)ḡ)) → γ(g₁ − ḡ) as n → ∞."""
    grad = gamma * (g1 - (g1 + (n_batch - 1) * g_bar) / n_batch)
    where = {gamma: Real(), g1: Real(), g_bar: Real()}
    return Limit(grad, n_batch, sp.oo, gamma * (g1 - g_bar), where=where)


@claim()
def centering_gradient_large_batch_bounded_sum() -> Limit:
    """Others' sum fixed at S: γ(g₁ − (1/n)(g₁ + S)) → γ·g₁ as n → ∞."""
    grad = gamma * (g1 - (g1 + S) / n_batch)
    where = {gamma: Real(), g1: Real(), S: Real()}
    return Limit(grad, n_batch, sp.oo, gamma * g1, where=where)


@claim(expect="refuted")
def centering_gradient_large_batch_without_gamma() -> Limit:
    """Wrong: others' sum fixed at S: γ(g₁ − (1/n)(g₁ + S)) → g₁ as n → ∞."""
    grad = gamma * (g1 - (g1 + S) / n_batch)
    where = {gamma: Real(), g1: Real(), S: Real()}
    return Limit(grad, n_batch, sp.oo, g1, where=where)
