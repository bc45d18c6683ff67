"""Homework: the sigmoid's derivative and the softmax cross-entropy gradient, one slip each."""

import sympy as sp

from verifier import Derivative, Identity, Real, Simplex, claim
from verifier.language.mathlib import softmax, vector

t = sp.Symbol("t", real=True)
sigma = 1 / (1 + sp.exp(-t))


@claim()
def sigmoid_derivative() -> Derivative:
    """σ'(t) = σ(t)(1 − σ(t))."""
    return Derivative(sigma, wrt=t, equals=sigma * (1 - sigma), where={t: Real()})


@claim(expect="refuted")
def sigmoid_derivative_slip() -> Derivative:
    """A slip: σ'(t) = σ(t)²."""
    return Derivative(sigma, wrt=t, equals=sigma**2, where={t: Real()})


@claim(n=range(2, 4))
def softmax_ce_gradient(n: int) -> Derivative:
    """∂/∂z of −Σ yᵢ log pᵢ is p − y."""
    z, y = vector("z", n), vector("y", n)
    p = softmax(z)
    loss = -sum(y[i] * sp.log(p[i]) for i in range(n))
    return Derivative(loss, wrt=z, equals=p - y, where={z: Real(), y: Simplex()})


@claim(n=range(2, 4), expect="refuted")
def softmax_sums_to_one_slip(n: int) -> Identity:
    """A slip: p = z / Σ z."""
    z = vector("z", n)
    return Identity(softmax(z), z / sum(z), where={z: Real()})
