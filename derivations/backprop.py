"""Backpropagation in a fully connected sigmoid network with squared error.

The network has layers l = 1, …, L. The input is the first activation, a¹ = x; each layer
forms the weighted input zˡ⁺¹ = Wˡaˡ and the activation aˡ⁺¹ = f(zˡ⁺¹), here with the
logistic sigmoid f = σ, σ(t) = 1/(1 + e^{−t}), whose slope is σ′ = σ(1 − σ). The error
on a target y is E = ½‖y − aᴸ‖². The error signal of a layer is δˡ = ∂E/∂zˡ.

Backpropagation is the chain rule, organised from the output backwards:
  (BP1) δᴸ = −(y − aᴸ) ⊙ f′(zᴸ), since E depends on zᴸ only through aᴸ = f(zᴸ);
  (BP2) δˡ = (Wˡ)ᵀδˡ⁺¹ ⊙ f′(zˡ), since zˡ⁺¹ = Wˡf(zˡ);
  (BP4) ∇_{Wˡ}E = δˡ⁺¹(aˡ)ᵀ, since ∂zᵢˡ⁺¹/∂W_ijˡ = a_jˡ.
With weight decay, Ẽ = E + (λ/2)Σₗ‖Wˡ‖_F², each weight gradient gains the term λWˡ.

Each rule is checked against sympy's own differentiation of a network with L = 3: input
x ∈ ℝ², one hidden layer of width n (the claim family's n), and two outputs, so that
every sum in the chain rule has more than one term while the cost grows only with n.
BP1 concerns the output layer alone, so there n is the number of outputs. The deltas
are stated with zˡ as the variable and the rest of the network built on top of it.

The activation rules come first: σ′ = σ(1 − σ), and the ReLU r(t) = max(0, t) has
r′ = H, the Heaviside step, at every t ≠ 0 (r has no derivative at 0), so that claim is
made on t > 0 and on t < 0 separately.

Kept on purpose as wrong versions: the output delta without the factor f′(zᴸ) (right
for cross-entropy on sigmoid outputs, wrong for squared error), and the hidden delta
without its factor f′(zˡ).

Source: D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning representations by
back-propagating errors", Nature 323 (1986); M. Nielsen, *Neural Networks and Deep
Learning* (2015), ch. 2 (equations BP1, BP2 and BP4) and ch. 3 (L2 regularisation);
C. M. Bishop, *Pattern Recognition and Machine Learning* (2006), §5.3.1 (eqs. 5.53–5.56)
and §5.5.1 (weight decay).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, General, Interval, Positive, Real, claim
from verifier.language.domains import Domain
from verifier.language.mathlib import (
    Matrix,
    apply,
    frobenius_sq,
    hadamard,
    matrix,
    scalar,
    sigmoid,
    squared_norm,
    vector,
)

WIDTH = 2  # of the input and the output layer; the hidden width is the claim's n


def sigmoid_slope(t: sp.Expr) -> sp.Expr:
    """f′(t) = σ(t)(1 − σ(t))."""
    return sigmoid(t) * (1 - sigmoid(t))


def relu(t: sp.Expr) -> sp.Expr:
    """r(t) = max(0, t)."""
    return sp.Max(0, t)


def error(y: Matrix, a_out: Matrix) -> sp.Expr:
    """E = ½‖y − aᴸ‖²."""
    return squared_norm(y - a_out) / 2


def output_delta(y: Matrix, z_out: Matrix) -> Matrix:
    """δᴸ = −(y − f(zᴸ)) ⊙ f′(zᴸ)."""
    return hadamard(-(y - apply(sigmoid, z_out)), apply(sigmoid_slope, z_out))


def hidden_delta(W: Matrix, delta_next: Matrix, z: Matrix) -> Matrix:
    """δˡ = (Wˡ)ᵀδˡ⁺¹ ⊙ f′(zˡ)."""
    return hadamard(W.T * delta_next, apply(sigmoid_slope, z))


def network(n: int) -> tuple[Matrix, Matrix, Matrix, Matrix, dict[Matrix, Domain]]:
    """Input x ∈ ℝ², target y ∈ [0, 1]², weights W¹ (n×2) and W² (2×n), with their domains."""
    x, y = vector("x", WIDTH), vector("y", WIDTH)
    W1, W2 = matrix("W1_", n, WIDTH), matrix("W2_", WIDTH, n)
    return x, y, W1, W2, {x: Real(), y: Interval(0, 1), W1: General(), W2: General()}


def forward(x: Matrix, W1: Matrix, W2: Matrix) -> tuple[Matrix, Matrix, Matrix]:
    """z² = W¹x, a² = f(z²), z³ = W²a²."""
    z2 = W1 * x
    a2 = apply(sigmoid, z2)
    return z2, a2, W2 * a2


def hidden_layer(n: int) -> tuple[Matrix, Matrix, Matrix, Matrix, sp.Expr, dict[Matrix, Domain]]:
    """y, z² ∈ ℝⁿ (the variable), z³ = W²f(z²), W², E(z²) and the domains."""
    y, z2, W2 = vector("y", WIDTH), vector("z2_", n), matrix("W2_", WIDTH, n)
    z3 = W2 * apply(sigmoid, z2)
    E = error(y, apply(sigmoid, z3))
    return y, z2, z3, W2, E, {y: Interval(0, 1), z2: Real(), W2: General()}


@claim()
def sigmoid_derivative() -> Derivative:
    """σ′(t) = σ(t)(1 − σ(t))."""
    t = scalar("t")
    return Derivative(sigmoid(t), wrt=t, equals=sigmoid_slope(t), where={t: Real()})


@claim()
def relu_derivative_positive() -> Derivative:
    """r′(t) = H(t) (= 1) for t > 0, with r(t) = max(0, t)."""
    t = scalar("t")
    return Derivative(relu(t), wrt=t, equals=sp.Heaviside(t), where={t: Positive()})


@claim()
def relu_derivative_negative() -> Derivative:
    """r′(t) = H(t) (= 0) for t < 0, with r(t) = max(0, t)."""
    t = scalar("t")
    return Derivative(relu(t), wrt=t, equals=sp.Heaviside(t), where={t: Interval(-20, 0, open_hi=True)})


@claim(n=range(1, 9), numeric_n=(16,))
def output_delta_rule(n: int) -> Derivative:
    """(BP1) δᴸ = ∂E/∂zᴸ = −(y − aᴸ) ⊙ f′(zᴸ)."""
    y, z3 = vector("y", n), vector("z3_", n)
    E = error(y, apply(sigmoid, z3))
    return Derivative(E, wrt=z3, equals=output_delta(y, z3), where={y: Interval(0, 1), z3: Real()})


@claim(n=range(1, 9), numeric_n=(16,))
def hidden_delta_rule(n: int) -> Derivative:
    """(BP2) δ² = ∂E/∂z² = (W²)ᵀδ³ ⊙ f′(z²)."""
    y, z2, z3, W2, E, where = hidden_layer(n)
    return Derivative(E, wrt=z2, equals=hidden_delta(W2, output_delta(y, z3), z2), where=where)


@claim(n=range(1, 9), numeric_n=(16,))
def output_weight_gradient(n: int) -> Derivative:
    """(BP4) ∇_{W²}E = δ³(a²)ᵀ."""
    x, y, W1, W2, where = network(n)
    _, a2, z3 = forward(x, W1, W2)
    E = error(y, apply(sigmoid, z3))
    return Derivative(E, wrt=W2, equals=output_delta(y, z3) * a2.T, where=where)


@claim(n=range(1, 8), numeric_n=(16,), notes="n ≤ 7: about 5 s per n to prove")
def hidden_weight_gradient(n: int) -> Derivative:
    """(BP4) ∇_{W¹}E = δ²(a¹)ᵀ = δ²xᵀ."""
    x, y, W1, W2, where = network(n)
    z2, _, z3 = forward(x, W1, W2)
    E = error(y, apply(sigmoid, z3))
    delta2 = hidden_delta(W2, output_delta(y, z3), z2)
    return Derivative(E, wrt=W1, equals=delta2 * x.T, where=where)


@claim(n=range(1, 9), numeric_n=(16,))
def decayed_output_weight_gradient(n: int) -> Derivative:
    """∇_{W²}(E + (λ/2)Σₗ‖Wˡ‖_F²) = δ³(a²)ᵀ + λW²."""
    x, y, W1, W2, where = network(n)
    lam = scalar("lambda")
    _, a2, z3 = forward(x, W1, W2)
    E = error(y, apply(sigmoid, z3)) + lam / 2 * (frobenius_sq(W1) + frobenius_sq(W2))
    gradient = output_delta(y, z3) * a2.T + lam * W2
    return Derivative(E, wrt=W2, equals=gradient, where={**where, lam: Positive()})


@claim(n=range(1, 8), numeric_n=(16,), notes="n ≤ 7: about 5 s per n to prove")
def decayed_hidden_weight_gradient(n: int) -> Derivative:
    """∇_{W¹}(E + (λ/2)Σₗ‖Wˡ‖_F²) = δ²xᵀ + λW¹."""
    x, y, W1, W2, where = network(n)
    lam = scalar("lambda")
    z2, _, z3 = forward(x, W1, W2)
    E = error(y, apply(sigmoid, z3)) + lam / 2 * (frobenius_sq(W1) + frobenius_sq(W2))
    gradient = hidden_delta(W2, output_delta(y, z3), z2) * x.T + lam * W1
    return Derivative(E, wrt=W1, equals=gradient, where={**where, lam: Positive()})


@claim(n=range(1, 4), expect="refuted")
def output_delta_without_slope(n: int) -> Derivative:
    """Wrong: δᴸ = −(y − aᴸ), dropping f′(zᴸ)."""
    y, z3 = vector("y", n), vector("z3_", n)
    a3 = apply(sigmoid, z3)
    return Derivative(error(y, a3), wrt=z3, equals=-(y - a3), where={y: Interval(0, 1), z3: Real()})


@claim(n=range(1, 4), expect="refuted")
def hidden_delta_without_slope(n: int) -> Derivative:
    """Wrong: δ² = (W²)ᵀδ³, dropping f′(z²)."""
    y, z2, z3, W2, E, where = hidden_layer(n)
    return Derivative(E, wrt=z2, equals=W2.T * output_delta(y, z3), where=where)
