"""Activation functions: sigmoid and tanh, softplus, and Lipschitz constants.

The logistic sigmoid σ(a) = 1/(1 + e^{−a}) is a shifted and scaled tanh:
σ(a) = ½ + ½·tanh(a/2), because tanh(a/2) = (1 − e^{−a})/(1 + e^{−a}). So a network
with sigmoid hidden units, y = W²σ(W¹x + b¹) + b², computes the same function as one
with tanh hidden units, y = V²tanh(V¹x + c¹) + c², under the explicit map of weights
V¹ = W¹/2, c¹ = b¹/2, V² = W²/2 and c² = b² + ½W²1: the first layer halves, the second
layer's weights halve, and output bias k absorbs ½Σⱼ(W²)_kj. The claim takes input,
hidden and output widths all equal to n.

The softplus s(a) = log(1 + eᵃ) has derivative s′(a) = eᵃ/(1 + eᵃ) = σ(a), and
0 < σ(a) < 1. By the mean value theorem |s(x) − s(x′)| ≤ sup|s′|·|x − x′|, so the
softplus is 1-Lipschitz.

Lipschitz constants combine by simple rules, checked here on sampled pairs (x, x′) for
concrete functions: t ↦ sin(at) and t ↦ tanh(at) have constant |a| (|sin′|, |tanh′| ≤ 1).
A composition f_n ∘ … ∘ f₁ has constant ∏ρᵢ (each layer stretches distances by at most
its ρᵢ); a sum f + g has L_f + L_g; and a product of bounded functions, |f| ≤ K_f and
|g| ≤ K_g, has K_f·L_g + K_g·L_f, from f(x)g(x) − f(x′)g(x′) =
f(x)(g(x) − g(x′)) + g(x′)(f(x) − f(x′)). The verifier proves each one the way the
argument goes on paper: by the mean value theorem, from a bound on |g′| everywhere.

Kept on purpose as wrong versions: σ(a) = ½ + ½·tanh(a), missing the /2 in the argument;
the weight map leaving the output bias unchanged; and "the product fg has constant
L_f·L_g", which fails for f = sin and g = 2 + cos (both 1-Lipschitz, but (fg)′(0) = 3).

Source: C. M. Bishop, *Pattern Recognition and Machine Learning* (2006), §5.1 and
exercise 5.1 (the tanh/sigmoid network equivalence); I. Goodfellow, Y. Bengio and
A. Courville, *Deep Learning* (2016), §3.10 (softplus, ζ′ = σ), §6.3.2 (sigmoid and
tanh units, tanh(z) = 2σ(2z) − 1) and §6.3.3; the product of layer-wise Lipschitz
constants as a bound for a network as in C. Szegedy et al., "Intriguing properties of
neural networks", ICLR (2014), §4.3.
"""

from __future__ import annotations

import sympy as sp

from verifier import Corollary, Derivative, General, Identity, Inequality, Real, claim
from verifier.language.domains import Domain
from verifier.language.mathlib import Matrix, apply, matrix, ones, scalar, scalars, sigmoid, vector


def softplus(a: sp.Expr) -> sp.Expr:
    """s(a) = log(1 + eᵃ)."""
    return sp.log(1 + sp.exp(a))


def sigmoid_network(x: Matrix, W1: Matrix, b1: Matrix, W2: Matrix, b2: Matrix) -> Matrix:
    """y = W²σ(W¹x + b¹) + b²."""
    return W2 * apply(sigmoid, W1 * x + b1) + b2


def tanh_network(x: Matrix, V1: Matrix, c1: Matrix, V2: Matrix, c2: Matrix) -> Matrix:
    """y = V²tanh(V¹x + c¹) + c²."""
    return V2 * apply(sp.tanh, V1 * x + c1) + c2


def network_weights(n: int) -> tuple[Matrix, Matrix, Matrix, Matrix, Matrix, dict[Matrix, Domain]]:
    """x, W¹, b¹, W², b² (all widths n) and their domains.

    The symbols are made real, as their domains say: a product with tanh of plain (complex) symbols
    makes sympy ask where each tanh has a pole, which took 4 s of the claim's build at n = 16."""
    x, b1, b2 = vector("x", n, real=True), vector("b1_", n, real=True), vector("b2_", n, real=True)
    W1, W2 = matrix("W1_", n, real=True), matrix("W2_", n, real=True)
    where: dict[Matrix, Domain] = {x: Real(), W1: General(), b1: Real(), W2: General(), b2: Real()}
    return x, W1, b1, W2, b2, where


def lipschitz_pair() -> tuple[sp.Symbol, sp.Symbol]:
    """Two points x and x′ (written xp)."""
    return scalar("x"), scalar("xp")


@claim()
def sigmoid_as_tanh() -> Identity:
    """σ(a) = ½ + ½·tanh(a/2)."""
    a = scalar("a")
    half = sp.Rational(1, 2)
    return Identity(sigmoid(a), half + half * sp.tanh(a / 2), where={a: Real()})


@claim(n=range(1, 8), numeric_n=(16,), notes="n ≤ 7: n = 8 takes about 20 s to prove")
def tanh_network_equivalence(n: int) -> Identity:
    """W²σ(W¹x + b¹) + b² = V²tanh(V¹x + c¹) + c², V¹ = W¹/2, c¹ = b¹/2, V² = W²/2, c² = b² + ½W²1."""
    x, W1, b1, W2, b2, where = network_weights(n)
    half = sp.Rational(1, 2)
    tanh_net = tanh_network(x, half * W1, half * b1, half * W2, b2 + half * W2 * ones(n))
    return Identity(sigmoid_network(x, W1, b1, W2, b2), tanh_net, where=where)


@claim()
def softplus_derivative() -> Derivative:
    """s′(a) = σ(a) for the softplus s(a) = log(1 + eᵃ)."""
    a = scalar("a")
    return Derivative(softplus(a), wrt=a, equals=sigmoid(a), where={a: Real()})


@claim()
def sigmoid_positive() -> Inequality:
    """σ(a) > 0."""
    a = scalar("a")
    return Inequality(sigmoid(a), ">", sp.Integer(0), where={a: Real()})


@claim()
def sigmoid_below_one() -> Inequality:
    """σ(a) < 1."""
    a = scalar("a")
    return Inequality(sigmoid(a), "<", sp.Integer(1), where={a: Real()})


@claim()
def softplus_lipschitz() -> Corollary:
    """|s(x) − s(x′)| ≤ |x − x′|: the softplus is 1-Lipschitz."""
    x, xp = lipschitz_pair()
    return Corollary(
        of=("softplus_derivative", "sigmoid_positive", "sigmoid_below_one"),
        because="mean value theorem: |s(x) − s(x′)| ≤ sup|s′|·|x − x′| and |s′| = σ < 1",
        states=Inequality(sp.Abs(softplus(x) - softplus(xp)), "<=", sp.Abs(x - xp), where={x: Real(), xp: Real()}),
    )


@claim()
def softplus_lipschitz_sampled() -> Inequality:
    """|s(x) − s(x′)| ≤ |x − x′| on sampled pairs."""
    x, xp = lipschitz_pair()
    lhs = sp.Abs(softplus(x) - softplus(xp))
    return Inequality(lhs, "<=", sp.Abs(x - xp), where={x: Real(), xp: Real()})


@claim(n=range(1, 9), numeric_n=(32,))
def composition_lipschitz(n: int) -> Inequality:
    """|F(x) − F(x′)| ≤ (∏ᵢ|aᵢ|)·|x − x′| for F = f_n ∘ … ∘ f₁, fᵢ(t) = sin(aᵢt) or tanh(aᵢt)."""
    x, xp = lipschitz_pair()
    a = vector("a", n)

    def F(t: sp.Expr) -> sp.Expr:
        for i, ai in enumerate(a):
            t = sp.sin(ai * t) if i % 2 == 0 else sp.tanh(ai * t)
        return t

    rho = sp.Mul(*[sp.Abs(ai) for ai in a])
    return Inequality(sp.Abs(F(x) - F(xp)), "<=", rho * sp.Abs(x - xp), where={x: Real(), xp: Real(), a: Real()})


@claim()
def sum_lipschitz() -> Inequality:
    """|(f + g)(x) − (f + g)(x′)| ≤ (|a| + |b|)·|x − x′| for f(t) = sin(at), g(t) = tanh(bt)."""
    x, xp = lipschitz_pair()
    a, b = scalars("a b")

    def h(t: sp.Expr) -> sp.Expr:
        return sp.sin(a * t) + sp.tanh(b * t)

    bound = (sp.Abs(a) + sp.Abs(b)) * sp.Abs(x - xp)
    return Inequality(sp.Abs(h(x) - h(xp)), "<=", bound, where={x: Real(), xp: Real(), a: Real(), b: Real()})


@claim()
def product_lipschitz() -> Inequality:
    """|fg(x) − fg(x′)| ≤ (K_f·L_g + K_g·L_f)·|x − x′|, f = c·sin(at) (K_f = |c|, L_f = |ca|), g = tanh(bt)."""
    x, xp = lipschitz_pair()
    a, b, c = scalars("a b c")

    def fg(t: sp.Expr) -> sp.Expr:
        return c * sp.sin(a * t) * sp.tanh(b * t)

    K_f, L_f = sp.Abs(c), sp.Abs(c * a)
    K_g, L_g = sp.Integer(1), sp.Abs(b)
    bound = (K_f * L_g + K_g * L_f) * sp.Abs(x - xp)
    return Inequality(
        sp.Abs(fg(x) - fg(xp)),
        "<=",
        bound,
        where={x: Real(), xp: Real(), a: Real(), b: Real(), c: Real()},
    )


@claim(expect="refuted")
def sigmoid_as_tanh_without_half() -> Identity:
    """Wrong: σ(a) = ½ + ½·tanh(a)."""
    a = scalar("a")
    half = sp.Rational(1, 2)
    return Identity(sigmoid(a), half + half * sp.tanh(a), where={a: Real()})


@claim(n=range(1, 9), expect="refuted")
def tanh_network_bias_unchanged(n: int) -> Identity:
    """Wrong: the weight map with c² = b², the output bias left unchanged."""
    x, W1, b1, W2, b2, where = network_weights(n)
    half = sp.Rational(1, 2)
    tanh_net = tanh_network(x, half * W1, half * b1, half * W2, b2)
    return Identity(sigmoid_network(x, W1, b1, W2, b2), tanh_net, where=where)


@claim(expect="refuted")
def product_lipschitz_as_product() -> Inequality:
    """Wrong: |fg(x) − fg(x′)| ≤ L_f·L_g·|x − x′|, for f = sin and g = 2 + cos (L_f = L_g = 1)."""
    x, xp = lipschitz_pair()

    def fg(t: sp.Expr) -> sp.Expr:
        return sp.sin(t) * (2 + sp.cos(t))

    return Inequality(sp.Abs(fg(x) - fg(xp)), "<=", sp.Abs(x - xp), where={x: Real(), xp: Real()})
